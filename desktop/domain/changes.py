"""Change sets: what a command touched, so views refresh only that."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class ChangeSet:
    highlights_added: set[str] = field(default_factory=set)
    highlights_removed: set[str] = field(default_factory=set)
    highlights_changed: set[str] = field(default_factory=set)
    study_changed: bool = False
    documents_changed: bool = False
    references_changed: set[str] = field(default_factory=set)
    links_changed: bool = False
    source_changed: bool = False  # a document's source assessment
    # Which highlight attributes changed ("note", "category_id", "verdict"); empty means
    # any. A hint that lets views skip work (typing a note repaints nothing in the text);
    # not part of equality.
    highlight_fields: set[str] = field(default_factory=set, compare=False)

    def only_fields(self, *names: str) -> bool:
        """True when the highlights changed in nothing but the attributes ``names``."""
        return bool(self.highlight_fields) and self.highlight_fields <= set(names)

    def __bool__(self) -> bool:
        return bool(
            self.highlights_added
            or self.highlights_removed
            or self.highlights_changed
            or self.study_changed
            or self.documents_changed
            or self.references_changed
            or self.links_changed
            or self.source_changed
        )

    @property
    def text_only(self) -> bool:
        """True for typing: only free text changed (a highlight's note or rationale, the
        study note, a source assessment), so no count, tag or list needs refreshing."""
        if (self.highlights_added or self.highlights_removed or self.documents_changed
                or self.references_changed or self.links_changed):
            return False
        if self.highlights_changed:
            return self.only_fields("note", "rationale")
        return self.study_changed or self.source_changed

    @property
    def highlight_set_changed(self) -> bool:
        """True when highlights appeared or vanished (lists must re-sort)."""
        return bool(self.highlights_added or self.highlights_removed)
