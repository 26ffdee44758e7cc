"""The shortcuts taken on hot paths still show the right thing."""

from PySide6.QtCore import Qt

from desktop.domain.crosscheck import Verdict
from desktop.ui.notes.highlight_list import HAS_NOTE_ROLE
from tests.ui import helpers as ui


def test_typing_a_note_repaints_nothing_in_the_text_but_marks_the_row(
    qtbot, window, seed_copy, monkeypatch
):
    win = window(seed_copy)
    hid = ui.highlight(qtbot, win, "pretended to fight ISIS", 4)
    rebuilt = []
    monkeypatch.setattr(win.presenter, "refresh_ranges", lambda: rebuilt.append(1))
    row = win.notes.model.index(win.notes.model.row_of(hid))
    assert row.data(HAS_NOTE_ROLE) is False
    ui.type_text(qtbot, win.notes.card.note.editor, "Motive, not fact")
    assert rebuilt == []
    assert row.data(HAS_NOTE_ROLE) is True
    qtbot.keyClick(win.reader, Qt.Key.Key_Z, ui.CTRL)
    assert row.data(HAS_NOTE_ROLE) is False


def test_category_and_verdict_changes_update_text_and_margin_in_place(
    qtbot, window, seed_copy
):
    win = window(seed_copy)
    start, _ = ui.span(win, "pretended to fight ISIS")
    hid = ui.highlight(qtbot, win, "pretended to fight ISIS", 4)
    assert win.reader.gutter.badges() == []  # an unverified opinion gets no badge
    win.highlights.set_category(hid, "claim")
    (painted,) = win.reader.ranges_at(start + 2)
    assert painted.color == "#f2b134"
    (badge,) = win.reader.gutter.badges()
    assert (badge.key, badge.label) == (hid, "Unverified")
    win.highlights.set_category(hid, "opinion")
    win.checks.set_verdict(hid, Verdict.MISLEADING, "cherry-picked")
    (badge,) = win.reader.gutter.badges()
    assert (badge.symbol, badge.label) == ("⚠", "Misleading")
    assert "cherry-picked" in badge.tooltip
    win.checks.set_verdict(hid, Verdict.UNVERIFIED, "")
    assert win.reader.gutter.badges() == []


def test_text_filter_matches_quotes_and_notes(qtbot, window, seed_copy):
    win = window(seed_copy)
    notes = win.notes
    troops = ui.highlight(qtbot, win, "the 9,000 troops that are currently stationed in Iraq", 1)
    isis = ui.highlight(qtbot, win, "pretended to fight ISIS", 4)
    ui.type_text(qtbot, notes.card.note.editor, "Compare with Pentagon numbers")
    qtbot.keyClicks(notes.text_filter, "isis")
    assert [r["id"] for r in ui.rows(win)] == [isis]
    notes.text_filter.clear()
    qtbot.keyClicks(notes.text_filter, "PENTAGON")  # case-insensitive, searches notes too
    assert [r["id"] for r in ui.rows(win)] == [isis]
    assert "Showing 1 of 2" in notes.summary.text()
    notes.text_filter.clear()
    assert {r["id"] for r in ui.rows(win)} == {troops, isis}


def test_typing_the_study_note_recounts_nothing(qtbot, window, seed_copy, monkeypatch):
    win = window(seed_copy)
    ui.highlight(qtbot, win, "pretended to fight ISIS", 4)
    recounted = []
    monkeypatch.setattr(win.notes, "_refresh_tags", lambda: recounted.append("tags"))
    monkeypatch.setattr(win.notes, "_refresh_summary", lambda: recounted.append("summary"))
    monkeypatch.setattr(win.status_summary, "refresh", lambda: recounted.append("status"))
    win.notes.study_note.editor.setPlainText("What the study is about")
    assert win.session.study.note == "What the study is about"
    assert recounted == []


