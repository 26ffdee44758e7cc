"""A document's web address, author and date: saved in the study file, undoable."""

from __future__ import annotations

import json

import pytest

from desktop.domain.batch import Batch, merge_changes
from desktop.domain.changes import ChangeSet
from desktop.domain.commands import AddHighlight, SetStudyNote
from desktop.domain.crosscheck_commands import SetDocumentMetadata
from desktop.domain.sample_study import PASSAGES, build_sample_study
from desktop.storage.documents import load_document
from desktop.storage.saving import save_study
from desktop.storage.studyfile import load_study
from tests.builders import SEED


def test_details_survive_save_and_load(study, tmp_path):
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {k: data["documents"][0][k] for k in ("url", "author", "published")} == {
        "url": "https://news.example.org/budget?id=7&x=1", "author": "Jane Reporter",
        "published": "2024-02-03"}
    doc = load_study(path).study.documents["d-doc"]
    assert (doc.url, doc.author, doc.published) == (
        "https://news.example.org/budget?id=7&x=1", "Jane Reporter", "2024-02-03")


def test_files_without_the_keys_still_open(study, tmp_path):
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in ("url", "author", "published"):
        del data["documents"][0][key]
    path.write_text(json.dumps(data), encoding="utf-8")
    doc = load_study(path).study.documents["d-doc"]
    assert (doc.url, doc.author, doc.published) == ("", "", "")


def test_set_document_metadata_undoes_and_merges(study):
    doc = study.documents["d-doc"]
    first = SetDocumentMetadata("d-doc", "https://a.example", "A", "2020")
    assert first.apply(study).source_changed
    later = SetDocumentMetadata("d-doc", "https://b.example", "B", "2021")
    assert first.merge_key() == later.merge_key() and first.merge(later)
    first.apply(study)
    assert (doc.url, doc.author, doc.published) == ("https://b.example", "B", "2021")
    first.revert(study)
    assert (doc.url, doc.author, doc.published) == (
        "https://news.example.org/budget?id=7&x=1", "Jane Reporter", "2024-02-03")


def test_batch_is_all_or_nothing(study):
    note = study.note
    bad = AddHighlight(study.highlights["h-claim"])  # duplicate id: apply raises
    with pytest.raises(ValueError, match="duplicate"):
        Batch([SetStudyNote("changed"), bad], "Both").apply(study)
    assert study.note == note


def test_merge_changes_unions_and_cancels():
    merged = merge_changes([ChangeSet(highlights_added={"a", "b"}, links_changed=True),
                            ChangeSet(highlights_removed={"b"}, references_changed={"r"})])
    assert merged.highlights_added == {"a"} and merged.highlights_removed == set()
    assert merged.links_changed and merged.references_changed == {"r"}


def test_sample_study_builds_headless():
    study = build_sample_study(load_document(SEED))
    assert sorted(h.quote.exact for h in study.highlights.values()) == sorted(
        p[0] for p in PASSAGES)
    assert len(study.references) == 1 and len(study.links) == 1
    assert study.main_document.published == "2017-03-09"
    assert study.main_document.source.publisher.startswith("NCR-Iran")


def test_merge_changes_keeps_field_hints_only_when_every_change_has_them():
    note = ChangeSet(highlights_changed={"a"}, highlight_fields={"note"})
    verdict = ChangeSet(highlights_changed={"b"}, highlight_fields={"verdict"})
    assert merge_changes([note, verdict]).highlight_fields == {"note", "verdict"}
    unknown = ChangeSet(highlights_changed={"c"})
    assert merge_changes([note, unknown]).highlight_fields == set()  # "any field"


def test_set_document_metadata_sets_the_title_and_may_stand_alone(study):
    doc = study.documents["d-doc"]
    old_title = doc.title
    typed = SetDocumentMetadata("d-doc", doc.url, "Typed", doc.published)
    assert not typed.apply(study).documents_changed  # the title is not touched
    titled = SetDocumentMetadata("d-doc", "https://c.example", "C", "2022", title="New",
                                 merges=False)
    changes = titled.apply(study)
    assert changes.documents_changed and changes.source_changed
    assert (doc.title, doc.url, doc.author) == ("New", "https://c.example", "C")
    assert titled.merge_key() is None and not typed.merge(titled)
    assert titled.revert(study).documents_changed
    assert (doc.title, doc.author) == (old_title, "Typed")
    follow = SetDocumentMetadata("d-doc", "", "", "", title="Later")
    assert typed.merge(follow) and typed.title == "Later"
