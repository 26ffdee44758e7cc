"""Fill in: a pasted web address, DOI or ISBN becomes a reference's fields, looked up
from the local stand-ins of the page, doi.org (content negotiation) and Open Library."""

from __future__ import annotations

import pytest

from desktop.storage.web import errors
from desktop.storage.web.actions import fill_in_reference, source_identifier
from desktop.storage.web.errors import FetchError
from desktop.storage.web.identifiers import isbn13, isbn_is_valid, parse_doi, recognise
from tests.web.web_server import CSL_JSON, Answer

# --- recognising what was pasted ------------------------------------------------------


@pytest.mark.parametrize("text", [
    "10.1021/ja01577a030", "doi:10.1021/ja01577a030", "DOI: 10.1021/ja01577a030",
    "https://doi.org/10.1021/ja01577a030", "http://dx.doi.org/10.1021/ja01577a030",
    "https://doi.org/10.1021%2Fja01577a030", "(10.1021/ja01577a030).",
])
def test_every_usual_spelling_of_a_doi_is_recognised(text):
    assert recognise(text).kind == "doi"
    assert recognise(text).value == "10.1021/ja01577a030"


def test_dois_keep_their_own_brackets():
    assert parse_doi("10.1002/(SICI)1097-4636(199812)43:4<385::AID-JBM5>3.0.CO;2-5") == (
        "10.1002/(SICI)1097-4636(199812)43:4<385::AID-JBM5>3.0.CO;2-5")


@pytest.mark.parametrize(("text", "digits"), [
    ("978-0-14-032872-1", "9780140328721"), ("ISBN 0-14-032872-6", "0140328726"),
    ("isbn:9780140328721", "9780140328721"), ("0 8044 2957 X", "080442957X"),
])
def test_isbns_with_a_good_check_digit_are_recognised(text, digits):
    identifier = recognise(text)
    assert identifier.kind == "isbn" and identifier.value == digits


def test_a_mistyped_isbn_is_said_to_be_one():
    with pytest.raises(FetchError, match="check digit is wrong"):
        recognise("978-0-14-032872-2")
    assert not isbn_is_valid("0140328727")
    assert isbn13("0140328726") == "9780140328721"


def test_addresses_and_nonsense():
    assert recognise("example.com/news/story").value == "https://example.com/news/story"
    with pytest.raises(FetchError) as caught:
        recognise("the minister said so")
    assert caught.value.kind == errors.ADDRESS and "DOI" in str(caught.value)
    assert source_identifier("file:///etc/passwd") is None
    assert source_identifier("https://example.com/a").kind == "url"
    assert source_identifier("two\nlines") is None


# --- looking them up ------------------------------------------------------------------

def test_a_doi_is_filled_in_from_csl_json_by_content_negotiation(web, config):
    draft = fill_in_reference("https://doi.org/10.1021/ja01577a030", config=config)
    assert draft.kind == "doi" and draft.doi == "10.1021/ja01577a030"
    assert draft.title == "Correlation of the Base Strengths of Amines1"
    assert draft.author == "H. K. Hall Jr."
    assert draft.published == "1957-10"
    assert draft.container == "Journal of the American Chemical Society"
    assert draft.publisher == "American Chemical Society (ACS)"
    assert draft.url == "https://doi.org/10.1021/ja01577a030"
    assert draft.found_by["title"] == "doi.org (CSL-JSON)"
    path, headers = web.requests[0]
    assert path == "/doi/10.1021/ja01577a030" and CSL_JSON in headers["Accept"]
    reference = draft.to_reference()
    assert reference.title == draft.title and reference.author == "H. K. Hall Jr."
    assert "Journal of the American Chemical Society" in reference.note


def test_an_unknown_doi_is_not_found(web, config):
    with pytest.raises(FetchError) as caught:
        fill_in_reference("10.9999/nothing.here", config=config)
    assert caught.value.kind == errors.NOT_FOUND and "10.9999/nothing.here" in str(caught.value)


def test_a_doi_answered_with_its_landing_page_is_read_as_a_page(web, config):
    # A registration agency that ignores content negotiation sends HTML.
    web.route_prefix("/doi/", lambda h: h.redirect("/scholarly.html"))
    draft = fill_in_reference("10.5555/jcd.2018.042", config=config)
    assert draft.title == "Counting deployed forces: official caps and actual presence"
    assert draft.url == "https://doi.org/10.5555/jcd.2018.042"


