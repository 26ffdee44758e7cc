"""Study-file format version 2, damaged cross-checking data: unknown values, dangling ids,
duplicates, wrong types and missing keys are refused with a StudyFileError that says where."""

import copy
import json

import pytest

from desktop.storage.errors import StorageError, StudyFileError
from desktop.storage.studyfile import load_study
from tests.storage.schema_v2_helpers import FIXTURE_V1, VALID, VALID_BYTES


def hl(data, hid):
    """Index of a highlight in the file (they are written in document order)."""
    return next(i for i, h in enumerate(data["highlights"]) if h["id"] == hid)


H0, H2 = hl(VALID, "h-0"), hl(VALID, "h-2")


def load_error(tmp_path, edit):
    data = copy.deepcopy(VALID)
    edit(data)
    path = tmp_path / "bad.crosslight"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(StudyFileError) as info:
        load_study(path)
    assert type(info.value) is StudyFileError
    assert isinstance(info.value, StorageError)
    message = str(info.value)
    assert "bad.crosslight" in message and "damaged" in message
    return message


def test_valid_v2_fixture_loads(tmp_path):
    path = tmp_path / "ok.crosslight"
    path.write_bytes(VALID_BYTES)
    loaded = load_study(path)
    assert len(loaded.study.references) == 3 and len(loaded.study.links) == 5


def set_key(*path_and_value):
    *path, value = path_and_value

    def edit(data):
        node = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value

    return edit


@pytest.mark.parametrize(
    ("edit", "where", "value", "allowed"),
    [
        (set_key("highlights", H0, "citations", 1, "stance", "agrees"),
         f"highlights[{H0}].citations[1].stance", "agrees",
         "supports, contradicts, context, unclear"),
        (set_key("highlights", H0, "citations", 0, "stance", "Supports"),
         f"highlights[{H0}].citations[0].stance", "Supports",
         "supports, contradicts, context, unclear"),
        (set_key("highlights", H2, "verdict", "value", "true"),
         f"highlights[{H2}].verdict.value", "true",
         "unverified, supported, disputed, false, misleading, opinion"),
        (set_key("highlights", H0, "verdict", "value", "Opinion — not checkable"),
         f"highlights[{H0}].verdict.value", "Opinion — not checkable",
         "unverified, supported, disputed, false, misleading, opinion"),
        (set_key("links", 2, "relation", "refutes"), "links[2].relation", "refutes",
         "same-claim, contradicts, elaborates, see-also"),
        (set_key("links", 0, "relation", "same claim"), "links[0].relation", "same claim",
         "same-claim, contradicts, elaborates, see-also"),
        (set_key("documents", 0, "source", "trust", "very high"), "documents[0].source.trust",
         "very high", "unknown, low, mixed, high"),
        (set_key("documents", 0, "source", "trust", ""), "documents[0].source.trust", "",
         "unknown, low, mixed, high"),
    ],
    ids=["stance", "stance-case", "verdict", "verdict-label", "relation", "relation-label",
         "trust", "trust-empty"],
)
def test_unknown_enum_value_lists_the_allowed_values(tmp_path, edit, where, value, allowed):
    message = load_error(tmp_path, edit)
    assert f"{where} is {value!r}" in message
    assert f"expected one of: {allowed}" in message


def test_citation_of_unknown_reference(tmp_path):
    message = load_error(
        tmp_path, set_key("highlights", H2, "citations", 1, "reference", "r-missing"))
    assert f"highlights[{H2}].citations[1].reference refers to an unknown reference" in message


def test_citation_of_deleted_reference(tmp_path):
    message = load_error(tmp_path, lambda d: d["references"].pop(2))  # r-url, cited by h-2
    assert f"highlights[{H2}].citations[0].reference refers to an unknown reference" in message


def test_citation_may_not_point_at_a_highlight_id(tmp_path):
    message = load_error(tmp_path, set_key("highlights", H0, "citations", 0, "reference", "h-1"))
    assert "unknown reference" in message


@pytest.mark.parametrize("end", ["source", "target"])
@pytest.mark.parametrize("value", ["h-missing", "r-full", "", "d-main"])
def test_link_with_unknown_end(tmp_path, end, value):
    message = load_error(tmp_path, set_key("links", 3, end, value))
    assert "links[3] joins a highlight that does not exist" in message


def test_link_to_a_deleted_highlight(tmp_path):
    message = load_error(tmp_path, lambda d: d["highlights"].pop(hl(d, "h-3")))
    assert "links[2] joins a highlight that does not exist" in message


@pytest.mark.parametrize("hid", ["h-0", "h-orphan"])
def test_link_to_itself(tmp_path, hid):
    def edit(data):
        data["links"][1].update(source=hid, target=hid)

    message = load_error(tmp_path, edit)
    assert "links[1]" in message and "itself" in message


def test_duplicate_reference_id(tmp_path):
    message = load_error(tmp_path, set_key("references", 2, "id", "r-full"))
    assert "references[2]: duplicate reference id 'r-full'" in message


