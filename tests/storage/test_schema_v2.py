"""Study-file format version 2: the cross-checking layer round-trips, v1 files migrate,
and damaged cross-checking data is refused with a StudyFileError that says where."""

import copy
import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.anchoring import TextQuoteSelector
from desktop.domain.crosscheck import Relation, Stance, Trust, Verdict
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import (
    Citation,
    Document,
    Highlight,
    Link,
    Reference,
    SourceAssessment,
    Study,
)
from desktop.storage.errors import StorageError, StudyFileError
from desktop.storage.migrations import migrate
from desktop.storage.schema import VERSION
from desktop.storage.studyfile import encode_study, load_study, save_study

FIXTURE_V1 = Path(__file__).parent / "fixtures" / "study-v1.crosslight"

FAMILY = "👩\u200d👩\u200d👧"
TEXT = (
    "Intro 😀 «quote».\nگزارش: گروه نجبا اعلام کرد.\nThe 9,000 troops remain.\n"
    f"{FAMILY} family.\nFifth claim here. Sixth claim there.\n"
)
PASSAGES = ["😀", "گروه نجبا", "9,000 troops", FAMILY, "Fifth claim", "Sixth claim"]
VERDICTS = list(Verdict)
assert len(PASSAGES) == len(VERDICTS)

FULL_REFERENCE = dict(
    url="https://example.org/گزارش?q=😀&x=1#frag",
    title="«Report» — گزارش 😀 \"quoted\"",
    author="Zoë Ōtsuka & خبرگزاری",
    published="2024-02-29",
    accessed="2026-11-20T09:00:00Z",
    excerpt="Line one\nline two\twith tab 👩\u200d👩\u200d👧",
    note="**bold** note\r\nwith CRLF",
)


def build_study(trust=Trust.HIGH):
    """One highlight per verdict, one citation per stance, one link per relation, an orphan."""
    doc = Document(text=TEXT, title="Cross-check 😀", source_path="/tmp/x.txt", id="d-main")
    doc.source = SourceAssessment(
        publisher="خبرگزاری فارس 😀", stance="state-aligned «conservative»", trust=trust,
        notes="Owned by …\nsecond line",
    )
    study = new_study_for(doc)
    study.note = "Study *note* گزارش"
    study.references = {
        "r-full": Reference(id="r-full", created="2026-01-01T00:00:00Z",
                            modified="2026-01-02T00:00:00Z", **FULL_REFERENCE),
        "r-empty": Reference(id="r-empty", created="2026-01-03T00:00:00Z",
                             modified="2026-01-03T00:00:00Z"),
        "r-url": Reference(id="r-url", url="https://only.example/", created="c", modified="m"),
    }
    for i, (passage, verdict) in enumerate(zip(PASSAGES, VERDICTS, strict=True)):
        start = TEXT.index(passage)
        h = make_highlight(doc, start, start + len(passage), "claim")
        h.id = f"h-{i}"
        h.note = f"note {i} 😀"
        h.verdict = verdict
        h.rationale = f"because «{verdict.value}» ✔" if i % 2 else f"line 1\nline 2 {i}"
        h.tags = ["economy", f"tag {i}", "تحریم‌ها"][: i % 4]
        study.highlights[h.id] = h
    study.highlights["h-0"].citations = [
        Citation("r-full", stance, f"{stance.value} comment 😀", id=f"c-0-{j}")
        for j, stance in enumerate(Stance)
    ]
    study.highlights["h-2"].citations = [
        Citation("r-url", Stance.CONTRADICTS, "", id="c-2-0"),
        Citation("r-full", Stance.SUPPORTS, "same ref, other stance", id="c-2-1"),
        Citation("r-url", Stance.CONTEXT, "cited twice", id="c-2-2"),
    ]
    orphan = Highlight(doc.id, TextQuoteSelector("vanished passage", "a ", " b"), None, None,
                       "question", note="orphan", id="h-orphan", verdict=Verdict.FALSE,
                       rationale="gone", citations=[Citation("r-empty", id="c-orphan")])
    study.highlights[orphan.id] = orphan
    for j, (a, b, relation) in enumerate([
        ("h-0", "h-1", Relation.SAME_CLAIM), ("h-2", "h-0", Relation.CONTRADICTS),
        ("h-3", "h-4", Relation.ELABORATES), ("h-5", "h-orphan", Relation.SEE_ALSO),
        ("h-1", "h-0", Relation.CONTRADICTS),
    ]):
        study.links[f"l-{j}"] = Link(a, b, relation, id=f"l-{j}")
    return study


def field_values(obj):
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


