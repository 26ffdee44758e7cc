"""ClaimReview: one review per checked highlight, with schema.org's fields filled in."""

from __future__ import annotations

import copy
import json

import pytest

from desktop.domain.crosscheck import Verdict
from desktop.storage.exporters import ExportOptions
from desktop.storage.exporters.claimreview import BEST, WORST, render
from tests.interchange.interchange_rules import claimreview_problems
from tests.interchange.interchange_study import OPTIONS


def exported(study, options=OPTIONS) -> dict:
    return json.loads(render(study, options))


def test_valid_and_one_review_per_checked_highlight(study):
    data = exported(study)
    assert claimreview_problems(data) == []
    checked = [h for h in study.highlights_in_order("d-doc") if h.verdict.is_checked]
    assert [r["claimReviewed"] for r in data["@graph"]] == [
        " ".join(h.quote.exact.split()) for h in checked]
    assert len(checked) == 5


def test_review_fields(study):
    review = exported(study)["@graph"][0]
    assert review["url"] == "https://checks.example.org/budget#passage-1"
    assert review["reviewBody"] == "The accounts show 4%."
    assert review["datePublished"] == "2025-01-02"
    assert review["author"] == {"@type": "Person", "name": "Rita Reviewer",
                                "url": "https://checks.example.org/rita",
                                "affiliation": {"@type": "Organization",
                                                "name": "Checks Desk"}}
    assert review["publisher"] == {"@type": "Organization", "name": "Checks Desk"}
    assert review["reviewRating"] == {"@type": "Rating", "ratingValue": 1, "bestRating": BEST,
                                      "worstRating": WORST, "alternateName": "False"}
    claim = review["itemReviewed"]
    assert claim["author"] == {"@type": "Person", "name": "Jane Reporter"}
    assert claim["datePublished"] == "2024-02-03"
    assert claim["appearance"]["url"] == "https://news.example.org/budget?id=7&x=1"
    assert claim["appearance"]["publisher"]["name"] == "Example News"


def test_ratings_order_verdicts_from_false_to_supported(study):
    ratings = {r["reviewRating"]["alternateName"]: r["reviewRating"].get("ratingValue")
               for r in exported(study)["@graph"]}
    assert ratings == {"False": 1, "Misleading": 2, "Disputed": 3, "Supported": 4,
                       "Opinion — not checkable": None}


def test_unknown_details_are_left_out_not_invented(study):
    doc = study.documents["d-doc"]
    doc.url, doc.author, doc.published = "", "", ""
    data = exported(study, ExportOptions())
    assert claimreview_problems(data) == []
    review = data["@graph"][0]
    assert "url" not in review and "author" not in review
    assert review["datePublished"] == "2024-02-04"  # the highlight's last change
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Example News"}
    assert "url" not in review["itemReviewed"]["appearance"]


def test_no_checked_claims_no_reviews(study):
    for h in study.highlights.values():
        h.verdict = Verdict.UNVERIFIED
    assert exported(study)["@graph"] == []


@pytest.mark.parametrize("breakage", [
    lambda r: r.pop("claimReviewed"),
    lambda r: r["reviewRating"].update(ratingValue=9),
    lambda r: r["reviewRating"].pop("alternateName"),
    lambda r: r.update(url="javascript:alert(1)"),
    lambda r: r["itemReviewed"].update({"@type": "Thing"}),
])
def test_the_rules_reject_a_broken_review(study, breakage):
    data = copy.deepcopy(exported(study))
    breakage(data["@graph"][0])
    assert claimreview_problems(data) != []
