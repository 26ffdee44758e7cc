"""``crosslight import STUDY FILE [-o OUT]``: an import without a window.

Reads FILE (W3C, Hypothesis, BibTeX or CSL-JSON: told by its content, see
``importers.any_format``), applies what it adds to the study in memory, and only then
writes the study — over STUDY, or to OUT — through the normal save path
(``saving.save_study``: atomic, with a backup of the version it replaces). The
study is locked while this runs, so a window that has it open is not overwritten.
Prints the summary and the full report of what was not imported; errors are one line
and exit status 1, and nothing is written then.
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

from desktop.domain.stamping import Stamped
from desktop.storage.errors import StorageError
from desktop.storage.importers.any_format import read_import
from desktop.storage.locks import acquire
from desktop.storage.opening import Opened
from desktop.storage.saving import save_study
from desktop.storage.settings import identity, load_settings
from desktop.storage.studyfile import STUDY_SUFFIX


def run_import(opened: Opened, file: Path, output: Path | None) -> int:
    target = output if output is not None else opened.study_path
    if target is None:
        return _fail(f"“{file.name}” would start a new study: name it with -o OUT"
                     f"{STUDY_SUFFIX}.")
    target = Path(target)
    if target.suffix.lower() != STUDY_SUFFIX:
        return _fail(f"The study must be written to a {STUDY_SUFFIX} file, not “{target}”.")
    lock = None
    try:
        lock = acquire(target, secrets.token_hex(8)) if target.exists() else None
        result = read_import(file, opened.study)
        person = identity(load_settings())  # who made what it adds, as in the window
        for command in result.commands():
            Stamped(command, person).apply(opened.study)
        if not result.is_empty:
            save_study(opened.study, target)
    except StorageError as err:
        return _fail(str(err))
    except ValueError as err:  # a command refused what the plan held: a bug, not a crash
        return _fail(f"Could not import “{file.name}”: {err}")
    finally:
        if lock is not None:
            lock.release()
    where = "" if result.is_empty else f" Saved {target.name}."
    sys.stdout.write(f"{result.label} from {file.name}.{where}\n{result.report()}\n")
    sys.stdout.flush()
    return 0


def _fail(message: str) -> int:
    print(f"crosslight: {' '.join(message.split())}", file=sys.stderr)
    return 1
