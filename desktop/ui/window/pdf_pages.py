"""A PDF shown as its pages: which view the reader row shows, and the page view fed
from the study.

When the current document is a PDF whose file is at hand, the row shows the page view
(``ui.pdfview``) instead of the text reader, unless View › PDF as Text is checked. The
page view gets the document's highlights in code points and category colours, and the
selection, revealing and copying go to whichever view shows. Once the page view has
read the file's whole text, a study whose text came from an older reader (pypdf) or
from an earlier version of the file is re-anchored onto it with *Update from New
Version*'s command: one undo step, the old text kept.

File › Open of a PDF shows its pages first (``preview``): page one is drawn while the
whole text is read behind the progress bar, and the study made of that text then takes
the page view over as it is, without opening or reading the file again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStackedWidget

from desktop.domain.blind import seen
from desktop.domain.changes import ChangeSet
from desktop.domain.model import Document
from desktop.ui.core.current import CurrentSession
from desktop.ui.core.session import StudySession
from desktop.ui.core.viewer import current_viewer
from desktop.ui.reader.presenter import UNKNOWN_COLOR, ReaderPresenter
from desktop.ui.reader.view import ReaderView

if TYPE_CHECKING:  # the page view loads with the first PDF shown (start-up stays lean)
    from desktop.ui.pdfview.page import PageView

PDF = "application/pdf"
MAX_PDF_BYTES = 64 * 1024 * 1024  # as documents.MAX_DOCUMENT_BYTES


class PdfPages(QObject):
    """The page view in ``stack`` beside the presenter's text reader."""

    shownChanged = Signal(bool)  # True: the pages show now; False: the text
    message = Signal(str)  # a status-bar message
    viewCreated = Signal(object)  # the PageView, made when the first PDF shows

    def __init__(self, stack: QStackedWidget, presenter: ReaderPresenter,
                 current: CurrentSession, text_action: QAction) -> None:
        super().__init__(stack)
        self.stack = stack
        self.presenter = presenter
        self.current = current
        self.text_action = text_action
        self.view: PageView | None = None
        self.document: Document | None = None  # the PDF the page view holds
        self._loaded: tuple[str, int] = ("", 0)  # the file and the text the view holds
        self._preview: Path | None = None  # the PDF shown while File › Open reads it
        self._announced = False  # what shownChanged said last
        text_action.toggled.connect(lambda _checked: self._choose())
        current.follow(shown=self._on_shown, changed=self._on_changed)

    @property
    def showing(self) -> bool:
        return self.view is not None and self.stack.currentWidget() is self.view

    def _ensure_view(self) -> PageView:
        if self.view is None:
            from desktop.ui.pdfview.page import PageView

            self.view = view = PageView(self.stack)
            self.stack.addWidget(view)
            view.textRead.connect(self._text_read)
            view.failed.connect(self._failed)
            self.viewCreated.emit(view)
        return self.view

    # --- which view -------------------------------------------------------------
    def _on_shown(self, session: StudySession) -> None:
        self._choose(session)

    def preview(self, path: Path) -> bool:
        """Show the PDF at ``path`` while File › Open reads its text: page one at once,
        nothing selectable or highlighted until the study is made (``end_preview``)."""
        if self.text_action.isChecked():
            return False  # the user reads PDFs as text: it shows once it is read
        try:
            if Path(path).stat().st_size > MAX_PDF_BYTES:
                return False
            raw = Path(path).read_bytes()
        except OSError:
            return False
        view = self._ensure_view()
        self._preview = Path(path).resolve()
        self.document, self._loaded = None, ("", 0)
        view.set_ranges([])
        view.set_matches([])
        view.load(raw, Path(path).name, [])
        self.stack.setCurrentWidget(view)
        self.message.emit(f"Reading the text of “{Path(path).name}”; its pages show "
                          "meanwhile.")
        return True

    def end_preview(self) -> None:
        """Show what the current study shows, unless it took the previewed pages over."""
        if self._preview is None:
            return
        self._preview = None
        self.message.emit("")  # no longer reading it
        self.document, self._loaded = None, ("", 0)
        self._choose()
        if not self.showing and self.view is not None:
            self.view.unload()

    def _choose(self, session: StudySession | None = None) -> None:
        session = session or self.current.session
        document = session.document
        pages = self._can_show(document) and not self.text_action.isChecked()
        self.text_action.setEnabled(self._can_show(document))
        view = self._ensure_view() if pages else self.view
        if pages and view is not None and self._preview is not None \
                and Path(document.source_path).resolve() == self._preview:
            # The study File › Open made of the previewed PDF: its pages are shown.
            self._preview = None
            self.document, self._loaded = document, (document.source_path, id(document.text))
            view.set_text(document.pages, len(document.text))
        if pages:
            assert view is not None
            path = document.source_path
            # Another document, file or text (a new version): read the file again.
            if self.document is not document or self._loaded != (path, id(document.text)):
                try:
                    raw = Path(path).read_bytes()
                except OSError as err:
                    self.message.emit(f"The PDF's pages cannot be shown ({err.strerror}); "
                                      "showing its text.")
                    pages = False
                else:
                    self.document, self._loaded = document, (path, id(document.text))
                    view.load(raw, Path(path).name, document.pages,
                              length=len(document.text), read_text=True)
            if pages:
                self.refresh_ranges()
        shown = view if pages and view is not None else self.presenter.reader
        self.stack.setCurrentWidget(shown)
        if pages != self._announced:
            self._announced = pages
            focus = shown
            if self.stack.isVisible():
                focus.setFocus()
            self.shownChanged.emit(pages)

    @staticmethod
    def _can_show(document: Document) -> bool:
        path = document.source_path
        if document.media_type != PDF or not path or not document.pages:
            return False
        try:
            file = Path(path)
            return file.is_file() and file.stat().st_size <= MAX_PDF_BYTES
        except OSError:
            return False

    def _failed(self, message: str) -> None:
        if self._preview is not None:
            return  # File › Open reads the same file and says why it cannot
        self.message.emit(f"{message} Showing the text kept in the study.")
        self.document, self._loaded = None, ("", 0)
        self.stack.setCurrentWidget(self.presenter.reader)
        if self._announced:
            self._announced = False
            self.shownChanged.emit(False)

    # --- the study's highlights on the page ------------------------------------------
    def _on_changed(self, changes: ChangeSet) -> None:
        view = self.view
        if self.document is None or view is None:
            return
        if changes.documents_changed and self.document is self.current.session.document:
            view.starts = list(self.document.pages)
            view.text_length = len(self.document.text)
        if changes.highlight_set_changed or changes.documents_changed or (
                changes.highlights_changed and not changes.only_fields("note", "tags")):
            self.refresh_ranges()

    def refresh_ranges(self) -> None:
        if self.view is None:
            return
        from desktop.ui.pdfview.painting import PageRange

        session = self.current.session
        colors = {c.id: c.color for c in session.study.categories}
        ranges = []
        looking = current_viewer()
        for h in session.study.highlights_in_order(session.document.id):
            if h.start is None or h.end is None:
                continue
            badge = self.presenter.badge(h, looking)  # the text margin's verdict, if any
            ranges.append(PageRange(h.start, h.end, colors.get(h.category_id, UNKNOWN_COLOR),
                                    h.id, seen(h, looking).verdict.value,
                                    badge.symbol if badge else "",
                                    badge.tooltip if badge else ""))
        self.view.set_ranges(ranges)

    # --- the old text re-read ------------------------------------------------------------
    def _text_read(self, read: Document | None) -> None:
        session = self.current.session
        document = session.document
        if read is None or document is not self.document or read.text == document.text:
            return
        from desktop.domain.document_commands import UpdateDocumentText

        command = UpdateDocumentText(document.id, read.text, pages=list(read.pages),
                                     label="Re-read the PDF's text")
        session.execute(command)
        counts = command.counts()
        moved = counts["moved"] + counts["changed"]
        lost = counts["orphaned"]
        self.message.emit(
            f"The PDF's text was read again from its pages: {counts['unchanged']} highlights "
            f"in place, {moved} re-placed, {lost} orphaned (Undo restores the old text).")


class ActiveText:
    """The reader's selection for controllers (``controllers.context.TextSelection``):
    the page view's while it shows, the text reader's otherwise."""

    def __init__(self, presenter: ReaderPresenter, pages: PdfPages) -> None:
        self.presenter = presenter
        self.pages = pages

    def selection(self) -> tuple[int, int] | None:
        view = self.pages.view
        if self.pages.showing and view is not None:
            return view.selection_range()
        return self.presenter.selection()

    def collapse_selection(self) -> None:
        view = self.pages.view
        if self.pages.showing and view is not None:
            view.clear_selection()
        else:
            self.presenter.collapse_selection()

    def reveal(self, start: int, end: int) -> None:
        view = self.pages.view
        if self.pages.showing and view is not None:
            view.reveal(start, end)
        else:
            self.presenter.reveal(start, end)

    def widget(self) -> PageView | ReaderView:
        view = self.pages.view
        return view if self.pages.showing and view is not None else self.presenter.reader
