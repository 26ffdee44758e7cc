"""Tags on the real window: typed with completion into chips, removed by click or
Backspace, undone, shown in the list, filtered by, kept through save and reopen."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.notes.highlight_list import TAGS_ROLE
from tests.ui import helpers as ui

TROOPS = "the 9,000 troops that are currently stationed in Iraq"
TIES = "ties to Iran"
PRETENDED = "pretended to fight ISIS"


def tag_highlight(qtbot, win, ui, text: str) -> None:
    """Ctrl+T, type, Enter: the way a reader tags the selected highlight."""
    ui.press(qtbot, win.reader, Qt.Key.Key_T, ui.CTRL)
    field = win.notes.card.tags
    assert QApplication.focusWidget() is field
    qtbot.keyClicks(field, text)
    popup = field.tag_completer.popup()
    if popup.isVisible():
        popup.hide()
    qtbot.keyClick(field, Qt.Key.Key_Return)


def chips(win) -> list[str]:
    return [chip.tag for chip in win.notes.card.tag_field.chips]


def filter_by_tag(win, tag) -> None:
    combo = win.notes.tag_filter
    combo.choose(tag)
    combo.activated.emit(combo.currentIndex())


def test_tag_with_completion_undo_filter_and_reopen(qtbot, window, seed_copy, tmp_path):
    win = window(seed_copy)
    study, notes = win.session.study, win.notes
    field = notes.card.tags
    troops = ui.highlight(qtbot, win, TROOPS, 1)
    tag_highlight(qtbot, win, ui, " economy ,Sanctions, ECONOMY")
    assert study.highlights[troops].tags == ["economy", "Sanctions"]
    assert chips(win) == ["economy", "Sanctions"] and field.text() == ""  # tidied
    assert win.undo_group.undoText() == "Edit tags"

    ui.highlight(qtbot, win, PRETENDED, 4)
    # The next highlight: "eco" proposes the study's tag; Down + Enter adds it.
    ties = ui.highlight(qtbot, win, TIES, 1)
    ui.press(qtbot, win.reader, Qt.Key.Key_T, ui.CTRL)
    qtbot.keyClicks(field, "Eco")
    popup = field.tag_completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    assert field.tag_completer.currentCompletion() == "economy"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert field.text() == "" and chips(win) == ["economy"]
    assert study.highlights[ties].tags == ["economy"]
    qtbot.keyClicks(field, "Iran")
    assert not popup.isVisible() or field.tag_completer.completionCount() == 0
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert study.highlights[ties].tags == ["economy", "Iran"]

    # Tags show compactly in the list rows.
    row = notes.model.index(notes.model.row_of(ties))
    assert row.data(TAGS_ROLE) == "#economy #Iran"

    # The tag filter lists the tags with counts and narrows the list.
    labels = [notes.tag_filter.itemText(i) for i in range(notes.tag_filter.count())]
    assert labels == ["All tags", "#economy (2)", "#Iran (1)", "#Sanctions (1)"]
    filter_by_tag(win, "economy")
    assert {r["id"] for r in ui.rows(win)} == {troops, ties}
    filter_by_tag(win, "sanctions")
    assert [r["id"] for r in ui.rows(win)] == [troops]
    assert "Showing 1 of 3" in notes.summary.text()

    # Undo takes the Iran tag back; the filter and completions follow.
    filter_by_tag(win, "Iran")
    assert [r["id"] for r in ui.rows(win)] == [ties]
    ui.press(qtbot, win.reader, Qt.Key.Key_Z, ui.CTRL)
    assert study.highlights[ties].tags == ["economy"]
    assert notes.tag_filter.current_tag() is None  # the tag is gone: all shown again
    assert len(ui.rows(win)) == 3
    notes.select_highlight(ties)
    assert chips(win) == ["economy"]
    ui.press(qtbot, win.reader, Qt.Key.Key_Y, ui.CTRL)
    assert study.highlights[ties].tags == ["economy", "Iran"]
    assert chips(win) == ["economy", "Iran"]

    # Escape drops what was typed; leaving the field saves it.
    ui.press(qtbot, win.reader, Qt.Key.Key_T, ui.CTRL)
    qtbot.keyClicks(field, "draft")
    field.tag_completer.popup().hide()
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == "" and chips(win) == ["economy", "Iran"]
    qtbot.keyClicks(field, "proxies")
    field.tag_completer.popup().hide()
    win.reader.setFocus()
    qtbot.waitUntil(lambda: study.highlights[ties].tags == ["economy", "Iran", "proxies"],
                    timeout=3000)

    # Saved and reopened, the tags are all there.
    target = tmp_path / "tagged.crosslight"
    win.prompts.save_paths.append(target)
    ui.press(qtbot, win.reader, Qt.Key.Key_S, ui.CTRL)
    before = {h.id: h.tags for h in study.highlights.values()}
    win.close()
    again = window(target)
    assert {h.id: h.tags for h in again.session.study.highlights.values()} == before
    labels = [again.notes.tag_filter.itemText(i) for i in range(again.notes.tag_filter.count())]
    assert "#proxies (1)" in labels


def test_ctrl_t_without_a_selected_highlight_says_so(qtbot, window, seed_copy):
    win = window(seed_copy)
    ui.press(qtbot, win.reader, Qt.Key.Key_T, ui.CTRL)
    assert "Select a highlight" in win.statusBar().currentMessage()


def test_typing_survives_another_edit_and_the_text_filter_finds_tags(qtbot, window, seed_copy,
                                                                    ):
    win = window(seed_copy)
    study, notes = win.session.study, win.notes
    ties = ui.highlight(qtbot, win, TIES, 1)
    ui.press(qtbot, win.reader, Qt.Key.Key_T, ui.CTRL)
    field = notes.card.tags
    qtbot.keyClicks(field, "Economy")
    field.tag_completer.popup().hide()
    # A verdict shortcut while typing: the highlight refreshes, the typing is not lost
    # (still typed, or a chip if the verdict took the focus to its rationale).
    qtbot.keyClick(field, Qt.Key.Key_2, ui.CTRL | Qt.KeyboardModifier.AltModifier)
    assert study.highlights[ties].verdict.value == "disputed"
    assert field.text() == "Economy" or chips(win) == ["Economy"]
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert study.highlights[ties].tags == ["Economy"]
    ui.highlight(qtbot, win, PRETENDED, 4)
    # The list's text filter ignores case and accents, and looks at tags.
    notes.text_filter.setText("ÉCONÓMY")  # QTest types ASCII only
    assert [r["id"] for r in ui.rows(win)] == [ties]


def test_a_chip_goes_with_a_click_or_backspace_and_comes_back_with_undo(qtbot, window,
                                                                      seed_copy):
    win = window(seed_copy)
    study, card = win.session.study, win.notes.card
    ties = ui.highlight(qtbot, win, TIES, 1)
    tag_highlight(qtbot, win, ui, "economy, Iran, proxies, sanctions")
    assert chips(win) == ["economy", "Iran", "proxies", "sanctions"]
    # A click on a chip takes its tag off.
    qtbot.mouseClick(card.tag_field.chips[1], Qt.MouseButton.LeftButton)
    assert study.highlights[ties].tags == ["economy", "proxies", "sanctions"]
    assert chips(win) == ["economy", "proxies", "sanctions"]
    # The keyboard reaches the chips: Shift+Tab from the field, Backspace removes the
    # focused one and the focus stays on the chips.
    field = card.tags
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    qtbot.keyClick(field, Qt.Key.Key_Backtab)
    chip = QApplication.focusWidget()
    assert getattr(chip, "tag", None) == "sanctions"
    qtbot.keyClick(chip, Qt.Key.Key_Backspace)
    assert study.highlights[ties].tags == ["economy", "proxies"]
    assert QApplication.focusWidget() in (field, *card.tag_field.chips)
    # Backspace in the empty field takes the last chip.
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert study.highlights[ties].tags == ["economy"]
    # Each removal is one undo step.
    ui.press(qtbot, win.reader, Qt.Key.Key_Z, ui.CTRL)
    assert study.highlights[ties].tags == ["economy", "proxies"]
    ui.press(qtbot, win.reader, Qt.Key.Key_Z, ui.CTRL)
    assert study.highlights[ties].tags == ["economy", "proxies", "sanctions"]
    assert chips(win) == ["economy", "proxies", "sanctions"]
