"""Several documents in one study: add one, switch between them, highlight in each,
link passages across them and go both ways, remove one (undo restores), save and reopen."""

from PySide6.QtCore import Qt

from desktop.domain.crosscheck import Relation, Stance
from desktop.domain.model import Reference
from desktop.ui.notes.highlight_list import DOCUMENT_ROLE
from tests.ui import helpers as ui

SECOND = (
    "Pentagon: No Change in Iraq Troop Posture\n\n"
    "A Defense Department spokesman said on Wednesday that the threat from the militia "
    "would not change the posture of the 5,200 American troops in Iraq.\n\n"
    "Officials said the troops advise Iraqi forces and are not in combat roles."
)
FIRST_PHRASE = "Harakat al-Nujaba"
SECOND_PHRASE = "would not change the posture"


def second_file(tmp_path):
    path = tmp_path / "pentagon.txt"
    path.write_text(SECOND, encoding="utf-8")
    return path


def add_second(win, tmp_path):
    win.prompts.script("import_path", second_file(tmp_path))
    win.menu_actions.add_document.trigger()
    return win.session.document.id


def tab_titles(win):
    """Full titles (tooltips); the tab text is the title cut to fit."""
    tabs = win.document_tabs
    return [tabs.tabToolTip(i) for i in range(tabs.count())]


def click_document_tab(qtbot, win, index):
    tabs = win.document_tabs
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(index).center())


def test_add_switch_and_highlight_in_each_document(qtbot, window, seed_copy, tmp_path):
    win = window(seed_copy)
    study = win.session.study
    first_id = win.session.document.id
    assert not win.document_tabs.isVisible()  # one document: no switcher
    first_h = ui.highlight(qtbot, win, FIRST_PHRASE, 1)

    second_id = add_second(win, tmp_path)
    assert list(study.documents) == [first_id, second_id]
    assert win.document_tabs.isVisible()
    assert win.document_tabs.accessibleName() == "Documents"
    assert tab_titles(win) == ["Iran-Backed Iraqi Militia Threatens to Attack U.S. Forces",
                               "Pentagon: No Change in Iraq Troop Posture"]
    assert win.document_tabs.tabText(0) == "Iran-Backed Iraqi Militia Threatens to …"
    assert win.document_tabs.currentIndex() == 1
    assert win.reader.toPlainText() == SECOND
    assert ui.rows(win) == []  # the new document has no highlights yet
    assert "0 highlights" in win.status_summary.text()
    second_h = ui.highlight(qtbot, win, SECOND_PHRASE, 2)
    assert study.highlights[second_h].document_id == second_id
    assert [r["id"] for r in ui.rows(win)] == [second_h]
    assert win.status_summary.text().startswith(f"{len(SECOND.split())} words")

    click_document_tab(qtbot, win, 0)
    assert win.session.document.id == first_id
    assert win.reader.toPlainText().startswith("Iran-Backed Iraqi Militia")
    assert [r["id"] for r in ui.rows(win)] == [first_h]
    assert "1 highlight" in win.status_summary.text()

    # "All documents" lists both, each row naming its document.
    scope = win.notes.scope.all_documents
    assert scope.isVisible()
    scope.setChecked(True)
    assert [r["id"] for r in ui.rows(win)] == [first_h, second_h]
    model = win.notes.list.model()
    assert model.index(1).data(DOCUMENT_ROLE) == "Pentagon: No Change in Iraq Tro…"
    assert "in Pentagon" in model.index(1).data(Qt.ItemDataRole.AccessibleTextRole)
    assert win.notes.summary.text().startswith("2 highlights")

    # Clicking the other document's highlight switches to it and shows the passage.
    ui.click_list(qtbot, win, second_h)
    assert win.session.document.id == second_id
    assert win.document_tabs.currentIndex() == 1
    assert win.notes.current_id() == second_h
    assert win.reader.flashing
    start = SECOND.index(SECOND_PHRASE)
    assert win.reader.textCursor().selectionStart() in (start, start + len(SECOND_PHRASE))


def test_search_across_documents_opens_the_match(qtbot, window, seed_copy, tmp_path):
    """A text filter over all documents keeps working while the click switches documents."""
    win = window(seed_copy)
    first_h = ui.highlight(qtbot, win, FIRST_PHRASE, 1)
    add_second(win, tmp_path)
    second_h = ui.highlight(qtbot, win, SECOND_PHRASE, 2)
    win.document_tabs.setCurrentIndex(0)
    assert [r["id"] for r in ui.rows(win)] == [first_h]
    win.notes.scope.all_documents.setChecked(True)
    ui.type_text(qtbot, win.notes.text_filter, "posture")
    assert [r["id"] for r in ui.rows(win)] == [second_h]
    ui.click_list(qtbot, win, second_h)
    assert win.reader.toPlainText() == SECOND and win.notes.current_id() == second_h
    assert win.notes.text_filter.text() == "posture"
    assert [r["id"] for r in ui.rows(win)] == [second_h]  # the filter still holds


