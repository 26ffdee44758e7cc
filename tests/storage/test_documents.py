"""Opening text and Markdown documents: encodings, newlines, titles and refusals."""

import codecs
import os
import random

import pytest

from desktop.storage import documents
from desktop.storage.documents import (
    decode_text,
    is_document_path,
    load_document,
    normalize_newlines,
)
from desktop.storage.errors import DocumentError, StorageError

PERSIAN = "گزارش: گروه نجبا اعلام کرد 😀 9,000 US troops"
BODY = f"First line\n{PERSIAN}\nÀ bientôt — “quoted” 👩\u200d👩\u200d👧\n"


def doc_from(tmp_path, raw, name="doc.txt"):
    path = tmp_path / name
    path.write_bytes(raw)
    return load_document(path)


def refused(tmp_path, raw, name="doc.txt"):
    path = tmp_path / name
    path.write_bytes(raw)
    with pytest.raises(DocumentError) as info:
        load_document(path)
    assert isinstance(info.value, StorageError)
    return str(info.value)


@pytest.mark.parametrize(
    "raw",
    [
        BODY.encode("utf-8"),
        codecs.BOM_UTF8 + BODY.encode("utf-8"),
        codecs.BOM_UTF16_LE + BODY.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + BODY.encode("utf-16-be"),
        BODY.encode("utf-16"),  # platform order with BOM
        codecs.BOM_UTF32_LE + BODY.encode("utf-32-le"),  # its BOM starts like UTF-16 LE's
        codecs.BOM_UTF32_BE + BODY.encode("utf-32-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le", "utf16-be", "utf16-native", "utf32-le", "utf32-be"],
)
def test_unicode_encodings_decode_exactly(tmp_path, raw):
    doc = doc_from(tmp_path, raw)
    assert doc.text == BODY
    assert not doc.text.startswith("\ufeff")
    assert doc.title == "First line"
    assert doc.media_type == "text/plain"


def test_cp1252_fallback(tmp_path):
    text = "Café “smart quotes” – naïve €5\n"
    raw = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    doc = doc_from(tmp_path, raw)
    assert doc.text == text
    assert doc.title == "Café “smart quotes” – naïve €5"


def test_undetectable_bytes_refused(tmp_path):
    rng = random.Random(1)
    noise = bytes(rng.randrange(1, 256) for _ in range(2000))
    assert "encoding is unknown" in refused(tmp_path, noise)


def test_cp1252_control_characters_refused(tmp_path):
    assert "does not look like text" in refused(tmp_path, b"abc \xe9 \x01\x02\x03 text")


def test_damaged_utf16_refused(tmp_path):
    raw = codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8"  # lone high surrogate
    message = refused(tmp_path, raw)
    assert "damaged" in message and "doc.txt" in message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a\r\nb\r\nc", "a\nb\nc"),
        (b"a\rb\rc\r", "a\nb\nc\n"),
        (b"a\r\n\r\nb\n\rc", "a\n\nb\n\nc"),
        ("a\u2029b".encode(), "a\nb"),
        (codecs.BOM_UTF16_LE + "x\r\ny\rz".encode("utf-16-le"), "x\ny\nz"),
    ],
)
def test_newlines_normalised(tmp_path, raw, expected):
    assert doc_from(tmp_path, raw).text == expected


def test_normalize_newlines_function():
    assert normalize_newlines("a\r\nb\rc\nd\u2029e") == "a\nb\nc\nd\ne"
    assert normalize_newlines("\r\r\n") == "\n\n"
    assert normalize_newlines("no newline") == "no newline"


@pytest.mark.parametrize(
    "raw", [b"abc\x00def", b"\x89PNG\r\n\x1a\n\x00\x00", b"\x00", b"PK\x03\x04\x14\x00\x00\x00"]
)
def test_binary_refused(tmp_path, raw):
    assert "binary" in refused(tmp_path, raw)


@pytest.mark.parametrize(
    "raw",
    [
        codecs.BOM_UTF16_LE + "text\x00more".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "\x00\x00\x00\x01".encode("utf-16-be"),
        codecs.BOM_UTF8 + b"abc\x00def",
    ],
)
def test_nul_characters_after_a_bom_refused(tmp_path, raw):
    assert "binary" in refused(tmp_path, raw)


