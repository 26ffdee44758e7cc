"""Placing highlights when a study opens (``studyfile.reanchor``): a highlight still
where it was stored is kept without a search (nearly all of 50,000), and every
placement is exactly what ``anchoring.anchor`` decides."""

from __future__ import annotations

import copy

from desktop.domain.anchoring import AnchorBudget, TextQuoteSelector, anchor
from desktop.storage.studyfile import reanchor
from tests.builders import study_with

TEXT = "The minister said the plan works. Critics said it fails. The plan works well."


def test_open_places_every_highlight_as_anchor_would():
    study = study_with(TEXT, ["plan works", "Critics", "fails"])
    moved, gone, astray = list(study.highlights.values())
    moved.start, moved.end = moved.start + 1, moved.end + 1  # stored position is stale
    gone.quote = TextQuoteSelector("nowhere in the text")
    astray.start, astray.end = 5, 5_000  # past the end
    expected = {}
    for h in copy.deepcopy(study).highlights.values():
        found = anchor(study.documents[h.document_id].text, h.quote, h.position,
                       AnchorBudget.for_highlights(3))
        expected[h.id] = None if found is None else (found.start, found.end)
    orphans = reanchor(study)
    got = {h.id: None if h.start is None else (h.start, h.end)
           for h in study.highlights.values()}
    assert got == expected
    assert orphans == [gone.id]
    assert got[moved.id] == (TEXT.index("plan works"), TEXT.index("plan works") + 10)


def test_a_highlight_in_place_is_kept_without_searching(monkeypatch):
    from desktop.storage import studyfile

    study = study_with(TEXT, ["plan works", "Critics"])
    before = {h.id: (h.start, h.end) for h in study.highlights.values()}
    monkeypatch.setattr(studyfile, "anchor", lambda *a, **k: (_ for _ in ()).throw(
        AssertionError("searched for a highlight already in place")))
    assert reanchor(study) == []
    assert {h.id: (h.start, h.end) for h in study.highlights.values()} == before
