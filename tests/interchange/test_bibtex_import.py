"""The BibTeX reader: entry syntax, LaTeX to Unicode, names, dates, and damaged input."""

from __future__ import annotations

import pytest

from desktop.storage.importers.bibtex import (
    display_name,
    latex_to_text,
    parse_bibtex,
    references_from_bibtex,
    split_names,
)

SAMPLE = r"""
This line before the first entry is ignored, and so is user@example.org.
@string{dod = "U.S. Department of Defense"}
@comment{ignored {nested} }
@preamble{"\newcommand{\noop}[1]{}"}
@Article{smith2017,
  author = {Smith, John and M{\"u}ller, J{\"o}rg and {World Health Organization} and others},
  title = {The {9,000} troops: a ``fact'' check --- revisited},
  journal = {Journal of Things},
  year = 2017, month = mar, day = {8},
  volume = {12}, number = {3}, pages = {45--67},
  doi = {https://doi.org/10.1234/ABC.5},
}
@misc(dod, author = dod, title = "Press " # "briefing",
  howpublished = {\url{https://www.defense.gov/News/Transcripts/}}, urldate = {2024-01-02})
@online{web, title={Caf\'e \& cr\`eme 50\% \{braces\}}, url = {https://example.org/a\_b?x=1&y=2},
  date = {2019-05}, organization = {Example Org}}
@book{broken, title = {unclosed
@techreport{after, title = {Still read}, institution = {Institute}, year = {2020}}
"""


def test_entries_macros_and_comments():
    entries, problems = parse_bibtex(SAMPLE)
    assert [(e.kind, e.key) for e in entries] == [
        ("article", "smith2017"), ("misc", "dod"), ("online", "web"), ("techreport", "after")]
    assert entries[1].fields["author"] == "U.S. Department of Defense"  # @string macro
    assert entries[1].fields["title"] == "Press briefing"  # concatenation with #
    assert entries[0].fields["month"] == "March"  # month macro
    assert len(problems) == 1 and "unbalanced braces" in problems[0]
    assert problems[0].startswith("line 18")


def test_references_from_entries():
    refs, _ = references_from_bibtex(SAMPLE)
    smith, dod, web, after = refs
    assert smith.title == "The 9,000 troops: a “fact” check — revisited"
    assert smith.author == "John Smith, Jörg Müller, World Health Organization et al."
    assert smith.published == "2017-03-08"
    assert smith.url == "https://doi.org/10.1234/ABC.5"
    assert smith.note == "Journal of Things, 12(3), pp. 45–67"
    assert (dod.url, dod.author, dod.accessed) == (
        "https://www.defense.gov/News/Transcripts/", "U.S. Department of Defense", "2024-01-02")
    assert web.title == "Café & crème 50% {braces}"
    assert web.url == "https://example.org/a_b?x=1&y=2"
    assert (web.published, web.author) == ("2019-05", "Example Org")
    assert (after.title, after.author, after.published) == ("Still read", "Institute", "2020")


@pytest.mark.parametrize("latex, text", [
    (r"\'{e}t\'e \`a l'\^{i}le", "été à l'île"),
    (r"\c{c}a \v{s}ta \H{o} \~n \=a \.z \u{g} \k{a} \r{a}", "ça šta ő ñ ā ż ğ ą å"),
    (r"{\"\i}ve \ss{} \o{} \ae{} \l{}", "ïve ß ø æ ł"),
    (r"\emph{Very} \textbf{bold} and \unknowncommand{kept}", "Very bold and kept"),
    (r"1990--2000 --- ``quoted'' A~B", "1990–2000 — “quoted” A B"),
    (r"\href{https://x.example}{the site} and \url{https://y.example}",
     "the site and https://y.example"),
])
def test_latex_to_text(latex, text):
    assert latex_to_text(latex) == text


def test_names():
    assert split_names("A and {B and C} AND D") == ["A", "{B and C}", "D"]
    assert display_name("Doe, Jane") == "Jane Doe"
    assert display_name("Jane Doe") == "Jane Doe"
    assert display_name("{Acme, Inc.}") == "Acme, Inc."
    assert display_name("King, Jr, Martin Luther") == "Martin Luther King, Jr"


@pytest.mark.parametrize("year, month, day, published", [
    ("2017", "jan", "", "2017-01"), ("2017", "{September}", "", "2017-09"),
    ("2017", "11", "30", "2017-11-30"), ("2017", "Sept.", "", "2017-09"),
    ("c. 1900", "mar", "", "c. 1900"), ("2017", "spring", "", "2017"),
])
def test_dates(year, month, day, published):
    fields = f"year = {{{year}}}" + (f", month = {month}" if month else "") + (
        f", day = {{{day}}}" if day else "")
    refs, _ = references_from_bibtex(f"@misc{{k, title = {{T}}, {fields}}}")
    assert refs[0].published == published


def test_garbage_yields_problems_not_exceptions():
    refs, problems = references_from_bibtex("@article{k, title = }\n@book{ok, title={Fine}}")
    assert [r.title for r in refs] == ["Fine"]
    assert problems and "no value" in problems[0]
    assert references_from_bibtex("no entries at all") == ([], [])