@pytest.mark.parametrize(
    "raw", [b"", b"   ", b"\n\n\r\n\t ", codecs.BOM_UTF8, codecs.BOM_UTF8 + b" \n",
            codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")]
)
def test_empty_or_whitespace_refused(tmp_path, raw):
    assert "empty" in refused(tmp_path, raw)


@pytest.mark.parametrize("name", ["doc.odt", "doc.rtf", "doc", "doc.crosslight", "doc.txt.bak"])
def test_unsupported_suffix_refused(tmp_path, name):
    message = refused(tmp_path, b"plain text", name=name)
    assert "not a document Crosslight can open" in message
    assert ".txt" in message and ".md" in message


@pytest.mark.parametrize(
    ("name", "media"),
    [("a.txt", "text/plain"), ("a.TXT", "text/plain"), ("a.text", "text/plain"),
     ("a.md", "text/markdown"), ("a.Markdown", "text/markdown")],
)
def test_supported_suffixes(tmp_path, name, media):
    assert is_document_path(tmp_path / name)
    assert doc_from(tmp_path, b"hello", name=name).media_type == media


def test_is_document_path_negative():
    assert not is_document_path("x.odt")
    assert not is_document_path("x")
    assert not is_document_path("x.crosslight")


def test_missing_file_refused(tmp_path):
    with pytest.raises(DocumentError, match="does not exist"):
        load_document(tmp_path / "missing.txt")


def test_directory_refused(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(DocumentError, match="folder"):
        load_document(folder)


def test_oversize_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 11)

    def no_read(*args, **kwargs):
        raise AssertionError("file was read")

    monkeypatch.setattr(type(path), "read_bytes", no_read)
    with pytest.raises(DocumentError, match="MB"):
        load_document(path)


def test_exactly_max_size_is_accepted(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 10)
    assert doc_from(tmp_path, b"0123456789").text == "0123456789"


def test_title_from_first_non_empty_line(tmp_path):
    doc = doc_from(tmp_path, b"\n   \n\t  The real title  \nbody\n")
    assert doc.title == "The real title"
    assert doc.text == "\n   \n\t  The real title  \nbody\n"  # text itself untouched


def test_markdown_heading_hashes_stripped(tmp_path):
    # Markdown is rendered: the title is the heading as shown, without its markers.
    assert doc_from(tmp_path, b"\n## Section *one*\n\ntext", name="n.md").title == "Section one"
    fa = "# گزارش ویژه\n\nمتن".encode()
    assert doc_from(tmp_path, fa, name="fa.md").title == "گزارش ویژه"


def test_title_truncated_and_falls_back_to_file_stem(tmp_path):
    long_line = ("word " * 100).encode()
    assert len(doc_from(tmp_path, long_line).title) == 120
    assert "empty" in refused(tmp_path, b"###\n", name="only-hashes.md")  # renders to nothing


def test_source_path_is_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rel.txt").write_bytes(b"content")
    doc = load_document("rel.txt")
    assert os.path.isabs(doc.source_path)
    assert doc.source_path == str((tmp_path / "rel.txt").resolve())


def test_decode_text_prefers_utf8_over_cp1252():
    raw = "é".encode()  # b"\xc3\xa9" would be "Ã©" in cp1252
    assert decode_text(raw, "x") == "é"


def test_documents_get_distinct_ids(tmp_path):
    a = doc_from(tmp_path, b"same", name="a.txt")
    b = doc_from(tmp_path, b"same", name="b.txt")
    assert a.id != b.id
    assert a.sha256 == b.sha256


def test_a_control_character_far_into_a_large_file_is_still_found(tmp_path):
    # The check runs a slice at a time (one regex call over a book held the GIL, so a
    # worker thread froze the window): a control character in a later slice, or right
    # on a slice's edge, is found as before.
    from desktop.storage.formats import text as text_format

    step = text_format._SEARCH_STEP
    for at in (step - 1, step, 3 * step + 17):
        body = bytearray(b"a" * (4 * step))
        body[at] = 0x01
        body[5] = 0xE9  # not UTF-8: the legacy path, which checks for controls
        assert "does not look like text" in refused(tmp_path, bytes(body)), at
    assert text_format._has_controls("x" * (2 * step) + "\x02")
    assert not text_format._has_controls("tab\tnew\nline\fform " * 1000)
