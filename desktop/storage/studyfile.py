"""Reading ``*.crosslight`` study files (writing them: ``saving.save_study``)."""

from __future__ import annotations

import codecs
import errno
import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

import orjson

from desktop.domain.anchoring import AnchorBudget, anchor
from desktop.domain.digest import sha256_hex
from desktop.domain.model import Highlight, Study
from desktop.storage.beside import beside
from desktop.storage.disk_state import Fingerprint, fingerprint_of
from desktop.storage.errors import OverBudgetError, StorageError, StudyFileError
from desktop.storage.migrations import migrate
from desktop.storage.safe_read import read_capped
from desktop.storage.schema import FORMAT, VERSION, study_from_data
from desktop.storage.study_parts import HighlightParts, PartsUnreadable, parse_in_parts

STUDY_SUFFIX = ".crosslight"
MAX_STUDY_BYTES = 256 * 1024 * 1024  # refuse before parsing: documents are at most 64 MB
PAUSE_GC_ABOVE = 8 * 1024 * 1024  # larger files are parsed and built without cyclic GC


@dataclass(slots=True)
class LoadedStudy:
    study: Study
    orphans: list[str] = field(default_factory=list)  # ids of highlights that lost their place
    fingerprint: Fingerprint | None = None  # of the bytes read: to notice later changes
    format_version: int | None = None  # the version in the file, before any migration


_ERRNO_REASONS = {
    getattr(errno, name): reason
    for name, reason in [
        ("ENOSPC", "the disk is full"),
        ("EDQUOT", "your disk quota is used up"),
        ("EACCES", "you do not have permission to write there"),
        ("EPERM", "you do not have permission to write there"),
        ("EROFS", "the disk or folder is read-only"),
        ("ENOENT", "the folder does not exist any more"),
        ("ENOTDIR", "the folder does not exist any more"),
        ("EIO", "the disk reported an input/output error"),
        ("ENAMETOOLONG", "the file name is too long"),
    ]
    if hasattr(errno, name)  # not every platform has every code
}


def explain_os_error(err: OSError) -> str:
    """A plain-words reason for a failed write, with the system's own wording after it."""
    detail = err.strerror or str(err)
    reason = _ERRNO_REASONS.get(err.errno) if err.errno is not None else None
    return f"{reason} ({detail})" if reason else detail


def load_study(path: Path) -> LoadedStudy:
    path = Path(path)
    raw = read_study_bytes(path)
    stamp = fingerprint_of(path, len(raw), "")  # its size and time as read
    digest = beside(partial(sha256_hex, raw), len(raw))  # hashed while it is parsed
    with paused_gc(len(raw) > PAUSE_GC_ABOVE):
        loaded = _load_in_parts(raw, path.name)
        if loaded is None:
            data = parse_study_json(raw, path.name)
            del raw  # parsed: the bytes would only add the file's size to the peak
            loaded = study_from_json(data, path.name, consume=True)
    loaded.fingerprint = replace(stamp, sha256=digest())
    return loaded


def _load_in_parts(raw: bytes, name: str) -> LoadedStudy | None:
    """A large file of this version with its highlights parsed one by one
    (``study_parts``), or None: parse it whole."""
    if raw[:3] == codecs.BOM_UTF8 or b"\x00" in raw[:8192]:
        return None
    parts = parse_in_parts(raw)
    if parts is None:
        return None
    data, highlights = parts
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        return None  # an older file is migrated whole
    try:
        return study_from_json(data, name, consume=True, highlights=highlights)
    except PartsUnreadable:
        return None


