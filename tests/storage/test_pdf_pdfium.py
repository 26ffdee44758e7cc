"""PDFs read with PDFium: page text and character boxes agree, refusals say why, and the
real-world PDFs of ``../shared/corpus/real/`` open or are refused as they should."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.storage.documents import load_document
from desktop.storage.errors import DocumentError
from desktop.storage.formats.base import Source
from desktop.storage.formats.pdf import (
    HYPHEN_MARK,
    UNREADABLE,
    PdfPages,
    clean,
    clean_indexed,
    load_pdf,
    page_at,
)
from tests.format_fixtures import make_image_pdf, make_pdf

REPO = Path(__file__).resolve().parents[2]
CORPUS = next((p for p in (REPO.parent / "shared" / "corpus" / "real",
                           REPO.parents[1] / "shared" / "corpus" / "real") if p.is_dir()), None)
FIXTURES = REPO / "tests" / "fixtures" / "pdf"


def corpus(name: str) -> Path:
    if CORPUS is None or not (CORPUS / name).is_file():
        pytest.skip("shared corpus not available")
    return CORPUS / name


def test_image_only_pdf_with_a_hidden_label_is_refused():
    # ImageMagick's convert writes an invisible "(Background)" on each page image.
    with pytest.raises(DocumentError, match=r"no text layer.*run OCR first"):
        load_pdf(Source(make_image_pdf(3), "scan.pdf"))


def test_an_invisible_ocr_layer_is_a_text_layer():
    doc = load_pdf(Source(make_image_pdf(1, ocr_words="The scanned words of a page"), "o.pdf"))
    assert "The scanned words of a page" in doc.text


def test_a_visible_short_text_is_kept():
    assert load_pdf(Source(make_pdf(["Name"]), "form.pdf")).text == "Name"


def test_page_text_and_boxes_agree_with_the_document():
    raw = make_pdf(["First page\nsecond line", "Page two"])
    doc = load_pdf(Source(raw, "t.pdf"))
    pages = PdfPages(raw, "t.pdf")
    try:
        for number, start in enumerate(doc.pages):
            text, boxes = pages.text_and_boxes(number)
            assert doc.text[start:start + len(text)] == text
            assert len(boxes) == len(text)
            assert all(b is not None for b, ch in zip(boxes, text, strict=True) if ch != "\n")
        _, boxes = pages.text_and_boxes(0)
        left, top, right, bottom = boxes[0]  # "F" at x 72, baseline 720 (72 pt from the top)
        assert 71 <= left < right < 85 and 60 < top < bottom < 75
        image = pages.render(0, 0.5)
        assert (image.width, image.height) == (306, 396)
        assert image.stride == 4 * image.width  # BGRx: Qt's RGB32
        assert len(image.pixels) == image.stride * image.height
        assert min(image.pixels) < 100  # ink: the text is drawn
    finally:
        pages.close()
    assert page_at(doc.pages, 0) == 0 and page_at(doc.pages, doc.pages[1]) == 1


def test_encrypted_and_damaged_files_are_refused():
    with pytest.raises(DocumentError, match="protected by a password"):
        PdfPages((FIXTURES / "locked.pdf").read_bytes(), "locked.pdf")
    with pytest.raises(DocumentError, match="not a readable PDF"):
        PdfPages(b"%PDF-1.4\nnot really", "bad.pdf")


@pytest.mark.parametrize(("name", "expect"), [
    ("pdf_multicolumn.pdf", "Two-Column Document"),
    ("pdf_arabic.pdf", "habibi"),
    ("pdf_forms.pdf", "Submit"),
    ("pdf_4pages.pdf", "Huardest gefburn"),
    ("pdf_googledoc.pdf", "Beautiful is better than ugly."),
])
def test_real_pdfs_open(name, expect):
    doc = load_document(corpus(name))
    assert expect in doc.text
    assert doc.pages[0] == 0


def test_real_multicolumn_pdf_keeps_line_end_hyphens_as_soft_hyphens():
    doc = load_document(corpus("pdf_multicolumn.pdf"))
    assert f"adip{HYPHEN_MARK}iscing" in doc.text


@pytest.mark.parametrize(("name", "message"), [
    ("pdf_encrypted.pdf", "protected by a password"),
    ("pdf_truncated_download.pdf", "not a readable PDF"),
    ("pdf_grayscale_image.pdf", "no text layer"),
])
def test_real_pdfs_refused(name, message):
    with pytest.raises(DocumentError, match=message):
        load_document(corpus(name))


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(["a", "é", " ", "\r", "\n", "\ufffe", "\x02",
                                         "\x01", "\x0c", "\t", "😀", "\uffff", "-"]),
               max_size=60))
def test_the_fast_text_is_the_indexed_text(raw):
    text, index = clean_indexed(raw)
    assert clean(raw) == text and len(index) == len(text)
    units = raw.encode("utf-16-le")
    for at, ch in zip(index, text, strict=True):  # each code point's PDFium (UTF-16) index
        original = units[2 * at:2 * at + 4].decode("utf-16-le", "replace")[:1]
        assert ch == original or ch in "\n\u00ad"


def test_every_pdfium_call_runs_on_the_one_pdfium_thread(monkeypatch):
    """Loading from any thread (the UI's, an import worker's) reads on the PDFium thread."""
    import threading

    from desktop.storage.formats import pdf as pdf_format

    seen = []
    real = pdf_format.read_page

    def spy(page, textpage, **kw):
        seen.append(threading.current_thread().name)
        return real(page, textpage, **kw)

    monkeypatch.setattr(pdf_format, "read_page", spy)
    load_pdf(Source(make_pdf(["one", "two"]), "t.pdf"))
    worker = threading.Thread(target=lambda: load_pdf(Source(make_pdf(["three"]), "u.pdf")))
    worker.start()
    worker.join()
    assert len(seen) == 3 and all(name.startswith("pdfium") for name in seen)


@pytest.mark.parametrize("name", ["pdf_multicolumn.pdf", "pdf_arabic.pdf", "pdf_4pages.pdf"])
def test_each_code_point_maps_to_the_pdfium_character_it_shows(name):
    """The boxes drawn for a code point are those of the same character on the page."""
    import pypdfium2

    from desktop.storage.formats.pdf import _first_text_index, page_text

    document = pypdfium2.PdfDocument(corpus(name))
    raw = pypdfium2.raw
    for number in range(len(document)):
        page = document[number]
        textpage = page.get_textpage()
        text, index = page_text(page, textpage)
        first = _first_text_index(textpage)
        for at, ch in zip(index, text, strict=True):
            if ch in "\n" + HYPHEN_MARK:
                continue
            char = raw.FPDFText_GetCharIndexFromTextIndex(textpage.raw, first + at)
            if ch == UNREADABLE:  # PDFium's raw glyph code, not a character
                # (also the fatha mark's code that PDFium does not call unmapped)
                assert raw.FPDFText_HasUnicodeMapError(textpage.raw, char) == 1 or (
                    name == "pdf_arabic.pdf"
                    and raw.FPDFText_GetUnicode(textpage.raw, char) == 0x2F4)
                continue
            assert raw.FPDFText_GetUnicode(textpage.raw, char) == ord(ch)


def test_reading_a_long_pdf_lets_the_page_view_render_in_between(monkeypatch):
    """The text is read a slice of pages at a time on the PDFium thread, so a page asked
    for while File › Open reads a long PDF is drawn long before the last page is read."""
    import threading

    from desktop.storage.formats import pdf as pdf_format
    from desktop.storage.formats.pdfium_thread import submit

    monkeypatch.setattr(pdf_format, "SLICE_SECONDS", 0.0)
    ran_at: list[float] = []
    asked: list[object] = []

    def progress(fraction: float) -> None:
        if fraction > 0 and not asked:  # the page view asks for a page now
            asked.append(submit(lambda: ran_at.append(fraction)))
        elif ran_at and len(ran_at) == 1:
            ran_at.append(fraction)  # the first page read after it

    raw = make_pdf([f"page {n} of the report" for n in range(30)])
    done = threading.Event()
    result: list[object] = []
    worker = threading.Thread(target=lambda: (result.append(
        load_pdf(Source(raw, "long.pdf", progress=progress))), done.set()))
    worker.start()
    worker.join(60)
    assert result and len(ran_at) == 2
    assert ran_at[1] < 0.2  # the render ran a page or so after it was asked for
