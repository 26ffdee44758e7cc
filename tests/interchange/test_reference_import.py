"""References from BibTeX and CSL-JSON files into the library, duplicates skipped."""

from __future__ import annotations

import json

import pytest

from desktop.domain.batch import Batch
from desktop.domain.model import Reference
from desktop.storage.importers.common import ImportFormatError
from desktop.storage.importers.csl_json import csl_date, references_from_csl
from desktop.storage.importers.references import dedupe, read_references, same_source

CSL = [
    {"id": "a", "type": "article-journal", "title": "City accounts 2023 (revised)",
     "author": [{"family": "Stat", "given": "Ann"}, {"literal": "City Statistics Office"}],
     "issued": {"date-parts": [[2024, 1, 15]]}, "accessed": {"date-parts": [["2024", "2"]]},
     "container-title": ["Civic Review"], "volume": 3, "issue": "2", "page": "1-9",
     "DOI": "10.5555/XYZ", "publisher": "City Press", "note": "Revised edition."},
    {"id": "b", "type": "webpage", "title": "Budget explainer", "URL": "http://www.example.org/b/",
     "issued": {"raw": "Spring 2020"}, "publisher": "Example Org"},
    {"id": "c", "title": "City accounts 2023", "URL": "https://stats.example.gov/budget-2023/"},
    "not an item",
]


def test_csl_items_to_references():
    refs, problems = references_from_csl(CSL)
    first, second, third = refs
    assert first.author == "Ann Stat, City Statistics Office"
    assert (first.published, first.accessed) == ("2024-01-15", "2024-02")
    assert first.url == "https://doi.org/10.5555/XYZ"
    assert first.note == "Civic Review, 3(2), pp. 1-9, City Press. Revised edition."
    assert (second.author, second.published) == ("Example Org", "Spring 2020")
    assert third.url == "https://stats.example.gov/budget-2023/"
    assert problems == ["item 4 is not an object"]
    assert references_from_csl({"items": CSL[:1]})[0][0].title == first.title
    assert csl_date({"literal": "n.d."}) == "n.d." and csl_date(None) == ""


def test_csl_that_is_not_csl():
    with pytest.raises(ImportFormatError, match="not CSL-JSON"):
        references_from_csl({"hello": 1}, "x.json")


def test_duplicates_by_address_doi_or_title(study):
    existing = list(study.references.values())
    candidates = [
        Reference(url="http://www.stats.example.gov/budget-2023/", title="Other title"),  # URL
        Reference(url="https://doi.org/10.1/ABC", title="Paper"),
        Reference(url="https://mirror.example/paper", title="Paper copy",
                  note="Journal, https://doi.org/10.1/abc"),  # same DOI as the previous
        Reference(title="A BOOK with stars and tags!"),  # same title, one has no address
        Reference(url="https://elsewhere.example/accounts", title="City accounts 2023"),
        Reference(title="", url=""),
    ]
    result = dedupe(candidates, existing)
    assert [r.title for r in result.references] == ["Paper", "City accounts 2023"]
    assert result.duplicates == ["Other title", "Paper copy", "A BOOK with stars and tags!"]
    assert result.problems == ["an entry with neither title nor address"]
    assert not same_source(Reference(title="Briefing", url="https://a.example/1"),
                           Reference(title="Briefing", url="https://a.example/2"))


def test_read_files_by_suffix_or_content(study, tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{a, title={City accounts 2023}, url={https://stats.example.gov/"
                   "budget-2023}}\n@misc{b, title={New source}}", encoding="utf-8")
    result = read_references(bib, study)
    assert [r.title for r in result.references] == ["New source"]
    assert result.duplicates == ["City accounts 2023"]
    assert "Added 1 reference" in result.summary() and "Skipped 1" in result.summary()
    csl = tmp_path / "export.txt"  # no telling suffix: recognised by its content
    csl.write_text(json.dumps(CSL[:2]), encoding="utf-8")
    result = read_references(csl, study)
    assert len(result.references) == 2
    before = dict(study.references)
    Batch(result.commands(), "Import").apply(study)
    assert len(study.references) == len(before) + 2


@pytest.mark.parametrize("name, content, message", [
    ("empty.bib", "% nothing here\n", "has no BibTeX entries"),
    ("empty.json", "[]", "has no CSL-JSON items"),
    ("bad.json", "[{", "not valid JSON"),
    ("thing.json", '{"a": 1}', "not CSL-JSON"),
])
def test_files_without_references_are_refused(study, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFormatError, match=message):
        read_references(path, study)
