"""Issue #18's “done when”, as one story in the real window against the local server:

from the first window, paste an article's address and read it; highlight a claim;
paste a DOI to cite a contradicting study (the fields filled in from the local doi.org);
archive both (the local Save Page Now); export an HTML report linking live and archived
copies; later the article is edited silently and Check for New Version shows it; the
saved study's ``crosslight info`` prints each version's provenance.

The Open Address and Attach Source dialogs are the real ones, driven as a user would
(shown, typed in, OK); the other questions are scripted.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.domain.crosscheck import Stance
from tests.ui.cli_run import run_cli
from tests.ui.conftest import FakePrompts
from tests.ui.web_fixtures import ARTICLE, DOI, V2

CLAIM = "9,000 troops are currently stationed in Iraq"
STUDY_TITLE = "Correlation of the Base Strengths of Amines1"


class StoryPrompts(FakePrompts):
    """FakePrompts, but Open Address and Attach Source show their real dialogs."""

    def __init__(self, qtbot) -> None:
        super().__init__()
        self.qtbot = qtbot
        self.seen: dict[str, object] = {}

    def _ok(self, dialog) -> None:
        box = dialog.findChild(QDialogButtonBox)
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
        self.qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    def open_address(self, suggested):
        from desktop.ui.dialogs.web_dialogs import OpenAddressDialog

        dialog = OpenAddressDialog(suggested)
        self.qtbot.addWidget(dialog)
        dialog.show()
        self.seen["open_address"] = dialog.address.text()  # the clipboard's address
        self._ok(dialog)
        assert not dialog.isVisible()
        return dialog.value()

    def attach_source(self, study, highlight, pasted):
        from desktop.ui.dialogs.crosscheck_dialogs import ReferenceDialog

        dialog = ReferenceDialog(None, attach_to=highlight, pasted=pasted)
        self.qtbot.addWidget(dialog)
        dialog.show()
        # The look-up started by itself; the user waits for the fields, checks them…
        self.qtbot.waitUntil(lambda: dialog.title_edit.text() == STUDY_TITLE, timeout=15000)
        self.seen["filled"] = {"title": dialog.title_edit.text(),
                               "author": dialog.author.text(),
                               "published": dialog.published.text(),
                               "url": dialog.url.text(),
                               "status": dialog.fill_in.status.text()}
        # …says how it bears on the claim, and presses OK.
        dialog.stance.setCurrentIndex(dialog.stance.findData(Stance.CONTRADICTS.value))
        self.qtbot.keyClicks(dialog.comment, "Measured figures are lower.")
        self._ok(dialog)
        assert not dialog.isVisible()
        return dialog.attach_choice()


def test_capture_cite_archive_report_and_see_the_silent_edit(qtbot, window, seed_copy,
                                                             local_web, tmp_path, ui):
    prompts = StoryPrompts(qtbot)
    win = window(seed_copy, prompts)
    article_url = local_web.page("/world/troops-iraq", ARTICLE)

    # 1. Paste the article's address: Ctrl+Shift+O proposes it, OK fetches and reads it.
    clipboard = [article_url]
    win.web._clipboard = lambda: clipboard[0]
    ui.press(qtbot, win.reader, Qt.Key.Key_O, ui.CTRL | ui.SHIFT)
    ui.activate(qtbot, win)
    assert prompts.seen["open_address"] == article_url
    document = win.session.document
    assert document.title == "Troop numbers in Iraq questioned"
    assert CLAIM in win.reader.toPlainText()
    assert document.provenance is not None and document.provenance.url == article_url

    # 2. Highlight the claim (Ctrl+1).
    claim = ui.highlight(qtbot, win, CLAIM, 1)

    # 3. Paste a DOI on it (Ctrl+Shift+V): the study that contradicts it, filled in.
    clipboard[0] = f"https://doi.org/{DOI}"
    ui.activate(qtbot, win)
    ui.press(qtbot, win.reader, Qt.Key.Key_V, ui.CTRL | ui.SHIFT)
    filled = prompts.seen["filled"]
    assert filled["author"] == "H. K. Hall Jr." and filled["published"] == "1957-10"
    assert filled["url"] == f"https://doi.org/{DOI}" and "doi.org" in filled["status"]
    (citation,) = win.session.study.highlights[claim].citations
    assert citation.stance is Stance.CONTRADICTS
    reference_id = citation.reference_id

    # 4. Archive both: the article (Document › Archive Page) and the study (References).
    win.menu_actions.archive_document.trigger()
    win.notes.show_references()
    panel = win.notes.references
    panel.items.list.setCurrentRow(0)
    qtbot.mouseClick(panel.archive, Qt.MouseButton.LeftButton)
    document_copy = win.session.document.archived
    reference_copy = win.session.study.references[reference_id].archived
    assert document_copy is not None and reference_copy is not None
    assert prompts.errors == []

    # 5. The HTML report links the live and the archived copy of each.
    report = tmp_path / "report.html"
    prompts.script("export_path", report)
    win.menu_actions.export_html.trigger()
    page = html.unescape(report.read_text("utf-8"))
    for address in (article_url, document_copy.url, f"https://doi.org/{DOI}",
                    reference_copy.url):
        assert f'href="{address}"' in page, address

    # 6. Later, the article is edited without a word: Check for New Version shows it.
    local_web.page("/world/troops-iraq", V2)
    prompts.script("update_report", False)
    win.menu_actions.check_new_version.trigger()
    (report_shown,) = [args[0] for name, args in prompts.dialog_calls if name == "update_report"]
    assert report_shown.changed  # the claim now reads differently
    assert win.session.study.highlights[claim].quote.exact.startswith("8,500 troops")
    assert win.session.document.versions[-1].archived == document_copy  # the proof stays

    # 7. Saved, the study's `crosslight info` prints each version's provenance.
    path = tmp_path / "troops.crosslight"
    prompts.save_paths.append(path)
    ui.activate(qtbot, win)  # the tests' progress dialogs are windows of their own
    ui.press(qtbot, win.reader, Qt.Key.Key_S, ui.CTRL)
    assert not prompts.save_paths and path.is_file()
    result = run_cli("info", str(path))
    assert result.returncode == 0, result.stderr
    assert "Fetched: " in result.stdout and f"from {article_url}" in result.stdout
    assert "Version 1 (replaced " in result.stdout
    assert f"Version 1 archived: {document_copy.url}" in result.stdout
