"""The examples of the W3C Web Annotation Data Model, each given a text target, import
with everything Crosslight's model can hold, and the report names the rest.

The fixtures (``fixtures/w3c-model-examples``) are the Recommendation's own examples.
Their targets are images, videos and web pages, so each is given a text target here: a
TextQuoteSelector at the end of the target's selector chain (following ``refinedBy``),
or a SpecificResource with one when the target is a bare address.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.crosscheck import Stance
from desktop.domain.model import Study
from desktop.storage.exporters import ExportOptions
from desktop.storage.exporters.w3c import collection
from desktop.storage.importers.w3c import annotations_in, import_annotations
from tests.interchange.interchange_study import fresh_study

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "w3c-model-examples"
PASSAGE = "the passage under discussion"
TEXT = ("A page of text. There is text before the Selected Text and text after it. "
        "Here this is an anotation that has some words. And here is the passage under "
        "discussion, which every example points at.\n")
EXAMPLES = {json.loads(p.read_text("utf-8"))["example"]: json.loads(p.read_text("utf-8"))
            for p in sorted(FIXTURES.glob("example-*.json"))}
TEXT_SELECTORS = {"TextQuoteSelector"}
HANDLED = {"@context", "id", "type", "motivation", "creator", "created", "modified", "body",
           "bodyValue", "target"}


def _quote() -> dict:
    return {"type": "TextQuoteSelector", "exact": PASSAGE}


def _chain_has_quote(selector: Any) -> bool:
    while isinstance(selector, dict):
        if selector.get("type") in TEXT_SELECTORS:
            return True
        selector = selector.get("refinedBy")
    return False


def _give_text(target: Any) -> Any:
    if isinstance(target, list):
        return [_give_text(target[0]), *target[1:]]
    if isinstance(target, str):
        return {"source": target, "selector": _quote()}
    target = dict(target)
    if target.get("type") in ("Composite", "List", "Independents"):
        target["items"] = [_give_text(target["items"][0]), *target["items"][1:]]
        return target
    selector = target.get("selector")
    if selector is None:
        if "source" not in target:
            target["source"] = target.pop("id")
        target["selector"] = _quote()
    elif isinstance(selector, dict) and not _chain_has_quote(selector):
        last = selector = copy.deepcopy(selector)
        while isinstance(last.get("refinedBy"), dict):
            last = last["refinedBy"]
        last["refinedBy"] = _quote()
        target["selector"] = selector
    elif not isinstance(selector, dict):
        target["selector"] = [selector, _quote()]
    return target


def _annotations(number: int) -> list[dict]:
    data = EXAMPLES[number]["annotation"]
    if data["type"] in ("AnnotationCollection", "AnnotationPage"):
        if not (data.get("first") or data.get("items")) or isinstance(data.get("first"), str):
            return []
        data = {"type": "AnnotationPage", "items": annotations_in(data)}
        items = data["items"]
    else:
        items = [data]
    return [dict(a, target=_give_text(a["target"])) for a in items]


def _import(number: int):
    study = fresh_study(TEXT)
    return study, import_annotations(_annotations(number), study, "d-new")


ANNOTATION_EXAMPLES = [n for n, e in EXAMPLES.items()
                       if e["annotation"]["type"] == "Annotation"]


def test_the_fixtures_are_the_44_examples_of_the_recommendation():
    assert sorted(EXAMPLES) == list(range(1, 45))
    assert len(ANNOTATION_EXAMPLES) == 41


def _external(body: Any) -> list[str]:
    """Addresses a body names that the highlight should cite."""
    if isinstance(body, str):
        return [body]
    if isinstance(body, list):
        return [u for b in body for u in _external(b)]
    if body.get("type") == "Choice":
        return _external(body["items"][0])
    if body.get("type") == "TextualBody" or "value" in body:
        return []
    source = body.get("source")
    url = source if isinstance(source, str) else (source or {}).get("id") or body.get("id")
    fragment = (body.get("selector") or {}).get("value") if isinstance(
        body.get("selector"), dict) else None
    return [f"{url}#{fragment}" if fragment else url]


@pytest.mark.parametrize("number", ANNOTATION_EXAMPLES)
def test_every_example_imports_keeping_what_the_model_holds(number):
    original = EXAMPLES[number]["annotation"]
    _study, plan = _import(number)
    assert plan.skipped == [] and len(plan.highlights) == 1, plan.summary()
    (h,) = plan.highlights
    assert not h.is_orphan and TEXT[h.start:h.end] in (PASSAGE, "Selected Text", "anotation")
    urls = {r.url for r in plan.references}
    assert set(_external(original.get("body", []))) <= urls
    assert {c.reference_id for c in h.citations} == {r.id for r in plan.references}
    motivation = original.get("motivation")
    if motivation and motivation != "highlighting":
        assert h.motivation == (motivation if isinstance(motivation, list) else [motivation])
    creator = original.get("creator")
    if isinstance(creator, dict):
        assert h.creator is not None and h.creator.name == creator["name"]
    elif isinstance(creator, str):
        assert h.creator is not None and h.creator.url == creator
    for key in ("created", "modified"):
        if key in original:
            assert getattr(h, key) == original[key]
    unhandled = set(original) - HANDLED
    lost = " ".join(" ".join(what) for _, what in plan.lost)
    for key in unhandled:  # never silence: each key the model cannot hold is named
        assert key in lost, (key, plan.summary())
    if unhandled or plan.lost:
        assert "Not carried over" in plan.summary()


def _only(number: int):
    study, plan = _import(number)
    (h,) = plan.highlights
    return study, plan, h


def test_textual_body_html_and_language():  # Example 5
    _, plan, h = _only(5)
    assert h.note == "j'adore !" and h.language == "fr"
    assert any("HTML markup" in " ".join(w) for _, w in plan.lost)


def test_bodies_of_several_kinds():  # Example 9: an address and a text without purpose
    _, plan, h = _only(9)
    assert h.note == "tag1"
    assert [r.url for r in plan.references] == ["http://example.org/description1"]
    assert any("another target" in " ".join(w) for _, w in plan.lost)


def test_choice_keeps_its_first_item_and_names_the_others():  # Example 10
    _, plan, _h = _only(10)
    assert [r.url for r in plan.references] == ["http://example.org/note1"]
    assert "http://example.org/note2 (fr)" in " ".join(plan.lost[0][1])


def test_motivation_and_purposes():  # Example 15: bookmarking, tagging, describing
    study, plan, h = _only(15)
    assert h.motivation == ["bookmarking"]
    assert h.tags == ["readme"]
    assert h.note == "A good description of the topic that bears further investigation"
    assert plan.lost == []
    again = collection(_with(study, plan), ExportOptions())["first"]["items"][0]
    assert again["motivation"] == "bookmarking"


def test_specific_resource_bodies_become_references():  # Examples 18 and 20
    _, plan, h = _only(18)
    assert [r.url for r in plan.references] == ["http://example.org/city1"]
    assert h.citations[0].stance is Stance.CONTEXT
    assert h.citations[0].comment == "Attached for tagging."
    _, plan, _h = _only(20)
    assert [r.url for r in plan.references] == ["http://example.org/video1#t=30,60"]


def test_a_fragment_refined_by_a_quote_is_placed_by_its_quote():  # Example 29
    _, plan, h = _only(29)
    assert TEXT[h.start:h.end] == "Selected Text"
    assert h.quote.prefix == "text before the "
    assert "FragmentSelector (para5)" in " ".join(plan.lost[0][1])


def test_the_complete_example():  # Example 41
    _, plan, h = _only(41)
    assert h.motivation == ["commenting"]
    assert h.creator is not None and (h.creator.name, h.creator.url) == (
        "A. Person", "http://example.org/user1")
    assert h.created == "2015-10-13T13:00:00Z"
    assert h.tags == ["love"]
    assert h.note == "I really love this particular bit of text in this XML. No really."
    assert h.language == "en"
    lost = " ".join(plan.lost[0][1])
    for named in ("generator", "generated", "stylesheet", "state", "styleClass",
                  "http://example.org/comment1 (de)", "TextPositionSelector inside"):
        assert named in lost


def test_composite_list_and_independents_place_their_first_text_target():  # 42–44
    for number in (42, 43, 44):
        _, plan, h = _only(number)
        assert not h.is_orphan
        assert "another target" in " ".join(plan.lost[0][1])
    _, plan, h = _only(43)
    assert h.tags == ["important"] and h.motivation == ["tagging"]


def test_an_embedded_collection_imports_both_annotations():  # Example 40
    _, plan = _import(40)
    assert len(plan.highlights) == 2 and len(plan.references) == 2


def _with(study: Study, plan) -> Study:
    for command in plan.commands():
        command.apply(study)
    return study


@pytest.mark.parametrize("number", ANNOTATION_EXAMPLES)
def test_what_was_kept_survives_export_and_reimport(number):
    study, plan = _import(number)
    exported = collection(_with(study, plan), ExportOptions())
    (before,) = plan.highlights
    fresh = fresh_study(TEXT)
    again = import_annotations(exported, fresh, "d-new")
    (after,) = again.highlights
    assert (after.note, after.tags, after.motivation, after.creator, after.language,
            after.quote_language, after.verdict, after.created) == (
        before.note, before.tags, before.motivation, before.creator, before.language,
        before.quote_language, before.verdict, before.created)
    assert sorted(r.url for r in again.references) == sorted(r.url for r in plan.references)
    assert [c.stance for c in after.citations] == [c.stance for c in before.citations]


def test_how_many_come_through_without_loss():
    clean = [n for n in ANNOTATION_EXAMPLES if not _import(n)[1].lost]
    # The rest hold what a highlight cannot (rights, generators, states, other targets…),
    # and the report names it; this records how many need no report at all.
    assert len(clean) >= 10, clean
