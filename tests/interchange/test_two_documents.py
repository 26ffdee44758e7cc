"""Exports and imports of a study with two documents: each passage keeps its own
document (target source, ClaimReview ``itemReviewed``, CSV column, ``crosslight info``),
and the one-document golden files are untouched by it."""

from __future__ import annotations

import csv
import io
import json

import pytest

from desktop.domain.batch import Batch
from desktop.domain.model import Document
from desktop.storage.exporters import export_text
from desktop.storage.importers.w3c import import_annotations
from desktop.storage.importers.w3c_targets import DocumentMatcher, hash_names
from desktop.storage.saving import save_study
from tests.interchange.interchange_study import (
    OPTIONS,
    REPLY_TEXT,
    TEXT,
    TWO_DOCUMENT_GOLDEN,
    build_two_document_study,
    fresh_study,
)
from tests.interchange.test_headless_cli import FIXED, run


@pytest.fixture
def two():
    return build_two_document_study()


@pytest.mark.parametrize("fmt", list(TWO_DOCUMENT_GOLDEN))
def test_two_document_exports_match_golden(two, golden, fmt):
    golden(TWO_DOCUMENT_GOLDEN[fmt], export_text(two, fmt, OPTIONS))


def test_w3c_targets_name_each_annotations_own_document(two):
    items = json.loads(export_text(two, "w3c", OPTIONS))["first"]["items"]
    sources = {a["id"]: a["target"]["source"] for a in items if a["motivation"] != "linking"}
    assert sources["urn:crosslight:h-reply"] == "https://council.example.gov/reply"
    assert sources["urn:crosslight:h-claim"] == "https://news.example.org/budget?id=7&x=1"
    across = next(a for a in items if a["id"] == "urn:crosslight:l-across")
    assert across["target"] == "urn:crosslight:h-reply"


def test_claimreview_reviews_each_claims_own_document(two):
    graph = json.loads(export_text(two, "claimreview", OPTIONS))["@graph"]
    reply = next(r for r in graph if r["claimReviewed"].startswith("the budget grew"))
    assert reply["itemReviewed"]["author"] == {"@type": "Person", "name": "City Council"}
    assert reply["itemReviewed"]["datePublished"] == "2024-02-05"
    assert reply["itemReviewed"]["appearance"]["url"] == "https://council.example.gov/reply"
    others = [r for r in graph if r is not reply]
    assert others and all(r["itemReviewed"]["author"]["name"] == "Jane Reporter"
                          for r in others)


def test_csv_names_each_rows_document(two):
    rows = list(csv.DictReader(io.StringIO(export_text(two, "csv", OPTIONS))))
    by_id = {r["id"]: r["document"] for r in rows}
    assert by_id["h-reply"] == "Council reply"
    assert by_id["h-claim"] == "City budget 😀 <report>"


def _two_empty_documents(first_url: str = "", reply_url: str = "") -> object:
    """A fresh study with the same two texts under other ids."""
    study = fresh_study()
    study.documents["d-new"].url = first_url
    reply = Document(REPLY_TEXT, "Reply", id="d-other", url=reply_url)
    study.documents[reply.id] = reply
    return study


@pytest.mark.parametrize("current", ["d-new", "d-other"])
def test_import_puts_annotations_on_the_document_their_source_names(two, current):
    into = _two_empty_documents("https://NEWS.example.org/budget?id=7&x=1",
                                "https://council.example.gov/reply/")
    data = json.loads(export_text(two, "w3c", OPTIONS))
    plan = import_annotations(data, into, current)
    Batch(plan.commands(), "Import").apply(into)
    placed = {h.id: h.document_id for h in into.highlights.values()}
    assert placed["h-reply"] == "d-other"
    assert {d for hid, d in placed.items() if hid != "h-reply"} == {"d-new"}
    assert not into.highlights["h-reply"].is_orphan
    assert ("h-reply", "h-claim") in {(k.source_id, k.target_id) for k in into.links.values()}
    assert "By document: “Budget” 8, “Reply” 1." in plan.summary()


def test_import_without_a_matching_source_uses_the_current_document(two):
    into = _two_empty_documents()  # no addresses: nothing in the file names these texts
    data = json.loads(export_text(two, "w3c", OPTIONS))
    plan = import_annotations(data, into, "d-new")
    assert {h.document_id for h in plan.highlights} == {"d-new"}
    reply = next(h for h in plan.highlights if h.id == "h-reply")
    assert reply.is_orphan  # its words are not in this document: kept, not dropped
    assert "By document" not in plan.summary()


def test_one_document_study_ignores_the_source(two):
    into = fresh_study()
    plan = import_annotations(json.loads(export_text(two, "w3c", OPTIONS)), into, "d-new")
    assert {h.document_id for h in plan.highlights} == {"d-new"}


def test_sources_by_hash_file_and_id(two):
    study = _two_empty_documents()
    study.documents["d-other"].source_path = "/data/reply.txt"
    matcher = DocumentMatcher(study)
    reply = study.documents["d-other"]
    for name in hash_names(reply.sha256):
        assert matcher.match(name) == "d-other", name
    assert matcher.match(f"urn:sha256:{reply.sha256.upper()}") == "d-other"
    assert matcher.match("file:///data/reply.txt") == "d-other"
    assert matcher.match("/data/reply.txt") == "d-other"
    assert matcher.match("urn:crosslight:d-new") == "d-new"
    assert matcher.match("https://elsewhere.example/") is None
    assert matcher.match("") is None
    annotation = {"type": "Annotation", "target": {
        "source": f"urn:sha256:{reply.sha256}",
        "selector": {"type": "TextQuoteSelector", "exact": "A quiet second line."}}}
    (h,) = import_annotations(annotation, study, "d-new").highlights
    assert h.document_id == "d-other" and not h.is_orphan
    assert TEXT not in reply.text


def test_headless_info_lists_every_document(two, tmp_path):
    path = tmp_path / "two.crosslight"
    save_study(two, path)
    out = run("info", str(path)).stdout.decode()
    assert "Documents: 2" in out
    assert "  City budget 😀 <report> (" in out and "8 highlights, 1 orphaned)" in out
    assert "  Council reply (70 characters, 1 highlight)" in out
    assert "(Claim, in City budget 😀 <report>)" in out
    info = json.loads(run("info", str(path), "--json").stdout)
    assert [(d["id"], d["highlights"], d["orphans"]) for d in info["documents"]] == [
        ("d-doc", 8, 1), ("d-reply", 1, 0)]
    assert info["highlights"] == 9


@pytest.mark.parametrize("fmt", list(TWO_DOCUMENT_GOLDEN))
def test_headless_export_of_two_documents(two, tmp_path, fmt):
    path = tmp_path / "two.crosslight"
    save_study(two, path)
    result = run("export", str(path), "-f", fmt, *FIXED)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode() == export_text(two, fmt, OPTIONS)
