"""Markdown documents keep code, badges, entities and quotes exactly, through the one
engine notes use too (issue #14, item 3)."""

from __future__ import annotations

import pytest

from desktop.domain import markdown_limits
from desktop.domain.markdown_safe import render_markdown as render_note
from desktop.storage.formats import markdown_text
from desktop.storage.formats.markdown_text import markdown_to_text


def text_of(source: str) -> str:
    return markdown_to_text(source)[0]


def test_a_fenced_python_session_keeps_its_prompts():
    assert text_of("Try:\n\n```python\n>>> x = 1\n>>> x + 1\n2\n```\n") == (
        "Try:\n\n>>> x = 1\n>>> x + 1\n2")


def test_an_indented_code_block_keeps_angle_brackets_and_ampersands():
    text, styles = markdown_to_text("Run:\n\n    >>> a < b && c\n")
    assert text == "Run:\n\n>>> a < b && c"
    assert [(text[s:e], k) for s, e, k in styles] == [(">>> a < b && c", "code")]


def test_a_linked_badge_is_its_alt_text():
    assert text_of("[![CI](https://ci.example/badge.svg)](https://ci.example) passes") == (
        "CI passes")


def test_entities_become_their_characters():
    assert text_of("Fish&nbsp;&amp;&nbsp;chips &copy; 2024 &#8212; ok") == (
        "Fish\u00a0&\u00a0chips © 2024 — ok")


def test_quotes_keep_their_words():
    assert text_of("> To be, or not to be:\n> that is the question.\n\nSaid Hamlet.") == (
        "To be, or not to be: that is the question.\n\nSaid Hamlet.")


def test_inline_code_keeps_markup_characters():
    assert text_of("Use `a <b> & *c*` here.") == "Use a <b> & *c* here."


def test_raw_html_blocks_keep_their_text_but_never_scripts():
    text = text_of("<div>Visible <b>words</b><script>steal()</script></div>\n\nAfter.")
    assert text == "Visible words\n\nAfter."


def test_documents_use_python_markdown_not_a_second_renderer():
    # The hand-made renderer exported a second ``render_markdown``; it is gone.
    assert not hasattr(markdown_text, "render_markdown")
    assert text_of("~~old~~ new") == "old new"


def test_notes_render_tables_footnotes_strikethrough_and_task_lists():
    html = render_note("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n\n- [x] done\n- [ ] todo"
                       "\n\nClaim[^1]\n\n[^1]: Source.")
    assert "<table>" in html and "<td>1</td>" in html
    assert "<del>gone</del>" in html
    assert "☑ done" in html and "☐ todo" in html
    assert "Source." in html and "<sup>" in html


def test_a_list_of_tasks_only_is_marked_so_previews_draw_no_bullet_beside_the_box():
    html = render_note("- [ ] DoD briefing\n- [x] Reuters\n\nOther:\n\n* one\n* two")
    assert html.count('<ul class="tasks">') == 1  # the plain list keeps its bullets
    mixed = render_note("- [ ] a task\n- not a task")
    assert 'class="tasks"' not in mixed
    assert 'class="x"' not in render_note('<ul class="x"><li>a</li></ul>')


def test_notes_stay_sanitised():
    html = render_note("<script>alert(1)</script><img src=x onerror=y>[a](javascript:x)")
    assert "<script" not in html and "<img" not in html and "javascript:" not in html


@pytest.mark.parametrize("source", ["[" * 13_000, "<a " * 20_000, "`" * 50_000,
                                    "- " * 5_000 + "x", "#~\n" * 16_000])
def test_pathological_documents_are_shown_as_written(source):
    assert markdown_limits.document_too_complex(source)
    text, styles = markdown_to_text(source)
    assert text == source.strip() and styles == []


def test_a_long_ordinary_document_is_not_refused_by_the_guard():
    chapter = ("# Chapter\n\nSome *prose* with a [link](https://x.org) and `code`.\n\n"
               "- item\n- item\n\n```\n>>> x = 1\n```\n\n")
    book = chapter * 2_000  # ~250 KB: more markup than one note may carry
    assert markdown_limits.too_complex(book)
    assert markdown_limits.document_too_complex(book) is None


CHAPTER = ("# Chapter\n\nSome *prose* with a [link][x] and `code`.\n\n- item\n- item\n\n"
           "```\n>>> x = 1\n\n>>> y\n```\n\n    indented\n\n    code\n\n")


def test_a_long_document_renders_in_parts_as_it_does_whole(monkeypatch):
    source = CHAPTER * 60 + "[x]: https://x.org\n"
    whole = markdown_to_text(source)
    monkeypatch.setattr(markdown_text, "CHUNK_CHARS", 500)
    seen: list[float] = []
    assert markdown_to_text(source, step=seen.append) == whole
    assert len(seen) > 10 and seen == sorted(seen)
    assert "link" in whole[0] and "[x]" not in whole[0]


def test_long_documents_render_in_linear_time(monkeypatch):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "interchange"))
    from tests.interchange.growth import LINEAR, growth

    monkeypatch.setattr(markdown_text, "CHUNK_CHARS", 4_000)
    ratio = growth(lambda n: CHAPTER * n, markdown_to_text, 60, repeat=3)
    assert ratio < LINEAR, ratio
