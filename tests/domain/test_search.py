"""Study search: folding (case, accents, Arabic/Persian marks), matching, filters,
snippets, and the cache following change sets."""

import pytest

from desktop.domain.changes import ChangeSet
from desktop.domain.crosscheck import Stance, Verdict
from desktop.domain.factory import make_highlight
from desktop.domain.folding import fold, fold_with_map
from desktop.domain.model import Citation, Reference
from desktop.domain.search import SearchFilters, SearchIndex, query_terms, snippet
from tests.builders import study_with

TEXT = (
    "The Café reported a Résumé of events. "
    "كِتَابٌ عن الاقتصاد والعقوبات. "
    "وزارت نفت گفت که صادرات افزایش یافت. "
    "Sanctions hit the economy hard."
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Résumé", "resume"),
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),
        ("كِتَابٌ", "كتاب".replace("ك", "ک")),
        ("كـتـاب", "کتاب"),  # tatweel
        ("أحمد", "احمد"),  # hamza on alef
        ("آب", "اب"),  # madda
        ("علي", "علی"),  # Arabic yeh → Persian yeh
        ("می‌خواهم", "میخواهم"),  # zero-width non-joiner
        ("ｆｕｌｌ", "full"),  # compatibility forms
        ("۲۰۱۷", "2017"),  # Persian digits
        ("٢٠١٧", "2017"),  # Arabic-Indic digits
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_with_map_points_back_into_the_original():
    text = "Ré-كِتَاب"
    folded, origin = fold_with_map(text)
    assert folded == fold(text)
    assert len(origin) == len(folded)
    assert text[origin[folded.index("ک")]] == "ك"


def test_query_terms_fold_and_deduplicate():
    assert query_terms("  Économie  economie SANCTIONS ") == ["economie", "sanctions"]
    assert query_terms("   ") == []


def test_snippet_marks_matches_in_the_original_text():
    text = "x" * 300 + " the Résumé of events and another résumé " + "y" * 300
    cut = snippet(text, ["resume"])
    assert cut.clipped_start and cut.clipped_end
    marked = [cut.text[a:b] for a, b in cut.spans]
    assert marked == ["Résumé", "résumé"]


def test_snippet_of_arabic_with_harakat():
    cut = snippet("كِتَابٌ عن الاقتصاد", query_terms("كتاب"))
    assert [cut.text[a:b] for a, b in cut.spans] == ["كِتَابٌ"]


@pytest.fixture
def study():
    return study_with(TEXT, [("Café reported a Résumé", "claim"), ("كِتَابٌ عن الاقتصاد", "quote"),
                             ("صادرات افزایش یافت", "claim"), ("Sanctions hit", "evidence")],
                      title="Mixed")


def hits(index, query, **filters):
    return [(hit.kind, hit.field) for hit in index.search(query, SearchFilters(**filters)).hits]


def by_quote(study, start):
    return next(h for h in study.highlights.values() if h.quote.exact.startswith(start))


def test_search_quotes_ignoring_case_accents_and_harakat(study):
    index = SearchIndex(study)
    assert hits(index, "cafe resume") == [("highlight", "Quote")]
    assert hits(index, "كتاب") == [("highlight", "Quote")]
    assert hits(index, "الاقتصاد") == [("highlight", "Quote")]
    assert hits(index, "cafe sanctions") == []  # every word in one record
    assert hits(index, "   ") == []


def test_search_notes_rationales_comments_tags_and_references(study):
    h = by_quote(study, "Sanctions")
    h.note = "Check the **IMF** numbers"
    h.rationale = "Contradicted by the Central Bank"
    h.tags = ["économie", "Iran"]
    ref = Reference(title="World Economic Outlook", author="IMF",
                    excerpt="Growth slowed", note="PDF p. 12")
    study.references[ref.id] = ref
    h.citations.append(Citation(ref.id, Stance.SUPPORTS, "see table 3"))
    index = SearchIndex(study)
    assert hits(index, "imf") == [("highlight", "Note"), ("reference", "Author")]
    assert hits(index, "central bank") == [("highlight", "Rationale")]
    assert hits(index, "table") == [("highlight", "Comment")]
    assert hits(index, "economie") == [("highlight", "Tags")]
    assert hits(index, "slowed") == [("reference", "Excerpt")]
    assert hits(index, "p. 12") == [("reference", "Note")]
    assert hits(index, "outlook") == [("reference", "Title")]


def test_filters_narrow_highlights_and_drop_references(study):
    h = by_quote(study, "Sanctions")
    h.tags = ["economy"]
    h.verdict = Verdict.DISPUTED
    study.references["r-1"] = Reference(title="Sanctions and the economy", id="r-1")
    index = SearchIndex(study)
    assert hits(index, "sanctions") == [("highlight", "Quote"), ("reference", "Title")]
    assert hits(index, "sanctions", tag="ECONOMY") == [("highlight", "Quote")]
    assert hits(index, "sanctions", tag="oil") == []
    assert hits(index, "sanctions", verdict=Verdict.DISPUTED) == [("highlight", "Quote")]
    assert hits(index, "sanctions", verdict=Verdict.SUPPORTED) == []
    assert hits(index, "sanctions", category_id="claim") == []
    assert hits(index, "sanctions", document_id=h.document_id) == [("highlight", "Quote")]
    assert hits(index, "sanctions", document_id="d-other") == []


def test_cache_follows_change_sets(study):
    index = SearchIndex(study)
    h = by_quote(study, "Sanctions")
    assert hits(index, "kremlin") == []
    h.note = "Kremlin"
    assert hits(index, "kremlin") == []  # cached until told
    index.apply_changes(ChangeSet(highlights_changed={h.id}))
    assert hits(index, "kremlin") == [("highlight", "Note")]
    del study.highlights[h.id]
    index.apply_changes(ChangeSet(highlights_removed={h.id}))
    assert hits(index, "kremlin") == []


def test_new_highlights_are_found_after_their_change_set(study):
    index = SearchIndex(study)
    assert hits(index, "hard") == []
    doc = study.main_document
    at = TEXT.index("economy hard")
    h = make_highlight(doc, at, at + len("economy hard"), "claim")
    study.highlights[h.id] = h
    index.apply_changes(ChangeSet(highlights_added={h.id}))
    assert hits(index, "hard") == [("highlight", "Quote")]


def test_filters_alone_list_their_highlights(study):
    first = by_quote(study, "Café")
    first.tags = ["press"]
    index = SearchIndex(study)
    assert [hit.id for hit in index.search("", SearchFilters(tag="press")).hits] == [first.id]
    claims = index.search(" ", SearchFilters(category_id="claim")).hits
    assert len(claims) == 2 and all(hit.field == "Quote" for hit in claims)
    assert index.search("", SearchFilters()).hits == []
