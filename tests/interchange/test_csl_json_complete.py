"""CSL-JSON as Zotero and citeproc write it: particles, date ranges, seasons, circa,
rich-text markup; items with nothing to cite reported; duplicate checks linear."""

from __future__ import annotations

import pytest

from desktop.storage.importers.csl_json import csl_date, references_from_csl
from desktop.storage.importers.references import dedupe
from tests.interchange.growth import LINEAR, growth
from tests.interchange.interchange_study import fresh_study


def _one(item: dict):
    (reference,), problems = references_from_csl([item])
    assert problems == []
    return reference


@pytest.mark.parametrize("person, shown", [
    ({"given": "Jean", "dropping-particle": "de", "family": "La Fontaine"},
     "Jean de La Fontaine"),
    ({"given": "Ludwig", "non-dropping-particle": "van", "family": "Beethoven"},
     "Ludwig van Beethoven"),
    ({"given": "Alexander", "dropping-particle": "von", "family": "Humboldt",
      "suffix": "Jr."}, "Alexander von Humboldt Jr."),
    ({"given": "Martin Luther", "family": "King", "suffix": "Jr.", "comma-suffix": True},
     "Martin Luther King, Jr."),
    ({"literal": "World Health Organization"}, "World Health Organization"),
])
def test_particles_and_suffixes(person, shown):
    assert _one({"title": "T", "author": [person]}).author == shown


@pytest.mark.parametrize("date, shown", [
    ({"date-parts": [[2017, 3, 8]]}, "2017-03-08"),
    ({"date-parts": [[2017, 3], [2017, 5]]}, "2017-03/2017-05"),
    ({"date-parts": [["2001"], ["2003"]]}, "2001/2003"),
    ({"date-parts": [[2017]], "season": 1}, "Spring 2017"),
    ({"date-parts": [[2017]], "season": "Winter"}, "Winter 2017"),
    ({"date-parts": [[2017, 23]]}, "Autumn 2017"),
    ({"date-parts": [[1850]], "circa": True}, "c. 1850"),
    ({"date-parts": [[1850], [1860]], "circa": 1}, "c. 1850/1860"),
    ({"raw": "Spring 1999"}, "Spring 1999"),
    ({"literal": "n.d."}, "n.d."),
])
def test_dates_keep_both_ends_seasons_and_circa(date, shown):
    assert csl_date(date) == shown


def test_rich_text_markup_becomes_text():
    ref = _one({"title": 'On <i>E. coli</i> and H<sub>2</sub>O in <span class="nodecor">'
                         'the <span class="nocase">iPhone</span></span> &amp; more',
                "container-title": "<b>Journal</b> of <sc>Things</sc>", "URL": "https://e.org"})
    assert ref.title == "On E. coli and H2O in the iPhone & more"
    assert ref.note.startswith("Journal of Things")


def test_a_less_than_sign_that_is_not_markup_stays():
    assert _one({"title": "When a < b and b > c"}).title == "When a < b and b > c"


def test_items_with_nothing_to_cite_are_reported():
    refs, problems = references_from_csl([{"id": "x1", "note": "only a note"},
                                          {"title": "Kept"}])
    assert [r.title for r in refs] == ["Kept"]
    assert problems == ["item 1 (x1) has neither a title nor an address"]


def test_importing_many_items_costs_linear_time():
    def make(n: int) -> list[dict]:
        return [{"id": f"i{k}", "title": f"Title {k}", "URL": f"https://e.org/{k}",
                 "author": [{"given": "A", "family": f"F{k}"}]} for k in range(n)]

    existing = list(fresh_study().references.values())

    def run(items: list[dict]) -> object:
        refs, _ = references_from_csl(items)
        return dedupe(refs, existing)

    ratio = growth(make, run, 500)
    assert ratio < LINEAR, ratio
