"""Pathological Markdown renders in bounded time: guards send it to escaped plain text.

Timings are hang guards, not benchmarks: every case takes well under 0.1 s with the
guards and from 14 s to 13 minutes without (see ``markdown_limits``).
"""

import random
import time

import pytest

from desktop.domain import markdown_limits, markdown_safe
from desktop.domain.markdown_limits import too_complex
from desktop.domain.markdown_safe import MAX_NOTE_CHARS, render_markdown

HANG_GUARD_S = 2.0

PATHOLOGICAL = {
    "quote-1000": ">" * 1000 + " deep",
    "quote-spaced-5000": "> " * 5000 + "x",
    "list-5000 (RecursionError)": "- " * 5000 + "x",
    "ordered-3000": "1. " * 3000 + "x",
    "brackets-13000": "[" * 13000,
    "brackets-13000-closed": "[" * 13000 + "a" + "]" * 13000,
    "images-13000": "![" * 13000,
    "link-openers-13000": "[a](" * 12000,
    "brackets-then-prose": "[" * 1000 + " word" * 9000,
    "escaped-brackets": '\\][["!' * 270,
    "backticks-50000": "`" * 50000,
    "backtick-runs": " ".join("`" * i for i in range(1, 400)),
    "escaped-backticks": "|\\``*'" * 4666,
    "open-tags-16000": "<a " * 16000,
    "open-tags-then-prose": "<a" * 2000 + " x" * 20000,
    "headings-16000": "#~\n" * 16000,
    "quoted-headings": "a\n>#" * 12000,
    "emphasis-mix": "**_" * 16000,
    "underscores": "_a_ " * 12000,
    "html-nest": "<div>" * 10000,
    "table-pipes": "|" * 40000 + "\n|-|\n",
    "entities": "&#" * 24000,
}


@pytest.mark.parametrize("note", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_renders_quickly_and_safely(note):
    started = time.perf_counter()
    html = render_markdown(note + "<script>alert(1)</script>")
    assert time.perf_counter() - started < HANG_GUARD_S
    assert "<script" not in html.lower()
    assert html  # something is shown: never an empty preview for a non-empty note


@pytest.mark.parametrize("name", ["quote-1000", "brackets-13000", "backticks-50000",
                                  "open-tags-16000", "headings-16000",
                                  "list-5000 (RecursionError)"])
def test_the_issue_s_cases_fall_back_to_escaped_text(name):
    html = render_markdown(PATHOLOGICAL[name])
    assert html.startswith("<pre>") and html.endswith("</pre>")


def test_renderer_failure_falls_back_to_plain_text(monkeypatch):
    render_markdown("warm up")

    class Broken:
        def reset(self):
            return self

        def convert(self, _text):
            raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(markdown_safe, "_converter", Broken())
    assert render_markdown("*a* <b>") == "<pre>*a* &lt;b&gt;</pre>"


def test_ordinary_rich_notes_still_render_as_markdown():
    links = "\n".join(f"- [source {i}](https://example.org/{i}) says *this* `code`"
                      for i in range(300))
    table = "| a | b |\n|---|---|\n" + "\n".join(f"| {i} | **{i}** |" for i in range(200))
    prose = ("A long paragraph (with parentheses) and [a link](https://example.org). " * 200)
    note = f"# Notes\n\n{prose}\n\n{links}\n\n{table}\n\n> quoted\n> > twice\n"
    assert len(note) < MAX_NOTE_CHARS and too_complex(note) is None
    html = render_markdown(note)
    assert "<h1>" in html and "<table>" in html and html.count("<li>") == 300
    assert 'href="https://example.org/299"' in html


def test_a_few_stray_brackets_and_backticks_are_fine():
    note = "[sic " * 5 + "It costs $5 (or so) `x` and ``y`` " * 400
    assert too_complex(note) is None


def test_cost_measures():
    assert markdown_limits.bracket_scan_cost("[a](b) \\[x [y]") == 6
    assert markdown_limits.bracket_scan_cost("[" * 10) == sum(range(1, 11))
    assert markdown_limits.bracket_scan_cost("[a\n\n" + "b" * 100) == 2  # ends with its paragraph
    assert markdown_limits.backtick_scan_cost("`a` `b`") == 2 + 2 + 2 + 1  # the last: to the end
    assert markdown_limits.tag_scan_cost("<a <b> x") == 5 + 2
    assert markdown_limits.nesting_depth("> > - 1. x\n- y") == 4
    assert markdown_limits.split_scan_cost("# a\nb\n\n# c") == 5 + 3


@pytest.mark.parametrize(
    ("note", "reason"),
    [("> " * 40 + "x", "nested"), ("[" * 1000, "brackets"),
     (("a" * 200).join("`" * i for i in range(1, 101)), "backtick"),
     ("<a " * 3000, "tags"), ("#\n" * 3000, "headings"), ("*" * 20_000, "markup")],
)
def test_too_complex_says_why(note, reason):
    assert reason in too_complex(note)


def test_random_markup_soup_stays_bounded():
    """A seeded sample of the soups the offline search tried (see the module doc)."""
    rng = random.Random(7)
    alphabet = "[]()<>`*_!\\ \n>-#|a:/1.~&;\"'=\t"
    for _ in range(40):
        token = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
        note = token * (MAX_NOTE_CHARS // len(token))
        started = time.perf_counter()
        render_markdown(note)
        assert time.perf_counter() - started < HANG_GUARD_S, repr(token)