def test_duplicate_link_id(tmp_path):
    message = load_error(tmp_path, set_key("links", 4, "id", "l-0"))
    assert "links[4]" in message and "duplicate" in message


def test_identical_link_repeated(tmp_path):
    message = load_error(tmp_path, lambda d: d["links"].append(copy.deepcopy(d["links"][0])))
    assert "links[5]" in message and "duplicate" in message


def test_duplicate_citation_id_within_a_highlight(tmp_path):
    message = load_error(tmp_path, set_key("highlights", H0, "citations", 3, "id", "c-0-1"))
    assert f"highlights[{H0}]: duplicate citation id 'c-0-1'" in message


def test_duplicate_citation_id_across_highlights(tmp_path):
    first, second = sorted([H0, H2])
    cid = VALID["highlights"][first]["citations"][0]["id"]
    message = load_error(tmp_path, set_key("highlights", second, "citations", 0, "id", cid))
    assert f"highlights[{second}]: duplicate citation id {cid!r}" in message


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (set_key("highlights", H0, "verdict", "supported"),
         f"highlights[{H0}].verdict should be an object, not text"),
        (set_key("highlights", H0, "verdict", ["supported", ""]),
         f"highlights[{H0}].verdict should be an object, not a list"),
        (set_key("highlights", H0, "verdict", None),
         f"highlights[{H0}].verdict should be an object, not null"),
        (set_key("highlights", H0, "verdict", "value", 1),
         f"highlights[{H0}].verdict.value should be text, not a number"),
        (set_key("highlights", H0, "verdict", "value", None),
         f"highlights[{H0}].verdict.value should be text, not null"),
        (set_key("highlights", H0, "verdict", "rationale", ["why"]),
         f"highlights[{H0}].verdict.rationale should be text, not a list"),
        (set_key("highlights", H0, "citations", {"id": "c"}),
         f"highlights[{H0}].citations should be a list, not an object"),
        (set_key("highlights", H0, "citations", "r-full"),
         f"highlights[{H0}].citations should be a list, not text"),
        (set_key("highlights", H0, "citations", None),
         f"highlights[{H0}].citations should be a list, not null"),
        (set_key("highlights", H0, "citations", 0, "r-full"),
         f"highlights[{H0}].citations[0] should be an object, not text"),
        (set_key("highlights", H0, "citations", 0, "stance", True),
         f"highlights[{H0}].citations[0].stance should be text, not true/false"),
        (set_key("highlights", H0, "citations", 0, "comment", 3),
         f"highlights[{H0}].citations[0].comment should be text, not a number"),
        (set_key("highlights", H0, "citations", 0, "reference", ["r-full"]),
         f"highlights[{H0}].citations[0].reference should be text, not a list"),
        (set_key("references", 0, "url", 42), "references[0].url should be text, not a number"),
        (set_key("references", 1, "title", None), "references[1].title should be text, not null"),
        (set_key("references", 0, "id", 7), "references[0].id should be text, not a number"),
        (set_key("references", {}), "references should be a list, not an object"),
        (set_key("references", 0, "r-full"), "references[0] should be an object, not text"),
        (set_key("links", "l-0"), "links should be a list, not text"),
        (set_key("links", 0, ["h-0", "h-1"]), "links[0] should be an object, not a list"),
        (set_key("links", 0, "relation", None), "links[0].relation should be text, not null"),
        (set_key("links", 0, "source", 0), "links[0].source should be text, not a number"),
        (set_key("documents", 0, "source", "Reuters"),
         "documents[0].source should be an object, not text"),
        (set_key("documents", 0, "source", "trust", 3),
         "documents[0].source.trust should be text, not a number"),
        (set_key("documents", 0, "source", "notes", {}),
         "documents[0].source.notes should be text, not an object"),
    ],
    ids=lambda v: None if callable(v) else v.split(" should")[0],
)
def test_wrong_types(tmp_path, edit, words):
    assert words in load_error(tmp_path, edit)


@pytest.mark.parametrize(
    "path",
    [
        ("references", 0, "id"),
        ("highlights", H0, "citations", 0, "id"),
        ("highlights", H0, "citations", 0, "reference"),
        ("links", 0, "id"),
        ("links", 0, "source"),
        ("links", 0, "target"),
    ],
    ids=lambda p: ".".join(map(str, p)),
)
def test_missing_required_v2_keys(tmp_path, path):
    def edit(data):
        node = data
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]

    message = load_error(tmp_path, edit)
    where = f"{path[0]}[{path[1]}]" + "".join(
        f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[2:])
    assert f"{where} is missing" in message


def test_v1_file_with_bad_cross_check_data_is_refused(tmp_path):
    """A file claiming version 1 but carrying bad v2 keys still gets validated."""
    data = json.loads(FIXTURE_V1.read_text(encoding="utf-8"))
    data["highlights"][0]["verdict"] = {"value": "maybe"}
    path = tmp_path / "odd.crosslight"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(StudyFileError) as info:
        load_study(path)
    assert type(info.value) is StudyFileError
    assert "highlights[0].verdict.value is 'maybe'" in str(info.value)
