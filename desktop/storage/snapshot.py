"""A cheap, consistent snapshot of a study's file data, for saving off the UI thread.

Building the JSON data of 10,000 highlights takes about 90 ms, too long to stall the
window on every save and autosave. Each highlight's data is kept between saves and
rebuilt only when a change set names that highlight (the same contract every view
relies on), so a snapshot costs a sort and a list. Cached entries are replaced, never
mutated: a snapshot handed to a writer thread stays valid while the user edits on.
"""

from __future__ import annotations

from typing import Any

from desktop.domain.changes import ChangeSet
from desktop.domain.model import Highlight, Study
from desktop.storage.schema import highlight_to_data, study_to_data

# Highlight fields whose change leaves the order a save writes highlights in as it was
# (reading order: document, start, end, creation).
KEEP_ORDER = ("note", "rationale", "verdict", "category_id", "tags")
ORDER_BATCH = 50  # highlights put in order per warmed one (~1 µs against ~70 µs)


class SnapshotCache:
    def __init__(self) -> None:
        self._entries: dict[str, tuple[Highlight, dict[str, Any]]] = {}
        # Highlights still to build, last first: each warm turn pops from here instead of
        # walking the study from its start past every entry already built (that walk
        # made warming quadratic: 28 ms a keystroke at 20k highlights).
        self._pending: list[str] | None = None
        self._ready = False  # every highlight built once since the last clear
        # The highlights in the order a save writes them, and their data, kept between
        # snapshots while edits leave that order alone (a note, a verdict, tags): a
        # snapshot then refreshes the few entries changed and copies the list, instead
        # of asking the cache for every highlight (~100 ms at 50,000 on the UI thread).
        self._order: list[Highlight] | None = None
        self._datas: list[dict[str, Any]] = []
        self._slots: dict[str, int] = {}
        self._stale: set[str] = set()

    @property
    def ready(self) -> bool:
        """Whether a snapshot now costs only the few highlights changed since warming
        ended (else up to all of them: 2.4 s at 50,000 on a slow machine)."""
        return self._ready

    def invalidate(self, changes: ChangeSet) -> None:
        if changes.documents_changed:  # a document's text changed: any position may have
            self.clear()
            return
        if changes.highlight_set_changed or (
                changes.highlights_changed and not changes.only_fields(*KEEP_ORDER)):
            self._order = None  # the order may have changed: made afresh next time
        elif self._order is not None:
            self._stale |= changes.highlights_changed
        touched = changes.highlights_added | changes.highlights_removed
        for hid in touched | changes.highlights_changed:
            self._entries.pop(hid, None)
            if self._pending is not None:
                self._pending.append(hid)  # gone from the study: skipped when popped

    def clear(self) -> None:
        self._entries.clear()
        self._pending = None
        self._ready = False
        self._order = None

    def warm(self, study: Study, budget: int) -> bool:
        """Build up to ``budget`` missing entries; True once every highlight has one.

        Called in idle moments after a study opens, so even the first save is a snapshot
        rather than a full build (~90 ms at 10k highlights) on the UI thread.
        """
        if self._pending is None:
            self._pending = list(reversed(study.highlights))
        pending, highlights = self._pending, study.highlights
        built = 0
        while pending:
            highlight = highlights.get(pending[-1])
            if highlight is None or self._entries.get(highlight.id, (None,))[0] is highlight:
                pending.pop()  # removed since, or built already
                continue
            if built >= budget:
                return False
            pending.pop()
            self._entries[highlight.id] = (highlight, highlight_to_data(highlight))
            built += 1
        # Then the order a save writes them in, and their data in that order, so the
        # first snapshot too only copies a list (``_highlights_data``).
        if self._order is None:
            self._order = [h for doc_id in study.documents
                           for h in study.highlights_in_order(doc_id)]
            self._datas, self._slots, self._stale = [], {}, set()
            return False
        if len(self._datas) < len(self._order):
            self._fill(budget * ORDER_BATCH)
            return False
        self._pending = None  # warm: later edits are not queued (warming has stopped)
        self._ready = True
        return True

    def study_data(self, study: Study) -> dict[str, Any]:
        return study_to_data(study, self._highlight_data, self._highlights_data(study))

    def _highlights_data(self, study: Study) -> list[dict[str, Any]]:
        """Every highlight's data in the order a save writes them (a fresh list)."""
        if self._order is None:
            self._order = [h for doc_id in study.documents
                           for h in study.highlights_in_order(doc_id)]
            self._datas, self._slots, self._stale = [], {}, set()
        for hid in self._stale:  # changed since their data was put in the list
            at = self._slots.get(hid)
            if at is not None:
                self._datas[at] = self._highlight_data(self._order[at])
        self._stale = set()
        self._fill(len(self._order))  # (warming may have filled it part of the way)
        return list(self._datas)

    def _fill(self, count: int) -> None:
        """Put up to ``count`` more highlights' data in the saved order's list."""
        assert self._order is not None
        done = len(self._datas)
        for at, h in enumerate(self._order[done:done + count], done):
            self._datas.append(self._highlight_data(h))
            self._slots[h.id] = at

    def _highlight_data(self, highlight: Highlight) -> dict[str, Any]:
        entry = self._entries.get(highlight.id)
        if entry is None or entry[0] is not highlight:  # undo may bring back another object
            entry = (highlight, highlight_to_data(highlight))
            self._entries[highlight.id] = entry
        return entry[1]
