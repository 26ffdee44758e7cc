"""W3C export → import keeps every highlight, note, verdict and link."""

from __future__ import annotations

import json
from dataclasses import replace

from desktop.domain.batch import Batch
from desktop.domain.model import Study
from desktop.storage.exporters.w3c import render
from desktop.storage.importers.w3c import import_annotations, read_annotations
from tests.interchange.interchange_study import OPTIONS, TEXT, fresh_study


def snapshot(study: Study) -> set:
    return {
        (h.id, h.quote.exact, h.start, h.end, h.category_id, h.note, h.verdict, h.rationale,
         h.created, h.modified, tuple(h.tags))
        for h in study.highlights.values()
    }


def links(study: Study) -> set:
    return {(k.id, k.source_id, k.target_id, k.relation) for k in study.links.values()}


def round_trip(study: Study, into: Study) -> tuple[Study, object]:
    plan = import_annotations(json.loads(render(study, OPTIONS)), into, "d-new")
    Batch(plan.commands(), "Import").apply(into)
    return into, plan


def test_round_trip_keeps_everything(study):
    into, plan = round_trip(study, fresh_study())
    assert plan.skipped == [] and plan.duplicates == 0 and plan.unknown_tags == []
    assert snapshot(into) == snapshot(study)
    assert links(into) == links(study)
    assert all(h.document_id == "d-new" for h in into.highlights.values())
    assert plan.orphans == ["h-orphan"]
    assert into.highlights["h-orphan"].is_orphan  # kept, never dropped


def test_importing_again_adds_nothing(study):
    into, _ = round_trip(study, fresh_study())
    before = snapshot(into), links(into)
    again = import_annotations(json.loads(render(study, OPTIONS)), into, "d-new")
    assert again.is_empty
    assert again.duplicates == len(study.highlights) + len(study.links)
    assert (snapshot(into), links(into)) == before


def test_edited_text_reanchors_by_quote_or_orphans(study):
    edited = "Preface added here.\n" + TEXT.replace("disputes the figure", "accepts it")
    into, plan = round_trip(study, fresh_study(edited))
    moved = into.highlights["h-claim"]
    assert edited[moved.start:moved.end] == "spending *rose* by 40% in 2023"
    assert into.highlights["h-opinion"].is_orphan
    assert set(plan.orphans) == {"h-opinion", "h-orphan"}
    assert len(into.highlights) == len(study.highlights)


def test_ids_already_taken_get_new_ones(study):
    into = fresh_study()
    taken = replace(study.highlights["h-claim"], document_id="d-new",
                    quote=replace(study.highlights["h-quote"].quote))
    into.highlights[taken.id] = taken  # same id, different passage
    into, plan = round_trip(study, into)
    assert len(into.highlights) == len(study.highlights) + 1
    renamed = [h for h in plan.highlights if h.quote.exact.startswith("spending")]
    assert len(renamed) == 1 and renamed[0].id != "h-claim"
    # The link from the renamed highlight follows it.
    same = next(k for k in plan.links if k.relation.value == "same-claim")
    assert same.source_id == renamed[0].id


def test_undo_of_the_import_restores_the_study(study):
    into = fresh_study()
    plan = import_annotations(json.loads(render(study, OPTIONS)), into, "d-new")
    batch = Batch(plan.commands(), "Import")
    changes = batch.apply(into)
    assert changes.highlights_added == set(study.highlights) and changes.links_changed
    batch.revert(into)
    assert into.highlights == {} and into.links == {}


def test_read_from_file(study, tmp_path):
    path = tmp_path / "notes.jsonld"
    path.write_text(render(study, OPTIONS), encoding="utf-8")
    plan = read_annotations(path, fresh_study(), "d-new")
    assert len(plan.highlights) == len(study.highlights)
