"""EPUB chapters and web pages keep ruby base text and MathML, parsed in linear time
(issue #14, item 4)."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.storage.documents import load_document
from desktop.storage.formats.html_text import html_to_text
from tests.format_fixtures import make_epub

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "interchange"))
from tests.interchange.growth import LINEAR, growth

RUBY = ("<p><ruby>山路<rp>（</rp><rt>やまみち</rt><rp>）</rp></ruby>を登りながら、"
        "<ruby><rb>智</rb><rt>ち</rt></ruby>に働けば角が立つ。</p>")
MATH = ('<p>If <math xmlns="http://www.w3.org/1998/Math/MathML" alttext="Alternative text '
        'not available"><msub><mrow><mfenced separators="" open="[" close="]"><mrow><mi>A'
        '</mi></mrow></mfenced></mrow><mrow><mi>i</mi><mi>j</mi></mrow></msub><mo>=</mo>'
        '<mn>0</mn></math> whenever <math xmlns="http://www.w3.org/1998/Math/MathML"><mi>i'
        '</mi><mo>&gt;</mo><mi>j</mi></math>, then <math alttext="x squared"></math> '
        "stays.</p>")


def test_ruby_keeps_the_base_text_only():
    assert html_to_text(RUBY).text == "山路を登りながら、智に働けば角が立つ。"


def test_mathml_is_kept_as_linear_text():
    assert html_to_text(MATH).text == "If [A]_ij=0 whenever i>j, then x squared stays."


def test_epub_chapter_keeps_ruby_and_math(tmp_path):
    raw = make_epub({"c1": RUBY + MATH}, ["c1"])
    path = tmp_path / "book.epub"
    path.write_bytes(raw)
    text = load_document(path).text
    assert "山路を登りながら" in text and "やまみち" not in text
    assert "[A]_ij=0 whenever i>j" in text


def test_comments_do_not_swallow_the_text_after_them():
    assert html_to_text("<p>one <!-- note --> two</p>").text == "one two"


def test_unclosed_tags_parse_in_linear_time():
    # html.parser rescanned from every unclosed "<a " to the end: 60 KB took 77 s.
    def run(html: str) -> object:
        return html_to_text(html)

    ratio = growth(lambda n: "<p>x</p>" + "<a " * n, run, 200_000)  # 0.6 and 2.4 MB
    assert ratio < LINEAR, ratio



def test_markup_nested_deeper_than_libxml2_allows_keeps_every_word():
    # libxml2 silently drops the rest of a page nested ~2,000 levels deep: the words
    # are then read without the layout, never lost.
    page = ("<title>T</title>" + "<div>" * 5000 + "deep &amp; <b>bold</b>"
            "<script>evil()</script>" + "</div>" * 5000 + "<p>after</p>")
    assert html_to_text(page).text == "deep & bold after"


def test_a_text_longer_than_ten_megabytes_is_not_cut():
    words = "word " * 2_500_000
    assert len(html_to_text(f"<p>{words}</p>").text) == len(words.strip())


def test_a_page_ending_in_a_script_or_comment_keeps_its_layout():
    result = html_to_text("<p>normal <b>page</b></p><script>if (a < b) {x()}</script>"
                          "<!-- generated in 0.1 s -->")
    assert result.text == "normal page" and result.styles == [(7, 11, "bold")]


def test_a_web_page_keeps_its_mathml_through_the_article_extractor():
    from desktop.storage.formats.base import Source
    from desktop.storage.formats.html import load_html

    page = ("<html><head><title>Matrices</title></head><body><nav>Menu</nav><article>"
            "<h1>Matrices</h1>" + MATH * 3 + "<p>" + "Upper triangular matrices are "
            "closed under multiplication, as the text shows. " * 6 + "</p></article>"
            "<footer>Site</footer></body></html>")
    text = load_html(Source(page.encode("utf-8"), "matrices.html")).text
    assert text.count("If [A]_ij=0 whenever i>j, then x squared stays.") == 3
    assert "Menu" not in text  # still the article, not the whole page


def test_a_page_past_the_extraction_budget_is_read_without_trafilatura_and_says_so(
    monkeypatch,
):
    """trafilatura took 17 s on a 1 MB page of 18,000 paragraphs: past the budget the
    page is read by lxml alone (its site dropped) and a load warning says why."""
    from desktop.storage.formats import html
    from desktop.storage.formats.base import Source

    def no_extraction(_html):
        raise AssertionError("trafilatura was asked")

    monkeypatch.setattr(html, "MAX_EXTRACT_BLOCKS", 4)
    monkeypatch.setattr(html, "_extract_article", no_extraction)
    page = ("<html><head><title>T</title></head><body><nav>Menu</nav><article>"
            + "".join(f"<p>Paragraph {i}.</p>" for i in range(5)) + "</article></body></html>")
    document = html.load_html(Source(page.encode(), "long.html"))
    assert document.text.split("\n\n") == [f"Paragraph {i}." for i in range(5)]
    (warning,) = document.load_warnings
    assert "more than 4 paragraphs and blocks" in warning
    monkeypatch.setattr(html, "MAX_EXTRACT_CHARS", 100)
    assert "longer than" in html.load_html(Source(page.encode(), "long.html")).load_warnings[0]


def test_a_page_within_the_budget_still_gets_its_article(monkeypatch):
    from desktop.storage.formats import html
    from desktop.storage.formats.base import Source

    asked = []
    monkeypatch.setattr(html, "_extract_article", lambda h: asked.append(h) or None)
    page = "<title>T</title>" + "".join(f"<p>Paragraph {i}.</p>" for i in range(5))
    assert html.load_html(Source(page.encode(), "short.html")).load_warnings == []
    assert len(asked) == 1


def test_a_page_cut_short_is_noticed_after_a_long_text():
    """The cut check reads only the tail of the tree's text: still right after 1 MB."""
    long_text = "<p>" + "word " * 200_000 + "</p>"
    page = "<title>T</title>" + long_text + "<div>" * 5000 + "deep tail" + "</div>" * 5000
    assert html_to_text(page).text.endswith("deep tail")
    whole = html_to_text("<title>T</title>" + long_text + "<p>the end</p>")
    assert whole.text.endswith("the end") and "\n\n" in whole.text
