"""Capture from the web in the window, against a real HTTP server on 127.0.0.1:
File › Open Address…, Check for New Version, Archive, and what failures look like."""

from __future__ import annotations

import gzip

import pytest
from PySide6.QtCore import Qt

from desktop.storage.settings import update_settings
from desktop.ui.dialogs.update_report import UpdateReport
from tests.ui.web_fixtures import ARTICLE, V2, Answer, press_cancel_when_shown

CLAIM = "9,000 troops are currently stationed in Iraq"


def open_page(qtbot, win, ui, url: str) -> None:
    """Ctrl+Shift+O, the address typed in the (scripted) dialog."""
    win.prompts.script("open_address", url)
    ui.activate(qtbot, win)  # a progress dialog shown last time may hold the focus
    ui.press(qtbot, win.reader, Qt.Key.Key_O, ui.CTRL | ui.SHIFT)
    assert not win.prompts.dialogs["open_address"], "Ctrl+Shift+O did not ask"
    ui.activate(qtbot, win)  # the tests' progress dialog is a window of its own


def test_ctrl_shift_o_opens_the_article_at_an_address_with_its_provenance(
        qtbot, window, seed_copy, local_web, ui):
    win = window(seed_copy)
    url = local_web.page("/world/troops", ARTICLE)
    open_page(qtbot, win, ui, url)
    assert win.prompts.errors == []
    document = win.session.document
    assert document.title == "Troop numbers in Iraq questioned"
    assert CLAIM in document.text and "Most read" not in document.text  # the article only
    assert document.author and document.published.startswith("2017-03-09")
    p = document.provenance
    assert p is not None and (p.requested, p.url, p.status) == (url, url, 200)
    assert p.content_type.startswith("text/html") and len(p.sha256) == 64
    assert p.page is not None and gzip.decompress(p.page.data) == ARTICLE  # kept by default
    assert document.url == url and win.session.path is None
    assert "Troop numbers in Iraq questioned" in win.windowTitle()
    assert "Opened" in win.statusBar().currentMessage()
    win.prompts.save_paths.append(None)  # Save As proposes a name from the title
    win.menu_actions.save_as.trigger()
    assert win.prompts.suggested[-1].endswith("/troop-numbers-in-iraq-questioned.crosslight")


def test_the_dialog_proposes_an_address_on_the_clipboard(qtbot, window, seed_copy,
                                                         local_web, ui):
    win = window(seed_copy)
    url = local_web.url("/article.html")
    win.web._clipboard = lambda: f"  {url}\n"
    win.prompts.script("open_address", None)  # then cancelled: nothing happens
    win.menu_actions.open_address.trigger()
    assert win.prompts.dialog_calls[-1] == ("open_address", (url,))
    win.web._clipboard = lambda: "not an address at all"
    win.prompts.script("open_address", None)
    win.menu_actions.open_address.trigger()
    assert win.prompts.dialog_calls[-1] == ("open_address", ("",))
    assert win.session.document.source_path == str(seed_copy)


def test_keep_page_preference_off_keeps_only_the_fingerprint(qtbot, window, seed_copy,
                                                             local_web, ui):
    update_settings(web_keep_page=False)
    win = window(seed_copy)
    open_page(qtbot, win, ui, local_web.url("/article.html"))
    p = win.session.document.provenance
    assert p is not None and p.page is None and len(p.sha256) == 64
    # On, but the page is larger than the limit: not kept either.
    update_settings(web_keep_page=True, web_keep_page_limit=100)
    open_page(qtbot, win, ui, local_web.url("/scholarly.html"))
    assert win.session.document.provenance.page is None


def test_a_redirect_is_followed_and_recorded(qtbot, window, seed_copy, local_web, ui):
    win = window(seed_copy)
    open_page(qtbot, win, ui, local_web.url("/chain/3"))
    p = win.session.document.provenance
    assert p.requested.endswith("/chain/3") and p.url.endswith("/article.html")
    assert len(p.redirects) == 2  # the addresses passed through between the two