def test_typing_the_study_note_leaves_the_search_filters_alone(
    qtbot, window, seed_copy, monkeypatch
):
    win = window(seed_copy)
    win.menu_actions.search_study.trigger()
    panel = win.tag_ops.panel
    assert panel is not None
    refilled = []
    monkeypatch.setattr(panel, "_fill_filters", lambda: refilled.append(1))
    monkeypatch.setattr(panel.tag, "set_counts", lambda *_: refilled.append(2))
    win.notes.study_note.editor.setPlainText("What the study is about")
    assert win.session.study.note == "What the study is about"
    assert refilled == []


def test_a_typed_filter_word_does_not_recount_but_edits_under_a_filter_do(
    qtbot, window, seed_copy, monkeypatch
):
    """The counts above the list ignore the filters: typing a filter word reuses them,
    while a highlight added or checked under an active filter still updates them."""
    win = window(seed_copy)
    notes = win.notes
    ui.highlight(qtbot, win, "the 9,000 troops that are currently stationed in Iraq", 1)
    isis = ui.highlight(qtbot, win, "pretended to fight ISIS", 1)
    counted = []
    original = notes._counting
    monkeypatch.setattr(notes, "_counting", lambda: counted.append(1) or original())
    qtbot.keyClicks(notes.text_filter, "isis")
    assert counted == []
    assert notes.summary.text().startswith("2 highlights · 0 of 2 claims checked")
    assert "Showing 1 of 2" in notes.summary.text()
    win.checks.set_verdict(isis, Verdict.FALSE, "they did fight")
    assert counted
    assert notes.summary.text().startswith("2 highlights · 1 of 2 claims checked")
    ui.highlight(qtbot, win, "Everyone in the region knows", 4)  # shown: filters cleared
    assert notes.text_filter.text() == ""
    assert notes.summary.text().startswith("3 highlights · 1 of 2 claims checked")
    assert "Showing" not in notes.summary.text()


def test_opening_a_study_builds_its_list_and_ranges_once(qtbot, window, seed_copy, monkeypatch):
    """The window builds the notes pane from the session and then shows that session:
    at 50,000 highlights a second build of the list was a tenth of opening."""
    from desktop.ui.notes.highlight_list import HighlightListModel
    from desktop.ui.reader.presenter import ReaderPresenter

    builds, ranges = [], []
    rebuild, refresh = HighlightListModel._rebuild, ReaderPresenter.refresh_ranges
    monkeypatch.setattr(HighlightListModel, "_rebuild",
                        lambda self: (builds.append(1), rebuild(self))[1])
    monkeypatch.setattr(ReaderPresenter, "refresh_ranges",
                        lambda self: (ranges.append(1), refresh(self))[1])
    win = window(seed_copy)
    assert (len(builds), len(ranges)) == (1, 1)
    hid = ui.highlight(qtbot, win, "pretended to fight ISIS", 4)
    assert [r["id"] for r in ui.rows(win)] == [hid]  # and the pane follows edits after it
    assert win.notes.summary.text().startswith("1 highlight")


def test_a_paragraph_of_many_highlights_paints_each_on_its_own_lines(
    qtbot, window, tmp_path, monkeypatch
):
    """10,000 highlights in one paragraph took minutes to open: every range was measured
    against every line of the paragraph. Each range now looks only at its own lines."""
    from desktop.domain.factory import make_highlight, new_study_for
    from desktop.domain.model import Document
    from desktop.storage.saving import save_study
    from desktop.ui.reader import view as view_module

    words = [f"w{i}" for i in range(1200)]
    text = " ".join(words)  # one paragraph of many lines
    document = Document(text=text, title="One paragraph")
    study = new_study_for(document)
    for i in range(0, 1200, 3):
        start = len(" ".join(words[:i])) + (1 if i else 0)
        h = make_highlight(document, start, start + len(words[i]), "claim")
        study.highlights[h.id] = h
    path = tmp_path / "one.crosslight"
    save_study(study, path)
    win = window(path)
    block = win.reader.document().firstBlock()
    lines = block.layout().lineCount()
    assert lines > 40  # the case: a paragraph of many lines
    calls = []
    real = view_module.line_intervals
    monkeypatch.setattr(view_module, "line_intervals",
                        lambda *a: calls.append(1) or real(*a))
    win.reader.viewport().grab()
    assert 0 < len(calls) <= 2 * 400 + lines  # not 400 × lines