@contextmanager
def paused_gc(active: bool = True) -> Iterator[None]:
    """No cyclic garbage collection while a large study is parsed and built.

    Parsing and building make millions of objects that all stay alive; each
    allocation burst set the collector off to scan them again (about a third of the
    time to open 50,000 highlights). Reference counting still frees what is dropped.
    The collector's first passes over the new objects come after: for a small study
    they cost less than the pause saves, and would only move work past the load.
    After a large load everything alive is frozen (``gc.freeze``): the study lives
    as long as its window, and the window's first allocations set off full
    collections that scanned all of it again (~0.3 s of 50,000 highlights' open).
    Frozen objects are still freed by reference counting; only cycles among them wait.
    """
    was_enabled = gc.isenabled()
    if not active:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def study_from_json(data: object, name: str, consume: bool = False,
                    highlights: Iterable[Any] | None = None) -> LoadedStudy:
    """Check, migrate and build a study from parsed JSON; ``name`` labels the messages.
    ``consume``: ``data`` may be taken apart while building (``study_from_data``)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StudyFileError(f"“{name}” is not a Crosslight study file.")
    version = data.get("version")
    try:
        data = migrate(data)
    except StudyFileError as err:
        raise StudyFileError(f"“{name}”: {err}") from err
    try:
        study = study_from_data(data, consume, highlights)
    except OverBudgetError as err:
        raise StudyFileError(f"“{name}” cannot be opened: {err}.") from err
    except StudyFileError as err:
        raise StudyFileError(f"“{name}” is damaged: {err}") from err
    to_place = highlights.to_place if isinstance(highlights, HighlightParts) else None
    return LoadedStudy(study, reanchor(study, to_place), format_version=version)


def reanchor(study: Study, only: list[Highlight] | None = None) -> list[str]:
    """Place every highlight on its document's text; return the ids left as orphans.
    ``only``: those that need a look (the rest were found in place as they were read)."""
    orphans = []
    budget = AnchorBudget.for_highlights(len(study.highlights))  # hostile repeats: orphans
    texts = {doc_id: (d.text, len(d.text)) for doc_id, d in study.documents.items()}
    for h in study.highlights.values() if only is None else only:
        text, length = texts[h.document_id]
        start, end, exact = h.start, h.end, h.quote.exact
        if (start is not None and end is not None and exact and 0 <= start < end <= length
                and end - start == len(exact) and text.startswith(exact, start)):
            continue  # in place, as ``anchor`` would find it first (nearly every one)
        found = anchor(text, h.quote, h.position, budget)
        if found is None:
            h.start = h.end = None
            orphans.append(h.id)
        else:
            h.start, h.end = found.start, found.end
    return orphans


def read_study_bytes(path: Path) -> bytes:
    """The file's bytes, refusing before reading anything too big to be a study.

    Only regular files are read, and never more than the cap: a device or pipe given a
    ``.crosslight`` name could otherwise block or fill memory.
    """
    return read_capped(
        path,
        limit=MAX_STUDY_BYTES,
        error=StudyFileError,
        noun="a study file",
        too_big=lambda _size: (
            f"“{path.name}” is larger than any study file Crosslight opens "
            f"({MAX_STUDY_BYTES // (1024 * 1024)} MB)."
        ),
    )


def parse_study_json(raw: bytes, name: str) -> object:
    """Parse untrusted bytes as JSON; every failure is a StudyFileError naming ``name``."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise StudyFileError(f"“{name}” is saved as UTF-16; Crosslight study files are UTF-8.")
    if b"\x00" in raw[:8192]:
        raise StudyFileError(f"“{name}” is a binary file, not a Crosslight study file.")
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]  # an editor added a byte-order mark: harmless
    try:
        # orjson refuses invalid UTF-8 itself; decoding first to check (as before) made
        # a copy of the whole file, 255 MB more at the peak of the largest study.
        return orjson.loads(raw)
    except orjson.JSONDecodeError as err:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as bad:
            raise StudyFileError(
                f"“{name}” is not valid UTF-8 text (byte {bad.start}).") from bad
        if "depth" in str(err) or "recursion" in str(err):
            raise StudyFileError(f"“{name}” is not valid JSON: it is nested too deeply "
                                 f"to be a study file ({err}).") from err
        raise StudyFileError(f"“{name}” is not valid JSON: {err}") from err


__all__ = ["STUDY_SUFFIX", "LoadedStudy", "StorageError", "load_study"]
