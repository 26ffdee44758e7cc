"""Ruby (furigana) is read as its base text, never inline, and its reading is kept beside
the text — shown as a tooltip — in EPUB chapters and web pages alike, and in the study
file (issue #14, item 4)."""

from __future__ import annotations

import copy

import pytest

from desktop.domain.factory import new_study_for
from desktop.domain.model import Document
from desktop.storage.errors import StudyFileError
from desktop.storage.formats.base import Source
from desktop.storage.formats.html import load_html
from desktop.storage.formats.html_text import html_to_text, relocate_readings
from desktop.storage.schema import study_from_data, study_to_data
from tests.format_fixtures import make_epub

RUBY = ("<p><ruby>山路<rp>（</rp><rt>やまみち</rt><rp>）</rp></ruby>を登りながら、"
        "<ruby><rb>智</rb><rt>ち</rt></ruby>に働けば角が立つ。"
        "<ruby>漢<rt>かん</rt>字<rt>じ</rt></ruby>も。</p>")
ARTICLE = ("<html><head><title>草枕</title></head><body><nav>Menu</nav><article>"
           "<h1>草枕</h1>" + RUBY * 3 + "<p>" + "情に棹させば流される。" * 20 + "</p>"
           "</article><footer>© site</footer></body></html>")


def readings_of(text, readings):
    return [(text[s:e], r) for s, e, r in readings]


def test_html_keeps_each_reading_on_its_base_text():
    result = html_to_text(RUBY)
    assert result.text == "山路を登りながら、智に働けば角が立つ。漢字も。"
    assert readings_of(result.text, result.readings) == [
        ("山路", "やまみち"), ("智", "ち"), ("漢", "かん"), ("字", "じ")]


def test_a_web_page_never_prints_the_reading_inline():
    document = load_html(Source(ARTICLE.encode("utf-8"), "kusamakura.html"))
    assert "やまみち" not in document.text and "（" not in document.text
    assert document.text.count("山路を登りながら") == 3
    assert readings_of(document.text, document.readings)[:4] == [
        ("山路", "やまみち"), ("智", "ち"), ("漢", "かん"), ("字", "じ")]
    assert len(document.readings) == 12


def test_an_epub_chapter_keeps_its_readings_at_book_offsets(tmp_path):
    from desktop.storage.documents import load_document

    path = tmp_path / "book.epub"
    path.write_bytes(make_epub({"c1": "<h1>一</h1><p>前置き。</p>", "c2": RUBY}, ["c1", "c2"]))
    document = load_document(path)
    assert "やまみち" not in document.text
    assert readings_of(document.text, document.readings)[0] == ("山路", "やまみち")


def test_readings_move_with_the_article_and_skip_what_it_left_out():
    found = relocate_readings([(0, 2, "ほか"), (8, 10, "やまみち"), (13, 14, "ち")],
                              "他所。メニュー。山路を登り智に", "山路を登り智に")
    assert found == [(0, 2, "やまみち"), (5, 6, "ち")]


def test_relocating_is_linear():
    from tests.interchange.growth import LINEAR, growth

    def case(n):
        full = "前置き山路を登り。" * n
        readings = [(i * 9 + 3, i * 9 + 5, "やまみち") for i in range(n)]
        return readings, full, full[len(full) // 2:]

    ratio = growth(case, lambda args: relocate_readings(*args), 2_000, repeat=3)
    assert ratio < LINEAR, ratio


def test_readings_round_trip_and_are_checked():
    document = Document(text="山路を登りながら", title="T", readings=[(0, 2, "やまみち")])
    data = study_to_data(new_study_for(document))
    assert data["documents"][0]["readings"] == [[0, 2, "やまみち"]]
    assert study_from_data(data).main_document.readings == [(0, 2, "やまみち")]
    for bad in ([[0, 99, "x"]], [[0, 2]], [[0, 2, 5]], "x", [[2, 2, "x"]],
                [[0, 2, "x" * 1001]]):
        damaged = copy.deepcopy(data)
        damaged["documents"][0]["readings"] = bad
        with pytest.raises(StudyFileError, match="readings"):
            study_from_data(damaged)
