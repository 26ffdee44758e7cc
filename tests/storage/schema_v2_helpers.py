"""Shared by the test_schema_v2_* modules: a study using every cross-checking value, its
encoded form, the version-1 fixture, and a field-by-field study comparison."""

import dataclasses
import json
from pathlib import Path

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
from desktop.domain.revisions import history
from desktop.storage.saving import encode_study

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


def _same(got, expected, name, value) -> bool:
    """Equal fields; revision stamps as their history (a save appends the current one)."""
    if name == "revs":
        return history(got) == history(expected)
    return getattr(got, name) == value


def assert_equal_studies(loaded: Study, expected: Study):
    """Field by field, with orders and enum types: StrEnum members equal plain strings."""
    for name in ("id", "title", "note", "created", "modified"):
        assert getattr(loaded, name) == getattr(expected, name), name
    assert loaded.categories == expected.categories
    assert list(loaded.documents) == list(expected.documents)
    for did, doc in expected.documents.items():
        got = loaded.documents[did]
        for name, value in field_values(doc).items():
            assert _same(got, doc, name, value), (did, name)
        assert type(got.source) is SourceAssessment
        assert type(got.source.trust) is Trust
    assert list(loaded.references) == list(expected.references)
    for rid, ref in expected.references.items():
        got = loaded.references[rid]
        for name, value in field_values(ref).items():
            assert _same(got, ref, name, value), (rid, name)
    assert set(loaded.highlights) == set(expected.highlights)
    for hid, h in expected.highlights.items():
        got = loaded.highlights[hid]
        for name, value in field_values(h).items():
            if name == "citations":
                continue
            assert _same(got, h, name, value), (hid, name)
        assert type(got.verdict) is Verdict
        assert len(got.citations) == len(h.citations)
        for got_c, c in zip(got.citations, h.citations, strict=True):
            for name, value in field_values(c).items():
                assert _same(got_c, c, name, value), (hid, c.id, name)
            assert type(got_c.stance) is Stance
    assert list(loaded.links) == list(expected.links)
    for lid, link in expected.links.items():
        got = loaded.links[lid]
        for name, value in field_values(link).items():
            assert _same(got, link, name, value), (lid, name)
        assert type(got.relation) is Relation


# the study above as saved: the damaged-input and fuzz tests load edited copies of it
VALID_BYTES = encode_study(build_study())
VALID = json.loads(VALID_BYTES)
