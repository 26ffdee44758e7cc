"""Blind reviews on the real window (issue #19): a reviewer who has not given their own
verdict on a claim sees nobody else's — not in the card, the list, the margin, the
minimap, tooltips, the counts by verdict, search or the filters — and cannot export
everyone's verdicts; once they give theirs, everything shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from desktop.domain.crosscheck import Verdict
from desktop.storage.settings import update_settings
from desktop.ui.notes.highlight_list import VERDICT_ROLE
from desktop.ui.notes.search_panel import HEAD_ROLE
from desktop.ui.reader.minimap import VERDICT_COLORS
from tests.ui import helpers as ui

TROOPS = "the 9,000 troops that are currently stationed in Iraq"
SECRET = "pentagon says fewer"


def _two_reviewers_judged(qtbot, win) -> str:
    update_settings(user_name="A. Rahimi", blind_reviews=False)
    hid = ui.highlight(qtbot, win, TROOPS, 1)
    win.checks.set_verdict(hid, Verdict.FALSE, "first take")
    update_settings(user_name="B. Lee")
    win.checks.set_verdict(hid, Verdict.DISPUTED, SECRET)  # the published verdict, the latest
    return hid


def _become(win, name: str, blind: bool) -> None:
    """Another reviewer at the keyboard, turning blind reviews on in Preferences."""
    update_settings(user_name=name)
    win.look.open_preferences()
    dialog = win.look.preferences_dialog
    dialog.blind.setChecked(not blind)
    dialog.blind.setChecked(blind)  # a real toggle, whatever the box showed
    dialog.close()


def _list_row(win, hid: str):
    model = win.notes.model
    return model.index(model.row_of(hid))


def _minimap_colour(win, hid: str) -> str:
    minimap = win.look.minimap
    h = win.session.study.highlights[hid]
    image = minimap.render_marks().toImage().convertToFormat(QImage.Format.Format_RGB32)
    y = int(minimap.y_of(h.start) + 1)
    return image.pixelColor(minimap.width() // 2 - 1, y).name()


def _filter_list(win, verdict: Verdict | None, text: str = "") -> int:
    win.notes.model.set_filter(None, verdict, text)
    return win.notes.model.rowCount()


def test_blind_hides_others_verdicts_everywhere_until_you_give_yours(
        qtbot, window, seed_copy, tmp_path):
    win = window(seed_copy)
    hid = _two_reviewers_judged(qtbot, win)
    win.look.actions.minimap_by_verdict.trigger()
    assert _list_row(win, hid).data(VERDICT_ROLE) == "disputed"  # not blind: all shows
    assert _minimap_colour(win, hid) == VERDICT_COLORS["disputed"]

    _become(win, "C. Diaz", blind=True)
    win.notes.select_highlight(hid)
    # The list (card chip, screen reader text) and its filters.
    row = _list_row(win, hid)
    assert row.data(VERDICT_ROLE) == "unverified"
    assert "Disputed" not in row.data(Qt.ItemDataRole.AccessibleTextRole)
    assert _filter_list(win, Verdict.DISPUTED) == 0
    assert _filter_list(win, None, "pentagon") == 0  # the rationale is not searchable
    _filter_list(win, None)
    # The counts by verdict under the list.
    assert "Disputed" not in win.notes.summary.text()
    # The status bar: the team's progress, and what waits for this reviewer.
    assert win.status_summary.text().endswith(
        "1/1 claims checked, 1 reviewed  ·  1 claim awaiting your verdict")
    # The margin chip and its tooltip, the minimap, the minimap's tooltip.
    badge = win.reader.gutter._by_key[hid]
    assert badge.symbol == Verdict.UNVERIFIED.symbol and SECRET not in badge.tooltip
    assert _minimap_colour(win, hid) != VERDICT_COLORS["disputed"]
    assert "Disputed" not in win.look.describe(hid)
    # The card's own panel: the combo starts empty, no byline, no suggestion of theirs.
    detail = win.notes.detail.verdict
    assert detail.combo.currentData() == "unverified" and detail.rationale.text() == ""
    assert "verdict by" not in detail.byline.text().replace("\u00a0", " ")
    # Search Study: neither the rationale's words nor the verdict filter find it.
    win.open_search_pane()
    panel = win.tag_ops.panel
    panel.query.setText("pentagon")
    panel.run()
    assert panel.model.rowCount() == 0
    panel.query.setText("troops")
    panel.run()
    assert all("Disputed" not in panel.model.index(r).data(HEAD_ROLE)
               for r in range(panel.model.rowCount()))
    panel.query.clear()
    panel.verdict.setCurrentIndex(panel.verdict.findData("disputed"))
    panel.run()
    assert panel.model.rowCount() == 0
    panel.verdict.setCurrentIndex(0)
    # Exports carry everyone's verdicts: refused, saying why; nothing asked or written.
    before = len(win.prompts.errors)
    assert win.interchange.export("html") is None
    (_title, message), = win.prompts.errors[before:]
    assert "Blind reviews" in message and "1 claim" in message
    assert not any(call[0] == "export_path" for call in win.prompts.dialog_calls)

    # C gives theirs with the shortcut: their own review, with no rationale of others.
    win.notes.select_highlight(hid)
    ui.press(qtbot, win.reader, Qt.Key.Key_4, ui.CTRL | Qt.KeyboardModifier.AltModifier)
    h = win.session.study.highlights[hid]
    mine = [r for r in h.reviews if r.by is not None and r.by.name == "C. Diaz"]
    assert mine and mine[-1].rationale == ""
    # Now everything shows: the published verdict in the list, margin and minimap.
    assert "awaiting" not in win.status_summary.text()
    published = h.verdict.value
    assert _list_row(win, hid).data(VERDICT_ROLE) == published
    assert win.reader.gutter._by_key[hid].symbol == h.verdict.symbol
    assert _minimap_colour(win, hid) == VERDICT_COLORS[published]
    win.notes.detail.show_highlight(win.session.study, h)
    assert SECRET in win.notes.detail.verdict.byline.toolTip()  # side by side, theirs too
    win.prompts.script("export_path", tmp_path / "report.html")
    assert win.interchange.export("html") == tmp_path / "report.html"


def test_turning_blind_off_shows_every_verdict_at_once(qtbot, window, seed_copy):
    win = window(seed_copy)
    hid = _two_reviewers_judged(qtbot, win)
    _become(win, "C. Diaz", blind=True)
    assert win.reader.gutter._by_key[hid].symbol == Verdict.UNVERIFIED.symbol
    _become(win, "C. Diaz", blind=False)
    assert win.reader.gutter._by_key[hid].symbol == Verdict.DISPUTED.symbol
    assert _list_row(win, hid).data(VERDICT_ROLE) == "disputed"
    # A reviewer who gave theirs sees all, blind or not.
    _become(win, "A. Rahimi", blind=True)
    assert win.reader.gutter._by_key[hid].symbol == Verdict.DISPUTED.symbol


def test_blind_hides_verdicts_on_the_pages_of_a_pdf_too(qtbot, window, tmp_path):
    from tests.format_fixtures import make_pdf

    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(["The claim on page one here"], title="Report"))
    update_settings(user_name="A. Rahimi", blind_reviews=False)
    win = window(path)
    assert win.pdf.showing
    win.menu_actions.pdf_text.setChecked(True)
    hid = ui.highlight(qtbot, win, "claim on page one", 1)
    win.menu_actions.pdf_text.setChecked(False)
    win.checks.set_verdict(hid, Verdict.FALSE, SECRET)

    def on_page():
        (painted,) = win.pdf.view.ranges()
        return painted

    assert on_page().verdict == "false" and SECRET in on_page().tip
    _become(win, "B. Lee", blind=True)
    assert on_page().verdict == "unverified" and SECRET not in on_page().tip
    assert on_page().badge == Verdict.UNVERIFIED.symbol
    win.checks.set_verdict(hid, Verdict.DISPUTED, "")  # B gives theirs: all shows
    assert on_page().verdict == "disputed"
