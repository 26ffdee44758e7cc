"""Search Study (Ctrl+Shift+F) on the real window: type, filter, open a result."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.commands import SetHighlightNote, SetHighlightTags
from desktop.domain.crosscheck_commands import AddReference
from desktop.domain.model import Reference
from desktop.ui.notes.search_panel import HEAD_ROLE, QUOTE_ROLE, SNIPPET_ROLE
from tests.ui import helpers as ui

TROOPS = "the 9,000 troops that are currently stationed in Iraq"
TIES = "ties to Iran"
BILLIONS = "spends billions of dollars every year on its proxies"


def results(panel) -> list[tuple[str, str]]:
    model = panel.model
    return [(model.index(r).data(HEAD_ROLE), model.hit(r).id) for r in range(model.rowCount())]


def search(qtbot, panel, text: str) -> None:
    panel.query.clear()
    qtbot.keyClicks(panel.query, text)
    qtbot.waitUntil(lambda: not panel.timer.isActive(), timeout=3000)  # the debounce ran


def test_search_study_opens_the_result_in_the_reader(qtbot, window, seed_copy):
    win = window(seed_copy)
    session = win.session
    troops = ui.highlight(qtbot, win, TROOPS, 1)
    ties = ui.highlight(qtbot, win, TIES, 1)
    billions = ui.highlight(qtbot, win, BILLIONS, 1)
    session.execute(SetHighlightNote(troops, "Ask the Pentágono for its count"))
    session.execute(SetHighlightTags(ties, ["Iran", "proxies"]))
    session.execute(SetHighlightTags(billions, ["proxies"]))
    ref = Reference(title="Tehran's proxy network", author="Think tank")
    session.execute(AddReference(ref))
    assert win.tag_ops.panel is None  # made on first use only

    ui.press(qtbot, win.reader, Qt.Key.Key_F, ui.CTRL | ui.SHIFT)
    panel = win.tag_ops.panel
    assert panel is not None and win.tag_ops.dock.isVisible()
    assert QApplication.focusWidget() is panel.query

    # Accent-insensitive, in a note: the row names the field and shows the passage.
    search(qtbot, panel, "pentagono")
    assert [hid for _, hid in results(panel)] == [troops]
    index = panel.model.index(0)
    assert index.data(HEAD_ROLE) == "Claim · in note"
    assert "<b>Pentágono</b>" in index.data(SNIPPET_ROLE)
    assert TROOPS in index.data(QUOTE_ROLE)

    # Tags and references are searched too; the tag filter narrows to highlights.
    search(qtbot, panel, "prox")
    assert [hid for _, hid in results(panel)] == [ties, billions, ref.id]
    panel.tag.choose("Iran")
    panel.tag.activated.emit(panel.tag.currentIndex())
    assert [hid for _, hid in results(panel)] == [ties]
    panel.query.clear()  # a filter alone lists what it admits
    panel.run()
    assert [hid for _, hid in results(panel)] == [ties]
    assert "1 highlight with these filters" in panel.summary.text()
    panel.tag.choose(None)
    panel.tag.activated.emit(0)
    assert results(panel) == []
    search(qtbot, panel, "prox")

    # A change to the study shows up in the open results.
    session.execute(SetHighlightTags(troops, ["proxies"]))
    qtbot.waitUntil(lambda: len(results(panel)) == 4, timeout=3000)

    # Enter opens the first result: selected in the list, revealed in the reader.
    win.reader.verticalScrollBar().setValue(win.reader.verticalScrollBar().maximum())
    notes_before = win.notes.current_id()
    search(qtbot, panel, "pentagono")
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    assert notes_before != troops
    assert win.notes.current_id() == troops
    start, _end = ui.span(win, TROOPS)
    assert win.reader.textCursor().position() == ui.u16(session.document.text, start)
    assert win.reader.viewport().rect().contains(win.reader.cursorRect().center())
    assert win.reader.flashing

    # A reference opens in the References tab, selected.
    search(qtbot, panel, "think tank")
    assert [hid for _, hid in results(panel)] == [ref.id]
    qtbot.keyClick(panel.query, Qt.Key.Key_Down)  # into the results
    assert QApplication.focusWidget() is panel.results
    assert panel.results.currentIndex().row() == 0
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert win.notes.tabs.currentWidget() is win.notes.references
    assert win.notes.references.items.current_id() == ref.id


def test_nothing_found_says_so(qtbot, window, seed_copy):
    win = window(seed_copy)
    ui.highlight(qtbot, win, TIES, 1)
    win.menu_actions.search_study.trigger()
    panel = win.tag_ops.panel
    search(qtbot, panel, "zzzz")
    assert panel.model.rowCount() == 0
    assert "Nothing matches" in panel.summary.text()


def test_reopened_panel_shows_edits_made_while_closed(qtbot, window, seed_copy):
    win = window(seed_copy)
    ties = ui.highlight(qtbot, win, TIES, 1)
    ui.press(qtbot, win.reader, Qt.Key.Key_F, ui.CTRL | ui.SHIFT)
    panel = win.tag_ops.panel
    search(qtbot, panel, "kremlin")
    assert panel.model.rowCount() == 0
    win.tag_ops.dock.close()
    win.session.execute(SetHighlightNote(ties, "The Kremlin agrees"))
    ui.press(qtbot, win.reader, Qt.Key.Key_F, ui.CTRL | ui.SHIFT)
    assert [hid for _, hid in results(panel)] == [ties]


def test_results_name_the_document_when_the_study_has_several(qapp):
    from desktop.domain.factory import make_highlight, new_study_for
    from desktop.domain.model import Document
    from desktop.domain.search import SearchFilters, SearchIndex
    from desktop.ui.notes.search_panel import SearchResultsModel

    first = Document(text="Oil exports rose.", title="Ministry statement")
    second = Document(text="Oil exports fell.", title="Reuters report")
    study = new_study_for(first)
    study.documents[second.id] = second
    for doc in (first, second):
        h = make_highlight(doc, 0, 11, "claim")
        study.highlights[h.id] = h
    index = SearchIndex(study)
    model = SearchResultsModel()
    found = index.search("oil", SearchFilters(document_id=second.id))
    model.set_results(study, found.terms, found.hits)
    assert model.rowCount() == 1
    assert model.index(0).data(HEAD_ROLE) == "Claim · in passage  ·  Reuters report"
