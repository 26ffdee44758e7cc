"""Study-file format version 2: the cross-checking layer (references, citations, verdicts,
links, source assessment) saves and loads back unchanged, as the documented JSON keys."""

import json

import pytest

from desktop.domain.crosscheck import Relation, Stance, Trust, Verdict
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Citation, Document, Reference, SourceAssessment
from desktop.storage.saving import encode_study, save_study
from desktop.storage.schema import VERSION
from desktop.storage.studyfile import load_study
from tests.storage.schema_v2_helpers import FULL_REFERENCE, assert_equal_studies, build_study

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


STAMPS = {"created", "modified", "creator", "editor", "revs"}  # optional (revs: team_keys)


def test_saved_json_is_version_3_with_documented_keys(tmp_path):
    study = build_study(Trust.MIXED)
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert VERSION == 3
    assert data["version"] == 3 and data["requires"] == 3
    assert set(data) == {"format", "version", "requires", "offset_unit", "study", "categories",
                         "documents", "references", "highlights", "links"}
    assert set(data["study"]) - {"note_revs"} == {"id", "title", "note", "created", "modified"}
    (document,) = data["documents"]
    assert set(document) - {"revs"} == {"id", "title", "media_type", "source_path", "added",
                                        "sha256", "text", "url", "author", "published",
                                        "source"}
    assert document["source"] == {
        "publisher": "خبرگزاری فارس 😀", "stance": "state-aligned «conservative»",
        "trust": "mixed", "notes": "Owned by …\nsecond line",
    }
    assert [r["id"] for r in data["references"]] == ["r-full", "r-empty", "r-url"]
    for r in data["references"]:
        assert set(r) - {"revs"} == {"id", "url", "title", "author", "published", "accessed",
                                     "excerpt", "note", "created", "modified"}
    first = {k: v for k, v in data["references"][0].items() if k != "revs"}
    assert first == {"id": "r-full", "created": "2026-01-01T00:00:00Z",
                     "modified": "2026-01-02T00:00:00Z", **FULL_REFERENCE}
    by_id = {h["id"]: h for h in data["highlights"]}
    for h in data["highlights"]:
        assert set(h) - {"revs"} == {"id", "document", "category", "note", "created",
                                     "modified", "verdict", "citations", "target", "tags"}
        assert set(h["verdict"]) == {"value", "rationale"}
        for c in h["citations"]:
            assert set(c) - STAMPS == {"id", "reference", "stance", "comment"}
    assert {h["verdict"]["value"] for h in data["highlights"]} == {v.value for v in Verdict}
    assert by_id["h-1"]["verdict"] == {"value": "supported", "rationale": "because «supported» ✔"}
    assert [{k: v for k, v in c.items() if k not in STAMPS}
            for c in by_id["h-0"]["citations"]] == [
        {"id": f"c-0-{j}", "reference": "r-full", "stance": s, "comment": f"{s} comment 😀"}
        for j, s in enumerate(["supports", "contradicts", "context", "unclear"])
    ]
    assert by_id["h-orphan"]["target"]["selectors"] == [
        {"type": "TextQuoteSelector", "exact": "vanished passage", "prefix": "a ", "suffix": " b"}
    ]
    assert [{k: v for k, v in k_.items() if k not in STAMPS} for k_ in data["links"]] == [
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
