"""Every export format of the test study, compared byte for byte with its golden file.

Regenerate after an intended change: ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest
tests/interchange`` (then read the diff of ``tests/interchange/golden/``).
"""

from __future__ import annotations

import pytest

from desktop.storage.exporters import FORMATS, ExportOptions, encode, export_text
from tests.interchange.interchange_study import GOLDEN_NAMES, OPTIONS, build_study


def test_every_format_has_a_golden_file():
    assert set(GOLDEN_NAMES) == set(FORMATS)


@pytest.mark.parametrize("fmt", list(GOLDEN_NAMES))
def test_export_matches_golden(study, golden, fmt):
    golden(GOLDEN_NAMES[fmt], export_text(study, fmt, OPTIONS))


@pytest.mark.parametrize("fmt", list(GOLDEN_NAMES))
def test_export_is_deterministic(fmt):
    """Two studies built alike export alike: nothing reads the clock or random ids."""
    first = export_text(build_study(), fmt, OPTIONS)
    second = export_text(build_study(), fmt, OPTIONS)
    assert first == second


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_generated_time_appears_only_when_given(study, fmt):
    assert "2025-01-02T03:04:05Z" in export_text(study, fmt, OPTIONS)
    plain = export_text(study, fmt, ExportOptions())
    assert "generated" not in plain.lower().replace('name="generator"', "")


def test_only_csv_files_get_a_byte_order_mark():
    assert encode("csv", "a,b\r\n").startswith("\ufeff".encode())
    assert not encode("csv", "a,b\r\n", for_file=False).startswith("\ufeff".encode())
    assert encode("md", "# x\n") == b"# x\n"
