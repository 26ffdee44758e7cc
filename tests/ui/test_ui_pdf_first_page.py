"""File › Open of a PDF shows its first page at once, while the whole text (which the
study, highlights and search are built on) is read on the PDFium thread behind a
progress bar; a PDF that is refused leaves the window as it was."""

import shutil
from pathlib import Path

import pytest

from desktop.bench.pdf import make_pdf as make_long_pdf
from desktop.ui.pdfview.worker import PdfThread
from tests.format_fixtures import make_pdf

PDF = "application/pdf"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real"


def _watch(win, events: list[str]) -> None:
    """Record, when page 1 is drawn, whether the study had the PDF yet."""

    def wire(view) -> None:
        def rendered(_token, number, *_args) -> None:
            if number == 0:
                pdf = win.session.document.media_type == PDF
                events.append("page 1 drawn, study " + ("made" if pdf else "not made yet"))
                events.append(win.statusBar().currentMessage())

        view.pdf.worker.rendered.connect(rendered)

    if win.pdf.view is not None:
        wire(win.pdf.view)
    win.pdf.viewCreated.connect(wire)


def test_the_first_page_shows_before_the_whole_text_is_read(qtbot, window, seed_copy,
                                                            tmp_path, monkeypatch):
    opened, read = [], []
    real_open, real_read = PdfThread.open, PdfThread.read_text
    monkeypatch.setattr(PdfThread, "open", lambda self, *a: (opened.append(1),
                                                              real_open(self, *a)))
    monkeypatch.setattr(PdfThread, "read_text", lambda self, *a: (read.append(1),
                                                                   real_read(self, *a)))
    path = tmp_path / "long.pdf"
    path.write_bytes(make_long_pdf(60))
    win = window(seed_copy)
    events: list[str] = []
    _watch(win, events)
    assert win.files.open(path) and not win.prompts.errors
    assert events[:2] == ["page 1 drawn, study not made yet",
                          "Reading the text of “long.pdf”; its pages show meanwhile."]
    # The study is the PDF's now; the page view kept the file it had open (no second
    # opening, no second reading of the text it was just made from).
    view = win.pdf.view
    assert win.session.document.media_type == PDF and win.pdf.showing
    assert view.starts == win.session.document.pages and len(opened) == 1 and not read
    assert view.text_length == len(win.session.document.text)
    qtbot.waitUntil(lambda: view.page_is_ready(0))
    assert win.session.document.text.startswith(view._texts[0])


def test_while_the_text_is_read_the_progress_says_what_waits(qtbot, window, seed_copy,
                                                             tmp_path, monkeypatch):
    import desktop.ui.core.import_worker as import_worker

    monkeypatch.setattr(import_worker, "SHOW_AFTER_MS", 0)
    path = tmp_path / "long.pdf"
    path.write_bytes(make_long_pdf(30))
    win = window(seed_copy)
    assert win.files.open(path)
    (dialog,) = win.prompts.progress_dialogs
    assert "long.pdf" in dialog.labelText() and "highlight" in dialog.labelText()


@pytest.mark.parametrize("before", ["text", "pdf"])
def test_a_refused_pdf_leaves_the_reader_as_it_was(qtbot, window, seed_copy, tmp_path,
                                                   before):
    shown = tmp_path / "shown.pdf"
    shown.write_bytes(make_pdf(["The PDF that was open"]))
    win = window(seed_copy if before == "text" else shown)
    session = win.session
    bad = tmp_path / "scan.pdf"
    from tests.format_fixtures import make_image_pdf

    bad.write_bytes(make_image_pdf(3))
    assert not win.files.open(bad)
    ((_title, text),) = win.prompts.errors
    assert "run OCR first" in text and win.session is session
    assert win.statusBar().currentMessage() == ""  # not "Reading the text of …"
    if before == "text":
        assert not win.pdf.showing and win.reader_stack.currentWidget() is win.reader
    else:
        view = win.pdf.view
        assert win.pdf.showing and view.starts == session.document.pages
        qtbot.waitUntil(lambda: view.page_is_ready(0))
        assert view._texts[0] == "The PDF that was open"


def test_an_encrypted_pdf_is_refused_once(qtbot, window, seed_copy, tmp_path):
    if not (CORPUS / "pdf_encrypted.pdf").is_file():
        pytest.skip("shared corpus not available")
    path = tmp_path / "locked.pdf"
    shutil.copyfile(CORPUS / "pdf_encrypted.pdf", path)
    win = window(seed_copy)
    assert not win.files.open(path)
    qtbot.wait(50)  # the page view's own answer, had it one, would arrive now
    ((_title, text),) = win.prompts.errors
    assert "password" in text and not win.pdf.showing


def test_crosslight_file_pdf_shows_its_first_page_while_the_text_is_read(qtbot, tmp_path):
    from desktop.ui import app as app_module
    from tests.ui.helpers import FakePrompts

    path = tmp_path / "long.pdf"
    path.write_bytes(make_long_pdf(60))
    prompts = FakePrompts()
    window = app_module.start_loading(path, prompts)
    qtbot.addWidget(window)
    events: list[str] = []
    _watch(window, events)
    qtbot.waitUntil(lambda: window.session.document.media_type == PDF, timeout=30_000)
    assert events[:1] == ["page 1 drawn, study not made yet"]
    assert window.pdf.showing and window.pdf.view.starts == window.session.document.pages

