"""The reader's presenter: the study's model translated into what the reader paints.

The model speaks code points; the reader and its margin speak UTF-16 and colours. This
is the one place that converts (``u16``): it gives the reader its text and styles, the
highlight ranges and verdict badges (all of them when the set changes, one by one in
place when only a colour or verdict does), the page marks, and answers in code points
what is selected. It follows the current session itself; views that draw on the
reader's text (find bar, format label) follow ``textShown``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, Signal

from desktop.domain.blind import Seen, Viewer, seen, verdict_seen_by
from desktop.domain.changes import ChangeSet
from desktop.domain.crosscheck import Verdict
from desktop.domain.model import (
    Document,
    Highlight,
    reading_order_in_steps,
    sort_in_reading_order,
)
from desktop.domain.textunits import Utf16Map
from desktop.ui.core.current import CurrentSession
from desktop.ui.core.session import StudySession
from desktop.ui.core.viewer import current_viewer
from desktop.ui.reader.verdict_gutter import Badge
from desktop.ui.reader.view import PaintRange, ReaderView

UNKNOWN_COLOR = "#888888"  # a highlight whose category is gone
BADGE_QUOTE_CHARS = 120
_VERDICT_TEXTS = {v: (v.symbol, v.label, v.short_label) for v in Verdict}
RANGES_JOB = "reader ranges"  # this view's job in the window's continuation (``chunked``)
FIRST_SCREEN_U16 = 20_000  # drawn at once: more text than any screen shows
SLICE_HIGHLIGHTS = 2_000  # ranges made per step of the continuation (a few ms)
ORDER_STEP = 5_000  # highlights per step while they are gathered and put in order


class ReaderPresenter(QObject):
    textShown = Signal(object, object)  # Document, Utf16Map: the reader shows its text now

    def __init__(self, reader: ReaderView, current: CurrentSession) -> None:
        super().__init__(reader)
        self.reader = reader
        self.current = current
        self.u16 = Utf16Map("")
        self.document: Document | None = None  # the document the reader shows
        self._colors: dict[str, str] = {}
        self._styles_used = False  # a styled document was shown: restyle from now on
        current.follow(shown=self.show, changed=self.apply_changes)

    def follow(self, slot: Callable[[Document, Utf16Map], object]) -> None:
        """Call ``slot(document, u16)`` whenever the reader shows a text (and now, if it
        already shows one)."""
        self.textShown.connect(slot)
        if self.document is not None:
            slot(self.document, self.u16)

    # --- the model in, paint out --------------------------------------------------
    def show(self, session: StudySession) -> None:
        """The session's current document: its text (and styles), ranges, page marks."""
        document = session.document
        self.document = document
        shown = document.text
        if document.media_type == "application/pdf":  # paragraphs, not the page's lines
            from desktop.domain.reflow import Reflow, ReflowedUtf16

            flow = Reflow(document.text)
            shown, self.u16 = flow.text, ReflowedUtf16(flow)
        else:
            self.u16 = Utf16Map(document.text)
        u16 = self.u16
        # The styler (and its Qt classes) loads with the first styled document.
        restyle = bool(document.styles) or self._styles_used
        if restyle:
            from desktop.ui.reader.document_styles import detach_document_styles

            detach_document_styles(self.reader)
        self.reader.set_text(shown)
        if restyle:
            from desktop.ui.reader.document_styles import apply_document_styles

            apply_document_styles(self.reader, document, u16)
            self._styles_used = True
        self.reader.gutter.set_page_marks(
            [(u16.to_utf16(start), f"p. {number}")
             for number, start in enumerate(document.pages, start=1)])
        self.refresh_ranges()
        self.textShown.emit(document, u16)

    def apply_changes(self, changes: ChangeSet) -> None:
        if changes.highlight_set_changed or changes.documents_changed:
            self.refresh_ranges()
        elif changes.highlights_changed and not changes.only_fields("note", "tags"):
            self.update_ranges(changes.highlights_changed)

    def refresh_ranges(self) -> None:
        """Every highlight of the shown document, as ranges and badges: at once for a
        small study; for a large one, those on screen at once and all of them in
        slices after (``chunked``), so the window shows without waiting for them."""
        current = self.current
        current.later.run(RANGES_JOB, self._ranges_job(current.is_large),
                          at_once=not current.is_large)

    def _ranges_job(self, in_slices: bool) -> Iterator[None]:
        """One pass with everything looked up once (a verdict's texts, which categories
        take a verdict): at 50,000 highlights this loop is a visible part of opening."""
        session = self.current.session
        study, u16 = session.study, self.u16
        self._colors = colors = {c.id: c.color for c in study.categories}
        checkable: dict[str, bool] = {}
        for c in study.categories:
            checkable.setdefault(c.id, c.checkable)  # the first of an id, as Study.category
        to_utf16 = u16.to_utf16
        # No astral characters (and no reflow): code points and UTF-16 offsets agree.
        plain = type(u16) is Utf16Map and u16.length_u16 == u16.length_cp
        unverified = Verdict.UNVERIFIED
        badge_at = self._badge_at
        looking = current_viewer()

        def paint(highlights: list[Highlight], ranges: list[PaintRange],
                  badges: list[Badge]) -> None:
            add_range, add_badge = ranges.append, badges.append
            for h in highlights:
                start, end = h.start, h.end
                if start is None or end is None:  # orphans come last: none is painted
                    break
                if not plain:
                    start, end = to_utf16(start), to_utf16(end)
                category_id = h.category_id
                shown = seen(h, looking)
                verdict = shown.verdict
                add_range(PaintRange(start, end, colors.get(category_id, UNKNOWN_COLOR),
                                     h.id, verdict))
                if verdict is not unverified or checkable.get(category_id, False):
                    add_badge(badge_at(start, h, shown))

        ranges: list[PaintRange] = []
        badges: list[Badge] = []
        if not in_slices:
            paint(study.highlights_in_order(session.document.id), ranges, badges)
            self.reader.set_ranges(ranges)
            self.reader.gutter.set_badges(badges)
            return
        # The screen first: the passages that reach into what the reader shows now.
        lo = self.reader.firstVisibleBlock().position()
        lo_cp = u16.to_codepoint(lo)
        hi_cp = u16.to_codepoint(min(lo + FIRST_SCREEN_U16, u16.length_u16))
        document_id = session.document.id
        # One pass: the passages on screen, and every verdict to come with whether its
        # category takes one (the margin's width: no badges made), so the text is not
        # laid out again when the last badges arrive.
        on_screen: list[Highlight] = []
        kinds: set[tuple[Verdict, bool]] = set()
        add_kind, verdict_of = kinds.add, verdict_seen_by(looking)
        for h in study.highlights.values():
            start, end = h.start, h.end
            if h.document_id != document_id or start is None or end is None:
                continue
            if start < hi_cp and end > lo_cp:
                on_screen.append(h)
            add_kind((verdict_of(h), checkable.get(h.category_id, False)))
        sort_in_reading_order(on_screen)
        paint(on_screen, ranges, badges)
        self.reader.set_ranges(ranges)
        gutter = self.reader.gutter
        gutter.set_badges(badges)
        gutter.reserve({(_VERDICT_TEXTS[v][0], _VERDICT_TEXTS[v][2]) for v, takes in kinds
                        if v is not unverified or takes}, gutter.wanted_shared())
        yield
        # Then all of them, as ``highlights_in_order`` (orphans are not painted), every
        # pass in slices: one pass over 50,000 holds a slow machine for ~30 ms.
        every = list(study.highlights.values())
        mine: list[Highlight] = []
        for at in range(0, len(every), ORDER_STEP):
            mine += [h for h in every[at:at + ORDER_STEP] if h.document_id == document_id
                     and h.start is not None and h.end is not None]
            yield
        ordered = yield from reading_order_in_steps(mine, ORDER_STEP)
        ranges, badges = [], []
        for at in range(0, len(ordered), SLICE_HIGHLIGHTS):
            paint(ordered[at:at + SLICE_HIGHLIGHTS], ranges, badges)
            yield
        yield from self.reader.set_ranges_in_steps(ranges, by_start=True)
        yield from self.reader.gutter.set_badges_in_steps(badges, SLICE_HIGHLIGHTS)

    def update_ranges(self, highlight_ids: set[str]) -> None:
        """Recolour and re-badge a few highlights in place (their positions are fixed);
        while the ranges are still being made in slices, make them afresh instead."""
        if self.current.later.is_running(RANGES_JOB):
            self.refresh_ranges()
            return
        highlights = self.current.session.study.highlights
        looking = current_viewer()
        for hid in highlight_ids:
            h = highlights.get(hid)
            if h is None or h.is_orphan:
                continue
            self.reader.update_color(hid, self._color(h.category_id),
                                     seen(h, looking).verdict.value)
            self.reader.gutter.update_badge(hid, self.badge(h, looking))

    def badge(self, h: Highlight, looking: Viewer | None = None) -> Badge | None:
        """The verdict shown in the margin: for every passage whose category takes one
        (as the viewer sees it: blind, others' verdicts wait until you gave yours)."""
        if h.start is None or h.end is None:
            return None  # an orphan has no line to stand beside
        if not self.current.session.study.shows_verdict(h):
            return None
        return self._badge_at(self.u16.to_utf16(h.start), h,
                              seen(h, looking or current_viewer()))

    @staticmethod
    def _badge_at(position: int, h: Highlight, shown: Seen) -> Badge:
        symbol, label, short_label = _VERDICT_TEXTS[shown.verdict]
        why = f": {shown.rationale}" if shown.rationale else ""
        return Badge(position, symbol, short_label,
                     f"{label}{why}\n“{h.quote.exact[:BADGE_QUOTE_CHARS]}”", h.id,
                     shown.verdict)

    def _color(self, category_id: str) -> str:
        return self._colors.get(category_id, UNKNOWN_COLOR)

    # --- the reader's selection, in code points -------------------------------------
    def selection(self) -> tuple[int, int] | None:
        """What is selected in the text, in code points (as selected: see trim_span)."""
        selection = self.reader.selection_range()
        if selection is None:
            return None
        start, end = selection
        return self.u16.to_codepoint(start), self.u16.to_codepoint(end)

    def select(self, start: int, end: int) -> None:
        self.reader.select_range(self.u16.to_utf16(start), self.u16.to_utf16(end))

    def collapse_selection(self) -> None:
        """Drop the selection (the caret stays at its end), so a new colour shows."""
        selection = self.reader.selection_range()
        if selection is not None:
            self.reader.select_range(selection[1], selection[1])

    def reveal(self, start: int, end: int) -> None:
        """Scroll the code-point span into view and flash it."""
        self.reader.reveal(self.u16.to_utf16(start), self.u16.to_utf16(end))
