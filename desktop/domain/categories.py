"""The highlight categories a new study starts with.

Colours are picked to stay distinguishable for common colour-vision deficiencies and
legible as translucent fills under black text; names always accompany them.
"""

from __future__ import annotations

from desktop.domain.model import Category

DEFAULT_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("claim", "Claim", "#f2b134"),
    ("evidence", "Evidence", "#3fb57d"),
    ("quote", "Quote", "#4a90e2"),
    ("opinion", "Opinion/loaded language", "#e0567a"),
    ("question", "Question", "#9b6ddb"),
)


def default_categories() -> list[Category]:
    return [Category(cid, name, color) for cid, name, color in DEFAULT_CATEGORIES]
