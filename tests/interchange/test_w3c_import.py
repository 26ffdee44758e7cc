"""Importing W3C annotations made elsewhere, and refusing what is not annotations."""

from __future__ import annotations

import pytest

from desktop.domain.crosscheck import Relation, Verdict
from desktop.storage.importers.common import ImportFormatError
from desktop.storage.importers.w3c import (
    annotations_in,
    import_annotations,
    parse_assessment,
    read_annotations,
)
from tests.interchange.interchange_study import fresh_study

TEXT = fresh_study().documents["d-new"].text


def annotation(**fields) -> dict:
    base = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://hypothes.is/a/abc123",
        "type": "Annotation",
        "target": {"source": "https://example.org/page",
                   "selector": {"type": "TextQuoteSelector", "exact": "disputes the figure"}},
    }
    base.update(fields)
    return base


def test_foreign_annotation_with_body_value_and_tags():
    study = fresh_study()
    plan = import_annotations(annotation(
        bodyValue="A plain comment",
        body=[{"type": "TextualBody", "purpose": "tagging", "value": "evidence"},
              {"type": "TextualBody", "purpose": "tagging", "value": "politics"}],
    ), study, "d-new")
    (h,) = plan.highlights
    assert h.id.startswith("h-") and h.id != "abc123"
    assert TEXT[h.start:h.end] == "disputes the figure"
    assert h.category_id == "evidence"  # matched by id when the name does not match
    assert h.note == "A plain comment"
    assert h.tags == ["politics"]  # a tagging body beside the category's is a tag
    assert plan.unknown_tags == []


def test_unknown_tags_fall_back_and_are_reported():
    plan = import_annotations(annotation(body={"type": "TextualBody", "purpose": "tagging",
                                               "value": "politics"}), fresh_study(), "d-new")
    assert plan.highlights[0].category_id == "claim"
    assert plan.highlights[0].tags == ["politics"]  # kept, even with no category of its name
    assert plan.unknown_tags == ["politics"]
    assert "politics" in plan.summary() and "Claim" in plan.summary()


def test_position_only_target_takes_its_quote_from_the_text():
    at = TEXT.index("Critics")
    plan = import_annotations(annotation(target={"source": "x:y", "selector": {
        "type": "TextPositionSelector", "start": at, "end": at + 7}}), fresh_study(), "d-new")
    (h,) = plan.highlights
    assert h.quote.exact == "Critics" and (h.start, h.end) == (at, at + 7)


def test_unplaceable_annotation_is_kept_as_orphan():
    plan = import_annotations(annotation(target={"selector": [
        {"type": "TextQuoteSelector", "exact": "words that are not there"}]}),
        fresh_study(), "d-new")
    assert plan.highlights[0].is_orphan and plan.orphans == [plan.highlights[0].id]


def test_assessments_parse_back_and_unknown_ones_become_notes():
    assert parse_assessment("Disputed: why not") == (Verdict.DISPUTED, "why not")
    assert parse_assessment("opinion — not checkable") == (Verdict.OPINION, "")
    assert parse_assessment("false") == (Verdict.FALSE, "")
    assert parse_assessment("Pants on fire") is None
    plan = import_annotations(annotation(body=[
        {"type": "TextualBody", "purpose": "assessing", "value": "Pants on fire"}]),
        fresh_study(), "d-new")
    h = plan.highlights[0]
    assert h.verdict is Verdict.UNVERIFIED and h.note == "Assessment: Pants on fire"


def test_not_annotations_are_skipped_with_reasons():
    items = [annotation(), {"type": "Note"}, "text",
             annotation(id="x:2", target="https://example.org/whole-page"),
             annotation(id="x:3", target={"selector": {"type": "TextPositionSelector",
                                                       "start": 5, "end": 99999}})]
    plan = import_annotations(items, fresh_study(), "d-new")
    assert len(plan.highlights) == 1
    assert len(plan.skipped) == 4
    assert any("no passage" in reason for reason in plan.skipped)


def test_links_to_unknown_passages_are_skipped():
    link = {"id": "urn:crosslight:l-x", "type": "Annotation", "motivation": "linking",
            "target": "urn:crosslight:h-nowhere",
            "body": [{"type": "SpecificResource", "source": "urn:crosslight:h-gone",
                      "purpose": "linking"}]}
    plan = import_annotations([annotation(), link], fresh_study(), "d-new")
    assert plan.links == [] and "links passages that are not in the study" in plan.skipped[0]


def test_link_between_imported_annotations():
    a = annotation(id="https://x.example/a")
    b = annotation(id="https://x.example/b", target={"selector": {
        "type": "TextQuoteSelector", "exact": "Critics"}})
    link = {"id": "https://x.example/l", "type": "Annotation", "motivation": "linking",
            "target": "https://x.example/a", "body": [
                "https://x.example/b", {"type": "TextualBody", "purpose": "tagging",
                                        "value": "elaborates"}]}
    plan = import_annotations({"type": "AnnotationPage", "items": [link, a, b]},
                              fresh_study(), "d-new")
    (made,) = plan.links
    ids = {h.quote.exact: h.id for h in plan.highlights}
    assert (made.source_id, made.target_id, made.relation) == (
        ids["disputes the figure"], ids["Critics"], Relation.ELABORATES)


@pytest.mark.parametrize("data, message", [
    ({"hello": 1}, "not a W3C annotation file"),
    (42, "not a W3C annotation file"),
    ({"type": "AnnotationCollection", "total": 3, "first": "https://x.example/page1"},
     "by address only"),
    ({"type": "AnnotationPage", "items": {"a": 1}}, "should be a list"),
])
def test_wrong_shapes_are_refused(data, message):
    with pytest.raises(ImportFormatError, match=message):
        annotations_in(data, "x.json")


@pytest.mark.parametrize("content, message", [
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    (b"[]", None),
])
def test_files_that_cannot_be_read(tmp_path, content, message):
    path = tmp_path / "in.jsonld"
    path.write_bytes(content)
    if message is None:
        assert read_annotations(path, fresh_study(), "d-new").is_empty
    else:
        with pytest.raises(ImportFormatError, match=message):
            read_annotations(path, fresh_study(), "d-new")
    with pytest.raises(ImportFormatError, match="does not exist"):
        read_annotations(tmp_path / "missing.jsonld", fresh_study(), "d-new")


def test_a_file_of_more_annotations_than_the_budget_imports_the_first_and_says_so(
    monkeypatch,
):
    """20,000 highlights and 20,000 links took 6 s: at most MAX_ANNOTATIONS are read,
    the rest counted in the summary, not dropped silently."""
    from desktop.domain.factory import new_study_for
    from desktop.domain.model import Document
    from desktop.storage.importers import w3c

    monkeypatch.setattr(w3c, "MAX_ANNOTATIONS", 4)
    text = "One claim. Two claims. Three claims. Four claims. Five claims. Six claims."
    study = new_study_for(Document(text=text, title="T"))
    items = [{"type": "Annotation", "id": f"urn:x:{i}",
              "target": {"selector": {"type": "TextQuoteSelector", "exact": word}}}
             for i, word in enumerate(["One", "Two", "Three", "Four", "Five", "Six"])]
    plan = w3c.import_annotations(items, study, next(iter(study.documents)))
    assert [h.quote.exact for h in plan.highlights] == ["One", "Two", "Three", "Four"]
    assert plan.not_read == 2
    assert ("The file has 6 annotations; Crosslight imports at most 4 at once: the last 2 "
            "were not read.") in plan.summary()
