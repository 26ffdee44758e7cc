"""ClaimReview as Google reads it: every review has the page address (the study's
“publish at” URL, or the one given), the reviewer comes from the identity, and the JSON
can sit inside ``<script type="application/ld+json">`` whatever the rationale says."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from desktop.domain.identity import Person
from desktop.storage.exporters import ExportError, ExportOptions, export_text
from desktop.storage.exporters.claimreview import NO_ADDRESS, render, reviews
from tests.interchange.interchange_rules import claimreview_problems
from tests.interchange.interchange_study import OPTIONS

HOSTILE = "</script><script>alert(1)</script><!-- and </SCRIPT >"


def test_the_address_comes_from_the_study(study):
    study.publish_url = "https://checks.example.org/study-page"
    data = reviews(study, ExportOptions())
    urls = [r["url"] for r in data["@graph"]]
    assert urls[0] == "https://checks.example.org/study-page#passage-1"
    assert all(u.startswith("https://checks.example.org/study-page#passage-") for u in urls)
    given = reviews(study, ExportOptions(review_url="https://other.example/x#old"))
    assert given["@graph"][0]["url"] == "https://other.example/x#passage-1"


def test_without_an_address_the_export_is_refused_when_asked(study):
    assert study.publish_url == ""
    with pytest.raises(ExportError, match="address of the web page") as caught:
        export_text(study, "claimreview", ExportOptions(require_review_url=True))
    assert str(caught.value) == NO_ADDRESS and "\n" not in NO_ADDRESS
    study.publish_url = "javascript:alert(1)"  # not a web page: no address either
    with pytest.raises(ExportError):
        export_text(study, "claimreview", ExportOptions(require_review_url=True))


def test_every_review_has_the_url_google_requires(study):
    data = reviews(study, OPTIONS)
    assert claimreview_problems(data) == []
    assert all(r["url"].startswith("https://checks.example.org/budget#passage-")
               for r in data["@graph"])


def test_reviewer_and_organisation_come_from_the_identity(study):
    me = Person("A. Rahimi", "Factcheck Desk", "https://desk.example/rahimi")
    review = reviews(study, ExportOptions(review_url="https://x.example/p", identity=me,
                                          author="root"))["@graph"][0]
    assert review["author"] == {"@type": "Person", "name": "A. Rahimi",
                                "url": "https://desk.example/rahimi",
                                "affiliation": {"@type": "Organization",
                                                "name": "Factcheck Desk"}}
    assert review["publisher"] == {"@type": "Organization", "name": "Factcheck Desk"}


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.inside = False

    def handle_starttag(self, tag, attrs):
        self.inside = tag == "script"
        if self.inside:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.scripts[-1] += data


def test_a_rationale_cannot_break_out_of_the_script_element(study):
    h = next(h for h in study.highlights.values() if h.verdict.is_checked)
    h.rationale = HOSTILE
    text = render(study, OPTIONS)
    assert "<" not in text and "\\u003c/script>" in text
    page = f'<html><head><script type="application/ld+json">{text}</script></head></html>'
    parser = _Scripts()
    parser.feed(page)
    (script,) = parser.scripts  # one element, holding all of the JSON
    data = json.loads(script)
    assert any(r.get("reviewBody") == " ".join(HOSTILE.split()) for r in data["@graph"])
