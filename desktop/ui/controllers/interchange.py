"""File › Export and File › Import: reports and interchange files from the window.

The formats live in ``desktop.storage.exporters`` and ``importers``; this module only
asks where (through the prompts seam), writes atomically, and turns an import into one
undoable step. Those packages load on first use (~40 ms), not at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.domain.batch import Batch
from desktop.domain.ids import utc_now
from desktop.domain.plural import plural
from desktop.storage.atomic import atomic_write_bytes
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
            ExportError,
            ExportOptions,
            encode,
            export_text,
        )
        from desktop.storage.settings import identity, load_settings

        spec = FORMATS[format_name]
        if not self._nothing_hidden():
            return None
        if format_name == "claimreview" and not self._publish_address():
            return None
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
        person = identity(load_settings())  # Preferences, else the account's full name
        options = ExportOptions(generated=utc_now(), author=person.name,
                                identity=person if person.name or person.url else None,
                                require_review_url=True)
        try:
            data = encode(format_name, export_text(self.session.study, format_name, options))
        except ExportError as err:
            self.prompts.error("Could not export", str(err))
            return None
        try:
            atomic_write_bytes(path, data)
        except OSError as err:
            self.prompts.error("Could not export",
                                      f"Could not write “{path}”: {err.strerror or err}")
            return None
        self._status(f"Exported {spec.label} to {path.name}")
        return path

    def _nothing_hidden(self) -> bool:
        """An export carries everyone's verdicts: with blind reviews, it waits until you
        have given yours on every claim whose verdicts are hidden from you."""
        from desktop.domain.blind import hidden_count
        from desktop.ui.core.viewer import current_viewer

        hidden = hidden_count(self.session.study.highlights.values(), current_viewer())
        if hidden:
            self.prompts.error(
                "Could not export",
                f"Blind reviews: the other reviewers' verdicts on {plural(hidden, 'claim')} "
                "are hidden from you until you give yours. An export shows everyone's "
                "verdicts, so it waits: give yours first, or turn off blind reviews in "
                "Preferences.")
        return not hidden

    # --- ClaimReview's publish address -------------------------------------------
    def _publish_address(self) -> bool:
        """ClaimReview needs the page it is published on: ask for it when the study has
        none (saying why); False if the user would rather not give one."""
        from desktop.storage.exporters.claimreview import NO_ADDRESS
        from desktop.storage.exporters.report_model import safe_url

        if safe_url(self.session.study.publish_url):
            return True
        if self.set_publish_address(why=NO_ADDRESS):
            return True
        self._status("ClaimReview was not exported: it needs the address the fact checks "
                     "are published at.")
        return False

    def set_publish_address(self, why: str = "") -> bool:
        """File › Export › Publish Address…: set (or change) it, as one undo step."""
        from desktop.domain.web_commands import SetPublishUrl

        study = self.session.study
        url = self.prompts.publish_address(study.publish_url, why)
        if url is None:
            return False
        if url != study.publish_url:
            self.session.execute(SetPublishUrl(url))
            self._status(f"ClaimReview will be published at {url}")
        return True

    # --- import ---------------------------------------------------------------
    def _read(self, path: Path, read: Any) -> Any:
        """Run an importer on a worker thread, with progress and Cancel when it lasts
        (a library of thousands of entries); None if it failed (shown) or was cancelled."""
        from desktop.storage.importers.progress import Work
        from desktop.ui.core.web_task import run_with_progress

        name = Path(path).name
        stage = f"Reading “{name}”"

        def work(progress, cancel):
            return read(Work(lambda f: progress(stage, int(f * 1000), 1000), cancel, name))

        outcome = run_with_progress(self.prompts, "Import", stage, work,
                                    error_title="Could not import")
        if outcome.cancelled:
            self._status(f"Importing {name} was cancelled; nothing was added.")
        return outcome.result if outcome.ok else None

    def import_annotations(self) -> bool:
        """Add the highlights and links of a W3C annotation file, as one undo step."""
        from desktop.storage.importers.w3c import read_annotations

        path = self.prompts.import_path("Import W3C annotations", str(self._start_dir()),
                                               W3C_FILTER)
        if path is None:
            return False
        study, document_id = self.session.study, self.session.document.id
        plan = self._read(path, lambda work: read_annotations(path, study, document_id, work))
        if plan is None or self.session.study is not study:
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
        study = self.session.study
        plan = self._read(path, lambda work: read_references(path, study, work))
        if plan is None or self.session.study is not study:
            return False
        if not plan.references:
            self.prompts.info("Nothing to import", plan.summary())
            return False
        self.session.execute(Batch(list(plan.commands()), "Import references"))
        self.prompts.info("References imported", plan.summary())
        n = len(plan.references)
        self._status(f"Added {plural(n, 'reference')} from {Path(path).name}")
        return True