def test_cross_document_link_goes_both_ways(qtbot, window, seed_copy, tmp_path):
    win = window(seed_copy)
    study, links = win.session.study, win.notes.card.links
    first_h = ui.highlight(qtbot, win, FIRST_PHRASE, 1)
    second_id = add_second(win, tmp_path)
    second_h = ui.highlight(qtbot, win, SECOND_PHRASE, 1)

    # The link dialog offers passages of every document, naming the document.
    from desktop.ui.dialogs.crosscheck_dialogs import LinkDialog

    dialog = LinkDialog(study, study.highlights[second_h])
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert texts == [f"Iran-Backed Iraqi Militia Threatens to Attack U.S. Forces · "
                     f"Claim: “{FIRST_PHRASE}”"]
    dialog.deleteLater()

    win.prompts.script("choose_link", (first_h, Relation.CONTRADICTS))
    ui.press(qtbot, win.reader, Qt.Key.Key_L, ui.CTRL)
    (link,) = study.links.values()
    assert (link.source_id, link.target_id) == (second_h, first_h)
    assert links.list.item(0).text() == (
        f"→ contradicts: “{FIRST_PHRASE}” — in Iran-Backed Iraqi Militia Threatens to Attack "
        "U.S. Forces")

    links.list.setCurrentRow(0)
    qtbot.mouseClick(links.go, Qt.MouseButton.LeftButton)
    assert win.session.document.id != second_id
    assert win.reader.toPlainText().startswith("Iran-Backed")
    assert win.notes.current_id() == first_h and win.reader.flashing
    assert links.list.item(0).text().startswith("← contradicts: “would not change")

    links.list.setCurrentRow(0)
    qtbot.mouseClick(links.go, Qt.MouseButton.LeftButton)
    assert win.session.document.id == second_id
    assert win.reader.toPlainText() == SECOND
    assert win.notes.current_id() == second_h


def test_undoing_an_added_document_shows_the_first_again(qtbot, window, seed_copy,
                                                         tmp_path):
    win = window(seed_copy)
    first_id = win.session.document.id
    second_id = add_second(win, tmp_path)
    assert win.undo_group.undoText() == "Add document"
    win.session.undo_stack.undo()
    assert list(win.session.study.documents) == [first_id]
    assert win.session.document.id == first_id
    assert win.reader.toPlainText().startswith("Iran-Backed")
    assert not win.document_tabs.isVisible() and not win.session.is_modified
    win.session.undo_stack.redo()
    assert list(win.session.study.documents) == [first_id, second_id]
    assert win.document_tabs.isVisible() and win.document_tabs.count() == 2
    click_document_tab(qtbot, win, 1)
    assert win.reader.toPlainText() == SECOND
    # Ctrl+PgUp / Ctrl+PgDown step through the documents, wrapping around.
    ui.press(qtbot, win.reader, Qt.Key.Key_PageUp, ui.CTRL)
    assert win.session.document.id == first_id and win.document_tabs.currentIndex() == 0
    ui.press(qtbot, win.reader, Qt.Key.Key_PageUp, ui.CTRL)
    assert win.session.document.id == second_id
    ui.press(qtbot, win.reader, Qt.Key.Key_PageDown, ui.CTRL)
    assert win.session.document.id == first_id


def test_remove_document_confirms_and_undo_restores_everything(qtbot, window, seed_copy,
                                                               tmp_path):
    win = window(seed_copy)
    study = win.session.study
    first_h = ui.highlight(qtbot, win, FIRST_PHRASE, 1)
    first_id = win.session.document.id
    add_second(win, tmp_path)
    second_h = ui.highlight(qtbot, win, SECOND_PHRASE, 1)
    other_h = ui.highlight(qtbot, win, "not in combat roles", 2)
    ref = Reference(url="https://example.org/dod", title="DoD briefing")
    win.prompts.script("attach_reference", _choice(ref))
    win.notes.select_highlight(second_h)
    ui.press(qtbot, win.reader, Qt.Key.Key_R, ui.CTRL | ui.SHIFT)
    win.prompts.script("choose_link", (first_h, Relation.SAME_CLAIM))
    ui.press(qtbot, win.reader, Qt.Key.Key_L, ui.CTRL)
    assert len(study.links) == 1 and study.highlights[second_h].citations

    win.prompts.confirms.append(False)  # cancelled: nothing happens
    win.menu_actions.remove_document.trigger()
    assert len(study.documents) == 2
    title, message, button = win.prompts.asked_confirm[-1]
    assert (title, button) == ("Remove document?", "Remove Document")
    assert "Its 2 highlights" in message and "1 link" in message

    win.prompts.confirms.append(True)
    win.menu_actions.remove_document.trigger()
    assert list(study.documents) == [first_id]
    assert set(study.highlights) == {first_h} and study.links == {}
    assert win.session.document.id == first_id and not win.document_tabs.isVisible()
    assert win.reader.toPlainText().startswith("Iran-Backed")

    win.session.undo_stack.undo()
    assert len(study.documents) == 2 and win.document_tabs.isVisible()
    assert set(study.highlights) == {first_h, second_h, other_h}
    assert len(study.links) == 1
    assert study.highlights[second_h].citations[0].reference_id == ref.id

    # The only document cannot go.
    win.session.undo_stack.redo()
    win.menu_actions.remove_document.trigger()
    assert "at least one document" in win.statusBar().currentMessage()
    assert len(study.documents) == 1


