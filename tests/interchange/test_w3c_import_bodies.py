"""Every textual body of a W3C annotation goes where it belongs, however its purpose is
written; motivation, creator and languages are kept; the report names what is not;
links and tags import in linear time (issue #20)."""

from __future__ import annotations

import pytest

from desktop.domain.crosscheck import Verdict
from desktop.domain.identity import Person
from desktop.storage.exporters import ExportOptions
from desktop.storage.exporters.w3c import collection
from desktop.storage.importers.progress import ImportCancelledError, Work
from desktop.storage.importers.w3c import import_annotations
from tests.interchange.growth import LINEAR, growth
from tests.interchange.interchange_study import fresh_study

OA = "http://www.w3.org/ns/oa#"


def annotation(**fields) -> dict:
    base = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://example.org/a/1",
        "type": "Annotation",
        "target": {"source": "https://example.org/page",
                   "selector": {"type": "TextQuoteSelector", "exact": "disputes the figure"}},
    }
    base.update(fields)
    return base


def body(value: str, purpose=None, **extra) -> dict:
    data = {"type": "TextualBody", "value": value, **extra}
    if purpose is not None:
        data["purpose"] = purpose
    return data


def one(data):
    plan = import_annotations(data, fresh_study(), "d-new")
    (h,) = plan.highlights
    return plan, h


@pytest.mark.parametrize("purpose", ["commenting", "oa:commenting", OA + "commenting"])
def test_purposes_written_as_iris_reach_the_note(purpose):
    _, h = one(annotation(body=[body("A comment", purpose)]))
    assert h.note == "A comment"


@pytest.mark.parametrize("prefix", ["", "oa:", OA])
def test_every_purpose_in_every_spelling(prefix):
    plan, h = one(annotation(motivation=prefix + "commenting", body=[
        body("First thought", prefix + "commenting"),
        body("Second thought", prefix + "describing"),
        body("evidence", prefix + "classifying"),
        body("budget", prefix + "tagging"),
        body("Disputed: the audit says otherwise", prefix + "assessing"),
        body("I disagree", prefix + "replying", creator={"name": "B. Lee"},
             created="2024-05-06T07:08:09Z"),
    ]))
    assert h.category_id == "evidence"
    assert h.tags == ["budget"]
    assert (h.verdict, h.rationale) == (Verdict.DISPUTED, "the audit says otherwise")
    assert h.note == ("First thought\n\nSecond thought\n\n"
                      "Reply from B. Lee, 2024-05-06:\n\n> I disagree")
    assert h.motivation == ["commenting"]
    assert plan.lost == []


def test_classifying_wins_over_tagging_for_the_category():
    _, h = one(annotation(body=[body("Claim", "tagging"), body("evidence", "classifying")]))
    assert h.category_id == "evidence" and h.tags == ["Claim"]


def test_motivation_creator_times_and_languages_are_kept_and_written_back():
    _, h = one(annotation(
        motivation=["oa:bookmarking", "questioning"],
        creator={"type": "Person", "name": "A. Rahimi", "email": "a@example.org"},
        created="2020-01-02T03:04:05Z", modified="2021-01-02T03:04:05Z",
        body=[body("Vraiment ?", "questioning", language="fr")],
        target={"source": "https://example.org/page", "language": "en",
                "selector": {"type": "TextQuoteSelector", "exact": "disputes the figure"}}))
    assert h.motivation == ["bookmarking", "questioning"]
    assert h.creator == Person("A. Rahimi", "", "mailto:a@example.org")
    assert (h.created, h.modified) == ("2020-01-02T03:04:05Z", "2021-01-02T03:04:05Z")
    assert (h.note, h.language, h.quote_language) == ("Vraiment ?", "fr", "en")
    study = fresh_study()
    study.highlights[h.id] = h
    (item,) = collection(study, ExportOptions())["first"]["items"]
    assert item["motivation"] == ["bookmarking", "questioning"]
    assert item["creator"] == {"type": "Person", "name": "A. Rahimi",
                               "email": "mailto:a@example.org"}
    assert item["target"]["language"] == "en"
    assert {b.get("language") for b in item["body"]} == {"fr"}


