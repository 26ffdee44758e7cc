"""Screenshots of capture from the web, made against the tests' local server.

    xvfb-run -a -s "-screen 0 1280x800x24" python -m desktop.devtools.web_demo OUT_DIR
        [--theme light|dark] [--size 1280x800]

Starts ``tests/web/web_server.LocalWeb`` on 127.0.0.1 (run from the repository root),
points the services at it in a throw-away config dir, opens the sample article's page
by its address, highlights a claim, and saves what the screen shows with the dialogs
of the flow open over the window: ``web-open-address.png`` (File › Open Address…),
``web-attach-source.png`` (Ctrl+Shift+V: the pasted DOI filled in), plus the
Preferences and Publish Address dialogs. Nothing reaches the internet.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

CLAIM = "9,000 troops are currently stationed in Iraq"
DOI = "10.1021/ja01577a030"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.devtools.web_demo")
    parser.add_argument("out", type=Path)
    parser.add_argument("--theme", default="light")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args(argv)
    os.environ["CROSSLIGHT_CONFIG_DIR"] = tempfile.mkdtemp(prefix="crosslight-demo-")
    os.environ["CROSSLIGHT_STATE_DIR"] = tempfile.mkdtemp(prefix="crosslight-demo-")
    sys.path.insert(0, str(Path.cwd()))
    from desktop.cli import SAMPLE_DOCUMENT
    from desktop.storage.opening import open_path
    from desktop.storage.settings import update_settings
    from desktop.ui.app import make_app, window_for
    from desktop.ui.reader.themes import theme_manager
    from tests.web.web_server import LocalWeb

    web = LocalWeb().start()
    update_settings(web_doi_base=web.url("/doi/"), web_wayback_save=web.url("/save/"),
                    web_wayback_available=web.url("/wayback/available"), user_name="",
                    theme=args.theme)
    app = make_app([])
    theme_manager().apply(args.theme)
    width, height = (int(n) for n in args.size.split("x"))
    window = window_for(open_path(SAMPLE_DOCUMENT))
    window.resize(width, height - 40)
    window.move(0, 0)
    window.show()
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        url = web.url("/world/troops-iraq")
        web.page("/world/troops-iraq", (Path("tests/web/fixtures/article.html")).read_bytes())
        settle(app)
        from desktop.ui.dialogs.web_dialogs import OpenAddressDialog

        dialog = OpenAddressDialog(url, window)
        dialog.show()
        shot(app, args.out / "web-open-address.png")
        dialog.accept()
        window.web.open_address(url)
        text = window.session.document.text
        start = text.index(CLAIM)
        from desktop.domain.commands import AddHighlight
        from desktop.domain.factory import make_highlight

        highlight = make_highlight(window.session.document, start, start + len(CLAIM),
                                   "claim")
        window.session.execute(AddHighlight(highlight))
        window.notes.select_highlight(highlight.id)
        window.reveal_highlight(highlight.id)
        from desktop.domain.crosscheck import Stance
        from desktop.ui.dialogs.crosscheck_dialogs import ReferenceDialog

        attach = ReferenceDialog(None, window, attach_to=highlight, pasted=f"doi:{DOI}")
        attach.show()
        deadline = time.monotonic() + 15
        while attach.fill_in.running and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        attach.stance.setCurrentIndex(attach.stance.findData(Stance.CONTRADICTS.value))
        attach.comment.setText("Measured figures are lower.")
        shot(app, args.out / "web-attach-source.png")
        attach.reject()
        window.look.open_preferences()
        shot(app, args.out / "preferences.png")
        assert window.look.preferences_dialog is not None
        window.look.preferences_dialog.close()
        from desktop.storage.exporters.claimreview import NO_ADDRESS
        from desktop.ui.dialogs.web_dialogs import PublishAddressDialog

        publish = PublishAddressDialog("", NO_ADDRESS, window)
        publish.show()
        shot(app, args.out / "publish-address.png")
        publish.reject()
    finally:
        web.close()
    window.close()
    return 0


def settle(app) -> None:
    end = time.monotonic() + 0.6
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def shot(app, path: Path) -> None:
    settle(app)
    app.primaryScreen().grabWindow(0).save(str(path))
    print(path)


if __name__ == "__main__":
    raise SystemExit(main())
