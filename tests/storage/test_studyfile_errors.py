"""Loading damaged or foreign study files: always StudyFileError, with a clear message."""

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Document
from desktop.storage import studyfile
from desktop.storage.errors import StorageError, StudyFileError
from desktop.storage.saving import encode_study
from desktop.storage.schema import VERSION
from desktop.storage.studyfile import load_study


def make_valid():
    doc = Document(text="Intro. گزارش 😀 claim here. More text; claim here again.", title="T")
    s = new_study_for(doc)
    for passage, cat in [("گزارش 😀", "claim"), ("claim here", "evidence")]:
        start = doc.text.index(passage)
        h = make_highlight(doc, start, start + len(passage), cat)
        h.note = "note " + passage
        s.highlights[h.id] = h
    s.note = "study note"
    return s


VALID_BYTES = encode_study(make_valid())
VALID = json.loads(VALID_BYTES)


def write(tmp_path, content, name="bad.crosslight"):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def load_error(path):
    with pytest.raises(StudyFileError) as info:
        load_study(path)
    assert type(info.value) is StudyFileError
    assert isinstance(info.value, StorageError)
    return str(info.value)


def edited(edit):
    data = copy.deepcopy(VALID)
    edit(data)
    return data


def test_valid_fixture_loads(tmp_path):
    loaded = load_study(write(tmp_path, VALID_BYTES))
    assert len(loaded.study.highlights) == 2 and loaded.orphans == []


def test_missing_file(tmp_path):
    assert "does not exist" in load_error(tmp_path / "nope.crosslight")


def test_directory(tmp_path):
    folder = tmp_path / "folder.crosslight"
    folder.mkdir()
    assert "folder" in load_error(folder)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b'{"format": "crosslight-study", \xff\xfe}', "UTF-8"),
        (b"", "not valid JSON"),
        (b"   \n", "not valid JSON"),
        (VALID_BYTES.decode()[: len(VALID_BYTES.decode()) // 2].encode(), "not valid JSON"),
        (VALID_BYTES[:-3], "not valid JSON"),
        (b'{"format": "crosslight-study", "version": NaN}', "not valid JSON"),
        (b'{"format": "crosslight-study", "version": Infinity}', "not valid JSON"),
        (b"[" * 100_000, "not valid JSON"),
        (b'{"a":' * 100_000, "not valid JSON"),
        (b'{"format": "crosslight-study", "x": "\\ud800"}', "not valid JSON"),
        (b"[]", "not a Crosslight study file"),
        (b'["crosslight-study", 1]', "not a Crosslight study file"),
        (b'"crosslight-study"', "not a Crosslight study file"),
        (b"null", "not a Crosslight study file"),
        (b"42", "not a Crosslight study file"),
        (b"{}", "not a Crosslight study file"),
        (b'{"format": "something-else", "version": 1}', "not a Crosslight study file"),
        (b'{"format": ["crosslight-study"], "version": 1}', "not a Crosslight study file"),
    ],
)
def test_unreadable_content(tmp_path, content, words):
    path = write(tmp_path, content, name="weird.crosslight")
    message = load_error(path)
    assert words in message
    assert "weird.crosslight" in message


def test_too_large_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(studyfile, "MAX_STUDY_BYTES", 100)
    assert "larger than any study file" in load_error(write(tmp_path, VALID_BYTES))


def test_newer_version(tmp_path):
    newer = edited(lambda d: d.update(version=VERSION + 1, requires=VERSION + 1))
    message = load_error(write(tmp_path, newer))
    assert "newer Crosslight" in message
    assert str(VERSION + 1) in message
    assert "update" in message.lower()


@pytest.mark.parametrize("version", [None, True, False, "1", 1.0, 0, -1, [1], {"v": 1}])
def test_invalid_version(tmp_path, version):
    data = edited(lambda d: d.update(version=version))
    assert "format version" in load_error(write(tmp_path, data))


def test_missing_version(tmp_path):
    assert "format version" in load_error(write(tmp_path, edited(lambda d: d.pop("version"))))


