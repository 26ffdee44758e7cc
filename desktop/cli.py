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
from desktop.bundled import sample_document
from desktop.storage.errors import StorageError
from desktop.storage.opening import Opened, open_path
from desktop.subcommands import GIVEN_NAME, SUBCOMMANDS

SAMPLE_DOCUMENT = sample_document()


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
    parser.add_argument(
        "--check", action="store_true",
        help="open the window on PATH (or the sample) and quit at once, printing what was "
        "loaded: checks that an installation works (also with QT_QPA_PLATFORM=offscreen)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in SUBCOMMANDS:  # no Qt, no display: each loads on demand
        from importlib import import_module

        run = import_module(SUBCOMMANDS[argv[0]]).main
        return int(run(argv if argv[0] in GIVEN_NAME else argv[1:]))
    args = build_parser().parse_args(argv)
    path = Path(args.path) if args.path else last_study() or SAMPLE_DOCUMENT
    if args.path and _loads_slowly(path):
        from desktop.ui.app import run_loading  # the window first, then the document

        return run_loading(path)
    try:
        opened = open_argument(args.path) if args.path else open_path(path)
    except StorageError as err:
        if not args.path and path != SAMPLE_DOCUMENT:  # the last study: say so, then the sample
            print(f"crosslight: {err} — opening the sample instead", file=sys.stderr)
            path = SAMPLE_DOCUMENT
            opened = open_path(path)
            from desktop.ui.app import check, run

            return check(opened) if args.check else run(opened)
        print(f"crosslight: {err}", file=sys.stderr)
        return 1
    if args.path is not None and (opened.study_path is not None or path.is_file()):
        # the user's file (not the sample, not a fetched page) goes under Open Recent
        from desktop.storage.recent import remember

        remember(path)
    from desktop.ui.app import check, run  # Qt loads only once the input is known to be good

    return check(opened) if args.check else run(opened)


def last_study() -> Path | None:
    """The study used last (Open Recent's first study), when the preference to start on
    it is on (the default) and it is still there; else None (the sample opens)."""
    from desktop.storage.recent import recent_paths
    from desktop.storage.settings import load_settings
    from desktop.storage.studyfile import STUDY_SUFFIX

    if not load_settings().start_on_last_study:
        return None
    for text in recent_paths():
        path = Path(text)
        if path.suffix.lower() == STUDY_SUFFIX and path.is_file():
            return path
    return None


def _loads_slowly(path: Path) -> bool:
    """A large document: better read behind the window's progress bar than before it."""
    from desktop.storage.documents import is_document_path, sync_limit

    try:
        return is_document_path(path) and path.is_file() and \
            path.stat().st_size > sync_limit(path)
    except OSError:
        return False


def open_argument(text: str) -> Opened:
    """A path, or an address (``scheme://…``: http and https are fetched, others refused)."""
    from desktop.web_cli import fetch_opened, looks_like_address

    if looks_like_address(text):
        return fetch_opened(text)
    return open_path(Path(text))
