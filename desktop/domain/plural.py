"""Counting things in messages: ``plural(3, "highlight")`` is “3 highlights”.

One helper instead of ``{plural(n, 'highlight')}`` written out in every
message (21 of them did), so grouping and irregular nouns are done the same everywhere.
English only, as the rest of the interface.
"""

from __future__ import annotations


def plural(n: int, noun: str, many: str | None = None) -> str:
    """``n`` and the noun, plural unless ``n`` is one; ``many`` for irregular plurals
    (``plural(n, "address", "addresses")``). Thousands are grouped: “1,204 words”."""
    return f"{n:,} {noun if n == 1 else many or noun + 's'}"
