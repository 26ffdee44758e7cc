"""Free-text tags on highlights: how typed text becomes a clean tag list.

Tags are the reader's own vocabulary ("economy", "sanctions"), so they are kept as
typed, only tidied: spaces trimmed and collapsed, a leading ``#`` dropped, commas
turned into spaces (the tag field separates tags with them, so a tag from a file
never splits in two when edited), capped in length, and duplicates that differ only
in case removed (the first spelling wins).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from desktop.domain.model import Highlight, Study

MAX_TAG_LENGTH = 60
MAX_TAGS = 50  # per highlight: far beyond any real use, a bound for hostile files


def normalise_tag(text: str) -> str:
    """One tag, tidied; "" when nothing is left."""
    tag = " ".join(text.replace(",", " ").split()).lstrip("# ")
    return tag[:MAX_TAG_LENGTH].rstrip()


def normalise_tags(tags: Iterable[str]) -> list[str]:
    """Tidy every tag and drop empties and case-insensitive repeats, keeping order."""
    seen: set[str] = set()
    result: list[str] = []
    for raw in tags:
        tag = normalise_tag(raw)
        key = tag.casefold()
        if tag and key not in seen:
            seen.add(key)
            result.append(tag)
            if len(result) == MAX_TAGS:
                break
    return result


def parse_tags(text: str) -> list[str]:
    """Comma-separated text from the tag field → a normalised list."""
    return normalise_tags(text.split(","))


def format_tags(tags: Iterable[str]) -> str:
    """The inverse of ``parse_tags`` for the tag field: "economy, sanctions"."""
    return ", ".join(tags)


def hashtags(tags: Iterable[str]) -> str:
    """Compact form for list rows: "#economy #sanctions" (spaces kept inside a tag)."""
    return " ".join(f"#{t}" for t in tags)


def tag_counts(study: Study, document_id: str | None = None) -> list[tuple[str, int]]:
    """The study's tags with how many highlights carry each, sorted by name.

    Spellings that differ in case count as one tag, shown as first met.
    """
    counter = TagCounter()
    counter.add(h for h in study.highlights.values()
                if document_id is None or h.document_id == document_id)
    return counter.counts()


class TagCounter:
    """``tag_counts`` a slice of highlights at a time (a large study's, after the
    window shows)."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()
        self._spelling: dict[str, str] = {}

    def add(self, highlights: Iterable[Highlight]) -> None:
        counts, spelling = self._counts, self._spelling
        for h in highlights:
            for tag in h.tags:
                key = tag.casefold()
                spelling.setdefault(key, tag)
                counts[key] += 1

    def counts(self) -> list[tuple[str, int]]:
        spelling = self._spelling
        return sorted(((spelling[k], n) for k, n in self._counts.items()),
                      key=lambda x: x[0].casefold())


def has_tag(tags: Iterable[str], tag: str) -> bool:
    key = tag.casefold()
    return any(t.casefold() == key for t in tags)
