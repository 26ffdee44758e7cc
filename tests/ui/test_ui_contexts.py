"""Controllers work from a narrow context, without a window; views follow the current
session themselves, so the order they are made in does not matter."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.domain.crosscheck import Stance
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Citation, Document, Reference
from desktop.ui.controllers.crosscheck import CrossCheckController
from desktop.ui.controllers.documents import DocumentController
from desktop.ui.controllers.highlights import HighlightController
from desktop.ui.controllers.links import LinkController
from desktop.ui.core.current import CurrentSession
from desktop.ui.core.session import StudySession
from desktop.ui.reader.presenter import ReaderPresenter
from desktop.ui.reader.view import ReaderView
from desktop.ui.window.status import StatusSummary
from tests.ui import helpers as ui
from tests.ui.helpers import FakePrompts

TEXT = "Alpha  beta gamma.\n\nDelta épsilon ☃ zeta."


class FakeContext:
    """Everything a controller may ask of the window, and nothing more."""

    def __init__(self, session: StudySession) -> None:
        self.session = session
        self.prompts = FakePrompts()
        self.widget = QWidget()
        self.messages: list[str] = []
        self.revealed: list[str] = []
        self.selected: list[str] = []
        self.titles = 0

    def window(self) -> QWidget:
        return self.widget

    def status(self, message: str, ms: int = 0) -> None:
        self.messages.append(message)

    def clear_status(self) -> None:
        self.messages.append("")

    def refresh_title(self) -> None:
        self.titles += 1

    def set_session(self, session: StudySession) -> None:
        self.session = session

    def select_highlight(self, highlight_id: str) -> None:
        self.selected.append(highlight_id)

    def reveal_highlight(self, highlight_id: str) -> None:
        self.revealed.append(highlight_id)


class FakeNotes:
    def __init__(self) -> None:
        self.current: str | None = None
        self.selected: list[str] = []

    def current_id(self):
        return self.current

    def current_highlight(self):
        return None

    def select_highlight(self, highlight_id):
        self.selected.append(highlight_id)
        self.current = highlight_id

    def show_orphans(self):
        pass

    def show_source(self):
        pass

    def show_reference(self, reference_id):
        pass

    def focus_note(self):
        pass

    def focus_tags(self):
        pass


class FakeText:
    """A selection in code points, as the reader presenter gives it."""

    def __init__(self, selection=None) -> None:
        self.span = selection
        self.revealed: list[tuple[int, int]] = []

    def selection(self):
        return self.span

    def collapse_selection(self):
        self.span = None

    def reveal(self, start, end):
        self.revealed.append((start, end))


def session_with_highlight(qtbot) -> tuple[StudySession, str]:
    document = Document(text=TEXT, title="Greek")
    study = new_study_for(document)
    h = make_highlight(document, 7, 11, "claim")  # "beta"
    study.highlights[h.id] = h
    return StudySession(study), h.id


def test_a_highlight_is_made_from_a_trimmed_selection_without_a_window(qtbot):
    session, _ = session_with_highlight(qtbot)
    ctx, notes = FakeContext(session), FakeNotes()
    text = FakeText((5, 12))  # "  beta " with the spaces around it
    checks = CrossCheckController(ctx, LinkController(ctx))
    edits = HighlightController(ctx, notes, text, checks, ctx.widget.addAction("Re-attach"))
    hid = edits.highlight_selection("evidence")
    h = session.study.highlights[hid]
    assert (h.start, h.end, h.quote.exact) == (7, 11, "beta")
    assert notes.selected == [hid] and text.span is None
    text.span = (5, 7)  # only white space
    assert edits.highlight_selection("claim") is None
    assert ctx.messages[-1] == "The selection holds no text to highlight."


def test_deleting_a_reference_asks_the_question_the_domain_words(qtbot):
    session, hid = session_with_highlight(qtbot)
    reference = Reference(title="Pentagon count")
    session.study.references[reference.id] = reference
    session.study.highlights[hid].citations.append(Citation(reference.id, Stance.SUPPORTS))
    ctx = FakeContext(session)
    ctx.prompts.confirms.append(True)
    CrossCheckController(ctx, LinkController(ctx)).delete_reference(reference.id)
    ((title, question, _button),) = ctx.prompts.asked_confirm
    assert title == "Delete reference?"
    assert "attached to 1 highlight, which will lose it" in question
    assert reference.id not in session.study.references


def test_reattaching_takes_the_trimmed_selection(qtbot):
    session, _ = session_with_highlight(qtbot)
    ctx = FakeContext(session)
    documents = DocumentController(ctx, FakeNotes(), FakeText((19, 34)))
    assert documents.selected_span() == (20, 33)  # "Delta épsilon" without the breaks


def test_views_made_after_the_first_show_catch_up_and_follow(qtbot, window, seed_copy):
    win = window(seed_copy)
    ui.highlight(qtbot, win, "pretended to fight ISIS", 4)
    late_summary = StatusSummary()
    late_summary.follow(win.current)
    assert late_summary.text() == win.status_summary.text()
    late_reader = ReaderView()
    qtbot.addWidget(late_reader)
    late = ReaderPresenter(late_reader, win.current)
    assert late_reader.ranges == win.reader.ranges
    assert late.u16.length_u16 == win.presenter.u16.length_u16
    ui.highlight(qtbot, win, "spends billions of dollars every year on its proxies", 1)
    assert late_summary.text() == win.status_summary.text()
    assert len(late_reader.ranges) == len(win.reader.ranges) == 2


def test_a_replaced_session_is_no_longer_heard(qtbot):
    first, hid = session_with_highlight(qtbot)
    second, _ = session_with_highlight(qtbot)
    current = CurrentSession(first)
    heard, shown = [], []
    current.follow(changed=heard.append, shown=shown.append)
    current.replace(first)
    assert shown == [first]
    current.replace(second)
    assert shown == [first, second]
    from desktop.domain.commands import SetHighlightNote

    first.execute(SetHighlightNote(hid, "not shown any more"))
    assert heard == []
    second.execute(SetHighlightNote(next(iter(second.study.highlights)), "shown"))
    assert len(heard) == 1


def test_a_new_version_of_the_text_is_shown_afresh_not_patched(qtbot):
    session, _ = session_with_highlight(qtbot)
    current = CurrentSession(session)
    heard, shown = [], []
    current.follow(changed=heard.append, shown=shown.append)
    current.replace(session)
    from desktop.domain.document_commands import UpdateDocumentText

    session.execute(UpdateDocumentText(session.document.id, TEXT.replace("gamma", "GAMMA")))
    assert (len(shown), heard) == (2, [])
    session.undo_stack.undo()
    assert (len(shown), heard) == (3, [])


def test_open_address_hands_the_page_to_whoever_opens_studies(qtbot, local_web):
    from desktop.ui.controllers.web import WebController

    session, _ = session_with_highlight(qtbot)
    ctx = FakeContext(session)

    class Opener:
        def __init__(self) -> None:
            self.opened: list[tuple[object, str]] = []

        def show_opened(self, opened, name):
            self.opened.append((opened, name))
            return True

    opener = Opener()
    web = WebController(ctx, opener, FakeNotes(), clipboard=lambda: "")
    assert web.open_address(local_web.url("/article.html")) is True
    ((opened, name),) = opener.opened
    (document,) = opened.study.documents.values()
    assert document.provenance is not None and name.startswith("“Troop numbers")
    assert ctx.session is session  # the controller itself replaced nothing


def test_open_address_says_when_a_page_was_too_big_to_look_for_its_article(
    qtbot, local_web, monkeypatch
):
    """A page past the extraction budget opens as its whole text, and the user is told."""
    from desktop.storage.formats import html
    from desktop.ui.controllers.web import WebController

    monkeypatch.setattr(html, "MAX_EXTRACT_BLOCKS", 3)
    session, _ = session_with_highlight(qtbot)
    ctx = FakeContext(session)

    class Opener:
        def show_opened(self, opened, name):
            return True

    page = "<title>Long</title>" + "".join(f"<p>Paragraph {i}.</p>" for i in range(5))
    web = WebController(ctx, Opener(), FakeNotes(), clipboard=lambda: "")
    assert web.open_address(local_web.page("/long.html", page)) is True
    ((title, message),) = ctx.prompts.infos
    assert title == "Open Address"
    assert "more than 3 paragraphs and blocks" in message