def assert_equal_studies(loaded: Study, expected: Study):
    """Field by field, with orders and enum types: StrEnum members equal plain strings."""
    for name in ("id", "title", "note", "created", "modified"):
        assert getattr(loaded, name) == getattr(expected, name), name
    assert loaded.categories == expected.categories
    assert list(loaded.documents) == list(expected.documents)
    for did, doc in expected.documents.items():
        got = loaded.documents[did]
        for name, value in field_values(doc).items():
            assert getattr(got, name) == value, (did, name)
        assert type(got.source) is SourceAssessment
        assert type(got.source.trust) is Trust
    assert list(loaded.references) == list(expected.references)
    for rid, ref in expected.references.items():
        got = loaded.references[rid]
        for name, value in field_values(ref).items():
            assert getattr(got, name) == value, (rid, name)
    assert set(loaded.highlights) == set(expected.highlights)
    for hid, h in expected.highlights.items():
        got = loaded.highlights[hid]
        for name, value in field_values(h).items():
            if name == "citations":
                continue
            assert getattr(got, name) == value, (hid, name)
        assert type(got.verdict) is Verdict
        assert len(got.citations) == len(h.citations)
        for got_c, c in zip(got.citations, h.citations, strict=True):
            for name, value in field_values(c).items():
                assert getattr(got_c, name) == value, (hid, c.id, name)
            assert type(got_c.stance) is Stance
    assert list(loaded.links) == list(expected.links)
    for lid, link in expected.links.items():
        got = loaded.links[lid]
        for name, value in field_values(link).items():
            assert getattr(got, name) == value, (lid, name)
        assert type(got.relation) is Relation


# -- round trip -----------------------------------------------------------------------------

@pytest.mark.parametrize("trust", list(Trust))
def test_round_trip_keeps_the_cross_checking_layer(tmp_path, trust):
    study = build_study(trust)
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    loaded = load_study(path)
    assert loaded.orphans == ["h-orphan"]
    assert_equal_studies(loaded.study, study)
    assert loaded.study.main_document.source.trust is trust
    # and a second save of what was loaded writes the same bytes
    assert encode_study(loaded.study) == path.read_bytes()


def test_round_trip_covers_every_value():
    study = build_study()
    assert {h.verdict for h in study.highlights.values()} == set(Verdict)
    assert {c.stance for h in study.highlights.values() for c in h.citations} == set(Stance)
    assert {k.relation for k in study.links.values()} == set(Relation)


def test_round_trip_of_defaults(tmp_path):
    doc = Document(text="Plain text claim.", title="Plain")
    study = new_study_for(doc)
    h = make_highlight(doc, 6, 10, "claim")
    study.highlights[h.id] = h
    ref = Reference()
    study.references[ref.id] = ref
    h.citations.append(Citation(ref.id))
    path = tmp_path / "d.crosslight"
    save_study(study, path)
    loaded = load_study(path).study
    assert_equal_studies(loaded, study)
    got = loaded.highlights[h.id]
    assert (got.verdict, got.rationale) == (Verdict.UNVERIFIED, "")
    assert got.citations[0].stance is Stance.UNCLEAR and got.citations[0].comment == ""
    assert loaded.main_document.source == SourceAssessment()
    assert loaded.main_document.source.is_empty


def test_saved_json_is_version_2_with_documented_keys(tmp_path):
    study = build_study(Trust.MIXED)
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert VERSION == 2
    assert data["version"] == 2
    assert set(data) == {"format", "version", "offset_unit", "study", "categories", "documents",
                         "references", "highlights", "links"}
    assert set(data["study"]) == {"id", "title", "note", "created", "modified"}
    (document,) = data["documents"]
    assert set(document) == {"id", "title", "media_type", "source_path", "added", "sha256",
                             "text", "url", "author", "published", "source"}
    assert document["source"] == {
        "publisher": "خبرگزاری فارس 😀", "stance": "state-aligned «conservative»",
        "trust": "mixed", "notes": "Owned by …\nsecond line",
    }
    assert [r["id"] for r in data["references"]] == ["r-full", "r-empty", "r-url"]
    for r in data["references"]:
        assert set(r) == {"id", "url", "title", "author", "published", "accessed", "excerpt",
                          "note", "created", "modified"}
    assert data["references"][0] == {"id": "r-full", "created": "2026-01-01T00:00:00Z",
                                     "modified": "2026-01-02T00:00:00Z", **FULL_REFERENCE}
    by_id = {h["id"]: h for h in data["highlights"]}
    for h in data["highlights"]:
        assert set(h) == {"id", "document", "category", "note", "created", "modified",
                          "verdict", "citations", "target", "tags"}
        assert set(h["verdict"]) == {"value", "rationale"}
        for c in h["citations"]:
            assert set(c) == {"id", "reference", "stance", "comment"}
    assert {h["verdict"]["value"] for h in data["highlights"]} == {v.value for v in Verdict}
    assert by_id["h-1"]["verdict"] == {"value": "supported", "rationale": "because «supported» ✔"}
    assert by_id["h-0"]["citations"] == [
        {"id": f"c-0-{j}", "reference": "r-full", "stance": s, "comment": f"{s} comment 😀"}
        for j, s in enumerate(["supports", "contradicts", "context", "unclear"])
    ]
    assert by_id["h-orphan"]["target"]["selectors"] == [
        {"type": "TextQuoteSelector", "exact": "vanished passage", "prefix": "a ", "suffix": " b"}
    ]
    assert data["links"] == [
        {"id": "l-0", "source": "h-0", "target": "h-1", "relation": "same-claim"},
        {"id": "l-1", "source": "h-2", "target": "h-0", "relation": "contradicts"},
        {"id": "l-2", "source": "h-3", "target": "h-4", "relation": "elaborates"},
        {"id": "l-3", "source": "h-5", "target": "h-orphan", "relation": "see-also"},
        {"id": "l-4", "source": "h-1", "target": "h-0", "relation": "contradicts"},
    ]


