"""The W3C export obeys the Web Annotation Data Model, and the checks can tell if not."""

from __future__ import annotations

import copy
import json

import pytest

from desktop.storage.exporters.w3c import collection, render
from tests.interchange.interchange_rules import w3c_problems
from tests.interchange.interchange_study import OPTIONS, TEXT


def exported(study) -> dict:
    return json.loads(render(study, OPTIONS))


def test_export_is_a_valid_annotation_collection(study):
    data = exported(study)
    assert w3c_problems(data, TEXT) == []
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"  # + our own terms
    assert data["total"] == len(study.highlights) + len(study.links) == 10


def test_one_highlighting_annotation_per_highlight_in_document_order(study):
    items = exported(study)["first"]["items"]
    highlights = [a for a in items if a["motivation"] == "highlighting"]
    assert [a["id"] for a in highlights] == [
        f"urn:crosslight:{h.id}" for h in study.highlights_in_order("d-doc")]
    by_id = {a["id"]: a for a in highlights}
    claim = by_id["urn:crosslight:h-claim"]
    purposes = {b["purpose"]: b for b in claim["body"]}
    tagging = [b["value"] for b in claim["body"] if b["purpose"] == "tagging"]
    assert tagging == ["Claim", "budget", "Claim", "<b>markup</b>", "=formula"]  # category first
    assert purposes["commenting"]["format"] == "text/markdown"
    assert purposes["commenting"]["value"] == study.highlights["h-claim"].note
    assert purposes["assessing"]["value"] == "False: The accounts show 4%."
    selectors = claim["target"]["selector"]
    assert [s["type"] for s in selectors] == ["TextQuoteSelector", "TextPositionSelector"]
    assert TEXT[selectors[1]["start"]:selectors[1]["end"]] == selectors[0]["exact"]
    assert claim["target"]["source"] == "https://news.example.org/budget?id=7&x=1"


def test_orphan_has_only_its_quote(study):
    orphan = next(a for a in exported(study)["first"]["items"]
                  if a["id"] == "urn:crosslight:h-orphan")
    assert [s["type"] for s in orphan["target"]["selector"]] == ["TextQuoteSelector"]


def test_links_are_linking_annotations_between_highlights(study):
    links = [a for a in exported(study)["first"]["items"] if a["motivation"] == "linking"]
    assert {(a["target"], a["body"][0]["source"], a["body"][1]["value"]) for a in links} == {
        ("urn:crosslight:h-claim", "urn:crosslight:h-list", "same-claim"),
        ("urn:crosslight:h-quote", "urn:crosslight:h-multi", "contradicts"),
    }


def test_positions_are_code_points_not_utf16(study):
    """The emoji before the passage counts once, as in the W3C TextPositionSelector."""
    claim = next(a for a in exported(study)["first"]["items"]
                 if a["id"] == "urn:crosslight:h-claim")
    start = claim["target"]["selector"][1]["start"]
    assert start == TEXT.index("spending")
    assert start != len(TEXT[:start].encode("utf-16-le")) // 2


def test_document_without_web_address_gets_a_urn(study):
    study.documents["d-doc"].url = "javascript:alert(1)"
    data = exported(study)
    assert data["first"]["items"][0]["target"]["source"] == "urn:crosslight:d-doc"


def test_empty_study_is_an_empty_collection(study):
    study.highlights.clear()
    study.links.clear()
    data = collection(study)
    assert data["total"] == 0 and "first" not in data
    assert w3c_problems(data) == []


BREAKAGES = {
    "context": lambda d: d.update({"@context": "http://schema.org"}),
    "collection type": lambda d: d.update(type="Collection"),
    "total": lambda d: d.update(total=3),
    "annotation id": lambda d: d["first"]["items"][0].update(id="not an iri"),
    "annotation type": lambda d: d["first"]["items"][0].update(type="Note"),
    "motivation": lambda d: d["first"]["items"][0].update(motivation="underlining"),
    "no target": lambda d: d["first"]["items"][0].pop("target"),
    "body value": lambda d: d["first"]["items"][0]["body"][0].pop("value"),
    "purpose": lambda d: d["first"]["items"][0]["body"][0].update(purpose="liking"),
    "quote": lambda d: d["first"]["items"][0]["target"]["selector"][0].pop("exact"),
    "position": lambda d: d["first"]["items"][0]["target"]["selector"][1].update(start=-1),
    "position mismatch": lambda d: d["first"]["items"][0]["target"]["selector"][1].update(
        start=0),
    "created": lambda d: d["first"]["items"][0].update(created="yesterday"),
}


@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_the_rules_reject_a_broken_export(study, breakage):
    data = copy.deepcopy(exported(study))
    BREAKAGES[breakage](data)
    assert w3c_problems(data, TEXT) != []
