"""The reference library says what it is for when it is empty, and what to do when the
find box hides every reference (it was a blank list)."""

from tests.builders import SEED
from tests.ui import helpers as ui


def test_an_empty_library_says_what_a_reference_is_and_how_to_add_one(qtbot, window):
    win = window(SEED)  # a new study from the article: no references
    panel = win.notes.references
    win.notes.tabs.setCurrentWidget(panel)
    assert panel.empty.isVisible() and not panel.items.list.isVisible()
    assert "No references yet" in panel.empty.text() and "Add…" in panel.empty.text()
    assert panel.add.isEnabled()


def test_the_hint_is_made_when_the_library_is_first_shown(qtbot, window):
    """Its rich text, parsed and laid out in a tab nobody has opened, was ~1% of a cold
    start: it is set as the panel shows (and kept up to date while it is shown)."""
    win = window(SEED)
    panel = win.notes.references
    assert not panel.isVisible() and panel.empty.text() == ""
    win.notes.tabs.setCurrentWidget(panel)
    assert "No references yet" in panel.empty.text()


def test_a_find_that_hides_every_reference_says_so(qtbot, window, seed_copy):
    from desktop.domain.crosscheck_commands import AddReference
    from desktop.domain.model import Reference

    win = window(seed_copy)
    panel = win.notes.references
    win.notes.tabs.setCurrentWidget(panel)
    win.session.execute(AddReference(Reference(title="DoD briefing")))
    assert not panel.empty.isVisible() and panel.items.list.isVisible()
    panel.find_edit.setText("no-such-<source>")
    assert panel.empty.isVisible() and not panel.items.list.isVisible()
    assert "no-such-&lt;source&gt;" in panel.empty.text()
    panel.find_edit.clear()
    assert not panel.empty.isVisible() and panel.items.list.isVisible()
    qtbot.keyClick(win.reader, ui.Qt.Key.Key_Z, ui.CTRL)  # undone: empty again
    assert "No references yet" in panel.empty.text() and panel.empty.isVisible()