STR_FIELDS = [
    ("study", "id"), ("study", "title"), ("study", "note"), ("study", "created"),
    ("study", "modified"),
    ("categories", 0, "id"), ("categories", 0, "name"), ("categories", 0, "color"),
    ("documents", 0, "id"), ("documents", 0, "title"), ("documents", 0, "media_type"),
    ("documents", 0, "source_path"), ("documents", 0, "added"), ("documents", 0, "sha256"),
    ("documents", 0, "text"),
    ("highlights", 0, "id"), ("highlights", 0, "document"), ("highlights", 0, "category"),
    ("highlights", 0, "note"), ("highlights", 0, "created"), ("highlights", 0, "modified"),
    ("highlights", 0, "target", "selectors", 0, "type"),
    ("highlights", 0, "target", "selectors", 0, "exact"),
    ("highlights", 0, "target", "selectors", 0, "prefix"),
    ("highlights", 0, "target", "selectors", 0, "suffix"),
]
INT_FIELDS = [
    ("highlights", 0, "target", "selectors", 1, "start"),
    ("highlights", 0, "target", "selectors", 1, "end"),
]
CONTAINERS = [
    ("study",), ("categories",), ("categories", 0), ("documents",), ("documents", 0),
    ("highlights",), ("highlights", 0), ("highlights", 0, "target"),
    ("highlights", 0, "target", "selectors"), ("highlights", 0, "target", "selectors", 0),
]


def dotted(path):
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def set_at(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def delete_at(data, path):
    for part in path[:-1]:
        data = data[part]
    del data[path[-1]]


@pytest.mark.parametrize("path", STR_FIELDS, ids=dotted)
@pytest.mark.parametrize("value", [None, 7, 1.5, True, [], {}], ids=repr)
def test_wrong_type_for_text_field(tmp_path, path, value):
    message = load_error(write(tmp_path, edited(lambda d: set_at(d, path, value))))
    assert dotted(path) in message
    assert "should be text" in message
    assert "damaged" in message and "bad.crosslight" in message


@pytest.mark.parametrize("path", INT_FIELDS, ids=dotted)
@pytest.mark.parametrize("value", [None, "3", 1.5, True, False, [], {}], ids=repr)
def test_wrong_type_for_offset(tmp_path, path, value):
    message = load_error(write(tmp_path, edited(lambda d: set_at(d, path, value))))
    assert dotted(path) in message
    assert "whole number" in message


@pytest.mark.parametrize("path", INT_FIELDS, ids=dotted)
@pytest.mark.parametrize("value", [-1, -(2**40), 2**53 + 1, 2**63])
def test_offset_out_of_range(tmp_path, path, value):
    message = load_error(write(tmp_path, edited(lambda d: set_at(d, path, value))))
    assert dotted(path) in message
    assert "out of range" in message


def test_huge_offset_beyond_64_bits(tmp_path):
    path = INT_FIELDS[0]
    message = load_error(write(tmp_path, edited(lambda d: set_at(d, path, 2**70))))
    assert dotted(path) in message


@pytest.mark.parametrize("path", CONTAINERS, ids=dotted)
@pytest.mark.parametrize("value", ["text", 3, None, True], ids=repr)
def test_wrong_type_for_container(tmp_path, path, value):
    message = load_error(write(tmp_path, edited(lambda d: set_at(d, path, value))))
    assert dotted(path) in message
    assert "should be" in message


@pytest.mark.parametrize(
    "path",
    [
        ("study",), ("study", "id"),
        ("categories", 0, "id"), ("categories", 0, "name"), ("categories", 0, "color"),
        ("documents", 0, "id"), ("documents", 0, "text"), ("documents", 0, "sha256"),
        ("highlights", 0, "id"), ("highlights", 0, "document"), ("highlights", 0, "category"),
        ("highlights", 0, "target"),
        ("highlights", 0, "target", "selectors", 0, "type"),
        ("highlights", 0, "target", "selectors", 0, "exact"),
        ("highlights", 0, "target", "selectors", 1, "start"),
        ("highlights", 0, "target", "selectors", 1, "end"),
    ],
    ids=dotted,
)
def test_missing_required_key(tmp_path, path):
    message = load_error(write(tmp_path, edited(lambda d: delete_at(d, path))))
    assert dotted(path) in message
    assert "missing" in message


@pytest.mark.parametrize(
    ("path", "words"),
    [
        (("categories",), "unknown category"),
        (("documents",), "unknown document"),
        (("highlights", 0, "target", "selectors"), "TextQuoteSelector"),
        (("highlights", 0, "target", "selectors", 0), "TextQuoteSelector"),
    ],
    ids=lambda v: dotted(v) if isinstance(v, tuple) else v,
)
def test_missing_list_makes_references_fail(tmp_path, path, words):
    assert words in load_error(write(tmp_path, edited(lambda d: delete_at(d, path))))


def test_empty_exact_quote_refused(tmp_path):
    path = ("highlights", 0, "target", "selectors", 0, "exact")
    assert "TextQuoteSelector" in load_error(write(tmp_path, edited(lambda d: set_at(d, path, ""))))


@pytest.mark.parametrize(
    ("key", "words"),
    [("highlights", "duplicate highlight id"), ("documents", "duplicate document id"),
     ("categories", "duplicate category id")],
)
def test_duplicate_ids(tmp_path, key, words):
    def dup(d):
        if key == "highlights":
            d[key][1]["id"] = d[key][0]["id"]
        else:
            d[key].append(copy.deepcopy(d[key][0]))

    message = load_error(write(tmp_path, edited(dup)))
    assert words in message
    assert f"{key}[" in message


def test_unknown_document_and_category_references(tmp_path):
    data = edited(lambda d: d["highlights"][1].update(document="d-elsewhere"))
    assert "highlights[1].document refers to an unknown document" in load_error(
        write(tmp_path, data))
    data = edited(lambda d: d["highlights"][0].update(category="no-such"))
    assert "highlights[0].category refers to an unknown category" in load_error(
        write(tmp_path, data))


def test_sha256_mismatch(tmp_path):
    data = edited(lambda d: d["documents"][0].update(text=d["documents"][0]["text"] + "!"))
    message = load_error(write(tmp_path, data))
    assert "SHA-256" in message and "documents[0]" in message
    data = edited(lambda d: d["documents"][0].update(sha256="0" * 64))
    assert "SHA-256" in load_error(write(tmp_path, data))


# -- fuzzing -------------------------------------------------------------------------------

def all_paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from all_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from all_paths(value, (*prefix, i))


FIXTURE_OK = [HealthCheck.function_scoped_fixture]  # the file is rewritten for every example
PATHS = [p for p in all_paths(VALID) if p]
ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**80), 2**80), st.floats(allow_nan=False),
    st.text(max_size=5), st.just([]), st.just({}), st.just([{}]), st.just({"type": 1}),
    st.sampled_from(["TextQuoteSelector", "TextPositionSelector", "crosslight-study"]),
)


