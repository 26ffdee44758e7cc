"""The README's "Your first study in five minutes", with the keyboard alone (#17).

Every step is a key press or typing into the widget that has the focus; dialogs go
through the scripted prompts (the dialogs themselves are tested on their own). If the
README's walkthrough changes, this test changes with it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.crosscheck import Relation, Stance, Trust, Verdict
from desktop.domain.model import Reference
from desktop.ui.dialogs.crosscheck_dialogs import AttachChoice
from tests.ui import helpers as ui

ALT = Qt.KeyboardModifier.AltModifier
TROOPS = "the 9,000 troops that are currently stationed in Iraq"
BILLIONS = "spends billions of dollars every year on its proxies"
PRETENDED = "pretended to fight ISIS"
QUOTE = "We will not allow the Americans to stay one day after the liberation of Mosul,"
TIES = "militia's ties to Iran are so deep"
NOTE = "**Check the number.** Find the Pentagon's count for March 2017."
RATIONALE = "Official figures were lower; the higher count is unsourced."


def focused():
    return QApplication.focusWidget()


def keys(qtbot, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press ``key`` where the focus is, as a user does."""
    qtbot.keyClick(focused(), key, modifiers)


def type_here(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def find_and_mark(qtbot, win, phrase: str, number: int) -> str:
    """Ctrl+F, type the words, Esc (the match stays selected), Ctrl+number."""
    before = set(win.session.study.highlights)
    keys(qtbot, Qt.Key.Key_F, ui.CTRL)
    qtbot.waitUntil(lambda: focused() is win.find_bar.edit)
    type_here(qtbot, phrase)
    keys(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: focused() is win.reader)
    keys(qtbot, getattr(Qt.Key, f"Key_{number}"), ui.CTRL)
    (new,) = set(win.session.study.highlights) - before
    assert win.session.study.highlights[new].quote.exact == phrase
    return new


def tab_to(qtbot, widget, limit: int = 30) -> None:
    for _ in range(limit):
        if focused() is widget:
            return
        keys(qtbot, Qt.Key.Key_Tab)
    assert focused() is widget, f"Tab never reached {widget.accessibleName()}"


def test_first_study_in_five_minutes_by_keyboard(qtbot, window, seed_copy, tmp_path):
    win = window(seed_copy)
    study, notes, card = win.session.study, win.notes, win.notes.card
    win.reader.setFocus()

    # 1. Who is talking? Ctrl+Shift+I: the Source tab, the cursor in Publisher.
    keys(qtbot, Qt.Key.Key_I, ui.CTRL | ui.SHIFT)
    qtbot.waitUntil(lambda: focused() is notes.source.publisher)
    assert "ncr-iran" in notes.source.use_named.text()  # it noticed the named source
    type_here(qtbot, "ncr-iran")
    keys(qtbot, Qt.Key.Key_Tab)
    type_here(qtbot, "An Iranian opposition group")
    keys(qtbot, Qt.Key.Key_Tab)
    assert focused() is notes.source.trust
    type_here(qtbot, "M")  # a closed box picks by the first letter: Mixed
    source = win.session.document.source
    assert (source.publisher, source.stance, source.trust) == (
        "ncr-iran", "An Iranian opposition group", Trust.MIXED)

    # 2. Mark the claims: find, Esc, Ctrl+1…4.
    troops = find_and_mark(qtbot, win, TROOPS, 1)
    find_and_mark(qtbot, win, BILLIONS, 1)
    pretended = find_and_mark(qtbot, win, PRETENDED, 4)
    find_and_mark(qtbot, win, QUOTE, 3)
    assert notes.tabs.currentIndex() == 0  # the cards are back in view

    # 3. Say what to check: Tab from the text to the cards, Home to the first (troops),
    # Enter writes its note; Ctrl+T tags it.
    keys(qtbot, Qt.Key.Key_Tab)
    assert focused() is notes.list
    keys(qtbot, Qt.Key.Key_Home)
    assert notes.current_id() == troops
    keys(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is card.note.editor)
    type_here(qtbot, NOTE)
    keys(qtbot, Qt.Key.Key_T, ui.CTRL)
    qtbot.waitUntil(lambda: focused() is card.tags)
    type_here(qtbot, "troops")
    keys(qtbot, Qt.Key.Key_Return)

    # 4. Attach the evidence: Ctrl+Shift+R (the dialog is scripted), stance ▼.
    briefing = Reference(title="Department of Defense briefing", published="2017-03-08",
                         excerpt="About 5,200 U.S. troops are authorized in Iraq")
    win.prompts.script("attach_reference", AttachChoice(
        briefing, True, Stance.CONTRADICTS, "Official cap is about 5,200."))
    keys(qtbot, Qt.Key.Key_R, ui.CTRL | ui.SHIFT)
    assert card.evidence.title.text() == "Sources (1)"
    assert "Sources suggest: ⚖ Disputed?" in card.verdict.suggestion.text()

    # 5. Give a verdict: Ctrl+Alt+2, and the rationale is typed where the cursor went.
    keys(qtbot, Qt.Key.Key_2, ui.CTRL | ALT)
    qtbot.waitUntil(lambda: focused() is card.verdict.rationale)
    type_here(qtbot, RATIONALE)
    assert "1/2 claims checked" in win.status_summary.text()
    (badge,) = [b for b in win.reader.gutter.badges() if b.label == Verdict.DISPUTED.short_label]
    assert badge.symbol == Verdict.DISPUTED.symbol

    # 6. Connect passages: mark the ties as Evidence, Ctrl+L links it (scripted choice),
    # and Go to in the card (Tab to it, Space) jumps to the other end.
    ties = find_and_mark(qtbot, win, TIES, 2)
    win.prompts.script("choose_link", (pretended, Relation.ELABORATES))
    keys(qtbot, Qt.Key.Key_L, ui.CTRL)
    assert card.links.title.text() == "Links (1)"
    keys(qtbot, Qt.Key.Key_E, ui.CTRL)  # into the card
    qtbot.waitUntil(lambda: focused() is card.note.editor)
    tab_to(qtbot, card.links.go)
    keys(qtbot, Qt.Key.Key_Space)
    assert notes.current_id() == pretended

    # 7. Save (Ctrl+S) and reopen: everything came back.
    path = tmp_path / "iraq-militia-threat.crosslight"
    win.prompts.save_paths.append(path)
    keys(qtbot, Qt.Key.Key_S, ui.CTRL)
    ui.settle_writes(qtbot, win)
    again = window(path)
    h = again.session.study.highlights[troops]
    assert (h.note, h.tags, h.verdict, h.rationale) == (NOTE, ["troops"], Verdict.DISPUTED,
                                                         RATIONALE)
    assert [c.stance for c in h.citations] == [Stance.CONTRADICTS]
    (link,) = again.session.study.links.values()
    assert (link.source_id, link.target_id) == (ties, pretended)
    assert again.session.document.source.trust is Trust.MIXED
    assert len(study.highlights) == len(again.session.study.highlights) == 5
