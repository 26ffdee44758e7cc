"""A fetched page as a Document, read by the reader its content type names, with provenance.

The content type decides, not the address: ``text/html`` goes to the web-page reader
(trafilatura: the article without the site around it), ``application/pdf`` to the PDF
reader, ``text/plain`` and ``text/markdown`` to theirs, Word and EPUB likewise — the
same readers File › Open uses, called through ``storage.formats``' public entry point.
``application/octet-stream`` (and no type at all) falls back to the address's suffix
and the file's first bytes. Anything else (images, video, JSON…) is refused by name.

The document keeps ``provenance``: the address asked for and the one that answered,
when, the status and content type, and the SHA-256 of the bytes received — and those
bytes themselves (gzip-compressed) when the preference keeps pages and the page is
not larger than its limit. Its ``url`` is the address that answered; its author, date
and publisher are filled from the page's own metadata where the reader found none.
Never a half-made document: any failure raises before one is returned.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import replace
from posixpath import basename
from urllib.parse import unquote, urlsplit

from desktop.domain.model import Document
from desktop.domain.provenance import Provenance
from desktop.storage.errors import DocumentError
from desktop.storage.formats import FORMATS, loader_for
from desktop.storage.formats.base import ImportCancelledError, Source
from desktop.storage.provenance_data import save_page
from desktop.storage.web.cancel import CancelToken
from desktop.storage.web.client import Response
from desktop.storage.web.config import WebConfig
from desktop.storage.web.errors import (
    CONTENT_TYPE,
    NOT_ARTICLE,
    UNREADABLE,
    FetchCancelledError,
    FetchError,
)
from desktop.storage.web.failures import short

# Content types that name a format under another spelling than FORMATS' own.
_ALIASES = {
    "application/xhtml+xml": ".xhtml",
    "text/x-markdown": ".md",
    "application/x-pdf": ".pdf",
    "text/x-plain": ".txt",
}
_UNTYPED = {"", "application/octet-stream", "binary/octet-stream", "application/x-download",
            "application/force-download", "application/download"}
READABLE = "web page, text, Markdown, PDF, Word or EPUB"
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

Step = Callable[[float], None]


def suffix_for(response: Response) -> str | None:
    """The reader (as a FORMATS suffix) for this response; None if Crosslight has none."""
    media = response.media_type
    by_type = {f.media_type: suffix for suffix, f in reversed(FORMATS.items())}
    by_type.update(_ALIASES)
    if media in by_type:
        return by_type[media]
    if media not in _UNTYPED:
        return None
    suffix = _url_suffix(response.url)
    if suffix in FORMATS:
        return suffix
    return _sniff(response.body)


def document_from_response(
    response: Response,
    *,
    config: WebConfig | None = None,
    cancel: CancelToken | None = None,
    step: Step | None = None,
) -> Document:
    """The Document the response holds; FetchError (one sentence, a kind) otherwise."""
    config = config or WebConfig()
    name = display_name(response.url)
    suffix = suffix_for(response)
    if suffix is None:
        raise FetchError(f"“{name}” is {_kind_of(response.media_type)} "
                         f"({response.media_type or 'no content type'}), not a document "
                         f"Crosslight reads ({READABLE}).", CONTENT_TYPE, url=response.url)
    if not response.body.strip():
        raise FetchError(f"“{name}” is empty: the server sent nothing to read.", NOT_ARTICLE,
                         url=response.url)
    source = Source(response.body, name, _declared_encoding(response, suffix))
    if step is not None:
        source.progress = step
    if cancel is not None:
        source.cancelled = cancel
    try:
        document = loader_for(suffix)(source)
    except ImportCancelledError as err:
        raise FetchCancelledError(f"Opening “{name}” was cancelled.", url=response.url) from err
    except DocumentError as err:
        raise _unreadable(str(err), suffix, name, response.url) from err
    except Exception as err:  # a parser's bug or limit on hostile input
        raise _unreadable(f"“{name}” could not be read ({type(err).__name__}: "
                          f"{str(err)[:160]}).", suffix, name, response.url) from err
    if not document.text.strip():
        raise _unreadable(f"“{name}” has no readable text.", suffix, name, response.url)
    document.source_path = ""
    document.url = response.url
    if suffix in HTML_SUFFIXES:
        _add_page_metadata(document, response)
    title = document.title.strip()
    document.title = title[:120] if title else _fallback_title(document.text, name)
    document.provenance = provenance_of(response, config)
    return document


def provenance_of(response: Response, config: WebConfig) -> Provenance:
    """The response's provenance, with the page's bytes if the preference keeps them."""
    provenance = response.provenance()
    if config.keep_page and len(response.body) <= config.keep_page_limit:
        provenance = replace(provenance, page=save_page(response.body))
    return provenance


def display_name(url: str) -> str:
    """“example.com/news/article” — how messages name a page."""
    parts = urlsplit(url)
    path = unquote(parts.path).rstrip("/")
    shown = (parts.hostname or "") + path
    return short(shown or url, 80)


def decode_page(response: Response) -> str:
    """The page as text, as the web-page reader decodes it (header charset first)."""
    from desktop.storage.formats.html import decode_html

    source = Source(response.body, display_name(response.url),
                    _declared_encoding(response, ".html"))
    return decode_html(source)[0]


def _add_page_metadata(document: Document, response: Response) -> None:
    from desktop.storage.web.metadata import page_metadata

    try:
        meta = page_metadata(decode_page(response), response.url)
    except DocumentError:
        return
    if meta.title and not document.title.strip():
        document.title = meta.title
    if not document.author and meta.author:
        document.author = meta.author
    if not document.published and meta.published:
        document.published = meta.published
    if not document.source.publisher and meta.publisher:
        document.source.publisher = meta.publisher


def _declared_encoding(response: Response, suffix: str) -> str | None:
    """The header's charset for text formats, if it is real and the bytes decode with it;
    a byte-order mark wins over any header (as browsers do)."""
    if suffix in (".pdf", ".docx", ".epub") or not response.charset:
        return None
    body = response.body
    if body.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    try:
        codec = codecs.lookup(response.charset).name
        body.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return None  # a wrong header: let the reader detect
    return codec


def _unreadable(message: str, suffix: str, name: str, url: str) -> FetchError:
    if suffix in HTML_SUFFIXES:
        return FetchError(f"“{name}” is not an article: Crosslight found no readable text "
                          "on the page.", NOT_ARTICLE, url=url)
    return FetchError(message, UNREADABLE, url=url)


def _url_suffix(url: str) -> str:
    name = basename(urlsplit(url).path).lower()
    return name[name.rfind("."):] if "." in name else ""


def _sniff(body: bytes) -> str | None:
    head = body[:1024].lstrip().lower()
    if head.startswith(b"%pdf-"):
        return ".pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return ".html"
    return None


def _kind_of(media: str) -> str:
    top = media.split("/", 1)[0]
    return {"image": "an image", "video": "a video", "audio": "a sound file",
            "font": "a font"}.get(top) or ("data" if "json" in media or "xml" in media
                                           else "a file")


def _fallback_title(text: str, name: str) -> str:
    # The first lines only: splitting a whole book to find its first line held the GIL.
    first = next((line.strip() for line in text[:4096].splitlines() if line.strip()), "")
    first = first.lstrip("# ").strip()
    return first[:120] if first else name
