"""Glyphs PDFium cannot map to Unicode are found without asking PDFium about every
character: a sample of each page (each character's first appearance on each line, and
any odd character) is checked, and a page with a hit is then checked character by
character — still marked and reported, never read as other letters."""

import pytest

from desktop.storage.formats import pdf as pdf_format
from desktop.storage.formats.base import Source
from desktop.storage.formats.pdf import UNREADABLE, PdfPages, load_pdf
from tests.format_fixtures import _with_new_xref, make_pdf

PROSE = ["\n".join([" ".join(["the quick brown fox jumps over the lazy dog"] * 2)] * 30)]


def _two_font_pdf(plain: str, odd: str) -> bytes:
    """One line: ``plain`` in Helvetica, then ``odd`` in a Helvetica whose codes A, B, C
    are glyphs named so nobody can map them (PDFium gives the raw codes "ABC")."""
    raw = make_pdf([plain + "\x7f"])
    raw = raw.replace(b"\x7f) Tj ET", b") Tj /F2 12 Tf (" + odd.encode() + b") Tj ET")
    raw = raw.replace(b"/Font << /F1 ", b"/Font << /F2 99 0 R /F1 ")
    raw += (b"99 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding "
            b"<< /Differences [65 /g1 /g2 /g3] >> >>\nendobj\n")
    return _with_new_xref(raw)


def _count_checks(monkeypatch) -> list[int]:
    calls: list[int] = []
    pdfium = pdf_format._pdfium()
    real = pdfium.raw.FPDFText_HasUnicodeMapError

    class Spy:
        def __getattr__(self, name):
            return getattr(pdfium.raw, name)

        @staticmethod
        def FPDFText_HasUnicodeMapError(handle, index):  # PDFium's name
            calls.append(index)
            return real(handle, index)

    class Module:
        raw = Spy()
        PdfDocument = pdfium.PdfDocument
        PdfiumError = pdfium.PdfiumError

    monkeypatch.setattr(pdf_format, "_pdfium", lambda: Module)
    return calls


def test_a_clean_page_is_sampled_not_checked_character_by_character(monkeypatch):
    calls = _count_checks(monkeypatch)
    doc = load_pdf(Source(make_pdf(PROSE), "prose.pdf"))
    assert "UNREADABLE" not in doc.text and not doc.load_warnings
    # Each line asks about its distinct characters (~27 of 87), not all of them.
    assert 0 < len(calls) < len(doc.text) / 2


def test_one_hit_in_the_sample_checks_the_whole_page(monkeypatch):
    # "A" and "B" first appear in the plain font (fine); "C" only in the odd font: the
    # sample finds it, and the full check then finds the odd "A" and "B" too.
    raw = _two_font_pdf("Apple Banana ", "ABC")
    calls = _count_checks(monkeypatch)
    doc = load_pdf(Source(raw, "mixed.pdf"))
    assert doc.text == "Apple Banana " + UNREADABLE * 3
    assert doc.load_warnings and doc.load_warnings[0].startswith("page 1: 3 characters")
    assert len(calls) > len(set(doc.text))
    pages = PdfPages(raw, "mixed.pdf")
    try:
        text, _boxes = pages.text_and_boxes(0)
    finally:
        pages.close()
    assert text == doc.text


@pytest.mark.parametrize("odd", ["AB", "BA"])
def test_unmapped_glyphs_alone_on_their_line_are_found(odd):
    assert load_pdf(Source(_two_font_pdf("", odd), "odd.pdf")).text == UNREADABLE * 2


@pytest.mark.parametrize("code", [b"\\r", b"\\n"], ids=["CR", "LF"])
def test_an_unmapped_glyph_whose_raw_code_is_a_line_break_is_no_line_break(code):
    """pdfTeX's © is a circle glyph (code 13, no Unicode) with a "c" inside: PDFium
    gives "\\r", which was read as a line break in the middle of "Copyright © 2001"."""
    raw = _with_new_xref(make_pdf(["Copyright Xc 2001"]).replace(
        b"Copyright Xc", b"Copyright " + code + b"c"))
    doc = load_pdf(Source(raw, "c.pdf"))
    assert doc.text == f"Copyright {UNREADABLE}c 2001"
    assert doc.load_warnings and doc.load_warnings[0].startswith("page 1: 1 character ")
    pages = PdfPages(raw, "c.pdf")
    try:
        text, boxes = pages.text_and_boxes(0)
    finally:
        pages.close()
    assert text == doc.text and boxes[10] is not None


