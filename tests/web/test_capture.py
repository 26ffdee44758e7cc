"""Open Address: a page fetched from the local server becomes a Document, read by the
reader its content type names, with its provenance — and it survives the study file."""

from __future__ import annotations

import base64
import gzip

import orjson
import pytest

from desktop.domain.digest import sha256_hex
from desktop.domain.factory import new_study_for
from desktop.storage.documents import load_document
from desktop.storage.errors import StudyFileError
from desktop.storage.provenance_data import page_bytes
from desktop.storage.saving import save_study
from desktop.storage.studyfile import load_study
from desktop.storage.web import errors
from desktop.storage.web.actions import open_address
from desktop.storage.web.errors import FetchError
from tests.format_fixtures import make_pdf
from tests.web.web_server import Answer, fixture


def refused(kind: str, address: str, config) -> str:
    with pytest.raises(FetchError) as caught:
        open_address(address, config=config)
    assert caught.value.kind == kind, f"{caught.value.kind}: {caught.value}"
    return str(caught.value)


def test_an_article_opens_with_its_details_and_provenance(web, config):
    document = open_address(web.url("/chain/2"), config=config)
    assert document.title == "Troop numbers in Iraq questioned"
    assert document.text.startswith("Troop numbers in Iraq questioned")
    assert "9,000 troops are currently stationed in Iraq" in document.text
    assert "Most read" not in document.text and "Subscribe" not in document.text
    assert document.author == "Jane Roe; Omar Haddad"
    assert document.published == "2017-03-09"
    assert document.source.publisher == "The Harbour Gazette"  # og:site_name / JSON-LD
    assert document.media_type == "text/html"
    assert document.url == web.url("/article.html") and document.source_path == ""
    p = document.provenance
    assert p is not None
    assert p.requested == web.url("/chain/2") and p.url == web.url("/article.html")
    assert p.redirects == (web.url("/chain/1"),)
    assert p.status == 200 and p.content_type == "text/html; charset=utf-8"
    body = fixture("article.html")
    assert p.sha256 == sha256_hex(body) and p.size == len(body)
    assert p.page is not None and page_bytes(p.page) == fixture("article.html")


def test_the_same_page_reads_the_same_fetched_or_saved(web, config, tmp_path):
    saved = tmp_path / "article.html"
    saved.write_bytes(fixture("article.html"))
    from_disk = load_document(saved)
    fetched = open_address(web.url("/article.html"), config=config)
    assert fetched.text == from_disk.text and fetched.styles == from_disk.styles


def test_provenance_and_the_kept_page_survive_the_study_file(web, config, tmp_path):
    document = open_address(web.url("/gzip"), config=config)
    path = tmp_path / "page.crosslight"
    save_study(new_study_for(document), path)
    data = orjson.loads(path.read_bytes())
    stored = data["documents"][0]["provenance"]
    assert stored["requested"] == web.url("/gzip") and stored["status"] == 200
    assert gzip.decompress(base64.b64decode(stored["page"]["data"])) == fixture("article.html")
    again = load_study(path).study.main_document
    assert again is not None and again.provenance == document.provenance


def test_a_tampered_saved_page_is_refused_as_damaged(web, config, tmp_path):
    document = open_address(web.url("/article.html"), config=config)
    path = tmp_path / "page.crosslight"
    save_study(new_study_for(document), path)
    data = orjson.loads(path.read_bytes())
    forged = fixture("article.html").replace(b"9,000", b"1,000")
    data["documents"][0]["provenance"]["page"]["data"] = base64.b64encode(
        gzip.compress(forged)).decode()
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(StudyFileError, match="does not match its recorded SHA-256"):
        load_study(path)


def test_pages_are_kept_only_when_the_preference_says_and_not_too_large(web, config):
    assert open_address(web.url("/article.html"),
                        config=config.with_(keep_page=False)).provenance.page is None
    small = config.with_(keep_page_limit=1000)  # the article is 2.5 kB
    document = open_address(web.url("/article.html"), config=small)
    assert document.provenance.page is None and document.provenance.sha256  # hash still kept


def test_a_pdf_opens_by_its_content_type(web, config):
    pdf = make_pdf(["First page of the report", "Second page"], title="Force report")
    web.route("/download", Answer(200, pdf, {}, "application/pdf"))
    document = open_address(web.url("/download?id=7"), config=config)
    assert document.media_type == "application/pdf"
    assert "First page of the report" in document.text and len(document.pages) == 2
    assert document.provenance.sha256 == sha256_hex(pdf)


def test_an_untyped_download_is_read_by_its_suffix_or_first_bytes(web, config):
    pdf = make_pdf(["Untyped but a PDF"])
    web.route("/files/report.pdf", Answer(200, pdf, {}, "application/octet-stream"))
    web.route("/files/blob", Answer(200, pdf, {}, ""))
    assert "Untyped but a PDF" in open_address(web.url("/files/report.pdf"), config=config).text
    assert "Untyped but a PDF" in open_address(web.url("/files/blob"), config=config).text


