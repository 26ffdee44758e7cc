"""CSV of highlights: one row each, readable by any CSV reader, formulas defused."""

from __future__ import annotations

import csv
import io

from desktop.storage.exporters import encode
from desktop.storage.exporters.csv_export import COLUMNS, defuse, render


def rows(study) -> list[dict]:
    return list(csv.DictReader(io.StringIO(render(study), newline="")))


def test_one_row_per_highlight_in_document_order(study):
    table = rows(study)
    assert list(table[0]) == list(COLUMNS)
    assert [r["id"] for r in table] == [h.id for h in study.highlights_in_order("d-doc")]
    assert [r["number"] for r in table] == [str(n) for n in range(1, 9)]


def test_cells_keep_text_exactly(study):
    by_id = {r["id"]: r for r in rows(study)}
    assert by_id["h-multi"]["quote"] == "changed.\nThe council"
    assert by_id["h-claim"]["note"] == study.highlights["h-claim"].note
    assert by_id["h-persian"]["quote"] == "«شورای شهر»"
    assert by_id["h-claim"]["verdict"] == "False"
    assert by_id["h-claim"]["references"].startswith(
        "contradicts: City Statistics Office (2024-01-15). City accounts 2023. "
        "https://stats.example.gov/budget-2023")
    assert by_id["h-claim"]["links"] == "→ same claim 6"
    assert (by_id["h-orphan"]["orphaned"], by_id["h-orphan"]["start"]) == ("yes", "")
    assert (by_id["h-claim"]["start"], by_id["h-claim"]["end"]) == ("44", "74")


def test_formulas_are_defused(study):
    by_id = {r["id"]: r for r in rows(study)}
    assert by_id["h-formula"]["quote"] == "'= SUM(A1)"
    assert by_id["h-formula"]["note"] == "'=HYPERLINK(\"x\")"
    assert by_id["h-list"]["note"] == "'+1 for checking\n"
    assert defuse("@cmd") == "'@cmd" and defuse("-2+3") == "'-2+3" and defuse("ok") == "ok"


def test_rfc4180_line_ends_and_utf8_with_bom_for_files(study):
    text = render(study)
    assert text.startswith("number,category,") and "\r\n" in text
    data = encode("csv", text)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == text
