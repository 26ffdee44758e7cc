"""Open whatever the user points at: a study file, or a document to start a study on."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.factory import new_study_for
from desktop.domain.model import Study
from desktop.storage.atomic import remove_stale_temps
from desktop.storage.disk_state import Fingerprint
from desktop.storage.documents import is_document_path, load_document
from desktop.storage.errors import StorageError
from desktop.storage.studyfile import STUDY_SUFFIX, load_study


@dataclass(slots=True)
class Opened:
    study: Study
    study_path: Path | None  # None: a new, unsaved study around a document
    orphans: list[str] = field(default_factory=list)
    fingerprint: Fingerprint | None = None  # of the study file as read


def open_path(path: Path) -> Opened:
    """Raise StorageError (with a message for the user) if ``path`` cannot be opened."""
    path = Path(path)
    if path.suffix.lower() == STUDY_SUFFIX:
        loaded = load_study(path)
        remove_stale_temps(path)  # left by a save that was killed; best effort
        return Opened(loaded.study, path.resolve(), loaded.orphans, loaded.fingerprint)
    if is_document_path(path):
        return Opened(new_study_for(load_document(path)), None)
    if not path.exists():
        raise StorageError(f"“{path}” does not exist.")
    raise StorageError(
        f"“{path.name}” is not a Crosslight study (.crosslight) or a document Crosslight "
        "opens (text, Markdown, web page, PDF, Word .docx, EPUB)."
    )
