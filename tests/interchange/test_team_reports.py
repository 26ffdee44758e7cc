"""Reports and ClaimReview name who gave each verdict, its history and the review counts."""

from __future__ import annotations

import json

from desktop.domain.crosscheck import Verdict
from desktop.domain.identity import Person
from desktop.domain.model import Review
from desktop.storage.exporters import claimreview, html_report, markdown_report
from tests.interchange.interchange_study import OPTIONS

RAHIMI = Person("A. Rahimi", "Factcheck Desk")
EDITOR = Person("E. Editor")


def _reviewed(study):
    h = study.highlights_in_order("d-doc")[0]
    h.reviews = [Review(Verdict.FALSE, "4%, not 40%", RAHIMI, "2026-12-03T10:00:00Z"),
                 Review(h.verdict, h.rationale, EDITOR, "2026-12-04T09:00:00Z", "ruling")]
    return h


def test_markdown_report_names_who_gave_the_verdict_and_keeps_its_history(study):
    _reviewed(study)
    report = markdown_report.render(study, OPTIONS)
    assert "*ruling by E. Editor, 4 Dec*" in report
    assert "**Verdict history**" in report
    assert "(review by A. Rahimi (Factcheck Desk), 3 Dec)" in report
    assert "1 reviewed, 1 ruled." in report


def test_html_report_names_who_gave_the_verdict(study):
    _reviewed(study)
    page = html_report.render(study, OPTIONS)
    assert '<p class="meta">ruling by E. Editor, 4 Dec</p>' in page
    assert "<li>✘ False — 4%, not 40% (review by A. Rahimi (Factcheck Desk), 3 Dec)</li>" in page


def test_reports_without_reviews_read_as_before(study):
    report = markdown_report.render(study, OPTIONS)
    assert "Verdict history" not in report and "reviewed" not in report


def test_claimreview_author_is_whoever_ruled(study):
    h = _reviewed(study)
    data = json.loads(claimreview.render(study, OPTIONS))
    reviews = data if isinstance(data, list) else data.get("@graph", [data])
    mine = [r for r in reviews if r.get("claimReviewed") == h.quote.exact]
    assert mine and mine[0]["author"]["name"] == "E. Editor"


def test_w3c_assessing_body_names_who_gave_the_verdict(study):
    from desktop.storage.exporters import w3c

    h = _reviewed(study)
    data = json.loads(w3c.render(study, OPTIONS))
    items = data.get("first", {}).get("items") or data.get("items") or []
    (annotation,) = [a for a in items if a["id"].endswith(h.id)]
    (assessing,) = [b for b in annotation["body"] if b.get("purpose") == "assessing"]
    assert assessing["creator"]["name"] == "E. Editor"
    assert assessing["created"] == "2026-12-04T09:00:00Z"
