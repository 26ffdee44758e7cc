"""Hypothesis's own JSON (API search results, saved lists, the client's export) imports
directly: quotes, text, tags, user, times, the page address; replies join their thread's
note; page notes, privacy and moderation are reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.domain.identity import Person
from desktop.storage.importers.common import ImportFormatError
from desktop.storage.importers.hypothesis import import_hypothesis, is_hypothesis, person
from desktop.storage.importers.w3c import read_annotations
from tests.interchange.interchange_study import TEXT, fresh_study

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "hypothesis"
FILES = ["search-response.json", "export-list.json", "client-export.json"]


@pytest.mark.parametrize("name", FILES)
def test_each_shape_imports_through_the_annotation_import(tmp_path, name):
    path = tmp_path / name
    shutil.copy(FIXTURES / name, path)
    study = fresh_study()
    plan = read_annotations(path, study, "d-new")  # File › Import › W3C takes it too
    assert len(plan.highlights) == 4
    by_quote = {h.quote.exact: h for h in plan.highlights}
    highlight = by_quote["spending *rose* by 40%"]
    assert TEXT[highlight.start:highlight.end] == "spending *rose* by 40%"
    assert highlight.note == "" and highlight.motivation == []
    assert highlight.creator == Person("Felicity Nunsun", "",
                                       "https://hypothes.is/users/felicity_nunsun")
    assert highlight.created == "2024-03-01T10:00:00.000000+00:00"
    assert highlight.modified == "2024-03-01T11:00:00.000000+00:00"
    noted = by_quote["disputes the figure"]
    assert noted.category_id == "evidence" and noted.tags == ["budget"]
    assert noted.note == ("The **audit** says 4%.\n\n"
                          "See [the accounts](https://stats.example.gov/budget-2023).\n\n"
                          "Reply from r_lee, 2024-03-03:\n\n> Agreed, the audit is clear.")
    assert by_quote["Critics say"].category_id == "claim"
    assert by_quote["a sentence that is not there any more"].is_orphan
    summary = plan.summary()
    assert "points at no passage" in summary  # the page note
    assert "private to its author" in summary


def test_the_page_address_becomes_the_documents(tmp_path):
    study = fresh_study()
    assert study.documents["d-new"].url == ""
    plan = import_hypothesis(_rows(), study, "d-new")
    for command in plan.commands():
        command.apply(study)
    assert study.documents["d-new"].url == "https://news.example.org/budget"
    again = import_hypothesis(_rows(), study, "d-new")  # the second time: all known
    assert again.highlights == [] and again.duplicates == 4
    assert not any(type(c).__name__ == "SetDocumentMetadata" for c in again.commands())


def _rows() -> object:
    import json

    return json.loads((FIXTURES / "search-response.json").read_text("utf-8"))


def test_users_become_people():
    assert person({"user": "acct:bob@hypothes.is"}) == Person(
        "bob", "", "https://hypothes.is/users/bob")
    assert person({"user": "acct:ann@lms.hypothes.is", "user_info": {
        "display_name": "Ann"}}) == Person("Ann", "", "acct:ann@lms.hypothes.is")
    assert person({}) is None


def test_detection_tells_hypothesis_from_w3c():
    assert is_hypothesis(_rows())
    assert not is_hypothesis([{"type": "Annotation", "target": "x", "user": "y"}])
    assert not is_hypothesis({"type": "AnnotationPage", "items": []})
    assert not is_hypothesis([])
    with pytest.raises(ImportFormatError, match="not Hypothesis annotations"):
        import_hypothesis({"hello": 1}, fresh_study(), "d-new")


def test_many_rows_and_replies_import_in_linear_time():
    from tests.interchange.growth import LINEAR, growth

    def make(n: int) -> dict:
        rows = _rows()["rows"]
        out = []
        for i in range(n):
            for row in rows:
                copy = dict(row, id=f"{row['id']}-{i}", links={})
                if "references" in row:
                    copy["references"] = [f"{row['references'][0]}-{i}"]
                copy["text"] = f"{row['text']} {i}"
                out.append(copy)
        return {"rows": out, "total": len(out)}

    ratio = growth(make, lambda data: import_hypothesis(data, fresh_study(), "d-new"), 100)
    assert ratio < LINEAR, ratio
