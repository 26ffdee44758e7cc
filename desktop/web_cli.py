"""The command line's web side: ``crosslight URL``, ``crosslight fetch URL`` and the
address form of ``crosslight info``/``export``.

    crosslight https://…                 fetch the page, then open it in the window
    crosslight fetch URL [-o STUDY] [--no-page] [--force]
                                         fetch the page into a new study file
    crosslight info URL [--json]         fetch it and print its details and provenance

Fetching happens before any window exists, on the main thread, with progress on
standard error when it is a terminal; Ctrl+C cancels. A failure is one line starting
“crosslight: ” and status 1 (2 for a wrong command line); never a traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
import threading
from pathlib import Path
from typing import NoReturn

from desktop.storage.errors import StorageError
from desktop.storage.opening import Opened


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"crosslight: {message} (see “{self.prog} --help”)\n")


def looks_like_address(text: str) -> bool:
    """Whether a command-line argument is meant as an address (``scheme://…``), not a
    path: http(s) ones are fetched, others are refused with a reason."""
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text))


def fetch_opened(address: str, *, keep_page: bool | None = None) -> Opened:
    """A new, unsaved study around the page at ``address`` (StorageError if it fails)."""
    from desktop.domain.factory import new_study_for
    from desktop.storage.web.actions import open_address, user_config
    from desktop.storage.web.cancel import CancelToken
    from desktop.storage.web.errors import FetchCancelledError

    config = user_config()
    if keep_page is not None:
        config = config.with_(keep_page=keep_page)
    cancel = CancelToken()
    progress = _TerminalProgress() if sys.stderr.isatty() else None
    outcome: list[object] = []

    def work() -> None:  # on a thread, so Ctrl+C reaches the main thread at once
        try:
            outcome.append(open_address(address, config=config, progress=progress,
                                        cancel=cancel))
        except BaseException as err:
            outcome.append(err)

    worker = threading.Thread(target=work, name="crosslight-fetch", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.1)
    except KeyboardInterrupt:
        cancel.cancel()
        worker.join(5)
        raise FetchCancelledError("Fetching was cancelled.") from None
    finally:
        if progress is not None:
            progress.done()
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    from desktop.domain.model import Document

    assert isinstance(result, Document)
    return Opened(new_study_for(result), None)


class _TerminalProgress:
    def __init__(self) -> None:
        self._shown = False

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if stage.startswith("Reading"):
            text = f"{stage}…"
        elif total:
            text = f"{stage} {done // 1024:,} / {total // 1024:,} kB"
        else:
            text = f"{stage} {done // 1024:,} kB"
        sys.stderr.write("\r\x1b[K" + text[:100])
        sys.stderr.flush()
        self._shown = True

    def done(self) -> None:
        if self._shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="crosslight fetch",
                     description="Fetch a web page (or a PDF, text, Word or EPUB file on the "
                     "web) into a new study file, keeping where and when it was fetched.")
    parser.add_argument("address", help="an http:// or https:// address")
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help="the study file to write (default: named after the page's "
                        "title, in the current folder)")
    parser.add_argument("--no-page", action="store_true",
                        help="do not keep the page's bytes in the study (only their SHA-256)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    return parser


def main(argv: list[str]) -> int:
    """``crosslight fetch …``."""
    args = build_parser().parse_args(argv)
    try:
        opened = fetch_opened(args.address, keep_page=False if args.no_page else None)
        document = opened.study.main_document
        assert document is not None
        path = args.output or Path(_file_name(document.title))
        if path.suffix.lower() != ".crosslight":
            return _fail(f"“{path}” should end in .crosslight.")
        if path.exists() and not args.force:
            return _fail(f"“{path}” exists already; choose another name or add --force.")
        from desktop.storage.saving import save_study

        save_study(opened.study, path)
    except StorageError as err:
        return _fail(str(err))
    print(f"Saved “{document.title}” to {path}")
    return 0


def _file_name(title: str) -> str:
    slug = re.sub(r"[^\w]+", "-", title.lower(), flags=re.UNICODE).strip("-")[:60].strip("-")
    return f"{slug or 'page'}.crosslight"


def _fail(message: str) -> int:
    print(f"crosslight: {message}", file=sys.stderr)
    return 1