def test_csl_json_that_is_not_json_says_so(web, config):
    web.route_prefix("/doi/", lambda h: h.answer(Answer(200, b"{not json", {}, CSL_JSON)))
    with pytest.raises(FetchError) as caught:
        fill_in_reference("10.1021/ja01577a030", config=config)
    assert caught.value.kind == errors.SERVICE


def test_an_isbn_is_filled_in_from_open_library(web, config):
    draft = fill_in_reference("978-0-14-032872-1", config=config)
    assert draft.title == "Fantastic Mr. Fox" and draft.author == "Roald Dahl"
    assert draft.publisher == "Puffin" and draft.published == "October 1, 1988"
    assert draft.isbn == "9780140328721"
    assert draft.url == "https://openlibrary.org/books/OL7353617M/Fantastic_Mr._Fox"
    reference = draft.to_reference()
    assert "ISBN 9780140328721" in reference.note and "Puffin" in reference.note
    path, _ = web.requests[0]
    assert path == "/openlibrary/api/books?bibkeys=ISBN:9780140328721&format=json&jscmd=data"


def test_an_isbn_missing_from_the_books_api_uses_the_edition_record(web, config):
    draft = fill_in_reference("0-14-032872-6", config=config)  # the api answers {} for it
    assert draft.title == "Fantastic Mr. Fox" and draft.author == "Roald Dahl"
    assert draft.publisher == "Puffin" and draft.isbn == "9780140328721"
    assert draft.found_by["author"] == "Open Library (edition record)"


def test_an_isbn_open_library_does_not_know(web, config):
    with pytest.raises(FetchError) as caught:
        fill_in_reference("9780306406157", config=config)
    assert caught.value.kind == errors.NOT_FOUND and "9780306406157" in str(caught.value)


def test_a_page_is_filled_in_from_json_ld_and_opengraph(web, config):
    web.route("/world/troops-iraq", lambda h: h.redirect("/article.html"))
    draft = fill_in_reference(web.url("/article.html?utm_source=feed"), config=config)
    assert draft.title == "Troop numbers in Iraq questioned"
    assert draft.author == "Jane Roe, Omar Haddad"  # JSON-LD, @id resolved in the @graph
    assert draft.published == "2017-03-09" and draft.publisher == "The Harbour Gazette"
    assert draft.found_by["author"] == "JSON-LD (newsarticle)"
    assert draft.accessed and draft.provenance is not None


def test_citation_tags_win_over_opengraph(web, config):
    draft = fill_in_reference(web.url("/scholarly.html"), config=config)
    assert draft.title == "Counting deployed forces: official caps and actual presence"
    assert draft.author == "Maria Lindqvist, Chidi Okafor"
    assert draft.published == "2018-06-15"
    assert draft.container == "Journal of Conflict Data" and draft.doi == "10.5555/jcd.2018.042"
    assert set(draft.found_by.values()) == {"citation_* meta tags"}


def test_a_pdf_address_is_filled_in_from_the_document(web, config):
    from tests.format_fixtures import make_pdf

    web.route("/paper.pdf", Answer(200, make_pdf(["Body"], title="A paper", author="A. Author"),
                                   {}, "application/pdf"))
    draft = fill_in_reference(web.url("/paper.pdf"), config=config)
    assert draft.title == "A paper" and draft.author == "A. Author"


def test_a_lookup_that_fails_says_why_in_one_line(web, config):
    with pytest.raises(FetchError) as caught:
        fill_in_reference(web.url("/legal"), config=config)
    assert caught.value.status == 451 and "\n" not in str(caught.value)


@pytest.mark.parametrize(("text", "normalised"), [
    ("https://Example.COM/a b?q=é#part", "https://example.com/a%20b?q=%C3%A9"),
    ("http://例え.jp/", "http://xn--r8jz45g.jp/"),
    ("https://example.com:443/x", "https://example.com/x"),
    ("http://127.0.0.1:8080", "http://127.0.0.1:8080/"),
])
def test_addresses_are_normalised_as_sent_and_recorded(text, normalised):
    from desktop.storage.web.address import parse_address

    assert parse_address(text) == normalised


@pytest.mark.parametrize(("text", "words"), [
    ("https://user:secret@example.com/", "user name or password"),
    ("https:///path-only", "names no host"),
    ("https://exa mple.com/", "invalid host name"),
    ("", "Type or paste"),
])
def test_bad_addresses_say_what_is_wrong(text, words):
    from desktop.storage.web.address import parse_address

    with pytest.raises(FetchError, match=words):
        parse_address(text)
