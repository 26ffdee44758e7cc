"""Preferences › You names the user in every export, and File › Export › ClaimReview
refuses without the page it is published on, saying why and offering to set it."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.crosscheck import Verdict
from desktop.domain.crosscheck_commands import SetVerdict
from desktop.storage.exporters.claimreview import NO_ADDRESS
from desktop.storage.settings import load_settings, update_settings

CLAIM = "the 9,000 troops that are currently stationed in Iraq"


def checked(qtbot, window, seed_copy, ui):
    win = window(seed_copy)
    hid = ui.highlight(qtbot, win, CLAIM, 1)
    win.session.execute(SetVerdict(hid, Verdict.DISPUTED, "Official figures are lower."))
    return win


def test_claimreview_without_a_publish_address_is_refused_and_explained(
        qtbot, window, seed_copy, tmp_path, ui):
    win = checked(qtbot, window, seed_copy, ui)
    depth = win.session.undo_stack.count()
    win.prompts.script("publish_address", None)  # the user would rather not say
    win.menu_actions.export_claimreview.trigger()
    ((_name, (current, why)),) = [c for c in win.prompts.dialog_calls if c[0] == "publish_address"]
    assert current == "" and why == NO_ADDRESS and "Google" in why
    assert not any(c[0] == "export_path" for c in win.prompts.dialog_calls)  # nothing asked
    assert list(tmp_path.iterdir()) == [seed_copy]  # nothing written
    assert "needs the address" in win.statusBar().currentMessage()
    assert win.session.undo_stack.count() == depth


def test_the_publish_address_given_is_kept_undoable_and_used(qtbot, window, seed_copy,
                                                             tmp_path, ui):
    win = checked(qtbot, window, seed_copy, ui)
    win.prompts.script("publish_address", "https://desk.example/iraq")
    win.prompts.script("export_path", tmp_path / "cr.jsonld")
    win.menu_actions.export_claimreview.trigger()
    (review,) = json.loads((tmp_path / "cr.jsonld").read_text("utf-8"))["@graph"]
    assert review["url"] == "https://desk.example/iraq#passage-1"
    # Asked once: the next export uses the study's address without a question.
    win.prompts.script("export_path", tmp_path / "again.jsonld")
    win.menu_actions.export_claimreview.trigger()
    assert [c[0] for c in win.prompts.dialog_calls].count("publish_address") == 1
    # File › Export › Publish Address… changes it; undo restores the old one.
    win.prompts.script("publish_address", "https://desk.example/iraq-v2")
    win.menu_actions.publish_address.trigger()
    assert win.session.study.publish_url == "https://desk.example/iraq-v2"
    win.menu_actions.undo.trigger()
    assert win.session.study.publish_url == "https://desk.example/iraq"


def test_the_publish_dialog_refuses_what_is_not_a_web_address(qtbot):
    from desktop.ui.dialogs.web_dialogs import PublishAddressDialog

    dialog = PublishAddressDialog("", NO_ADDRESS)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.address.setText("javascript:alert(1)")
    dialog.accept()
    assert dialog.isVisible() and "http" in dialog.error.text()
    dialog.address.setText("https://desk.example/checks")
    dialog.accept()
    assert not dialog.isVisible() and dialog.value() == "https://desk.example/checks"


def test_preferences_identity_is_saved_and_named_by_every_export(qtbot, window, seed_copy,
                                                                 tmp_path, ui):
    win = checked(qtbot, window, seed_copy, ui)
    ui.press(qtbot, win.reader, Qt.Key.Key_Comma, ui.CTRL)
    dialog = win.look.preferences_dialog
    assert dialog.user_name.text() == ""
    assert dialog.user_name.placeholderText()  # the account's full name, the default
    for edit, text in ((dialog.user_name, "A. Rahimi"),
                       (dialog.user_organisation, "Factcheck Desk"),
                       (dialog.user_url, "https://desk.example/rahimi")):
        ui.type_text(qtbot, edit, text)
        edit.editingFinished.emit()
    settings = load_settings()
    assert (settings.user_name, settings.user_organisation, settings.user_url) == (
        "A. Rahimi", "Factcheck Desk", "https://desk.example/rahimi")
    dialog.close()
    QApplication.processEvents()
    # ClaimReview's author is whoever gave the published verdict (the teamwork issue):
    # the verdict above was the account's, so the user now named gives it again.
    (hid,) = win.session.study.highlights
    win.session.execute(SetVerdict(hid, Verdict.DISPUTED, "Official figures are lower."))
    win.prompts.script("publish_address", "https://desk.example/iraq")
    win.prompts.script("export_path", tmp_path / "cr.jsonld", tmp_path / "w3c.jsonld")
    win.menu_actions.export_claimreview.trigger()
    win.menu_actions.export_w3c.trigger()
    (review,) = json.loads((tmp_path / "cr.jsonld").read_text("utf-8"))["@graph"]
    assert review["author"]["name"] == "A. Rahimi"
    assert review["author"]["affiliation"]["name"] == "Factcheck Desk"
    assert review["publisher"]["name"] == "Factcheck Desk"
    w3c = json.loads((tmp_path / "w3c.jsonld").read_text("utf-8"))
    # The annotation's creator is whoever made the highlight (the account, before the
    # name was set); the verdict body names who gave the published verdict.
    (annotation,) = w3c["first"]["items"]
    bodies = annotation["body"] if isinstance(annotation["body"], list) else [annotation["body"]]
    (verdict,) = [b for b in bodies if b.get("purpose") in ("assessing", "oa:assessing")
                  or "assessing" in str(b.get("purpose"))]
    assert verdict["creator"]["name"] == "A. Rahimi", verdict


def test_keep_page_preference_is_saved(qtbot, window, seed_copy, ui):
    update_settings(web_keep_page=True, web_keep_page_limit=5 * 1024 * 1024)
    win = window(seed_copy)
    win.look.open_preferences()
    dialog = win.look.preferences_dialog
    assert dialog.keep_page.isChecked() and dialog.keep_limit.value() == 5
    dialog.keep_limit.setValue(2)
    assert load_settings().web_keep_page_limit == 2 * 1024 * 1024
    dialog.keep_page.setChecked(False)
    assert load_settings().web_keep_page is False and not dialog.keep_limit.isEnabled()
    dialog.close()