def test_saved_file_keeps_unicode_unescaped(tmp_path):
    path = tmp_path / "s.crosslight"
    save_study(build_study(), path)
    text = path.read_text(encoding="utf-8")
    assert "\\u" not in text
    assert "خبرگزاری فارس 😀" in text and "«Report» — گزارش 😀" in text


def test_optional_v2_keys_default_when_absent(tmp_path):
    data = json.loads(encode_study(build_study()))
    for h in data["highlights"]:
        del h["verdict"]
        for c in h["citations"]:
            del c["stance"], c["comment"]
    for link in data["links"]:
        del link["relation"]
    for r in data["references"]:
        for key in ("url", "title", "author", "published", "accessed", "excerpt", "note",
                    "created", "modified"):
            del r[key]
    del data["documents"][0]["source"]
    path = tmp_path / "sparse.crosslight"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    study = load_study(path).study
    assert all(h.verdict is Verdict.UNVERIFIED and h.rationale == ""
               for h in study.highlights.values())
    assert all(c.stance is Stance.UNCLEAR and c.comment == ""
               for h in study.highlights.values() for c in h.citations)
    assert all(k.relation is Relation.SEE_ALSO for k in study.links.values())
    assert all(r.url == r.title == r.note == "" for r in study.references.values())
    assert study.main_document.source == SourceAssessment()


# -- migration of the version-1 fixture -----------------------------------------------------

@pytest.fixture
def v1_copy(tmp_path):
    path = tmp_path / "old.crosslight"
    shutil.copyfile(FIXTURE_V1, path)
    return path


