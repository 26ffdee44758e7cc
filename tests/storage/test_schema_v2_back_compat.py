"""Study-file format version 2, backward compatibility: optional v2 keys default when absent,
and version-1 files migrate (read without rewriting, resaved in the current version)."""

import json
import shutil

import pytest

from desktop.domain.crosscheck import Relation, Stance, Trust, Verdict
from desktop.domain.model import SourceAssessment
from desktop.storage.migrations import migrate
from desktop.storage.saving import encode_study, save_study
from desktop.storage.schema import VERSION
from desktop.storage.studyfile import load_study
from tests.storage.schema_v2_helpers import FIXTURE_V1, assert_equal_studies, build_study


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
    assert data["version"] == VERSION
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
    assert data["version"] == VERSION
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
    assert json.loads(v1_copy.read_bytes())["version"] == VERSION
    assert_equal_studies(load_study(v1_copy).study, migrated)
