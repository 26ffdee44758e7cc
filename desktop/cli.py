"""Command line: ``crosslight [PATH]`` opens a study or a document (default: the sample).

``crosslight export …``, ``info …`` and ``import …`` run without a window: see ``headless``;
``crosslight https://…`` fetches a page and opens it, ``crosslight fetch URL`` saves one
to a study: see ``web_cli``;
``crosslight install-desktop [--uninstall]`` adds the menu entry: see ``integration``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop import __version__
from desktop.storage.errors import StorageError
from desktop.storage.opening import Opened, open_path

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
SAMPLE_DOCUMENT = SEEDS_DIR / "iraq-militia-threat.txt"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crosslight",
        description="Crosslight: read critically, highlight, annotate and cross-check.",
        epilog="Without a window: “crosslight export STUDY --format md|html|w3c|claimreview"
        "|csv [-o OUT]”, “crosslight info STUDY|URL”, “crosslight import STUDY FILE [-o OUT]” "
        "“crosslight fetch URL [-o STUDY]”, “crosslight merge MINE THEIRS [-o OUT]” and "
        "“crosslight merge-driver %O %A %B” (a git merge driver) "
        "(each has --help). "
        "“crosslight install-desktop [--uninstall]” adds Crosslight to your desktop's menu.",
    )
    parser.add_argument(
        "path",
        nargs="?",
        help="a study file (.crosslight) or a document (.txt, .md, .html, .pdf, .docx, "
        ".epub), or a web address (https://…) to fetch; "
        "without it, the bundled sample article opens",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("export", "info", "import"):  # headless: no Qt, no display
        from desktop.headless import main as headless_main

        return headless_main(argv)
    if argv and argv[0] in ("merge", "merge-driver"):  # two copies of a study: no Qt
        from desktop.merge_cli import main as merge_main

        return merge_main(argv)
    if argv and argv[0] == "install-desktop":  # no Qt either
        from desktop.integration import main as integration_main

        return integration_main(argv[1:])
    if argv and argv[0] == "fetch":  # a page into a study file: no Qt
        from desktop.web_cli import main as fetch_main

        return fetch_main(argv[1:])
    args = build_parser().parse_args(argv)
    path = Path(args.path) if args.path else SAMPLE_DOCUMENT
    try:
        opened = open_argument(args.path) if args.path else open_path(path)
    except StorageError as err:
        print(f"crosslight: {err}", file=sys.stderr)
        return 1
    if args.path is not None and (opened.study_path is not None or path.is_file()):
        # the user's file (not the sample, not a fetched page) goes under Open Recent
        from desktop.storage.recent import remember

        remember(path)
    from desktop.ui.app import run  # Qt loads only once the input is known to be good

    return run(opened)


def open_argument(text: str) -> Opened:
    """A path, or an address (``scheme://…``: http and https are fetched, others refused)."""
    from desktop.web_cli import fetch_opened, looks_like_address

    if looks_like_address(text):
        return fetch_opened(text)
    return open_path(Path(text))
