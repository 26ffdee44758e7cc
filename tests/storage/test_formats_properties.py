"""Whatever Markdown or HTML a document holds, rendering ends with styles inside the text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.model import STYLE_KINDS
from desktop.storage.formats.html_text import html_to_text
from desktop.storage.formats.markdown_text import markdown_to_text

MARKDOWN_BITS = st.sampled_from(
    ["# ", "## ", "**", "*", "_", "`", "```", "[", "](", ")", "> ", "- ", "1. ", "\n", "\n\n",
     "    ", "<b>", "</b>", "<script>", "|", "---", "\\", "word", " ", "é", "😀", "گزارش"]
)
HTML_BITS = st.sampled_from(
    ["<p>", "</p>", "<h1>", "</h1>", "<b>", "</b>", "<i>", "<ul>", "<li>", "</ul>", "<pre>",
     "</pre>", "<script>", "</script>", "<br>", "<table><tr><td>", "&amp;", "&#x1F600;", "<",
     ">", "word", " ", "\n", "گزارش", "<nav>", "</nav>", "<!--", "-->"]
)


def check(text, styles):
    assert text == text.rstrip()
    for start, end, kind in styles:
        assert 0 <= start < end <= len(text)
        assert kind in STYLE_KINDS
        assert not text[start].isspace() and not text[end - 1].isspace()


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKDOWN_BITS, max_size=60).map("".join))
def test_markdown_styles_lie_within_the_rendered_text(source):
    check(*markdown_to_text(source))


@settings(max_examples=300, deadline=None)
@given(st.lists(HTML_BITS, max_size=60).map("".join), st.booleans())
def test_html_styles_lie_within_the_text(html, drop):
    result = html_to_text(html, drop_boilerplate=drop)
    check(result.text, result.styles)
