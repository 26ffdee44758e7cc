"""PDF, Word, EPUB and web pages: text, structure, metadata, and clear refusals."""

import io
import zipfile
from pathlib import Path

import pytest

from desktop.domain.model import page_of
from desktop.storage import documents
from desktop.storage.documents import ImportCancelledError, load_document
from desktop.storage.errors import DocumentError
from desktop.storage.formats import html as html_format
from desktop.storage.formats import zip_guard
from tests.format_fixtures import ARTICLE_PAGE, make_docx, make_epub, make_pdf

PAGES = ["Page one text\nsecond line", "The claim on page (two) here", "Third page ends"]


def write(tmp_path, name, raw):
    path = tmp_path / name
    path.write_bytes(raw)
    return path


def refusal(tmp_path, name, raw) -> str:
    with pytest.raises(DocumentError) as info:
        load_document(write(tmp_path, name, raw))
    return str(info.value)


# --- PDF ---------------------------------------------------------------------------
def test_pdf_text_keeps_page_starts(tmp_path):
    doc = load_document(write(tmp_path, "r.pdf", make_pdf(PAGES, "Report", "A. Writer")))
    assert doc.media_type == "application/pdf"
    assert doc.title == "Report" and doc.author == "A. Writer"
    assert len(doc.pages) == 3 and doc.pages[0] == 0
    for number, (start, page) in enumerate(zip(doc.pages, PAGES, strict=True), start=1):
        assert doc.text[start:].startswith(page.split("\n")[0])
        assert page_of(doc, start) == number
    claim = doc.text.index("claim")
    assert page_of(doc, claim) == 2
    assert page_of(doc, len(doc.text) - 1) == 3


def test_pdf_title_falls_back_to_the_first_line(tmp_path):
    assert load_document(write(tmp_path, "r.pdf", make_pdf(PAGES))).title == "Page one text"


def test_pdf_reports_progress_per_page_and_can_be_cancelled(tmp_path):
    path = write(tmp_path, "r.pdf", make_pdf(PAGES * 4))
    seen: list[float] = []
    load_document(path, progress=seen.append)
    assert len(seen) >= 12 and seen == sorted(seen) and seen[-1] == 1.0
    with pytest.raises(ImportCancelledError, match="cancelled"):
        load_document(path, progress=seen.append, cancelled=lambda: len(seen) > 20)


def test_scanned_pdf_asks_for_ocr(tmp_path):
    message = refusal(tmp_path, "scan.pdf", make_pdf(["", ""]))
    assert "no text layer" in message and "run OCR first" in message


@pytest.mark.parametrize("raw", [b"%PDF-1.4\nthis is not really a pdf", b"\x00\x01garbage"])
def test_corrupt_pdf_is_refused(tmp_path, raw):
    assert "not a readable PDF" in refusal(tmp_path, "bad.pdf", raw)


