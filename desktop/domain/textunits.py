"""Convert between code-point offsets (stored) and UTF-16 offsets (Qt).

Crosslight stores every offset in Unicode code points, the unit of Python ``str``
indices and of the W3C TextPositionSelector. Qt counts UTF-16 code units, so a
character outside the Basic Multilingual Plane (most emoji) counts once for us and
twice for Qt. This map converts at the UI boundary in O(log n).
"""

from __future__ import annotations

from bisect import bisect_left


class Utf16Map:
    """Offset converter for one text; cheap when the text has no astral characters."""

    __slots__ = ("_astral_cp", "_astral_u16", "length_cp", "length_u16")

    def __init__(self, text: str) -> None:
        astral_cp = []
        if _has_astral(text):
            astral_cp = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._astral_cp = astral_cp
        # UTF-16 offset of each astral character = its code-point index + astral chars before it.
        self._astral_u16 = [cp + n for n, cp in enumerate(astral_cp)]
        self.length_cp = len(text)
        self.length_u16 = len(text) + len(astral_cp)

    def to_utf16(self, cp: int) -> int:
        """UTF-16 offset of code-point offset ``cp``."""
        if not self._astral_cp:
            return cp
        return cp + bisect_left(self._astral_cp, cp)

    def to_codepoint(self, u16: int) -> int:
        """Code-point offset of UTF-16 offset ``u16``; the middle of a pair rounds down."""
        if not self._astral_u16:
            return u16
        # Each astral character starting before u16 adds one extra unit; an offset in the
        # middle of a pair lands on that character's own index, which is the same formula.
        return u16 - bisect_left(self._astral_u16, u16)


def _has_astral(text: str) -> bool:
    # ASCII/BMP-only text is the common case; encoding once is much faster than a Python loop.
    return len(text.encode("utf-16-le")) != 2 * len(text)
