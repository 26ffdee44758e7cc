"""Right-to-left PDF text in logical order with each code point on its own glyph, and
glyphs PDFium cannot map to Unicode marked and reported instead of read as other letters."""

from pathlib import Path

import pytest

from desktop.storage.documents import load_document
from desktop.storage.formats.base import Source
from desktop.storage.formats.pdf import UNREADABLE, PdfPages, load_pdf
from desktop.storage.formats.pdf_bidi import logical_order, rtl_runs
from tests.format_fixtures import RTL_FONT, _with_new_xref, make_pdf, make_rtl_pdf

REPO = Path(__file__).resolve().parents[2]
ARABIC = REPO.parent / "shared" / "corpus" / "real" / "pdf_arabic.pdf"
LINES = ["שלום עולם", "سلام عليكم"]
needs_font = pytest.mark.skipif(not RTL_FONT.is_file(), reason="DejaVu Sans is not installed")


@needs_font
@pytest.mark.parametrize("logical", [False, True], ids=["visual", "logical"])
@pytest.mark.parametrize("line", LINES, ids=["hebrew", "arabic"])
def test_rtl_text_reads_in_logical_order_however_the_pdf_stores_it(line, logical):
    raw = make_rtl_pdf(line, logical=logical)
    assert load_pdf(Source(raw, "rtl.pdf")).text == line
    pages = PdfPages(raw, "rtl.pdf")
    try:
        text, boxes = pages.text_and_boxes(0)
    finally:
        pages.close()
    assert text == line
    # Each code point keeps its own glyph's box: read in logical order, right to left.
    lefts = [box[0] for box in boxes if box is not None]
    assert len(set(lefts)) == len(lefts) == len(line)
    assert lefts == sorted(lefts, reverse=True)


@needs_font
def test_a_word_boxes_cover_the_word_on_the_page():
    """Selecting "עולם" on the page draws over the glyphs of that word, not its mirror."""
    raw = make_rtl_pdf("שלום עולם", logical=True)
    pages = PdfPages(raw, "rtl.pdf")
    try:
        text, boxes = pages.text_and_boxes(0)
    finally:
        pages.close()
    first, second = text.index("שלום"), text.index("עולם")
    first_boxes = [b for b in boxes[first:first + 4] if b]
    second_boxes = [b for b in boxes[second:second + 4] if b]
    # In logical order the first word is drawn to the right of the second.
    assert min(b[0] for b in first_boxes) > max(b[2] for b in second_boxes) - 1


def test_logical_order_reverses_visual_runs_and_glyph_clusters_only():
    text = "ab ולש cd"
    lefts = [0, 1, 2, 3, 4, 5, 6, 7, 8]  # x grows along the run: stored visually
    keys = list(range(len(text)))
    order = logical_order(text, keys, lefts)
    assert "".join(text[i] for i in order) == "ab שלו cd"
    # Already logical (x falls along the run): left alone.
    assert logical_order(text, keys, [0, 1, 2, 9, 8, 7, 6, 7, 8]) == list(range(len(text)))
    # One glyph standing for several code points (same key): its string comes back
    # in the order the font's ToUnicode gave it.
    cluster = "x יבבח"
    order = logical_order(cluster, [0, 1, 2, 2, 2, 2], [0, 1, 5, 5, 5, 5])
    assert "".join(cluster[i] for i in order) == "x חבבי"
    assert rtl_runs("abc") == [] and rtl_runs("a שלום, b") == [(2, 6)]


def test_a_glyph_without_unicode_is_marked_and_reported_never_read_as_a_letter():
    # A font whose /Differences names glyphs nobody can map: PDFium would give the raw
    # codes ("AB") as if they were letters.
    raw = make_pdf(["Plain words here ABAB"])
    raw = _with_new_xref(raw.replace(
        b"/BaseFont /Helvetica >>",
        b"/BaseFont /Helvetica /Encoding << /Differences [65 /g1 /g2] >> >>"))
    doc = load_pdf(Source(raw, "odd.pdf"))
    assert doc.text == "Plain words here " + UNREADABLE * 4
    assert doc.load_warnings == [
        f"page 1: 4 characters could not be read reliably (the PDF's font gives no "
        f"text for them; shown as {UNREADABLE})"]
    pages = PdfPages(raw, "odd.pdf")
    try:
        text, boxes = pages.text_and_boxes(0)
    finally:
        pages.close()
    assert text == doc.text and all(boxes[-4:])
    assert load_pdf(Source(make_pdf(["Plain words"]), "p.pdf")).load_warnings == []


@pytest.mark.skipif(not ARABIC.is_file(), reason="../shared/corpus/real is absent")
def test_the_corpus_arabic_pdf_reads_its_words_in_order_and_says_what_it_could_not():
    """WeasyPrint maps a whole shaped word to one glyph and the word's other glyphs to
    nothing (an empty ToUnicode entry, which PDFium reads as 'no mapping')."""
    doc = load_document(ARABIC)
    # The word twice: the PDF's ToUnicode gives it both to the Arabic word's glyph and
    # to the "h" of "habibi" (WeasyPrint's; poppler reads it twice too).
    assert doc.text.count("حَبيبي") == 2 and "habibi" in doc.text
    assert not any("\u0370" <= ch <= "\u03ff" for ch in doc.text)  # no Greek look-alikes
    # The fatha is drawn as a glyph of its own (code 0x2F4) over the word's glyph, which
    # already stands for the whole word, fatha included; its ToUnicode entry is empty.
    # PDFium gives the raw code U+02F4 "˴" for it without calling it unmapped: it is
    # marked and counted with the other four, never read as a modifier letter.
    assert "\u02f4" not in doc.text
    assert doc.text.startswith(" حَبيبي" + UNREADABLE + " ")
    assert doc.load_warnings and doc.load_warnings[0].startswith("page 1: 5 characters")
    pages = PdfPages(ARABIC.read_bytes(), ARABIC.name)
    try:
        text, boxes = pages.text_and_boxes(0)
    finally:
        pages.close()
    assert text == doc.text and len(boxes) == len(text)
