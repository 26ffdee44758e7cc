"""Decoding text files: byte-order marks, strict UTF-8, then detection of legacy encodings.

Order, most certain first: a BOM (UTF-8/16/32); UTF-16 without a BOM when the NUL bytes
fall on one side of each pair; strict UTF-8; Western cp1252 when the non-ASCII letters
are sparse (as accents are); otherwise charset-normalizer guesses (Arabic cp1256,
Cyrillic cp1251/KOI8-R, …). The encoding used is returned so it can be shown and the
user can override it. Binary files are refused rather than shown as mojibake.
"""

from __future__ import annotations

import codecs
import re
from functools import cache

from desktop.domain.model import Document
from desktop.storage.errors import DocumentError
from desktop.storage.formats.base import Source

_BOMS = (
    # UTF-32 first: the UTF-32 LE mark begins with the UTF-16 LE one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Offered by Reopen with Encoding: (Python codec name, label).
ENCODING_CHOICES: list[tuple[str, str]] = [
    ("utf-8", "Unicode (UTF-8)"),
    ("utf-16-le", "Unicode (UTF-16 LE)"),
    ("utf-16-be", "Unicode (UTF-16 BE)"),
    ("cp1252", "Western (Windows-1252)"),
    ("iso-8859-1", "Western (ISO-8859-1)"),
    ("iso-8859-15", "Western (ISO-8859-15)"),
    ("cp1250", "Central European (Windows-1250)"),
    ("cp1251", "Cyrillic (Windows-1251)"),
    ("koi8-r", "Cyrillic (KOI8-R)"),
    ("koi8-u", "Cyrillic (KOI8-U)"),
    ("cp1253", "Greek (Windows-1253)"),
    ("cp1254", "Turkish (Windows-1254)"),
    ("cp1255", "Hebrew (Windows-1255)"),
    ("cp1256", "Arabic (Windows-1256)"),
    ("iso-8859-6", "Arabic (ISO-8859-6)"),
    ("cp1257", "Baltic (Windows-1257)"),
    ("cp1258", "Vietnamese (Windows-1258)"),
    ("mac-roman", "Western (Mac Roman)"),
    ("shift_jis", "Japanese (Shift JIS)"),
    ("euc-jp", "Japanese (EUC-JP)"),
    ("gb18030", "Chinese Simplified (GB18030)"),
    ("big5", "Chinese Traditional (Big5)"),
    ("euc-kr", "Korean (EUC-KR)"),
]


@cache
def _labels() -> dict[str, str]:
    """Label by canonical codec name; built on first use (looking codecs up loads them)."""
    labels = {codecs.lookup(name).name: label for name, label in ENCODING_CHOICES}
    labels.update({"utf-8-sig": "Unicode (UTF-8, with BOM)", "utf-16": "Unicode (UTF-16)",
                   "utf-32": "Unicode (UTF-32)"})
    return labels

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # all but tab, newlines, form feed
SAMPLE_CHARS = 65_536  # enough to judge an encoding by, however large the file


def encoding_label(encoding: str) -> str:
    """A name people know ("Arabic (Windows-1256)") for a codec name."""
    if encoding == "utf-8":  # the common case, shown at start-up: no need to load 22 codecs
        return ENCODING_CHOICES[0][1]
    try:
        key = codecs.lookup(encoding).name
    except LookupError:
        return encoding
    labels = _labels()
    return labels.get(key, labels.get(encoding, encoding.upper()))


def load_text(source: Source, media_type: str = "text/plain") -> Document:
    text, encoding = decode_text(source.raw, source.name, source.encoding)
    source.step(1.0)
    return Document(text=normalize_newlines(text), title="", media_type=media_type,
                    encoding=encoding)


def decode_text(raw: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """The text and the codec that decoded it; DocumentError if it is not text."""
    if encoding:
        return _decode_as(raw, name, encoding), encoding
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError as err:
                raise DocumentError(f"“{name}” has a {codec} mark but is damaged.") from err
            if "\x00" in text:
                raise DocumentError(f"“{name}” is a binary file, not text.")
            return text, codec
    if b"\x00" in raw:
        utf16 = _utf16_without_bom(raw)
        if utf16 is None:
            raise DocumentError(f"“{name}” is a binary file, not text.")
        return _checked(raw.decode(utf16), name), utf16
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    western = _western(raw)
    if western is not None:
        return _checked(western, name), "cp1252"
    return _detect(raw, name)


def _decode_as(raw: bytes, name: str, encoding: str) -> str:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError as err:
        raise DocumentError(f"“{encoding}” is not a text encoding Crosslight knows.") from err
    if codec == "utf-8" and raw.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as err:
        raise DocumentError(
            f"“{name}” cannot be read as {encoding_label(encoding)}: byte "
            f"0x{raw[err.start]:02x} at position {err.start} is not valid in it."
        ) from err
    if text.startswith("\ufeff"):
        text = text[1:]
    return _checked(text, name)


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 LE/BE when NULs sit almost only on one side of each byte pair.

    Latin text has a NUL in every pair; Arabic or Cyrillic ones only in spaces, digits
    and punctuation, so a few per cent suffice. Binary data fails the control-character
    check after decoding.
    """
    if len(raw) % 2:
        return None
    even = raw[0::2].count(0)
    odd = raw[1::2].count(0)
    enough = max(1, len(raw) // 64)
    if odd >= 0.95 * (even + odd) and odd >= enough:
        candidates = ["utf-16-le"]
    elif even >= 0.95 * (even + odd) and even >= enough:
        candidates = ["utf-16-be"]
    else:
        return None
    for codec in candidates:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and not _has_controls(text):
            return codec
    return None


def _western(raw: bytes) -> str | None:
    """cp1252 when it decodes and accented letters are a small share of all letters."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text[:SAMPLE_CHARS] if c.isalpha()]
    if not letters:
        return None
    foreign = sum(1 for c in letters if ord(c) > 127)
    return text if foreign <= 0.3 * len(letters) else None


def _detect(raw: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # imported on first legacy file only

    best = from_bytes(raw).best()
    if best is None:
        raise DocumentError(f"“{name}” is not UTF-8 text and its encoding is unknown.")
    codec = codecs.lookup(best.encoding).name
    return _checked(str(best), name), codec


def _has_controls(text: str) -> bool:
    return _CONTROLS.search(text) is not None


def _checked(text: str, name: str) -> str:
    if _has_controls(text):
        raise DocumentError(f"“{name}” does not look like text.")
    return text


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")