def test_plain_text_is_decoded_with_the_charset_the_server_names(web, config):
    text = "Новости: численность войск в Ираке оспаривается.\nВторая строка."
    web.route("/news.txt", Answer(200, text.encode("cp1251"), {},
                                  "text/plain; charset=windows-1251"))
    document = open_address(web.url("/news.txt"), config=config)
    assert document.text.startswith("Новости: численность") and document.encoding == "cp1251"


def test_a_wrong_charset_header_falls_back_to_detection(web, config):
    text = "Café crème, déjà vu — naïve façade."
    web.route("/wrong.txt", Answer(200, text.encode("utf-8"), {}, "text/plain; charset=ascii"))
    assert open_address(web.url("/wrong.txt"), config=config).text == text


def test_markdown_opens_rendered(web, config):
    web.route("/notes.md", Answer(200, b"# Heading\n\nSome **bold** claim.\n", {},
                                  "text/markdown; charset=utf-8"))
    document = open_address(web.url("/notes.md"), config=config)
    assert document.text.startswith("Heading") and "**" not in document.text


@pytest.mark.parametrize(("path", "words"), [("/image.png", "an image (image/png)"),
                                              ("/data.json", "data (application/json)")])
def test_content_crosslight_does_not_read_is_refused_by_type(web, config, path, words):
    message = refused(errors.CONTENT_TYPE, web.url(path), config)
    assert words in message and "PDF" in message


@pytest.mark.parametrize("path", ["/empty-page", "/no-text"])
def test_a_page_without_text_is_not_an_article(web, config, path):
    message = refused(errors.NOT_ARTICLE, web.url(path), config)
    assert "empty" in message or "not an article" in message


def test_a_damaged_pdf_says_it_cannot_be_read(web, config):
    web.route("/broken.pdf", Answer(200, b"%PDF-1.4\n garbage that is not a PDF", {},
                                    "application/pdf"))
    message = refused(errors.UNREADABLE, web.url("/broken.pdf"), config)
    assert "broken.pdf" in message


def test_progress_covers_the_download_then_the_reading(web, config):
    stages: list[tuple[str, int, int | None]] = []
    open_address(web.url("/article.html"), config=config,
                 progress=lambda stage, done, total: stages.append((stage, done, total)))
    assert stages[0][0].startswith("Fetching ")
    assert stages[-1][0].startswith("Reading 127.0.0.1/article.html")
    assert stages[-1][1] == stages[-1][2] == 1000


# --- the real-world corpus, served -----------------------------------------------------

@pytest.mark.parametrize("name", ["html_rb_guardian-1.html", "html_rb_bbc-1.html",
                                  "html_rb_lemonde-1.html", "html_rb_wikipedia.html",
                                  "html_rb_rtl-1.html", "html_tf_stackoverflow.html"])
def test_real_saved_pages_read_the_same_by_address(web, config, corpus, name):
    path = corpus / name
    web.page(f"/real/{name}", path.read_bytes(), "text/html")
    fetched = open_address(web.url(f"/real/{name}"), config=config)
    on_disk = load_document(path)
    assert fetched.text == on_disk.text
    assert fetched.title == on_disk.title
    assert fetched.provenance.sha256 == sha256_hex(path.read_bytes())


@pytest.mark.parametrize(("name", "content_type"), [
    ("war_and_peace_ru_koi8r.txt", "text/plain; charset=koi8-r"),
    ("ja_kusamakura_sjis.txt", "text/plain; charset=Shift_JIS"),
    ("pdf_multicolumn.pdf", "application/pdf"),
    ("epub_alice.epub", "application/epub+zip"),
    ("docx_test.docx",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
])
def test_real_documents_open_by_content_type(web, config, corpus, name, content_type):
    path = corpus / name
    web.route(f"/get/{path.stem}", Answer(200, path.read_bytes(), {}, content_type))
    fetched = open_address(web.url(f"/get/{path.stem}"), config=config)
    assert fetched.text == load_document(path).text


def test_cancel_while_the_page_is_being_read_opens_nothing(web, config):
    from desktop.storage.web.cancel import CancelToken
    from desktop.storage.web.errors import FetchCancelledError

    cancel = CancelToken()

    def progress(stage: str, done: int, total: int | None) -> None:
        if stage.startswith("Reading"):
            cancel.cancel()

    with pytest.raises(FetchCancelledError):
        open_address(web.url("/article.html"), config=config, progress=progress, cancel=cancel)


def test_open_address_runs_on_a_worker_thread(web, config):
    import threading

    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(
        open_address(web.url("/article.html"), config=config)))
    worker.start()
    worker.join(30)
    assert result and result[0].title == "Troop numbers in Iraq questioned"
