"""A Markdown document knows where its rendered text sits in the Markdown source:
exact for words, widened over markup, the identity for text shown as written
(issue #14, item 3: "text, styles and source offsets")."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from desktop.domain.source_map import align, identity, runs_match, source_range
from desktop.storage.formats.base import Source
from desktop.storage.formats.markdown_text import load_markdown, markdown_document

README = Path(__file__).resolve().parents[1] / "fixtures" / "markdown" / (
    "readme_two_space_lists.md")


def source_of(markdown: str, shown: str, occurrence: int = 0) -> str:
    """The source stretch that the ``occurrence``-th ``shown`` of the rendering maps to."""
    rendered = markdown_document(markdown)
    start = -1
    for _ in range(occurrence + 1):
        start = rendered.text.index(shown, start + 1)
    where = source_range(rendered.source_map, start, start + len(shown))
    assert where is not None
    return markdown[where[0]:where[1]]


def test_every_run_reads_the_same_in_text_and_source():
    source = README.read_text(encoding="utf-8")
    rendered = markdown_document(source)
    runs = rendered.source_map
    assert runs and runs_match(runs, rendered.text, source)
    assert all(a[0] + a[2] <= b[0] for a, b in pairwise(runs))
    covered = sum(n for _, _, n in runs)
    words = sum(1 for ch in rendered.text if not ch.isspace())
    assert covered >= 0.9 * words  # nearly every rendered character is placed exactly


def test_a_heading_maps_to_its_words_not_its_hashes():
    assert source_of("# Title here\n\nBody.", "Title here") == "Title here"
    assert source_of("Intro\n\n### Deep\n\nBody.", "Deep") == "Deep"


def test_emphasis_inside_a_passage_is_taken_with_it():
    markdown = "Some **bold** and _it_ text."
    assert source_of(markdown, "bold") == "bold"
    assert source_of(markdown, "Some bold and it text.") == markdown


def test_a_link_maps_to_its_words_and_the_url_goes_with_a_wider_passage():
    markdown = "See [the report](https://example.org/r?a=1&b=2) for more."
    assert source_of(markdown, "the report") == "the report"
    assert source_of(markdown, "See the report for") == (
        "See [the report](https://example.org/r?a=1&b=2) for")


def test_code_blocks_map_line_by_line():
    markdown = "Try:\n\n```python\n>>> x = 1\n>>> x + 1\n```\n\nIndented:\n\n    a < b\n    c\n"
    assert source_of(markdown, ">>> x + 1") == ">>> x + 1"
    assert source_of(markdown, ">>> x = 1\n>>> x + 1") == ">>> x = 1\n>>> x + 1"
    assert source_of(markdown, "a < b\nc") == "a < b\n    c"


def test_entities_widen_to_the_entity():
    markdown = "Fish&nbsp;&amp;&nbsp;chips &copy; 2024, all fine."
    assert source_of(markdown, "Fish\u00a0&\u00a0chips © 2024") == (
        "Fish&nbsp;&amp;&nbsp;chips &copy; 2024")
    assert source_of(markdown, "all fine") == "all fine"


def test_list_items_map_to_their_words_at_any_depth():
    markdown = "- one\n  - two and\n    more\n    - three\n1. first\n"
    assert source_of(markdown, "two and more") == "two and\n    more"
    assert source_of(markdown, "three") == "three"


def test_table_cells_map_to_their_words():
    markdown = "| Name | Value |\n|------|-------|\n| alpha | 1.5 |\n| beta | 2.5 |\n"
    assert source_of(markdown, "beta") == "beta"
    assert source_of(markdown, "2.5") == "2.5"
    assert source_of(markdown, "alpha\t1.5") == "alpha | 1.5"


def test_persian_and_emoji_offsets_are_code_points():
    markdown = "# سلام 😀 دنیا\n\nمتن **پررنگ** 👍 و [پیوند](https://x.ir) پایان.\n"
    assert source_of(markdown, "سلام 😀 دنیا") == "سلام 😀 دنیا"
    assert source_of(markdown, "پررنگ") == "پررنگ"
    assert source_of(markdown, "👍 و پیوند") == "👍 و [پیوند"
    assert source_of(markdown, "پایان.") == "پایان."


def test_images_and_badges_map_to_their_alt_text():
    assert source_of("[![CI](https://ci/b.svg)](https://ci) passes", "CI") == "CI"


def test_a_repeated_word_maps_to_its_own_place():
    markdown = "alpha beta\n\n*alpha* gamma\n\n- alpha\n"
    assert source_of(markdown, "alpha", 2) == "alpha"
    rendered = markdown_document(markdown)
    third = rendered.text.rindex("alpha")
    assert source_range(rendered.source_map, third, third + 5)[0] == markdown.rindex("alpha")


def test_rendered_markers_map_to_the_passage_beside_them():
    markdown = "- item one\n- item two\n"
    rendered = markdown_document(markdown)
    bullet = rendered.text.index("• item two")
    start, end = source_range(rendered.source_map, bullet, bullet + len("• item two"))
    assert markdown[start:end] == "item two"
    assert source_range(rendered.source_map, bullet, bullet + 1) is None  # only a bullet


def test_front_matter_and_long_comments_are_skipped():
    markdown = "<!--\n" + "note to self " * 2000 + "\n-->\n\nAfter the **comment**.\n"
    assert source_of(markdown, "After the comment.") == "After the **comment**."


@pytest.mark.parametrize("source", ["[" * 13_000, "\n\n  " + "<a " * 20_000])
def test_text_shown_as_written_has_the_identity_map(source):
    rendered = markdown_document(source)
    assert rendered.styles == []
    lead = len(source) - len(source.lstrip())
    assert rendered.source_map == identity(len(rendered.text), lead) == [
        (0, lead, len(rendered.text))]
    assert source_range(rendered.source_map, 5, 9) == (lead + 5, lead + 9)


def test_a_loaded_document_carries_its_map():
    raw = b"# T\r\n\r\nOne &amp; two\r\n"
    document = load_markdown(Source(raw, "t.md"))
    start = document.text.index("One")
    # Offsets are into the decoded source with its line ends made "\n".
    assert source_range(document.source_map, start, len(document.text)) == (5, 18)


def test_a_changed_source_no_longer_matches():
    source = "Some **bold** text."
    rendered = markdown_document(source)
    assert runs_match(rendered.source_map, rendered.text, source)
    assert not runs_match(rendered.source_map, rendered.text, "Some **bald** text.")
    assert not runs_match(rendered.source_map, rendered.text, "Some")


def test_a_long_document_maps_in_parts_as_whole(monkeypatch):
    from desktop.storage.formats import markdown_text

    source = ("# Chapter\n\nSome *prose* with a [link][x] and `code`.\n\n- item\n  - sub\n\n"
              "```\n>>> x = 1\n```\n\n") * 80 + "[x]: https://x.org\n"
    whole = markdown_document(source)
    monkeypatch.setattr(markdown_text, "CHUNK_CHARS", 500)
    assert markdown_document(source) == whole
    last = whole.text.rindex(">>> x = 1")
    assert source_range(whole.source_map, last, last + 9)[0] == source.rindex(">>> x = 1")


def test_mapping_is_linear():
    from tests.interchange.growth import LINEAR, growth

    chapter = ("# Chapter\n\nSome *prose* &amp; a [link](https://x.org/a/b/c) and `code`.\n\n"
               "- item\n  - sub ☐ 😀\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n    code\n\n")

    def aligned(n):
        source = chapter * n
        rendered = markdown_document(source)
        return rendered.text, source, [(r[0], r[0] + r[2]) for r in rendered.source_map]

    ratio = growth(lambda n: aligned(n), lambda args: align(*args), 300, repeat=3)
    assert ratio < LINEAR, ratio


@pytest.mark.parametrize("name", ["md_mammoth_README.md", "md_readability_README.md"])
def test_real_readmes_are_placed_almost_entirely(name):
    from tests.storage.test_real_corpus import CORPUS

    path = CORPUS / name
    if not path.is_file():
        pytest.skip("../shared/corpus/real is absent")
    source = path.read_text(encoding="utf-8")
    rendered = markdown_document(source)
    placed = [False] * len(rendered.text)
    for shown, _, length in rendered.source_map:
        placed[shown:shown + length] = [True] * length
    text = rendered.text
    # Everything but the bullets rendering adds comes from the file, and is found there.
    words = [i for i, ch in enumerate(text) if not ch.isspace() and ch != "•"]
    assert sum(placed[i] for i in words) >= 0.99 * len(words)
    assert runs_match(rendered.source_map, text, source)


def test_stretches_that_start_with_an_entity_stay_linear():
    from tests.interchange.growth import LINEAR, growth

    def aligned(n):
        source = "&copy; word\n\n" * n
        rendered = markdown_document(source)
        return rendered.text, source, [(i * 8, i * 8 + 6) for i in range(n)]

    ratio = growth(aligned, lambda args: align(*args), 2_000, repeat=3)
    assert ratio < LINEAR, ratio