def test_truncated_pdf_is_refused(tmp_path):
    raw = make_pdf(PAGES)
    assert "“cut.pdf”" in refusal(tmp_path, "cut.pdf", raw[: len(raw) // 3])


# --- Word --------------------------------------------------------------------------
def test_docx_paragraphs_headings_and_lists(tmp_path):
    raw = make_docx([("h1", "Militia report"), ("p", "First paragraph."), ("bullet", "one"),
                     ("bullet", "two"), ("bold", "Strong words."), ("h2", "Reaction"),
                     ("p", "Last.")], title="The Report", author="Jane Roe")
    doc = load_document(write(tmp_path, "r.docx", raw))
    assert doc.text == ("Militia report\n\nFirst paragraph.\n\n• one\n• two\n\nStrong words."
                        "\n\nReaction\n\nLast.")
    assert doc.title == "The Report" and doc.author == "Jane Roe"
    styled = {(doc.text[s:e], k) for s, e, k in doc.styles}
    assert styled == {("Militia report", "heading1"), ("Strong words.", "bold"),
                      ("Reaction", "heading2")}


@pytest.mark.parametrize("raw", [b"not a zip at all", b"PK\x03\x04broken"])
def test_corrupt_docx_is_refused(tmp_path, raw):
    assert "not a valid Word file" in refusal(tmp_path, "bad.docx", raw)


def test_a_zip_that_is_not_a_word_document(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hi")
    assert "not a readable Word document" in refusal(tmp_path, "x.docx", out.getvalue())


# --- EPUB --------------------------------------------------------------------------
CHAPTERS = {"c1": "<h1>Chapter One</h1><p>First words.</p>",
            "c2": "<p>Second <em>chapter</em> text.</p>",
            "c3": "<h2>Prologue</h2><p>Before all.</p><script>alert(1)</script>"}


def test_epub_follows_the_spine_order(tmp_path):
    doc = load_document(write(tmp_path, "b.epub", make_epub(CHAPTERS, ["c3", "c1", "c2"])))
    assert doc.text == ("Prologue\n\nBefore all.\n\nChapter One\n\nFirst words.\n\n"
                        "c2\n\nSecond chapter text.")
    assert doc.title == "A Book" and doc.author == "An Author" and doc.published == "2021-05-04"
    styled = [(doc.text[s:e], k) for s, e, k in doc.styles]
    assert styled == [("Prologue", "heading2"), ("Chapter One", "heading1"),
                      ("c2", "heading2"), ("chapter", "italic")]
    assert "alert" not in doc.text


def test_epub_reports_progress_per_chapter(tmp_path):
    seen: list[float] = []
    load_document(write(tmp_path, "b.epub", make_epub(CHAPTERS, ["c1", "c2", "c3"])),
                  progress=seen.append)
    assert seen == [0.0, 0.0, 1 / 3, 2 / 3, 1.0]


def test_zip_bomb_refused_by_ratio(tmp_path):
    raw = make_epub(CHAPTERS, ["c1"], extra={"OEBPS/bomb.bin": bytes(4 * 1024 * 1024)})
    assert "zip bomb" in refusal(tmp_path, "bomb.epub", raw)


def test_zip_bomb_refused_by_total_size(tmp_path, monkeypatch):
    monkeypatch.setattr(zip_guard, "MAX_UNCOMPRESSED", 2000)
    raw = make_epub({"c1": "<p>" + "word " * 1000 + "</p>"}, ["c1"])
    assert "zip bomb" in refusal(tmp_path, "big.epub", raw)


@pytest.mark.parametrize("href", ["../../etc/passwd", "/etc/passwd"])
def test_epub_path_tricks_refused(tmp_path, href):
    raw = make_epub({"c1": "<p>x</p>"}, ["c1"], hrefs={"c1": href})
    message = refusal(tmp_path, "trick.epub", raw)
    assert "unsafe path" in message or "missing" in message


def test_epub_missing_chapter_and_bad_package(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
    assert "incomplete" in refusal(tmp_path, "empty.epub", out.getvalue())
    assert "not a valid EPUB" in refusal(tmp_path, "bad.epub", b"PK\x03\x04 not really")


def test_epub_package_with_entities_refused(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("META-INF/container.xml",
                   '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    assert "DTD" in refusal(tmp_path, "dtd.epub", out.getvalue())


# --- web pages ---------------------------------------------------------------------
BOILERPLATE = ("Subscribe now", "BUY CHEAP", "All rights reserved", "Ten things", "evil",
               "cookie", "color: red", "Home")


def test_web_page_article_and_metadata(tmp_path):
    doc = load_document(write(tmp_path, "page.html", ARTICLE_PAGE.encode()))
    assert doc.media_type == "text/html" and doc.encoding == "utf-8"
    assert doc.text.startswith("Militia threatens troops\n\nThe armed group Harakat")
    assert "decision of war and peace." in doc.text
    for junk in BOILERPLATE:
        assert junk not in doc.text
    assert doc.title == "Militia threatens troops"
    assert doc.author == "Jane Roe"
    assert doc.published.startswith("2024-02-29")
    assert doc.url == "https://news.example.org/militia"
    kinds = {(doc.text[s:e], k) for s, e, k in doc.styles}
    assert ("Militia threatens troops", "heading1") in kinds and ("Reaction", "heading2") in kinds


def test_web_page_without_the_extractor_uses_our_own(tmp_path, monkeypatch):
    monkeypatch.setattr(html_format, "_extract_article", lambda html: None)
    doc = load_document(write(tmp_path, "page.htm", ARTICLE_PAGE.encode()))
    assert doc.text.startswith("Militia threatens troops\n\nThe armed group")
    for junk in BOILERPLATE:
        assert junk not in doc.text
    assert doc.title == "Militia threatens troops | Daily News"
    assert doc.author == "Jane Roe" and doc.url == "https://news.example.org/militia"


def test_web_page_in_a_declared_legacy_charset(tmp_path):
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; '
            'charset=windows-1256"><title>خبر</title></head><body><article><p>'
            + "أعلنت الجماعة المسلحة أنها ستستهدف القوات. " * 5 + "</p></article></body></html>")
    doc = load_document(write(tmp_path, "ar.html", page.encode("cp1256")))
    assert doc.encoding == "cp1256"
    assert "أعلنت الجماعة المسلحة" in doc.text


def test_web_page_with_no_text(tmp_path):
    raw = b"<html><head><script>x()</script></head><body><script>y()</script> </body></html>"
    assert "no readable text" in refusal(tmp_path, "empty.html", raw)


# --- any format --------------------------------------------------------------------
@pytest.mark.parametrize("name", ["e.pdf", "e.docx", "e.epub", "e.html", "e.md", "e.txt"])
def test_empty_files_are_refused(tmp_path, name):
    assert "is empty" in refusal(tmp_path, name, b"")


def test_size_cap_applies_to_every_format(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 100)
    assert "MB" in refusal(tmp_path, "big.pdf", make_pdf(PAGES))


def test_unsupported_format_names_the_supported_ones(tmp_path):
    message = refusal(tmp_path, "x.odt", b"data")
    for suffix in (".pdf", ".docx", ".epub", ".html", ".md", ".txt"):
        assert suffix in message


def test_a_parser_failure_becomes_a_message(tmp_path, monkeypatch):
    from desktop.storage.formats import docx as docx_format

    def broken(source):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(docx_format, "load_docx", broken)
    message = refusal(tmp_path, "deep.docx", b"PK anything")
    assert message.startswith("“deep.docx” could not be read (RecursionError")


def test_docx_zip_bomb_refused_before_python_docx_reads_it(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_docx([("p", "x")]))) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("word/media/bomb.bin", bytes(4 * 1024 * 1024))
    assert "zip bomb" in refusal(tmp_path, "bomb.docx", out.getvalue())


def encrypted_pdf(user_password: str) -> bytes:
    """RC4-128 encrypted copies of make_pdf(["secret text"]) (made once with pypdf)."""
    name = "locked.pdf" if user_password else "owner-only.pdf"
    return (Path(__file__).parent.parent / "fixtures" / "pdf" / name).read_bytes()


def test_password_protected_pdf_is_refused_with_advice(tmp_path):
    assert "protected by a password" in refusal(tmp_path, "locked.pdf", encrypted_pdf("pw"))


def test_pdf_encrypted_without_a_user_password_opens(tmp_path):
    doc = load_document(write(tmp_path, "owner-only.pdf", encrypted_pdf("")))
    assert doc.text == "secret text"
