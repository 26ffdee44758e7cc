"""The status bar's permanent summary: words, highlights by category, claims checked.

Counted once per change (never while a note is typed); the word count once per document.
A passing message the permanent labels would clip steps them aside (``MessageRoom``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from desktop.domain.blind import EVERYONE, Viewer, hidden_count
from desktop.domain.changes import ChangeSet
from desktop.domain.model import Highlight, Study
from desktop.domain.plural import plural
from desktop.domain.verdicts import progress
from desktop.domain.wordcount import count_words, word_pieces
from desktop.ui.core.chunked import Chunks, is_large
from desktop.ui.core.current import CurrentSession
from desktop.ui.core.session import StudySession
from desktop.ui.core.viewer import current_viewer


def word_count(text: str) -> int:
    return count_words(text)


def summary_text(study: Study, document_id: str, words: int,
                 viewer: Viewer = EVERYONE) -> str:
    """Progress counts are the team's; with blind reviews, the claims whose verdicts
    wait for yours are named, so "2/2 checked" beside unjudged-looking claims makes sense."""
    for text in summary_steps(study, document_id, words, viewer):
        if text is not None:
            return text
    raise AssertionError("summary_steps ends with the text")  # pragma: no cover


def summary_steps(study: Study, document_id: str, words: int, viewer: Viewer = EVERYONE,
                  step: int = 5_000) -> Iterator[str | None]:
    """``summary_text`` ``step`` highlights at a time: None after each step, the text
    last (a large study's, in the window's continuation: ``chunked``)."""
    every = list(study.highlights.values())
    mine: list[Highlight] = []
    by_category: Counter[str] = Counter()
    for at in range(0, len(every), step):
        part = [h for h in every[at:at + step] if h.document_id == document_id]
        mine += part
        by_category.update([h.category_id for h in part])
        yield None
    parts = [f"{plural(words, 'word')}",
             f"{plural(len(mine), 'highlight')}"]
    names = [f"{by_category[c.id]} {c.name.split('/')[0].lower()}"
             for c in study.categories if by_category[c.id]]
    if names:
        parts[-1] += f" ({', '.join(names)})"
    yield None
    checkable = study.checkable_ids()
    claims = checked = reviewed = hidden = 0
    for at in range(0, len(mine), step):
        counts = progress(mine[at:at + step], checkable)
        claims, checked = claims + counts.claims, checked + counts.checked
        reviewed += counts.reviewed
        hidden += hidden_count((h for h in mine[at:at + step] if study.shows_verdict(h)),
                               viewer)
        yield None
    if claims:
        reviewed_text = f", {reviewed} reviewed" if reviewed else ""
        parts.append(f"{checked}/{claims} claims checked{reviewed_text}")
        if hidden:
            parts.append(f"{plural(hidden, 'claim')} awaiting your verdict")
    yield "  ·  ".join(parts)


class StatusSummary(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusSummary")
        self.setAccessibleName("Study summary")
        self._study: Study | None = None
        self._document_id = ""
        self._words = 0
        self._later: Chunks | None = None
        self._words_stale = False  # the text changed since its words were counted

    def follow(self, current: CurrentSession) -> None:
        """Count the current session's document from now on: a large study's in slices
        after the window shows (``chunked``)."""
        self._later = current.later
        current.follow(shown=self._on_shown, changed=self.apply_changes)

    def _on_shown(self, session: StudySession) -> None:
        self.set_study(session.study, session.document.id)

    def set_study(self, study: Study, document_id: str) -> None:
        self._study, self._document_id = study, document_id
        self._run(recount_words=True)

    def apply_changes(self, changes: ChangeSet) -> None:
        if changes.text_only:
            return  # typing changes no count
        self._run(recount_words=changes.documents_changed)

    def refresh(self) -> None:
        self._run(recount_words=False)

    def _run(self, recount_words: bool) -> None:
        if self._study is None:
            return
        # A count of words still under way is not dropped by a job that replaces it.
        self._words_stale = self._words_stale or recount_words
        job = self._counting()
        if self._later is None or not is_large(len(self._study.highlights)):
            for _ in job:
                pass
        else:
            self._later.run(SUMMARY_JOB, job)

    def _counting(self) -> Iterator[None]:
        """Words (when the text changed) a piece at a time, then the summary."""
        assert self._study is not None
        if self._words_stale:
            text = self._study.documents[self._document_id].text
            words = 0
            for piece in word_pieces(text):
                words += word_count(piece)
                yield
            self._words, self._words_stale = words, False
        for summary in summary_steps(self._study, self._document_id, self._words,
                                     current_viewer()):
            if summary is None:
                yield
            else:
                self.setText(summary)


SUMMARY_JOB = "status summary"  # this label's job in the window's continuation

MESSAGE_MARGIN = 16  # the bar's own margin before the message, and a little air


class MessageRoom(QObject):
    """QStatusBar paints a passing message left of its permanent widgets and clips it
    ("Notes folde…" at 800×600). While a message shows that would not fit, the
    permanent widgets step aside, the first (the longest: the summary) first; they come
    back when the message ends."""

    def __init__(self, bar: QStatusBar, permanent: list[QWidget]) -> None:
        super().__init__(bar)
        self.bar, self.permanent = bar, permanent
        self.aside: list[QWidget] = []
        bar.messageChanged.connect(self._message_changed)

    def _message_changed(self, message: str) -> None:
        for widget in self.aside:
            widget.show()
        self.aside = []
        if not message:
            return
        needed = self.bar.fontMetrics().horizontalAdvance(message) + MESSAGE_MARGIN
        shown = [w for w in self.permanent if not w.isHidden()]
        layout = self.bar.layout()
        spacing = layout.spacing() if layout is not None else 6
        taken = sum(max(w.width(), w.sizeHint().width()) + spacing for w in shown)
        for widget in shown:
            if self.bar.width() - taken >= needed:
                break
            widget.hide()
            self.aside.append(widget)
            taken -= max(widget.width(), widget.sizeHint().width()) + spacing
