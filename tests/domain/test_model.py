"""Model objects, ids, default categories and the factory helpers."""

import hashlib
import re
from operator import attrgetter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.anchoring import CONTEXT_CHARS, TextPositionSelector, TextQuoteSelector
from desktop.domain.categories import DEFAULT_CATEGORIES, default_categories
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.ids import new_id, utc_now
from desktop.domain.model import (
    Category,
    Document,
    Highlight,
    Study,
    reading_order_in_steps,
    sort_in_reading_order,
    text_sha256,
)


def test_new_id_has_prefix_and_is_unique():
    made = {new_id("h") for _ in range(1000)}
    assert len(made) == 1000
    assert all(re.fullmatch(r"h-[0-9a-f]{32}", i) for i in made)
    assert new_id("study").startswith("study-")


def test_utc_now_is_second_precision_iso_with_z():
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", utc_now())


def test_document_sha256_is_utf8_sha256_of_text():
    doc = Document(text="گزارش 😀\n", title="t")
    assert doc.sha256 == hashlib.sha256("گزارش 😀\n".encode()).hexdigest()
    assert doc.sha256 == text_sha256(doc.text)
    doc.text = "changed"
    assert doc.sha256 == hashlib.sha256(b"changed").hexdigest()


def test_defaults_give_each_object_its_own_id_and_timestamps():
    a, b = Document(text="x", title="x"), Document(text="x", title="x")
    assert a.id != b.id and a.id.startswith("d-")
    assert a.media_type == "text/plain"
    s1, s2 = Study(), Study()
    assert s1.id != s2.id and s1.id.startswith("s-")
    s1.categories.append(Category("c", "C", "#000000"))
    assert s2.categories == []  # no shared mutable defaults


def test_highlight_orphan_and_position():
    q = TextQuoteSelector("x")
    h = Highlight(document_id="d", quote=q, start=1, end=2, category_id="claim")
    assert not h.is_orphan
    assert h.position == TextPositionSelector(1, 2)
    assert h.id.startswith("h-")
    h.start = None
    assert h.is_orphan and h.position is None
    h.start, h.end = 1, None
    assert h.is_orphan and h.position is None


def test_study_main_document_and_category_lookup():
    s = Study(categories=default_categories())
    assert s.main_document is None
    first, second = Document(text="a", title="A"), Document(text="b", title="B")
    s.documents[first.id] = first
    s.documents[second.id] = second
    assert s.main_document is first
    assert s.category("evidence").name == "Evidence"
    assert s.category("missing") is None


def test_highlights_in_order_sorts_anchored_then_orphans_for_one_document():
    doc, other = Document(text="0123456789", title="d"), Document(text="x", title="o")
    s = Study(documents={doc.id: doc, other.id: other})

    def add(start, end, created, document=doc):
        h = Highlight(document.id, TextQuoteSelector("q"), start, end, "claim", created=created)
        s.highlights[h.id] = h
        return h

    orphan1 = add(None, None, "2024-01-01T00:00:01Z")
    late = add(5, 6, "2024-01-01T00:00:00Z")
    early_long = add(1, 4, "2024-01-01T00:00:09Z")
    early_short = add(1, 2, "2024-01-01T00:00:09Z")
    tie_b = add(3, 4, "2024-01-01T00:00:02Z")
    tie_a = add(3, 4, "2024-01-01T00:00:01Z")
    orphan2 = add(None, None, "2024-01-01T00:00:00Z")
    elsewhere = add(0, 1, "2024-01-01T00:00:00Z", other)
    ordered = s.highlights_in_order(doc.id)
    assert ordered == [early_short, early_long, tie_a, tie_b, late, orphan1, orphan2]
    assert s.highlights_in_order(other.id) == [elsewhere]
    assert s.highlights_in_order("d-none") == []
    assert list(s.orphans()) == [orphan1, orphan2]


def test_default_categories():
    cats = default_categories()
    assert [c.id for c in cats] == [cid for cid, _, _ in DEFAULT_CATEGORIES]
    assert len({c.id for c in cats}) == len(cats) >= 5
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c.color) for c in cats)
    assert len({c.color for c in cats}) == len(cats)
    cats[0].name = "mutated"
    assert default_categories()[0].name != "mutated"


def test_new_study_for_document():
    doc = Document(text="Some text", title="My title")
    s = new_study_for(doc)
    assert s.documents == {doc.id: doc}
    assert s.title == "My title"
    assert [c.id for c in s.categories] == [c.id for c in default_categories()]
    assert s.highlights == {}
    assert new_study_for(doc).id != s.id


def test_make_highlight_fills_selectors():
    text = "x" * 50 + "the passage" + "y" * 50
    doc = Document(text=text, title="t")
    h = make_highlight(doc, 50, 61, "quote")
    assert h.document_id == doc.id
    assert (h.start, h.end) == (50, 61)
    assert h.quote.exact == "the passage"
    assert h.quote.prefix == "x" * CONTEXT_CHARS
    assert h.quote.suffix == "y" * CONTEXT_CHARS
    assert h.category_id == "quote"
    assert h.note == ""
    assert not h.is_orphan


def test_make_highlight_rejects_empty_range():
    doc = Document(text="abc", title="t")
    with pytest.raises(ValueError):
        make_highlight(doc, 1, 1, "claim")


def test_utc_now_is_made_once_a_second_and_follows_the_clock(monkeypatch):
    import desktop.domain.ids as ids

    clock = [1_700_000_000.2]
    monkeypatch.setattr(ids.time, "time", lambda: clock[0])
    assert ids.utc_now() == "2023-11-14T22:13:20Z"
    clock[0] += 0.7
    assert ids.utc_now() == "2023-11-14T22:13:20Z"
    clock[0] += 0.2  # the next second
    assert ids.utc_now() == "2023-11-14T22:13:21Z"
    clock[0] = 86_400 * 365.0
    assert ids.utc_now() == "1971-01-01T00:00:00Z"


@given(st.lists(st.tuples(st.integers(0, 6), st.integers(1, 4), st.integers(0, 3)),
                max_size=60))
def test_reading_order_sorts_as_the_whole_key_ties_and_all(spans):
    """``sort_in_reading_order`` sorts by start and then runs of equal starts: the same
    order, stable, as one sort by (start, end, created)."""
    made = [Highlight("d", TextQuoteSelector("x"), start, start + length, "claim",
                      id=f"h{i}", created=f"2026-01-0{day}")
            for i, (start, length, day) in enumerate(spans)]
    ours = list(made)
    sort_in_reading_order(ours)
    assert [h.id for h in ours] == [
        h.id for h in sorted(made, key=attrgetter("start", "end", "created"))]


@given(st.lists(st.tuples(st.integers(0, 6), st.integers(1, 4), st.integers(0, 3)),
                max_size=60), st.integers(1, 9))
def test_reading_order_in_steps_is_the_same_order(spans, step):
    made = [Highlight("d", TextQuoteSelector("x"), start, start + length, "claim",
                      id=f"h{i}", created=f"2026-01-0{day}")
            for i, (start, length, day) in enumerate(spans)]
    steps = reading_order_in_steps(made, step)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            ordered = done.value
            break
    assert [h.id for h in ordered] == [
        h.id for h in sorted(made, key=attrgetter("start", "end", "created"))]
