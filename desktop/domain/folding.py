"""Text as search compares it: case, accents and Arabic-script vowel marks folded away,
Arabic/Persian letter variants and digits unified, zero-width joiners dropped.

Its own module because the highlight list filters with it at every start-up, while
the rest of study search (and its classes) loads only when the reader searches.
"""

from __future__ import annotations

import unicodedata

TATWEEL = "\u0640"
# Letters that Persian and Arabic write differently for the same sound; search treats
# them alike. Zero-width (non-)joiners shape Persian words but carry no meaning here.
_LETTERS = {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"}
# Arabic-Indic and Persian digits match Western ones: "۲۰۱۷" finds "2017".
_LETTERS.update({chr(0x660 + d): str(d) for d in range(10)})
_LETTERS.update({chr(0x6F0 + d): str(d) for d in range(10)})
_DROPPED = {TATWEEL, "\u200c", "\u200d", "\u200b", "\u00ad"}

_table: dict[int, str | None] | None = None


def _translation() -> dict[int, str | None]:
    """Drop combining marks (accents, harakat) and tatweel; unify letter variants.

    Built once, on the first search: scanning the code point table costs ~50 ms.
    """
    global _table
    if _table is None:
        table: dict[int, str | None] = {
            cp: None for cp in range(0x300, 0x20000) if unicodedata.category(chr(cp)) == "Mn"
        }
        table.update({ord(c): None for c in _DROPPED})
        table.update({ord(k): v for k, v in _LETTERS.items()})
        _table = table
    return _table


def fold(text: str) -> str:
    """Text as search compares it: case-folded, decomposed, marks and tatweel removed."""
    if text.isascii():
        return text.casefold()
    return unicodedata.normalize("NFKD", text.casefold()).translate(_translation())


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each folded character, the index it came from in ``text``.

    Character by character, so only for the few fields a snippet is cut from.
    """
    table = _translation()
    pieces: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        piece = unicodedata.normalize("NFKD", ch.casefold()).translate(table)
        pieces.append(piece)
        origin.extend([i] * len(piece))
    return "".join(pieces), origin
