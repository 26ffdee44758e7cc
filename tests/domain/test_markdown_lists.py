"""Lists nested by two spaces (CommonMark and GitHub style) nest in documents and notes,
as four-space lists always did; code blocks inside and after lists keep their lines
(issue #14, item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.markdown_safe import render_markdown as render_note
from desktop.storage.formats.markdown_text import markdown_to_text

README = Path(__file__).resolve().parents[1] / "fixtures" / "markdown" / (
    "readme_two_space_lists.md")


def text_of(source: str) -> str:
    return markdown_to_text(source)[0]


def test_two_space_bullets_nest():
    assert text_of("- a\n  - b\n    - c\n- d") == "• a\n   • b\n      • c\n• d"


def test_four_space_bullets_still_nest():
    assert text_of("- a\n    - b\n        - c\n- d") == "• a\n   • b\n      • c\n• d"


def test_three_space_numbered_sublists_nest():
    assert text_of("1. one\n   1. sub\n   2. sub two\n2. two") == (
        "1. one\n   1. sub\n   2. sub two\n2. two")


def test_siblings_at_two_spaces_stay_siblings():
    assert text_of("- a\n  - b\n  - c\n- d") == "• a\n   • b\n   • c\n• d"


def test_a_code_block_inside_a_two_space_item_keeps_its_lines():
    text, styles = markdown_to_text("- a\n  - b\n\n        x = 1\n        y = 2\n")
    assert "x = 1\ny = 2" in text
    assert [text[s:e] for s, e, k in styles if k == "code"] == ["x = 1\ny = 2"]


def test_a_code_block_inside_a_four_space_item_keeps_its_lines():
    text, styles = markdown_to_text("- a\n\n        code\n\n- b")
    assert text == "• a\n\ncode\n\n• b"
    assert [text[s:e] for s, e, k in styles if k == "code"] == ["code"]


def test_indented_code_after_a_list_and_fences_are_untouched():
    source = "- a\n  - b\n\nText.\n\n    - not a list\n\n```\n- a\n  - b\n```\n"
    text, styles = markdown_to_text(source)
    assert "- not a list" in text and "- a\n  - b" in text
    assert {text[s:e] for s, e, k in styles if k == "code"} == {"- not a list", "- a\n  - b"}


def test_a_dash_line_inside_a_paragraph_is_not_a_list():
    assert text_of("Para\n- not\n  - a list") == "Para - not - a list"


@pytest.mark.parametrize("source", ["* * *", "- - -\n  - x", "-\n  -\n    -", "1.\n   2.",
                                    "- a\n\t- tab\n\t\t- two tabs", "  - a\n   - b\n    - c"])
def test_odd_lists_render(source):
    text, styles = markdown_to_text(source)
    assert all(0 <= s < e <= len(text) for s, e, _ in styles)


def test_notes_nest_two_space_lists_too():
    html = render_note("- a\n  - b\n- c")
    assert html.count("<ul>") == 2
    assert "<li>a<ul>" in html.replace("\n", "")


def test_a_real_world_readme_nests_its_lists():
    text = text_of(README.read_text(encoding="utf-8"))
    assert ("• Sorts files by type\n   • images go to Pictures/\n   • documents go to "
            "Documents/\n      • PDFs stay together\n• Runs on a schedule\n   • hourly or "
            "daily\n• Dry run by default") in text
    assert "3. Run it\n   1. once by hand\n   2. then from cron" in text
    assert "• --dry-run & --verbose\n   • print what would move\n• --config PATH" in text
    assert "pip install tidyfiles" in text
    assert "tidyfiles --config ~/.tidy.toml" in text
    assert text.endswith("That's all.")


def test_a_commonmark_code_block_in_an_item_is_code():
    text, styles = markdown_to_text("- a\n\n      code\n\n- b")
    assert text == "• a\n\ncode\n\n• b"
    assert [text[s:e] for s, e, k in styles if k == "code"] == ["code"]


def test_re_indenting_is_linear():
    from desktop.domain.markdown_lists import nest_lists
    from tests.interchange.growth import LINEAR, growth

    block = ["- a", "  - b", "    - c", "", "      code", "", "  text", "", "```", "- x", "```", ""]
    ratio = growth(lambda n: block * n, nest_lists, 2_000, repeat=3)
    assert ratio < LINEAR, ratio


def test_a_list_after_a_fence_and_a_second_list_nest_too():
    chapter = "# C\n\n- item\n  - sub\n\n```\n>>> x\n```\n\n"
    assert text_of(chapter * 3).count("• item\n   • sub") == 3


def test_the_real_mammoth_readme_nests_its_options():
    from tests.storage.test_real_corpus import CORPUS

    path = CORPUS / "md_mammoth_README.md"
    if not path.is_file():
        pytest.skip("../shared/corpus/real is absent")
    text = text_of(path.read_text(encoding="utf-8"))
    assert "May have the following properties:\n   • styleMap: controls" in text
    assert "\n   • idPrefix: a string to prepend" in text