def test_external_bodies_become_cited_references_once():
    plan = import_annotations([
        annotation(id="x:1", body=["https://example.org/evidence",
                                   {"type": "SpecificResource", "source":
                                    {"id": "https://example.org/report", "type": "Text"},
                                    "title": "The report", "stance": "supports"}]),
        annotation(id="x:2", bodyValue="other", body="https://example.org/evidence"),
    ], fresh_study(), "d-new")
    assert [(r.url, r.title) for r in plan.references] == [
        ("https://example.org/evidence", ""), ("https://example.org/report", "The report")]
    first, second = plan.highlights
    assert [c.stance.value for c in first.citations] == ["context", "supports"]
    assert [c.reference_id for c in second.citations] == [plan.references[0].id]
    assert plan.commands()[0].label == "Add reference"  # before the highlights citing it


def test_nothing_is_lost_without_a_word():
    plan, _ = one(annotation(
        rights="https://creativecommons.org/licenses/by/4.0/",
        generator={"type": "Software", "name": "Tool"},
        body=[{"type": "Choice", "items": [body("Hello", language="en"),
                                           body("Bonjour", language="fr")]},
              {"type": "Video", "id": "https://example.org/v.mp4", "format": "video/mp4"}]))
    text = plan.summary()
    for named in ("rights", "generator", "“Bonjour” (fr)", "format of the resource"):
        assert named in text


def test_the_summary_lists_losses_per_annotation_and_the_report_all():
    plan = import_annotations([annotation(id=f"x:{i}", rights="https://r.example/",
                                          bodyValue=f"note {i}") for i in range(15)],
                              fresh_study(), "d-new")
    assert len(plan.lost) == 15
    assert "and 5 more annotations" in plan.summary()
    assert plan.report().count("rights of the annotation") == 25  # 10 shown + all 15


def test_tags_beyond_what_a_highlight_holds_are_reported():
    plan, h = one(annotation(body=[body(f"t{i}", "tagging") for i in range(60)]))
    assert len(h.tags) == 50
    assert "tags beyond the 50" in plan.summary()


def test_progress_is_reported_and_cancel_stops_the_import():
    seen: list[float] = []
    items = [annotation(id=f"x:{i}", bodyValue=f"n{i}") for i in range(200)]
    import_annotations(items, fresh_study(), "d-new", work=Work(progress=seen.append, every=50))
    assert seen[-1] == 1.0 and seen == sorted(seen) and len(seen) >= 4
    with pytest.raises(ImportCancelledError):
        import_annotations(items, fresh_study(), "d-new",
                           work=Work(cancelled=lambda: True, every=50))


def _linked(n: int) -> list[dict]:
    """n highlights in a chain of n - 1 distinct links, and every link once more."""
    items: list[dict] = [annotation(id=f"x:h{i}", bodyValue=f"note {i}") for i in range(n)]
    for i in range(n - 1):
        link = {"id": f"x:l{i}", "type": "Annotation", "motivation": "linking",
                "target": f"x:h{i}", "body": [f"x:h{i + 1}", body("elaborates", "tagging")]}
        items += [link, dict(link, id=f"x:again{i}")]  # the repeat: a duplicate check
    return items


def test_linking_annotations_import_in_linear_time():
    ratio = growth(_linked, lambda items: import_annotations(items, fresh_study(), "d-new"),
                   600)
    assert ratio < LINEAR, ratio


def _tagged(n: int) -> dict:
    return annotation(body=[body(f"tag {i}", "tagging") for i in range(n)])


def test_many_unknown_tags_import_in_linear_time():
    ratio = growth(_tagged, lambda a: import_annotations(a, fresh_study(), "d-new"), 5000)
    assert ratio < LINEAR, ratio