def _type3_pdf(code: bytes) -> bytes:
    """"Copyright ?c 2001": ``code`` in a Type 3 font whose glyph (a filled box) is named
    so nobody can map it: a glyph drawn on the page with no Unicode."""
    raw = make_pdf(["Copyright \x7f"])
    raw = raw.replace(b"\x7f) Tj ET", b") Tj /F2 12 Tf (" + code + b") Tj /F1 12 Tf (c 2001) Tj ET")
    raw = raw.replace(b"/Font << /F1 ", b"/Font << /F2 99 0 R /F1 ")
    proc = b"600 0 0 0 500 700 d1 0 0 500 700 re f"
    raw += (b"99 0 obj\n<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] "
            b"/FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /g1 98 0 R >> "
            b"/Encoding << /Type /Encoding /Differences [2 /g1 3 /g1 147 /g1] >> "
            b"/FirstChar 2 /LastChar 147 /Widths [" + b" ".join([b"600"] * 146)
            + b"] /Resources << >> >>\nendobj\n98 0 obj\n<< /Length %d >>\nstream\n"
            % len(proc) + proc + b"\nendstream\nendobj\n")
    return _with_new_xref(raw)


@pytest.mark.parametrize("code", [b"\\002", b"\\003", b"\\223"], ids=["2", "3", "0x93"])
def test_an_unmapped_glyph_pdfium_leaves_out_of_the_text_is_still_counted(code):
    """A glyph with no Unicode whose raw code PDFium takes for a control character (2,
    3, 0x93…; OT1's Θ and Λ are codes 2 and 3) gets no text index (-1): it is left out
    of the page's text, so the sample never sees it; it must still be reported."""
    raw = _type3_pdf(code)
    doc = load_pdf(Source(raw, "c.pdf"))
    assert doc.text == "Copyright c 2001"  # offsets stay PDFium's text indexes
    assert doc.load_warnings and doc.load_warnings[0].startswith("page 1: 1 character ")
    assert "left out of the text" in doc.load_warnings[0]
    pages = PdfPages(raw, "c.pdf")
    try:
        text, boxes = pages.text_and_boxes(0)
    finally:
        pages.close()
    assert text == doc.text and len(boxes) == len(text)


def test_a_left_out_glyph_that_draws_nothing_is_not_reported():
    """A blank glyph (a space, a font's empty .notdef) left out of the text loses no
    text: WeasyPrint's Arabic has one, code 3, beside its word."""
    raw = _with_new_xref(make_pdf(["Copyright Xc 2001"]).replace(
        b"Copyright Xc", b"Copyright \\002c"))
    doc = load_pdf(Source(raw, "c.pdf"))
    assert doc.text == "Copyright c 2001" and doc.load_warnings == []


def test_a_page_with_every_glyph_in_its_text_asks_nothing_more(monkeypatch):
    """The left-out check is page-level: a page whose text holds every character asks
    PDFium no more than the sample does."""
    calls = _count_checks(monkeypatch)
    doc = load_pdf(Source(make_pdf(PROSE), "prose.pdf"))
    assert not doc.load_warnings and len(calls) < len(doc.text) / 2


def test_the_warning_says_which_were_shown_and_which_left_out():
    from desktop.storage.formats.pdf import _unreadable_warning

    assert _unreadable_warning(0, 2, 1).endswith(
        f"3 characters could not be read reliably (the PDF's font gives no text for "
        f"them; 2 shown as {UNREADABLE}, 1 left out of the text)")
    assert _unreadable_warning(4, 1, 0).startswith("page 5: 1 character could not")
