"""Notes render as Markdown but never run scripts or load anything."""

import re

import pytest

from desktop.domain import markdown_safe
from desktop.domain.markdown_safe import MAX_NOTE_CHARS, render_markdown, sanitize_html


def assert_no_active_content(html):
    lowered = html.lower()
    for bad in ("<script", "<img", "<iframe", "<svg", "<object", "<embed", "<style", "<link"):
        assert bad not in lowered, html
    assert not re.search(r"\son\w+\s*=", lowered), html
    assert "javascript:" not in lowered, html
    assert "src=" not in lowered, html
    assert "style=" not in lowered, html


@pytest.mark.parametrize(
    "note",
    [
        "before <script>alert('x')</script> after",
        "<SCRIPT src='https://evil.example/x.js'></SCRIPT>",
        '<img src="x" onerror="alert(1)">',
        '<a href="https://ok.example" onclick="steal()">link</a>',
        '<p onmouseover="x()" style="color:red">para</p>',
        "<svg onload=alert(1)></svg>",
        '<iframe src="https://evil.example"></iframe>',
        "<style>body{display:none}</style>",
        '<object data="file:///etc/passwd"></object>',
        '<div onclick="x()">div</div>',
    ],
)
def test_active_html_is_removed(note):
    html = render_markdown(note)
    assert_no_active_content(html)
    assert "alert" not in html
    assert "steal" not in html


def test_script_text_is_not_kept_but_surrounding_text_is():
    html = render_markdown("before <script>alert('x')</script> after")
    assert "before" in html and "after" in html
    assert "alert" not in html


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "file:///etc/passwd",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
    ],
)
def test_dangerous_link_targets_removed(link):
    for note in (f"[click]({link})", f'<a href="{link}">click</a>'):
        html = render_markdown(note)
        assert "click" in html
        assert "href" not in html
        scheme = link.split(":")[0].lower()
        assert f"{scheme}:" not in html.lower()


@pytest.mark.parametrize(
    "note",
    [
        "![tracker](https://evil.example/pixel.png)",
        "![local](file:///home/user/secret.png)",
        "![data](data:image/png;base64,AAAA)",
        '<img src="https://evil.example/pixel.png">',
        "![ref][p]\n\n[p]: https://evil.example/p.png",
    ],
)
def test_images_removed(note):
    html = render_markdown(note)
    assert "<img" not in html
    assert "evil.example" not in html
    assert "secret" not in html


@pytest.mark.parametrize("url", ["https://example.org/a?b=1&c=2", "http://example.org/"])
def test_safe_links_kept_with_rel(url):
    html = render_markdown(f"see [the source]({url})")
    escaped = url.replace("&", "&amp;")
    assert f'href="{escaped}"' in html
    assert "the source" in html
    assert "noopener" in html and "noreferrer" in html


def test_mailto_links_are_not_rendered_as_links_the_app_would_refuse():
    html = render_markdown("write to [me](mailto:someone@example.org)")
    assert "mailto:" not in html
    assert "me" in html


def test_tables_emphasis_and_code_render():
    note = (
        "# Heading\n\n*em* and **strong** and `code` and ~~x~~\n\n"
        "| claim | source |\n|---|:--:|\n| 9,000 troops | report |\n\n"
        "- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n```\nfenced <b>\n```\n"
    )
    html = render_markdown(note)
    for tag in ("<h1>", "<em>em</em>", "<strong>strong</strong>", "<code>code</code>",
                "<table>", "<th>claim</th>", "<td>9,000 troops</td>", "<ul>", "<ol>",
                "<li>one</li>", "<blockquote>", "<pre>"):
        assert tag in html, tag
    assert 'align="center"' in html
    assert "fenced &lt;b&gt;" in html


def test_persian_and_emoji_pass_through():
    html = render_markdown("**گزارش** 😀 «نقل»")
    assert "<strong>گزارش</strong>" in html
    assert "😀 «نقل»" in html


def test_converter_state_does_not_leak_between_notes():
    render_markdown("[x]: https://example.org/first\n\ntext")
    html = render_markdown("[link][x]")
    assert "example.org/first" not in html


def test_huge_input_falls_back_to_escaped_pre(monkeypatch):
    note = "<script>alert(1)</script> **bold** & " + "a" * MAX_NOTE_CHARS
    html = render_markdown(note)
    assert html.startswith("<pre>") and html.endswith("</pre>")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp;" in html
    assert "<strong>" not in html
    # exactly at the limit is still rendered as Markdown
    monkeypatch.setattr(markdown_safe, "MAX_NOTE_CHARS", 10)
    assert render_markdown("**0123**") == "<p><strong>0123</strong></p>"
    assert render_markdown("**01234567**").startswith("<pre>")


def test_empty_note():
    assert render_markdown("") == ""


def test_sanitize_html_directly():
    dirty = '<p title="t" class="c" id="i">x</p><a href="https://a.b" target="_blank">y</a>'
    clean = sanitize_html(dirty)
    assert "class=" not in clean and "id=" not in clean and "target=" not in clean
    assert 'href="https://a.b"' in clean
    assert sanitize_html("<!-- secret --><b>b</b>") == "<b>b</b>"