def test_each_failure_is_one_line_and_leaves_the_window_as_it_was(qtbot, window, seed_copy,
                                                                  local_web, ui):
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/article"
    win = window(seed_copy)
    before = win.session
    cases = {
        local_web.url("/missing"): "404",
        local_web.url("/legal"): "451",
        local_web.url("/image.png"): "image",
        local_web.url("/no-text"): "not an article",
        local_web.url("/huge-declared"): "larger than 64 MB",
        local_web.url("/to-file"): "file:",
        closed: "refused",
    }
    for url, expected in cases.items():
        open_page(qtbot, win, ui, url)
        title, message = win.prompts.errors[-1]
        assert title == "Could not open the address"
        assert expected.lower() in message.lower(), (url, message)
        assert "\n" not in message and "Traceback" not in message
        assert win.session is before and not win.isWindowModified()
    assert len(win.prompts.errors) == len(cases)


@pytest.mark.parametrize("path", ["/stall-body", "/slow-headers"])
def test_cancel_stops_a_fetch_that_stalls(qtbot, window, seed_copy, local_web, ui, path):
    win = window(seed_copy)
    before = win.session
    poll, pressed = press_cancel_when_shown(qtbot, win.prompts)
    open_page(qtbot, win, ui, local_web.url(path))
    poll.stop()
    assert pressed == [True]
    assert win.prompts.errors == []  # cancelling is not an error
    assert win.session is before
    assert "cancelled" in win.statusBar().currentMessage()


def test_check_for_new_version_finds_silent_edits_and_undoes_in_one_step(
        qtbot, window, seed_copy, local_web, ui):
    win = window(seed_copy)
    local_web.page("/story", ARTICLE)
    open_page(qtbot, win, ui, local_web.url("/story"))
    claim = ui.highlight(qtbot, win, CLAIM, 1)
    spend = ui.highlight(qtbot, win, "the militias spend billions of dollars every year", 1)
    # Unchanged: said so, nothing changes.
    win.menu_actions.check_new_version.trigger()
    title, message = win.prompts.infos[-1]
    assert title == "No New Version" and "unchanged" in message
    old_text, old_provenance = win.session.document.text, win.session.document.provenance
    depth = win.session.undo_stack.count()
    # The article is edited silently: the figure changes, a paragraph goes.
    local_web.page("/story", V2)
    win.prompts.script("update_report", False)
    win.menu_actions.check_new_version.trigger()
    (report,) = [args[0] for name, args in win.prompts.dialog_calls if name == "update_report"]
    assert isinstance(report, UpdateReport)
    document = win.session.document
    assert "8,500 troops" in document.text and "spend billions" not in document.text
    assert win.session.study.highlights[claim].quote.exact.startswith("8,500")
    assert win.session.study.highlights[spend].is_orphan
    assert document.versions[-1].text == old_text  # the old text is kept
    assert document.versions[-1].provenance == old_provenance
    assert document.provenance.sha256 != old_provenance.sha256
    assert win.session.undo_stack.count() == depth + 1
    win.menu_actions.undo.trigger()
    assert win.session.document.text == old_text and not win.session.document.versions


def test_a_document_without_an_address_cannot_be_checked_or_archived(qtbot, window,
                                                                     seed_copy):
    win = window(seed_copy)
    win.menu_actions.check_new_version.trigger()
    win.menu_actions.archive_document.trigger()
    assert [t for t, m in win.prompts.infos] == ["Check for New Version", "Archive Page"]
    assert all("no web address" in m for t, m in win.prompts.infos)


def test_archive_the_document_and_a_reference(qtbot, window, seed_copy, local_web, ui):
    from desktop.domain.crosscheck_commands import AddReference
    from desktop.domain.model import Reference

    win = window(seed_copy)
    open_page(qtbot, win, ui, local_web.url("/article.html"))
    win.menu_actions.archive_document.trigger()
    copy = win.session.document.archived
    assert copy is not None and copy.url.endswith("/article.html")
    assert "/web/20240501103000/" in copy.url and copy.captured == "2024-05-01T10:30:00Z"
    assert "Archived now" in win.statusBar().currentMessage()
    # A reference, from the References tab's Archive button: the existing copy is reused.
    ref = Reference(url=local_web.url("/article.html"), title="The story")
    win.session.execute(AddReference(ref))
    panel = win.notes.references
    win.notes.show_references()
    panel.items.list.setCurrentRow(0)
    qtbot.mouseClick(panel.archive, Qt.MouseButton.LeftButton)
    archived = win.session.study.references[ref.id].archived
    assert archived is not None and "/web/20240501103000/" in archived.url
    assert "Found an archived copy" in win.statusBar().currentMessage()
    assert "archived 2024-05-01" in panel.items.list.item(0).text()
    win.menu_actions.undo.trigger()
    assert win.session.study.references[ref.id].archived is None


