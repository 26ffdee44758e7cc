"""EPUB books with the standard library only: container → OPF → spine order → text.

Each chapter (spine item) is turned into text with ``html_text``; chapters are set
apart by a blank line and keep their headings as styles. The archive is read through
``SafeZip`` (bomb and path checks), and only files the spine names are read.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET

from desktop.domain.model import Document
from desktop.storage.errors import DocumentError
from desktop.storage.formats.base import Source
from desktop.storage.formats.html_text import html_to_text
from desktop.storage.formats.styled_text import StyledText
from desktop.storage.formats.text import decode_text
from desktop.storage.formats.zip_guard import SafeZip, join_href

_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_CHAPTER_TYPES = {"application/xhtml+xml", "text/html", "application/x-dtbook+xml"}


def load_epub(source: Source) -> Document:
    name = source.name
    book = SafeZip(source.raw, name, "EPUB")
    opf_path = _opf_path(book)
    opf = _xml(book, opf_path)
    base = posixpath.dirname(opf_path)
    manifest = {
        item.get("id"): (item.get("href") or "", item.get("media-type") or "")
        for item in opf.iter(f"{_OPF}item")
    }
    spine = [ref.get("idref") for ref in opf.iter(f"{_OPF}itemref")
             if (ref.get("linear") or "yes") != "no"]
    chapters = [manifest[i] for i in spine if i in manifest and manifest[i][1] in _CHAPTER_TYPES]
    if not chapters:
        raise DocumentError(f"“{name}” is an EPUB with no chapters in its reading order.")
    metadata = opf.find(f"{_OPF}metadata")
    book_title = _dc(metadata, "title")
    out = StyledText()
    readings: list[tuple[int, int, str]] = []
    for number, (href, _media) in enumerate(chapters):
        source.step(number / len(chapters))
        raw = book.read_member(join_href(base, href))
        html, _encoding = decode_text(raw, name) if raw.strip() else ("", "")
        chapter = html_to_text(html)
        if not chapter.text.strip():
            continue
        out.block_break()
        at = _append_chapter(out, chapter, book_title)
        readings.extend((at + s, at + e, r) for s, e, r in chapter.readings)
    source.step(1.0)
    text, styles = out.result()
    if not text.strip():
        raise DocumentError(f"“{name}” is an EPUB with no readable text.")
    readings = [(s, min(e, len(text)), r) for s, e, r in readings if s < len(text)]
    return Document(text=text, styles=styles, readings=readings, title=book_title,
                    media_type="application/epub+zip", author=_dc(metadata, "creator"),
                    published=_dc(metadata, "date"))


def _append_chapter(out: StyledText, chapter, book_title: str) -> int:
    """Copy a chapter's text and styles onto the book's (return where its text starts); a
    chapter without a heading of its own gets its <title> as one (unless that is just the
    book's title again)."""
    if not chapter.first_heading and chapter.title and chapter.title != book_title:
        out.begin("heading2")
        out.append(chapter.title)
        out.end("heading2")
        out.block_break()
    return out.append_styled(chapter.text, chapter.styles)


def _opf_path(book: SafeZip) -> str:
    container = _xml(book, "META-INF/container.xml")
    rootfile = container.find(f".//{_CONTAINER}rootfile")
    path = rootfile.get("full-path") if rootfile is not None else None
    if not path:
        raise DocumentError(f"“{book.name}” is not a valid EPUB (no package file named).")
    return join_href("", path)


def _xml(book: SafeZip, member: str) -> ET.Element:
    raw = book.read_member(member)
    if b"<!DOCTYPE" in raw[:2048] or b"<!ENTITY" in raw:
        # Entity expansion is the XML bomb; package files never need a DTD.
        raise DocumentError(f"“{book.name}” has a package file with a DTD; not opened.")
    try:
        return ET.fromstring(raw)
    except ET.ParseError as err:
        raise DocumentError(f"“{book.name}” is not a valid EPUB ({member}: {err}).") from err


def _dc(metadata: ET.Element | None, key: str) -> str:
    if metadata is None:
        return ""
    element = metadata.find(f"{_DC}{key}")
    return (element.text or "").strip() if element is not None else ""