def test_fixture_really_is_version_1():
    data = json.loads(FIXTURE_V1.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert "references" not in data and "links" not in data
    assert all("verdict" not in h and "citations" not in h for h in data["highlights"])
    assert all("source" not in d for d in data["documents"])


def test_v1_fixture_migrates_with_version_2_defaults(v1_copy):
    original_bytes = v1_copy.read_bytes()
    loaded = load_study(v1_copy)
    study = loaded.study
    assert loaded.orphans == []
    assert study.references == {}
    assert study.links == {}
    assert set(study.highlights) == {"h-fixture1", "h-fixture2"}
    for h in study.highlights.values():
        assert h.verdict is Verdict.UNVERIFIED
        assert h.rationale == ""
        assert h.citations == []
        assert study.links_of(h.id) == []
    doc = study.documents["d-fixture1"]
    assert doc.source == SourceAssessment()
    assert doc.source.trust is Trust.UNKNOWN
    assert doc.source.is_empty
    assert v1_copy.read_bytes() == original_bytes  # opening never rewrites the old file


def test_v1_fixture_keeps_highlights_notes_and_study_note(v1_copy):
    study = load_study(v1_copy).study
    assert (study.id, study.title, study.note) == ("s-fixture1", "Sample article",
                                                   "Study note *v1*")
    assert (study.created, study.modified) == ("2026-11-20T10:00:00Z", "2026-11-20T10:05:00Z")
    assert [c.id for c in study.categories] == ["claim", "evidence", "quote", "opinion",
                                                "question"]
    doc = study.main_document
    assert doc.id == "d-fixture1" and doc.title == "Sample article"
    assert doc.source_path == "/home/reader/sample.txt"
    first, second = study.highlights["h-fixture1"], study.highlights["h-fixture2"]
    assert (first.note, first.category_id) == ("check **number**", "claim")
    assert (second.note, second.category_id) == ("", "quote")
    assert first.quote.exact == "9,000 troops"
    assert second.quote.exact == "گروه نجبا"
    assert first.created == "2026-11-20T10:05:00Z"


def test_v1_fixture_highlights_anchor_at_code_point_positions(v1_copy):
    study = load_study(v1_copy).study
    text = study.main_document.text
    for hid, passage in [("h-fixture1", "9,000 troops"), ("h-fixture2", "گروه نجبا")]:
        h = study.highlights[hid]
        start = text.index(passage)
        assert (h.start, h.end) == (start, start + len(passage))
        assert text[h.start : h.end] == passage
        assert not h.is_orphan
    # the emoji before them counts as one code point (UTF-16 would count two)
    assert (study.highlights["h-fixture1"].start, study.highlights["h-fixture1"].end) == (23, 35)
    assert (study.highlights["h-fixture2"].start, study.highlights["h-fixture2"].end) == (81, 90)


def test_migrate_fills_in_version_2_defaults():
    data = migrate(json.loads(FIXTURE_V1.read_text(encoding="utf-8")))
    assert data["version"] == 2
    assert data["references"] == [] and data["links"] == []
    for h in data["highlights"]:
        assert h["verdict"] == {"value": "unverified", "rationale": ""}
        assert h["citations"] == []
    assert data["documents"][0]["source"] == {
        "publisher": "", "stance": "", "trust": "unknown", "notes": ""}


def test_resaving_migrated_study_writes_version_2_and_reloads_identically(v1_copy, tmp_path):
    migrated = load_study(v1_copy).study
    out = tmp_path / "new.crosslight"
    save_study(migrated, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["version"] == 2
    assert data["references"] == [] and data["links"] == []
    assert [h["verdict"] for h in data["highlights"]] == [
        {"value": "unverified", "rationale": ""}] * 2
    assert [h["citations"] for h in data["highlights"]] == [[], []]
    assert data["documents"][0]["source"] == {
        "publisher": "", "stance": "", "trust": "unknown", "notes": ""}
    assert data["documents"][0]["text"] == json.loads(FIXTURE_V1.read_bytes())["documents"][0][
        "text"]
    reloaded = load_study(out)
    assert reloaded.orphans == []
    assert_equal_studies(reloaded.study, migrated)
    assert encode_study(reloaded.study) == out.read_bytes()


def test_resaving_migrated_study_over_the_old_file(v1_copy):
    migrated = load_study(v1_copy).study
    save_study(migrated, v1_copy)
    assert json.loads(v1_copy.read_bytes())["version"] == 2
    assert_equal_studies(load_study(v1_copy).study, migrated)


# -- damaged version-2 input ----------------------------------------------------------------

VALID_BYTES = encode_study(build_study())
VALID = json.loads(VALID_BYTES)


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


# -- fuzzing the cross-checking data --------------------------------------------------------

def cross_check_paths(node, prefix=()):
    if prefix and (
        prefix[0] in ("references", "links")
        or any(key in prefix for key in ("verdict", "citations", "source"))
    ):
        yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from cross_check_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from cross_check_paths(value, (*prefix, i))


PATHS = list(cross_check_paths(VALID))
IDS = ["h-0", "h-1", "h-orphan", "r-full", "r-url", "c-0-0", "c-2-1", "l-0", "d-main"]
ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=4), st.just([]), st.just({}), st.just([{}]), st.sampled_from(IDS),
    st.sampled_from([m.value for kind in (Stance, Verdict, Relation, Trust) for m in kind]),
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
            if draw(st.booleans()) and isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent[path[-1]] = copy.deepcopy(draw(ODD_VALUES))  # no shared objects
        except (KeyError, IndexError, TypeError):
            pass  # an earlier mutation removed or replaced this path
    return data


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=mutated())
def test_fuzzed_cross_check_data_loads_consistently_or_raises_study_file_error(tmp_path, data):
    path = tmp_path / "fuzz.crosslight"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    try:
        study = load_study(path).study
    except StudyFileError as err:
        assert type(err) is StudyFileError and str(err)
        return
    citation_ids = []
    for h in study.highlights.values():
        assert type(h.verdict) is Verdict and isinstance(h.rationale, str)
        for c in h.citations:
            assert c.reference_id in study.references
            assert type(c.stance) is Stance
            assert isinstance(c.comment, str)
            citation_ids.append(c.id)
    assert len(citation_ids) == len(set(citation_ids))
    for lid, link in study.links.items():
        assert lid == link.id
        assert link.source_id in study.highlights and link.target_id in study.highlights
        assert link.source_id != link.target_id
        assert type(link.relation) is Relation
    for rid, ref in study.references.items():
        assert rid == ref.id
        assert all(isinstance(getattr(ref, f.name), str) for f in dataclasses.fields(ref))
    for doc in study.documents.values():
        assert type(doc.source.trust) is Trust
    # whatever loaded also saves and reloads to the same thing
    save_study(study, path)
    assert_equal_studies(load_study(path).study, study)
