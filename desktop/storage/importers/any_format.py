"""One entry point for every import: the file's format told by its content.

``read_import(path, study, document_id)`` reads W3C Web Annotations, Hypothesis's JSON,
BibTeX or CSL-JSON — whichever the bytes are, whatever the file is called — and returns
a ``FileImport``: the commands that add what it holds (one undoable step for the
window, applied in order by the command line), a summary and the full report of what
could not be carried over. ``crosslight import`` uses it; so will File › Import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain.commands import Command
from desktop.domain.model import Study
from desktop.storage.importers.common import ImportFormatError, parse_json, read_text
from desktop.storage.importers.progress import Work
from desktop.storage.importers.references import ReferenceImport, dedupe
from desktop.storage.importers.w3c import AnnotationImport
from desktop.storage.importers.w3c_vocab import types

KINDS = {"w3c": "W3C Web Annotations", "hypothesis": "Hypothesis annotations",
         "bibtex": "BibTeX", "csl-json": "CSL-JSON"}
_BIBTEX_ENTRY = re.compile(r"@\s*[A-Za-z]+\s*[{(]")
_ANNOTATION_TYPES = {"Annotation", "AnnotationPage", "AnnotationCollection"}


@dataclass
class FileImport:
    kind: str  # a key of KINDS
    plan: AnnotationImport | ReferenceImport

    @property
    def label(self) -> str:
        return KINDS[self.kind]

    def commands(self) -> list[Command]:
        return list(self.plan.commands())

    @property
    def is_empty(self) -> bool:
        if isinstance(self.plan, ReferenceImport):
            return not self.plan.references
        return self.plan.is_empty

    def summary(self) -> str:
        return self.plan.summary()

    def report(self) -> str:
        return self.plan.report()


def detect(text: str, name: str) -> tuple[str, Any]:
    """(kind, parsed data) of a file's text; ImportFormatError when it is none of them."""
    if text.lstrip()[:1] in ("[", "{"):
        from desktop.storage.importers.hypothesis import is_hypothesis

        data = parse_json(text, name)
        if is_hypothesis(data):
            return "hypothesis", data
        first = data[0] if isinstance(data, list) and data else data
        if isinstance(first, dict) and types(first) & _ANNOTATION_TYPES:
            return "w3c", data
        return "csl-json", data
    if _BIBTEX_ENTRY.search(text):
        return "bibtex", text
    raise ImportFormatError(
        f"“{name}” is not W3C Web Annotations, Hypothesis JSON, BibTeX or CSL-JSON.")


def read_import(path: Path, study: Study, document_id: str | None = None,
                work: Work | None = None) -> FileImport:
    """What importing ``path`` into ``study`` would add; annotations whose target names
    none of its documents go on ``document_id`` (default: the current or first one).
    ImportFormatError when the file is no format Crosslight imports, or holds nothing."""
    path = Path(path)
    text = read_text(path)
    kind, data = detect(text, path.name)
    if work is not None:
        work.name = path.name
    if kind in ("w3c", "hypothesis"):
        target = document_id or study.current_document or next(iter(study.documents), "")
        if target not in study.documents:
            raise ImportFormatError("The study has no document to put annotations on.")
        if kind == "w3c":
            from desktop.storage.importers.w3c import import_annotations

            plan: AnnotationImport | ReferenceImport = import_annotations(
                data, study, target, path.name, work)
        else:
            from desktop.storage.importers.hypothesis import import_hypothesis

            plan = import_hypothesis(data, study, target, path.name, work)
        return FileImport(kind, plan)
    if kind == "bibtex":
        from desktop.storage.importers.bibtex import references_from_bibtex

        candidates, problems = references_from_bibtex(data, work)
    else:
        from desktop.storage.importers.csl_json import references_from_csl

        candidates, problems = references_from_csl(data, path.name, work)
    if not candidates and not problems:
        raise ImportFormatError(f"“{path.name}” has no {KINDS[kind]} entries.")
    result = dedupe(candidates, list(study.references.values()))
    result.problems = problems + result.problems
    return FileImport(kind, result)
