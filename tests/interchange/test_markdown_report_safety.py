"""The Markdown report is inert in any renderer: notes are escaped, not filtered.

Each case the filter let through (issue #16) renders, through python-markdown with
every extension it ships, to HTML with no script, event handler, non-http(s) link or
image; a property test throws random mixes of hostile Markdown at it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.storage.exporters.markdown_report import defang, escape, render
from tests.interchange.interchange_study import OPTIONS
from tests.interchange.markdown_safety import active_content
from tests.interchange.markdown_safety import render as to_html

CASES = [
    "[a[b]c](javascript:alert(1))",
    "[a](javascript:alert((1)))",
    "[nested](javascript:void((function(){alert(1)})()))",
    "[split](java\nscript:alert(1))",
    "[split](javascript:\nalert(1))",
    "```x```\n<script>alert(1)</script>",
    "```x```\n<img src=x onerror=alert(1)>",
    "![](http://evil.example/pixel.png)",
    "![alt](https://evil.example/pixel.png \"t\")",
    "[ref][r]\n\n[r]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "# Title {onclick=alert(1)}",
    "para\n{: onmouseover=alert(1) }",
    "<div markdown=\"1\">*x*</div>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "[[wiki link]]",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "<!--[if IE]><script>alert(1)</script><![endif]-->",
    "    <script>indented</script>",
    "\\[escaped\\](javascript:alert(1))",
    "\\\\[double](javascript:alert(1))",
]


@pytest.mark.parametrize("note", CASES)
def test_each_known_bypass_is_inert(note):
    assert active_content(to_html(defang(note))) == []
    assert active_content(to_html(defang(note), extensions=[])) == []


@pytest.mark.parametrize("text", CASES)
def test_one_line_escapes_are_inert_too(text):
    assert active_content(to_html(escape(text))) == []


def test_web_links_become_autolinks_and_harmless_markdown_stays():
    out = defang("**Check** [the accounts](https://stats.example.gov/a?x=1&y=2), "
                 "see https://example.org/page_(1). and [top](#passage-1)")
    assert out == ("**Check** the accounts <https://stats.example.gov/a?x=1&y=2>, "
                   "see <https://example.org/page_(1)>. and [top](#passage-1)")
    html = to_html(out)
    assert '<a href="https://stats.example.gov/a?x=1&amp;y=2">' in html
    assert "<strong>Check</strong>" in html and '<a href="#passage-1">top</a>' in html


def test_the_whole_report_is_inert(study):
    h = next(iter(study.highlights.values()))
    h.note = "\n\n".join(CASES)
    h.rationale = "<img src=x onerror=alert(1)> [x](javascript:alert(1))"
    study.title = "<script>alert(1)</script>"
    report = render(study, OPTIONS)
    assert active_content(to_html(report)) == []
    assert active_content(to_html(report, extensions=[])) == []


HOSTILE = st.sampled_from([
    "<", ">", "&", "[", "]", "(", ")", "!", "`", "```", "~~~", "{", "}", ":", "#", "\\",
    "\n", "\n\n", "    ", "> ", "* ", "1. ", '"', "'", "=", "|", "javascript", "data",
    "script", "img", "src=x", "onerror=alert(1)", "href", "http://e.org/", "https://e.org/a",
    "#passage-1", "<script>", "</script>", "<img ", "<a ", "[x]: ", "{:", ".class",
    "markdown=\"1\"", "&#106;", "&#x3C;", "<!--", "-->", "[[", "]]", "@", "mailto",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(HOSTILE, st.text(max_size=3)), max_size=40).map("".join))
def test_no_note_renders_active_content(note):
    assert active_content(to_html(defang(note))) == []


@pytest.mark.parametrize("unit", ["[a](", "[[x]", "https://e.org/" + ")" * 3, "<a ", "`x` ",
                                  "![", "[ok](https://e.org/x) "])
def test_escaping_costs_linear_time(unit):
    from tests.interchange.growth import LINEAR, growth

    ratio = growth(lambda n: unit * n, defang, 2000)
    assert ratio < LINEAR, ratio
