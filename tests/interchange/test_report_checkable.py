"""Reports give verdicts only to passages whose category takes one (issue #17): a quote,
evidence or opinion passage is not labelled or counted "Unverified"."""

from __future__ import annotations

from desktop.domain.sample_study import build_sample_study
from desktop.storage.documents import load_document
from desktop.storage.exporters import ExportOptions, export_text
from tests.interchange.interchange_study import REPO

OPTIONS = ExportOptions(generated="2025-01-01T12:00:00Z", author="Test")


def _study():
    return build_sample_study(load_document(REPO / "seeds" / "iraq-militia-threat.txt"))


def test_the_html_report_labels_only_claims_with_a_verdict():
    study = _study()
    claims = [h for h in study.highlights.values() if h.category_id == "claim"]
    unverified_claims = sum(not h.verdict.is_checked for h in claims)
    html = export_text(study, "html", OPTIONS)
    assert html.count('class="verdict verdict-unverified"') == unverified_claims
    checked = sum(h.verdict.is_checked for h in claims)
    assert f"Claims checked: {checked} of {len(claims)}." in html


def test_a_category_made_checkable_gets_its_verdicts_in_the_report():
    study = _study()
    study.category("quote").checkable = True
    quotes = sum(h.category_id == "quote" for h in study.highlights.values())
    claims = sum(h.category_id == "claim" for h in study.highlights.values())
    md = export_text(study, "md", OPTIONS)
    assert f" of {claims + quotes}." in md
