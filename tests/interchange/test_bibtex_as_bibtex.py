"""BibTeX read as BibTeX reads it: LaTeX through pylatexenc with math kept, names split
on ``and`` next to line breaks, crossref inherited, @string expansion within a budget,
every skipped entry reported, linear time whatever the damage, progress and cancel."""

from __future__ import annotations

import pytest

from desktop.domain.model import Reference
from desktop.storage.importers.bibtex import (
    MAX_VALUE,
    parse_bibtex,
    references_from_bibtex,
    split_names,
)
from desktop.storage.importers.bibtex_latex import latex_to_text
from desktop.storage.importers.progress import ImportCancelledError, Work
from desktop.storage.importers.references import dedupe
from tests.interchange.growth import LINEAR, growth


@pytest.mark.parametrize("latex, text", [
    (r"Sorting in $O(\log n)$ time", r"Sorting in $O(\log n)$ time"),  # math as written
    (r"3\texttimes 4 matrices", "3×4 matrices"),
    (r"\cyrchar\CYRA\cyrchar\cyrb\cyrchar\cyrv", "Абв"),
    (r"10\,000 people", "10 000 people"),
    (r"shelf\/ful and hy\-phen\-ation", "shelfful and hyphenation"),
    (r"Mr.\ Smith goes", "Mr. Smith goes"),  # a control space is a space, not glue
    (r"Caf\'e {\"u}ber \c{c}a \v{S}koda", "Café über ça Škoda"),
    (r"\emph{Big} {NASA} --- and -- ``q''", "Big NASA — and – “q”"),
    (r"see \url{https://x.org/a_b%20c}", "see https://x.org/a_b%20c"),
    (r"\href{https://x.org}{the site}", "the site"),
    (r"50\% \& \$5 a~b", "50% & $5 a b"),
    (r"plain {Title} without LaTeX", "plain Title without LaTeX"),
])
def test_latex_becomes_the_text_a_bibliography_shows(latex, text):
    assert latex_to_text(latex) == text


def test_unparseable_latex_falls_back_without_losing_the_words():
    assert latex_to_text(r"\begin{x} open {group \end{y} words") .endswith("words")


@pytest.mark.parametrize("value", [
    "Smith, John and\nDoe, Jane",
    "Smith, John\nand Doe, Jane",
    "Smith, John\tAND\r\nDoe, Jane",
])
def test_names_split_on_and_next_to_line_breaks(value):
    assert split_names(value) == ["Smith, John", "Doe, Jane"]


def test_and_inside_braces_or_words_does_not_split():
    assert split_names("{Barnes and Noble} and Sand, Andrea") == [
        "{Barnes and Noble}", "Sand, Andrea"]


CROSSREF = r"""
@inproceedings{child, author = {A. Author}, title = {A Paper}, crossref = {conf}, pages = {1--2}}
@proceedings{conf, title = {Proceedings of the Conference}, year = {2019},
  publisher = {ACM}, editor = {E. Ditor}}
@inproceedings{orphan, title = {Lost parent}, crossref = {nowhere}}
"""


def test_crossref_fields_are_inherited():
    entries, problems = parse_bibtex(CROSSREF)
    child = entries[0].fields
    assert child["year"] == "2019" and child["booktitle"] == "Proceedings of the Conference"
    assert child["title"] == "A Paper" and child["publisher"] == "ACM"
    refs, _ = references_from_bibtex(CROSSREF)
    assert refs[0].published == "2019"
    assert refs[0].note.startswith("Proceedings of the Conference")
    assert problems == ["line 5: @inproceedings{orphan} cross-references “nowhere”, which "
                        "is not in the file"]


def test_an_entry_with_nothing_to_cite_is_reported_by_key():
    refs, problems = references_from_bibtex("@misc{empty, note = {just a note}}\n"
                                            "@misc{kept, title = {Kept}}")
    assert [r.title for r in refs] == ["Kept"]
    assert problems == ["line 1: @misc{empty} has neither a title nor an address"]


def test_a_damaged_entry_names_itself_and_costs_only_itself():
    text = "@book{one, title = {Fine}}\n@book{two, title = {unclosed\n  year = 2020}\n" \
           "@book{three, title = {Also fine}}\n"
    entries, problems = parse_bibtex(text)
    assert [e.key for e in entries] == ["one", "three"]
    assert problems == ["line 2: @book{two}: expected , or }, found 'the next entry'"]
    entries, problems = parse_bibtex(text.replace("{unclosed", "{{unclosed"))
    assert [e.key for e in entries] == ["one", "three"]
    assert problems == ["line 2: @book{two}, field title: unbalanced braces"]


def test_string_expansion_stays_within_its_budget():
    levels = ['@string{s0 = "' + "x" * 100 + '"}']
    levels += [f"@string{{s{i} = " + " # ".join([f"s{i - 1}"] * 10) + "}" for i in range(1, 8)]
    bomb = "\n".join(levels) + "\n@misc{m, title = s7}\n@misc{after, title = {Read}}\n"
    assert len(bomb) < 1024  # 100 × 10⁷ characters if expanded: 1 GB
    entries, problems = parse_bibtex(bomb)
    assert any("longer than" in p or "expand beyond" in p for p in problems)
    assert all(len(v) <= MAX_VALUE for e in entries for v in e.fields.values())
    assert entries[-1].key == "after"


def test_progress_and_cancel():
    text = "".join(f"@misc{{k{i}, title = {{T {i}}}}}\n" for i in range(500))
    seen: list[float] = []
    references_from_bibtex(text, Work(progress=seen.append, every=100))
    assert seen and seen == sorted(seen) and seen[-1] <= 1.0
    with pytest.raises(ImportCancelledError):
        references_from_bibtex(text, Work(cancelled=lambda: True, every=100))


def test_unbalanced_braces_repeated_cost_linear_time():
    ratio = growth(lambda n: "@a{k, f={\n" * n, parse_bibtex, 1000)
    assert ratio < LINEAR, ratio


def test_many_damaged_entries_cost_linear_time():  # the error line is counted once
    ratio = growth(lambda n: "@a{k, f=}\n" * n, parse_bibtex, 2000)
    assert ratio < LINEAR, ratio


def test_entries_read_in_linear_time():
    def make(n: int) -> str:
        return "".join(f"@article{{k{i}, author = {{Doe, Jane and Roe, R.}}, title = "
                       f"{{On {{Things}} number {i}}}, year = 2001}}\n" for i in range(n))

    ratio = growth(make, references_from_bibtex, 500)
    assert ratio < LINEAR, ratio


def test_duplicate_checks_cost_linear_time():
    def make(n: int) -> list[Reference]:
        return [Reference(url=f"https://e.org/{i}", title=f"Title {i}") for i in range(n)]

    ratio = growth(make, lambda refs: dedupe(refs, refs[: len(refs) // 2]), 1000)
    assert ratio < LINEAR, ratio
