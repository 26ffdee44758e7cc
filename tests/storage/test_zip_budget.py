"""EPUB and DOCX archives have budgets on expansion, per entry and in total, checked
on every entry (not only large ones) and again while inflating: a small file of many
highly compressed chapters is refused at once with a message, never parsed for
minutes."""

import io
import zipfile

import pytest

from desktop.storage.errors import DocumentError
from desktop.storage.formats import zip_guard
from desktop.storage.formats.zip_guard import SafeZip
from desktop.storage.opening import load_document
from tests.format_fixtures import CONTAINER, make_epub


def _bomb_epub(chapters: int, size: int) -> bytes:
    """``chapters`` chapters of ``size`` bytes of one repeated letter, deflated."""
    body = "<p>" + "a" * size + "</p>"
    out = io.BytesIO()
    spine = "".join(f'<itemref idref="c{i}"/>' for i in range(chapters))
    manifest = "".join(f'<item id="c{i}" href="c{i}.xhtml" media-type="application/xhtml+xml"/>'
                       for i in range(chapters))
    opf = (f'<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
           f"<metadata/><manifest>{manifest}</manifest><spine>{spine}</spine></package>")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        book.writestr("META-INF/container.xml", CONTAINER)
        book.writestr("OEBPS/content.opf", opf)
        for i in range(chapters):
            book.writestr(f"OEBPS/c{i}.xhtml",
                          f'<html xmlns="http://www.w3.org/1999/xhtml"><body>{body}</body></html>')
    return out.getvalue()


def _refusal(tmp_path, name, raw) -> str:
    path = tmp_path / name
    path.write_bytes(raw)
    with pytest.raises(DocumentError) as info:
        load_document(path)
    return str(info.value)


def test_many_one_megabyte_chapters_at_1000_to_1_are_refused(tmp_path):
    raw = _bomb_epub(20, 1024 * 1024)  # each entry exactly 1 MB: below the old check
    assert len(raw) < 1024 * 1024
    message = _refusal(tmp_path, "bomb.epub", raw)
    assert "zip bomb" in message and "inflates more than" in message


def test_an_entry_just_over_the_small_size_is_checked_for_ratio(tmp_path):
    raw = _bomb_epub(1, zip_guard.SMALL_ENTRY + 1000)
    assert "inflates more than" in _refusal(tmp_path, "small.epub", raw)


def test_small_entries_may_inflate_from_anything(tmp_path):
    raw = _bomb_epub(3, zip_guard.SMALL_ENTRY - 200)
    assert load_document(_write(tmp_path, "fine.epub", raw)).text.startswith("a")


def _write(tmp_path, name, raw):
    path = tmp_path / name
    path.write_bytes(raw)
    return path


def test_total_expansion_is_bounded_by_the_archive_size(tmp_path, monkeypatch):
    monkeypatch.setattr(zip_guard, "MIN_TOTAL", 0)
    raw = make_epub({f"c{i}": "<p>" + "word " * 400 + "</p>" for i in range(5)},
                    [f"c{i}" for i in range(5)])
    monkeypatch.setattr(zip_guard, "TOTAL_RATIO", 1)
    book = SafeZip(raw, "ok.epub", "EPUB")  # stored: unpacks to about its own size
    assert book.budget == len(raw)
    deflated = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, \
            zipfile.ZipFile(deflated, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
    assert "would unpack to more than" in _refusal(tmp_path, "packed.epub", deflated.getvalue())


def test_the_budget_is_spent_while_reading(monkeypatch):
    raw = _bomb_epub(4, 20_000)
    book = SafeZip(raw, "b.epub", "EPUB")
    book.read_member("OEBPS/c0.xhtml")
    book.budget = book._read + 10  # as if the declared sizes had lied
    with pytest.raises(DocumentError, match="would unpack"):
        book.read_member("OEBPS/c1.xhtml")


def test_budget_bounds():
    raw = _bomb_epub(1, 100)
    assert SafeZip(raw, "t.epub", "EPUB").budget == zip_guard.MIN_TOTAL
    info = zipfile.ZipInfo("x")
    info.compress_size = 10
    assert zip_guard._entry_limit(info) == zip_guard.SMALL_ENTRY
    info.compress_size = 1000
    assert zip_guard._entry_limit(info) == 1000 * zip_guard.MAX_RATIO
