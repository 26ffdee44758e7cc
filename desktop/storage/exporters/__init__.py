"""Exports of a study to other formats: reports, W3C annotations, ClaimReview, CSV.

Every exporter is ``render(study, options) -> str`` and pure: the same study and options
give the same text, so golden files stay stable and exports diff well. Whoever exports
passes the real time (``ExportOptions.generated``) and their identity
(``ExportOptions.identity``, from ``settings.identity``). An export that cannot be made
as asked (ClaimReview without a page address) raises ``ExportError`` with a message to show.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import dataclass

from desktop.domain.model import Study
from desktop.storage.exporters import claimreview, csv_export, html_report, markdown_report, w3c
from desktop.storage.exporters.errors import ExportError
from desktop.storage.exporters.report_model import ExportOptions


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str  # the command line's --format value
    label: str  # for menus and dialogs
    suffix: str  # appended to the suggested file name
    file_filter: str  # for the file chooser
    render: Callable[[Study, ExportOptions], str]


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("md", "Markdown report", "-report.md", "Markdown (*.md)",
                     markdown_report.render),
        ExportFormat("html", "HTML report", "-report.html", "HTML pages (*.html *.htm)",
                     html_report.render),
        ExportFormat("w3c", "W3C annotations", "-annotations.jsonld",
                     "W3C Web Annotations (*.jsonld *.json)", w3c.render),
        ExportFormat("claimreview", "ClaimReview", "-claimreview.jsonld",
                     "ClaimReview JSON-LD (*.jsonld *.json)", claimreview.render),
        ExportFormat("csv", "CSV of highlights", "-highlights.csv", "CSV (*.csv)",
                     csv_export.render),
    )
}


def export_text(study: Study, format_name: str, options: ExportOptions | None = None) -> str:
    """The study in ``format_name`` (a key of FORMATS); KeyError for an unknown one."""
    return FORMATS[format_name].render(study, options or ExportOptions())


def encode(format_name: str, text: str, for_file: bool = True) -> bytes:
    """UTF-8 bytes to write; a CSV file gets a byte-order mark so Excel reads it as UTF-8."""
    if format_name == "csv" and for_file:
        text = csv_export.BOM + text
    return text.encode("utf-8")


def default_reviewer() -> str:
    """The reviewer named in ClaimReview when none is given: the OS user name."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment or the password database
        return ""


__all__ = ["FORMATS", "ExportError", "ExportFormat", "ExportOptions", "default_reviewer",
           "encode", "export_text"]