def _choice(reference):
    from desktop.ui.dialogs.crosscheck_dialogs import AttachChoice

    return AttachChoice(reference, True, Stance.SUPPORTS, "")


def test_two_documents_survive_save_and_reopen(qtbot, window, seed_copy, tmp_path):
    win = window(seed_copy)
    first_h = ui.highlight(qtbot, win, FIRST_PHRASE, 1)
    second_id = add_second(win, tmp_path)
    second_h = ui.highlight(qtbot, win, SECOND_PHRASE, 3)
    win.prompts.script("choose_link", (first_h, Relation.ELABORATES))
    ui.press(qtbot, win.reader, Qt.Key.Key_L, ui.CTRL)
    before = ui.snapshot(win)
    path = tmp_path / "two.crosslight"
    win.prompts.save_paths.append(path)
    assert win.files.save()
    assert win.close()

    again = window(path)
    study = again.session.study
    assert ui.snapshot(again) == before
    assert len(study.documents) == 2 and study.documents[second_id].text == SECOND
    assert study.highlights[second_h].document_id == second_id
    assert len(study.links) == 1
    assert again.document_tabs.isVisible() and again.document_tabs.count() == 2
    # The document shown when saving (the second, just added) is shown again.
    assert again.document_tabs.currentIndex() == 1
    assert again.session.document.id == second_id
    assert [r["id"] for r in ui.rows(again)] == [second_h]


def test_reopening_shows_the_document_that_was_current(qtbot, window, seed_copy, tmp_path,
                                                       ):
    win = window(seed_copy)
    first_id = win.session.document.id
    second_id = add_second(win, tmp_path)
    path = tmp_path / "two.crosslight"
    win.prompts.save_paths.append(path)
    click_document_tab(qtbot, win, 0)
    assert win.files.save()
    click_document_tab(qtbot, win, 1)  # switched after saving: not saved, not modified
    assert not win.session.is_modified
    ui.press(qtbot, win.reader, Qt.Key.Key_S, ui.CTRL)  # Ctrl+S now stores the second
    assert win.close()

    again = window(path)
    assert again.session.document.id == second_id
    assert again.document_tabs.currentIndex() == 1
    assert again.reader.toPlainText() == SECOND
    assert again.status_summary.isVisible()
    click_document_tab(qtbot, again, 0)
    assert again.session.document.id == first_id


def test_adding_a_bad_file_explains_and_adds_nothing(qtbot, window, seed_copy, tmp_path):
    win = window(seed_copy)
    bad = tmp_path / "empty.txt"
    bad.write_text("   \n", encoding="utf-8")
    win.prompts.script("import_path", bad)
    win.menu_actions.add_document.trigger()
    assert len(win.session.study.documents) == 1
    (title, message), = win.prompts.errors
    assert title == "Document not opened" and "empty" in message
    assert not win.session.is_modified


def test_adding_the_same_text_again_switches_to_it(qtbot, window, seed_copy, tmp_path):
    win = window(seed_copy)
    add_second(win, tmp_path)
    win.document_tabs.setCurrentIndex(0)
    win.prompts.script("import_path", second_file(tmp_path))
    win.menu_actions.add_document.trigger()
    assert len(win.session.study.documents) == 2
    assert win.document_tabs.currentIndex() == 1
    assert "already in this study" in win.statusBar().currentMessage()


def test_next_document_with_one_document_names_the_menu_path(qtbot, window, seed_copy):
    win = window(seed_copy)
    win.menu_actions.next_document.trigger()
    message = win.statusBar().currentMessage()
    assert "File › Add Document to Study…" in message  # the menu's own text, "›" as elsewhere
