"""The highlight categories a new study starts with.

Colours are picked to stay distinguishable for common colour-vision deficiencies and
legible as translucent fills under black text; names always accompany them. None
is the selection's blue (tests/ui/test_ui_quote_colour.py).
"""

from __future__ import annotations

from desktop.domain.model import Category

DEFAULT_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("claim", "Claim", "#f2b134"),
    ("evidence", "Evidence", "#3fb57d"),
    ("quote", "Quote", "#1aa9bc"),  # teal: never the blue of the text selection
    ("opinion", "Opinion/loaded language", "#e0567a"),
    ("question", "Question", "#9b6ddb"),
)


CHECKABLE_BY_DEFAULT = frozenset({"claim"})  # a study may change it per category


def checkable_by_default(category_id: str) -> bool:
    """What a study file that does not say means: claims take a verdict, others not."""
    return category_id in CHECKABLE_BY_DEFAULT


def default_categories() -> list[Category]:
    return [Category(cid, name, color, checkable_by_default(cid))
            for cid, name, color in DEFAULT_CATEGORIES]
