"""Start-up loads only what the first window needs.

Cold start is a benchmark target (``python -m desktop.bench``); this test keeps the
structure that makes it fast: modules for actions the reader has not taken yet
(commands, study search, Markdown preview, OpenSSL, sockets) load on first use. It
starts the app as ``crosslight`` does, on the sample document, in a fresh process.
"""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

START = r"""
import os, sys
import desktop.cli as cli
from desktop.storage.opening import open_path
opened = open_path(cli.SAMPLE_DOCUMENT)
from desktop.ui.app import make_app, start
app = make_app([])
window = start(opened)
for _ in range(5):
    app.processEvents()
print("WINDOW", window is not None and window.isVisible())
print("STYLESHEET", repr(app.styleSheet()))
print("MODULES", ",".join(sorted(sys.modules)))
from PySide6 import QtWidgets
print("QTWIDGETS", ",".join(sorted(vars(QtWidgets))))
sys.stdout.flush()
os._exit(0)
"""

NOT_AT_START = {
    "desktop.domain.crosscheck_commands", "desktop.domain.document_commands",
    "desktop.domain.content_commands", "desktop.domain.reanchor", "desktop.domain.search",
    "desktop.domain.markdown_safe", "desktop.domain.sample_study", "nh3", "markdown",
    "hashlib", "socket", "getpass", "desktop.ui.notes.search_panel",
    "desktop.ui.dialogs.preferences", "desktop.ui.reader.document_styles",
    "desktop.ui.dialogs.crosscheck_dialogs", "desktop.ui.dialogs.update_report",
    # Type-only or first-use modules of the new structure.
    "desktop.ui.controllers.context", "desktop.domain.removal",
    # The PDF page view and PDFium load with the first PDF.
    "desktop.ui.pdfview.page", "pypdfium2",
    # Typed decoding (msgspec) loads with the first large study; the bundled files are
    # found without importlib.resources.
    "desktop.storage.highlight_typed", "msgspec", "importlib.resources",
    # The focus ring comes half a second after the first paint (themes).
    "desktop.ui.reader.focus_ring",
}


def test_the_first_window_loads_no_module_it_does_not_use(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               CROSSLIGHT_CONFIG_DIR=str(tmp_path / "config"),
               CROSSLIGHT_STATE_DIR=str(tmp_path / "state"))
    out = subprocess.run([sys.executable, "-c", START], cwd=REPO, env=env, text=True,
                         capture_output=True, timeout=120, check=False)
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)
    assert lines.get("WINDOW") == "True", out.stderr[-2000:]
    # Any application style sheet routes every widget through QStyleSheetStyle.
    assert lines["STYLESHEET"] == "''"
    loaded = set(lines["MODULES"].split(","))
    assert "desktop.ui.window.main_window" in loaded  # the list is real
    assert loaded & NOT_AT_START == set()
    # Bindings load class by class as they are used; wrapping a viewport the slow way
    # (see desktop.ui.core.qt_wrapping) would load all 69 widget classes at once.
    bound = set(lines["QTWIDGETS"].split(","))
    assert "QPlainTextEdit" in bound
    assert bound.isdisjoint({"QMdiArea", "QCalendarWidget", "QLCDNumber", "QDial"})