@st.composite
def mutated(draw):
    data = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(PATHS))
        try:
            parent = data
            for part in path[:-1]:
                parent = parent[part]
            key = path[-1]
            if draw(st.booleans()):
                del parent[key]
            else:
                old = parent[key]
                if isinstance(old, int) and not isinstance(old, bool) and draw(st.booleans()):
                    parent[key] = old + draw(st.integers(-1000, 1000))
                elif isinstance(old, str) and draw(st.booleans()):
                    cut = draw(st.integers(0, len(old)))
                    parent[key] = old[:cut] + draw(st.text(max_size=3)) + old[cut + 1 :]
                else:
                    parent[key] = draw(ODD_VALUES)
        except (KeyError, IndexError, TypeError):
            pass  # an earlier mutation removed or replaced this path
    raw = json.dumps(data, ensure_ascii=draw(st.booleans())).encode("utf-8")
    damage = draw(st.sampled_from(["none"] * 6 + ["truncate", "byte"]))
    if damage == "truncate":
        raw = raw[: len(raw) - draw(st.integers(1, len(raw)))]
    elif damage == "byte":
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + bytes([draw(st.integers(0, 255))]) + raw[at + 1 :]
    return raw


@settings(max_examples=300, deadline=None, suppress_health_check=FIXTURE_OK)
@given(raw=mutated())
def test_fuzzed_files_load_or_raise_study_file_error(tmp_path, raw):
    path = tmp_path / "fuzz.crosslight"
    path.write_bytes(raw)
    try:
        loaded = load_study(path)
    except StudyFileError as err:
        assert str(err)
        return
    study = loaded.study
    for h in study.highlights.values():
        assert h.document_id in study.documents
        assert study.category(h.category_id) is not None
        if h.is_orphan:
            assert h.id in loaded.orphans
        else:
            assert study.documents[h.document_id].text[h.start : h.end] == h.quote.exact


@settings(max_examples=150, deadline=None, suppress_health_check=FIXTURE_OK)
@given(raw=st.binary(max_size=300))
def test_random_bytes_raise_only_study_file_error(tmp_path, raw):
    path = tmp_path / "fuzz.crosslight"
    path.write_bytes(raw)
    with pytest.raises(StudyFileError):
        load_study(path)
