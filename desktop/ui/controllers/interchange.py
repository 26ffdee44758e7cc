"""File › Export and File › Import: reports and interchange files from the window.

The formats live in ``desktop.storage.exporters`` and ``importers``; this module only
asks where (through the prompts seam), writes atomically, and turns an import into one
undoable step. Those packages load on first use (~40 ms), not at start-up.
"""

from __future__ import annotations

from pathlib import Path

from desktop.domain.batch import Batch
from desktop.domain.ids import utc_now
from desktop.domain.plural import plural
from desktop.storage.atomic import atomic_write_bytes
from desktop.storage.errors import StorageError
from desktop.ui.controllers.base import Controller

W3C_FILTER = "W3C Web Annotations (*.jsonld *.json);;All files (*)"
REFERENCES_FILTER = (
    "BibTeX or CSL-JSON (*.bib *.bibtex *.json *.csljson);;BibTeX (*.bib *.bibtex);;"
    "CSL-JSON (*.json *.csljson);;All files (*)"
)


class InterchangeController(Controller):
    """File › Export (reports and interchange files) and File › Import."""

    def _start_dir(self) -> Path:
        if self.session.path is not None:
            return self.session.path.parent
        source = self.session.document.source_path
        return Path(source).parent if source else Path.home()

    def _stem(self) -> str:
        if self.session.path is not None:
            return self.session.path.stem
        source = self.session.document.source_path
        return Path(source).stem if source else "study"

    # --- export ---------------------------------------------------------------
    def export(self, format_name: str) -> Path | None:
        """Ask where, then write the study in ``format_name``; the path written, or None."""
        from desktop.storage.exporters import (
            FORMATS,
            ExportOptions,
            default_reviewer,
            encode,
            export_text,
        )

        spec = FORMATS[format_name]
        suggested = self._start_dir() / f"{self._stem()}{spec.suffix}"
        path = self.prompts.export_path(f"Export {spec.label}", str(suggested),
                                               spec.file_filter)
        if path is None:
            return None
        path = Path(path)
        if not path.suffix:
            path = path.with_name(path.name + Path(spec.suffix).suffix)
        if self.session.path is not None and path.resolve() == self.session.path.resolve():
            self.prompts.error("Could not export", "An export cannot replace the study "
                                      "file itself; choose another name.")
            return None
        options = ExportOptions(generated=utc_now(), author=default_reviewer())
        data = encode(format_name, export_text(self.session.study, format_name, options))
        try:
            atomic_write_bytes(path, data)
        except OSError as err:
            self.prompts.error("Could not export",
                                      f"Could not write “{path}”: {err.strerror or err}")
            return None
        self._status(f"Exported {spec.label} to {path.name}")
        return path

    # --- import ---------------------------------------------------------------
    def import_annotations(self) -> bool:
        """Add the highlights and links of a W3C annotation file, as one undo step."""
        from desktop.storage.importers.w3c import read_annotations

        path = self.prompts.import_path("Import W3C annotations", str(self._start_dir()),
                                               W3C_FILTER)
        if path is None:
            return False
        try:
            plan = read_annotations(path, self.session.study, self.session.document.id)
        except StorageError as err:
            self.prompts.error("Could not import", str(err))
            return False
        if plan.is_empty:
            self.prompts.info("Nothing to import", plan.summary())
            return False
        self.session.execute(Batch(plan.commands(), "Import annotations"))
        self.prompts.info("Annotations imported", plan.summary())
        n = len(plan.highlights)
        self._status(f"Imported {plural(n, 'highlight')} from {Path(path).name}")
        return True

    def import_references(self) -> bool:
        """Add the sources of a BibTeX or CSL-JSON file to the library, as one undo step."""
        from desktop.storage.importers.references import read_references

        path = self.prompts.import_path("Import references", str(self._start_dir()),
                                               REFERENCES_FILTER)
        if path is None:
            return False
        try:
            plan = read_references(path, self.session.study)
        except StorageError as err:
            self.prompts.error("Could not import", str(err))
            return False
        if not plan.references:
            self.prompts.info("Nothing to import", plan.summary())
            return False
        self.session.execute(Batch(list(plan.commands()), "Import references"))
        self.prompts.info("References imported", plan.summary())
        n = len(plan.references)
        self._status(f"Added {plural(n, 'reference')} from {Path(path).name}")
        return True
