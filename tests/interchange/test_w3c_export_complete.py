"""W3C exports pass the W3C test suite's schemas and say all that the study knows:
creator (the object's, else the exporter's identity), times on links, languages, a
format on every textual body, purposes that resolve as linked data, last/partOf."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.domain.identity import Person
from desktop.domain.model import Study
from desktop.storage.exporters import ExportOptions
from desktop.storage.exporters.w3c import collection
from tests.interchange.interchange_study import OPTIONS, build_study, build_two_document_study
from tests.interchange.w3c_suite import suite_failures

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "w3c-model-examples"
RAHIMI = Person("A. Rahimi", "Factcheck Desk", "mailto:a@example.org")


def _items(data: dict) -> list[dict]:
    return data["first"]["items"]


@pytest.mark.parametrize("make", [build_study, Study, build_two_document_study])
def test_every_must_of_the_w3c_test_suite_holds(make):
    assert suite_failures(collection(make(), OPTIONS)) == []
    assert suite_failures(collection(make(), ExportOptions())) == []


def test_optional_features_a_crosslight_export_promises():
    failed = suite_failures(collection(build_study(), OPTIONS), optionals=True)
    promised = ("annotationCreatedImplemented", "annotationModifiedImplemented",
                "annotationSingleCreatorImplemented", "annotationMotivationImplemented",
                "bodySingleFormat", "bodyFormat", "bodyPurpose", "collectionLast",
                "pagePartOf", "collectionLabel", "collectionTotal")
    assert [f for f in failed if any(p in f for p in promised)] == []


def _terms() -> set[str]:
    context = json.loads((FIXTURES / "anno.jsonld").read_text("utf-8"))["@context"]
    return set(context)


def test_every_purpose_and_motivation_resolves_as_linked_data():
    data = collection(build_study(), OPTIONS)
    terms = _terms()
    for extra in data["@context"][1:]:
        terms |= set(extra)
    used = set()
    for item in _items(data):
        used |= set(item["motivation"] if isinstance(item["motivation"], list)
                    else [item["motivation"]])
        used |= {b["purpose"] for b in item["body"] if "purpose" in b}
    assert "assessing" in used
    assert used - terms == set()  # anno.jsonld alone lacks "assessing"
    assert "assessing" not in _terms()


def test_creator_is_the_objects_own_else_the_exporters():
    study = build_study()
    study.highlights["h-claim"].creator = RAHIMI
    items = {i["id"]: i for i in _items(collection(study, OPTIONS))}
    assert items["urn:crosslight:h-claim"]["creator"] == {
        "type": "Person", "name": "A. Rahimi", "email": "mailto:a@example.org"}
    assert items["urn:crosslight:h-quote"]["creator"]["name"] == "Rita Reviewer"
    assert items["urn:crosslight:l-same"]["creator"]["name"] == "Rita Reviewer"
    nobody = {i["id"]: i for i in _items(collection(study, ExportOptions()))}
    assert "creator" not in nobody["urn:crosslight:h-quote"]


def test_links_carry_their_times():
    items = {i["id"]: i for i in _items(collection(build_study(), OPTIONS))}
    link = items["urn:crosslight:l-same"]
    assert (link["created"], link["modified"]) == ("2024-02-03T10:00:00Z",
                                                   "2024-02-04T11:30:00Z")


def test_every_textual_body_has_a_format_and_languages_go_where_known():
    study = build_study()
    h = study.highlights["h-claim"]
    h.language, h.quote_language, h.motivation = "fr", "en", ["commenting", "tagging"]
    items = {i["id"]: i for i in _items(collection(study, OPTIONS))}
    for item in items.values():
        for body in item["body"]:
            if body["type"] == "TextualBody":
                assert body["format"] in ("text/plain", "text/markdown")
    claim = items["urn:crosslight:h-claim"]
    assert {b.get("language") for b in claim["body"] if b["type"] == "TextualBody"} == {"fr"}
    assert claim["target"]["language"] == "en"
    assert claim["motivation"] == ["commenting", "tagging"]
    other = items["urn:crosslight:h-quote"]
    assert "language" not in other["target"] and other["motivation"] == "highlighting"


def test_collection_names_its_last_page_and_the_page_its_collection():
    data = collection(build_study(), OPTIONS)
    assert data["last"] == data["first"]["id"]
    assert data["first"]["partOf"] == {"id": data["id"], "label": data["label"],
                                       "total": data["total"]}
    assert "last" not in collection(Study(), OPTIONS)  # no page, no last page


def test_cited_references_become_resource_bodies():
    items = {i["id"]: i for i in _items(collection(build_study(), OPTIONS))}
    (cited,) = [b for b in items["urn:crosslight:h-claim"]["body"]
                if b["type"] == "SpecificResource"]
    assert cited == {"type": "SpecificResource", "source": "https://stats.example.gov/budget-2023",
                     "purpose": "linking", "stance": "contradicts",
                     "title": "City accounts 2023"}
