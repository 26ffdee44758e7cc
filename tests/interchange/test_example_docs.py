"""The example reports in ``docs/`` are what the sample study exports today.

Regenerate after an intended change to the reports or the sample:
``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/interchange/test_example_docs.py``.
"""

from __future__ import annotations

import os

import pytest

from desktop.domain.sample_study import build_sample_study
from desktop.storage.documents import load_document
from desktop.storage.exporters import ExportOptions, export_text
from tests.builders import SEED
from tests.interchange.interchange_study import REPO

EXAMPLE_OPTIONS = ExportOptions(generated="2025-01-01T12:00:00Z", author="Crosslight example")
DOCS = {"md": REPO / "docs" / "example-report.md", "html": REPO / "docs" / "example-report.html"}


@pytest.mark.parametrize("fmt", list(DOCS))
def test_example_report_is_current(fmt):
    study = build_sample_study(load_document(SEED))
    text = export_text(study, fmt, EXAMPLE_OPTIONS)
    path = DOCS[fmt]
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_bytes(text.encode("utf-8"))
    assert path.read_bytes().decode("utf-8") == text, (
        f"{path.name} is out of date: UPDATE_GOLDEN=1 to regenerate")