def test_an_archive_the_service_refuses_says_why(qtbot, window, seed_copy, local_web, ui):
    win = window(seed_copy)
    open_page(qtbot, win, ui, local_web.url("/article.html"))
    local_web.save_style = "busy"
    win.menu_actions.archive_document.trigger()
    ((title, message),) = win.prompts.errors
    assert title == "Could not archive the page" and "429" in message
    assert win.session.document.archived is None


def test_a_page_gone_when_checked_says_so(qtbot, window, seed_copy, local_web, ui):
    win = window(seed_copy)
    local_web.page("/story", ARTICLE)
    open_page(qtbot, win, ui, local_web.url("/story"))
    text = win.session.document.text
    local_web.route("/story", Answer(410, b"gone"))
    win.menu_actions.check_new_version.trigger()
    ((title, message),) = win.prompts.errors
    assert title == "Could not check for a new version" and "410" in message
    assert win.session.document.text == text and not win.session.document.versions


def test_document_info_shows_where_a_fetched_page_came_from(qtbot, window, seed_copy,
                                                           local_web, ui):
    from desktop.ui.dialogs.document_info import DocumentInfoDialog

    win = window(seed_copy)
    open_page(qtbot, win, ui, local_web.url("/old-address"))  # redirected to the article
    win.menu_actions.archive_document.trigger()
    dialog = DocumentInfoDialog(win.session.study, win.session.document)
    qtbot.addWidget(dialog)
    shown = {label.accessibleName(): label.accessibleDescription()
             for label in dialog.findChildren(type(dialog.problem)) if label.accessibleName()}
    assert shown["Source file"] == "none: fetched from the web"
    assert shown["Fetched"].endswith(f"from {local_web.url('/old-address')}")
    assert shown["Answered by"] == local_web.url("/article.html")
    assert "HTTP 200" in shown["Received"] and "page kept in the study" in shown["Received"]
    assert "/web/20240501103000/" in shown["Archived copy"]
    assert "2024-05-01 10:30 UTC" in shown["Archived copy"]


def test_an_untrusted_certificate_is_one_line_too(qtbot, window, seed_copy, tmp_path, ui):
    import shutil
    import ssl
    import subprocess

    from tests.web.web_server import LocalWeb

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a self-signed certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=120)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = LocalWeb(tls=context).start()
    try:
        win = window(seed_copy)
        before = win.session
        open_page(qtbot, win, ui, server.url("/article.html"))
        ((_title, message),) = win.prompts.errors
        assert "certificate is not trusted" in message and "\n" not in message
        assert win.session is before
    finally:
        server.close()


def test_the_content_type_decides_the_reader(qtbot, window, seed_copy, local_web, ui):
    win = window(seed_copy)
    text = "Minutes of the meeting\n\nThe committee asked for the full numbers twice.\n"
    open_page(qtbot, win, ui, local_web.page("/minutes", text, "text/plain; charset=utf-8"))
    document = win.session.document
    assert document.media_type == "text/plain" and "full numbers twice" in document.text
    assert document.provenance.content_type == "text/plain; charset=utf-8"
    markdown = "# Briefing\n\nAbout **5,200** troops are authorised.\n"
    open_page(qtbot, win, ui, local_web.page("/briefing", markdown, "text/markdown"))
    document = win.session.document
    assert document.media_type == "text/markdown" and "**" not in document.text


def test_a_doi_opens_the_page_doi_org_sends_readers_to(qtbot, window, seed_copy, local_web,
                                                       ui):
    from desktop.ui.dialogs.web_dialogs import OpenAddressDialog
    from tests.ui.web_fixtures import DOI

    dialog = OpenAddressDialog(f"doi:{DOI}")
    qtbot.addWidget(dialog)
    assert dialog.problem() is None
    dialog.address.setText("not an address")
    assert "not a web address" in dialog.problem()
    win = window(seed_copy)
    open_page(qtbot, win, ui, f"doi:{DOI}")
    p = win.session.document.provenance
    assert p.requested == local_web.url(f"/doi/{DOI}") and p.url.endswith("/scholarly.html")
    assert win.session.document.text.startswith("Counting deployed forces")
