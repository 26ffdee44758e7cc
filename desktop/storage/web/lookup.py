"""Filling in a reference from what the user pasted: a web address, a DOI or an ISBN.

- a **web address**: the page is fetched and its own metadata read (``metadata``:
  citation_* tags, JSON-LD, OpenGraph, trafilatura); a PDF or other document gives
  the title and author its reader found;
- a **DOI**: CSL-JSON by content negotiation from doi.org (``Accept:
  application/vnd.citationstyles.csl+json``), which Crossref, DataCite and mEDRA answer;
  the CSL-JSON importer (``storage.importers.csl_json``) maps it to a reference, so a
  DOI looked up and a Zotero export read the same way. A registration agency that
  ignores the Accept header sends its landing page, which is then read as a web page;
- an **ISBN**: Open Library's Books API (``/api/books?bibkeys=ISBN:…&jscmd=data``), and
  its edition record (``/isbn/….json``, with author names looked up) when the first
  has no entry.

The result is a ``ReferenceDraft``: every field shown in the dialog for correction,
with where each came from; ``to_reference()`` makes the library entry once the user
accepts it. Service addresses come from ``WebConfig`` (settings), so tests use a local
server.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from desktop.domain.model import Reference
from desktop.domain.provenance import Provenance
from desktop.storage.web.address import host_of, normalise
from desktop.storage.web.cancel import CancelToken
from desktop.storage.web.client import FetchProgress, Response, fetch
from desktop.storage.web.config import WebConfig
from desktop.storage.web.errors import HTTP_STATUS, NOT_FOUND, SERVICE, FetchError
from desktop.storage.web.identifiers import Identifier, isbn13, recognise
from desktop.storage.web.transport import Transport

CSL_JSON = "application/vnd.citationstyles.csl+json"
MAX_SERVICE_BYTES = 4 * 1024 * 1024  # a CSL record or a book's data is a few kB
MAX_AUTHOR_LOOKUPS = 5


@dataclass(slots=True)
class ReferenceDraft:
    """A reference as looked up, before the user corrects and accepts it."""

    kind: str  # "url", "doi" or "isbn": what was recognised
    query: str  # the address, DOI or ISBN digits looked up
    url: str = ""
    title: str = ""
    author: str = ""  # authors, ", "-separated
    published: str = ""
    accessed: str = ""  # today, for web pages (when it was read)
    publisher: str = ""
    container: str = ""  # journal, book series
    doi: str = ""
    isbn: str = ""
    note: str = ""
    found_by: dict[str, str] = field(default_factory=dict)  # field → where it came from
    provenance: Provenance | None = None  # the fetch of a web page, for the record

    def to_reference(self) -> Reference:
        """The library entry: author (or, without one, the publisher) and the details
        that have no field of their own (journal, publisher, DOI, ISBN) in the note."""
        author = self.author or self.publisher
        details = [d for d in (self.container,
                               self.publisher if self.author else "",
                               f"ISBN {self.isbn}" if self.isbn else "",
                               f"https://doi.org/{self.doi}" if self.doi and
                               self.doi not in self.url else "") if d]
        note = self.note or ", ".join(details)
        return Reference(url=self.url, title=self.title, author=author,
                         published=self.published, accessed=self.accessed, note=note)


def fill_in(
    text: str,
    *,
    config: WebConfig | None = None,
    progress: FetchProgress | None = None,
    cancel: CancelToken | None = None,
    transport: Transport | None = None,
) -> ReferenceDraft:
    """Recognise ``text`` and look it up; FetchError with one sentence if that fails."""
    config = config or WebConfig()
    identifier = recognise(text)
    own = transport is None
    transport = transport or Transport(config)
    try:
        kwargs: dict[str, Any] = {"config": config, "progress": progress, "cancel": cancel,
                                  "transport": transport}
        if identifier.kind == "doi":
            return lookup_doi(identifier.value, **kwargs)
        if identifier.kind == "isbn":
            return lookup_isbn(identifier.value, **kwargs)
        return lookup_page(identifier.value, **kwargs)
    finally:
        if own:
            transport.close()


def lookup_page(url: str, *, config: WebConfig, progress: FetchProgress | None = None,
                cancel: CancelToken | None = None,
                transport: Transport | None = None) -> ReferenceDraft:
    from desktop.domain.ids import utc_now

    response = fetch(url, config=config, progress=progress, cancel=cancel,
                     transport=transport,
                     accept="text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.5")
    draft = ReferenceDraft("url", url, url=response.url, accessed=utc_now()[:10],
                           provenance=response.provenance())
    if response.media_type in ("text/html", "application/xhtml+xml", ""):
        _fill_from_page(draft, response)
    else:
        _fill_from_document(draft, response, config, cancel)
    return draft


def _fill_from_page(draft: ReferenceDraft, response: Response) -> None:
    from desktop.storage.web.capture import decode_page
    from desktop.storage.web.metadata import page_metadata

    meta = page_metadata(decode_page(response), response.url)
    draft.title, draft.author, draft.published = meta.title, meta.author, meta.published
    draft.publisher, draft.container, draft.doi = meta.publisher, meta.container, meta.doi
    found = {("author" if k == "authors" else k): v for k, v in meta.found_by.items()}
    canonical = _same_site_address(meta.url, response.url)
    if canonical:  # the page's own address for itself: without tracking parameters
        draft.url = canonical
    else:
        found.pop("url", None)
    draft.found_by = found


def _same_site_address(candidate: str, fetched: str) -> str:
    try:
        address = normalise(candidate)
    except FetchError:
        return ""
    return address if host_of(address) == host_of(fetched) else ""


def _fill_from_document(draft: ReferenceDraft, response: Response, config: WebConfig,
                        cancel: CancelToken | None) -> None:
    from desktop.storage.web.capture import document_from_response

    document = document_from_response(response, config=config.with_(keep_page=False),
                                      cancel=cancel)
    draft.title, draft.author, draft.published = (document.title, document.author,
                                                  document.published)
    reader = f"the {response.media_type or 'document'} itself"
    draft.found_by = {k: reader for k in ("title", "author", "published")
                      if getattr(draft, k)}


def lookup_doi(doi: str, *, config: WebConfig, progress: FetchProgress | None = None,
               cancel: CancelToken | None = None,
               transport: Transport | None = None) -> ReferenceDraft:
    import orjson

    from desktop.storage.importers.common import ImportFormatError
    from desktop.storage.importers.csl_json import references_from_csl

    address = _join(config.doi_base, quote(doi, safe="/:;()[]<>.-_~"))
    try:
        response = fetch(address, config=config, accept=f"{CSL_JSON}, application/json;q=0.5",
                         progress=progress, cancel=cancel, transport=transport,
                         max_bytes=MAX_SERVICE_BYTES)
    except FetchError as err:
        if err.kind == HTTP_STATUS and err.status == 404:
            raise FetchError(f"No DOI “{doi}” is registered (doi.org does not know it): "
                             "check it.", NOT_FOUND, url=address, status=404) from None
        raise
    if "json" not in response.media_type:
        if response.media_type in ("text/html", "application/xhtml+xml"):
            draft = ReferenceDraft("doi", doi, url=f"https://doi.org/{doi}", doi=doi)
            _fill_from_page(draft, response)
            draft.url = f"https://doi.org/{doi}"
            return draft
        raise FetchError(f"doi.org answered {response.media_type or 'something'} for “{doi}”, "
                         "not citation data.", SERVICE, url=address)
    try:
        data = orjson.loads(response.body)
        references, _problems = references_from_csl(data, "doi.org's answer")
    except (orjson.JSONDecodeError, ImportFormatError) as err:
        raise FetchError(f"doi.org's citation data for “{doi}” is not readable ({err}).",
                         SERVICE, url=address) from None
    if not references:
        raise FetchError(f"doi.org sent no citation data for “{doi}”.", SERVICE, url=address)
    ref = references[0]
    item = data[0] if isinstance(data, list) and data else data
    item = item if isinstance(item, dict) else {}
    url = ref.url or f"https://doi.org/{doi}"
    if url.lower().startswith(("http://dx.doi.org/", "http://doi.org/", "https://dx.doi.org/")):
        url = "https://doi.org/" + url.split("doi.org/", 1)[1]  # the form the DOI Handbook asks
    draft = ReferenceDraft("doi", doi, url=url, title=ref.title,
                           author=ref.author, published=ref.published, doi=doi, note=ref.note,
                           publisher=_csl_text(item.get("publisher")),
                           container=_csl_text(item.get("container-title")))
    source = "doi.org (CSL-JSON)"
    draft.found_by = {k: source for k in ("title", "author", "published", "publisher",
                                         "container") if getattr(draft, k)}
    return draft


def _csl_text(value: Any) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), "")
    return " ".join(value.split()) if isinstance(value, str) else ""


def lookup_isbn(isbn: str, *, config: WebConfig, progress: FetchProgress | None = None,
                cancel: CancelToken | None = None,
                transport: Transport | None = None) -> ReferenceDraft:
    base = config.openlibrary_base
    address = _join(base, f"api/books?bibkeys=ISBN:{isbn}&format=json&jscmd=data")
    data = _json(address, config, progress, cancel, transport, "Open Library")
    entry = data.get(f"ISBN:{isbn}") if isinstance(data, dict) else None
    if isinstance(entry, dict) and entry.get("title"):
        return _book_from_data(isbn, entry)
    edition_address = _join(base, f"isbn/{isbn}.json")
    try:
        edition = _json(edition_address, config, progress, cancel, transport, "Open Library")
    except FetchError as err:
        if err.kind == HTTP_STATUS and err.status == 404:
            raise FetchError(f"Open Library has no book with ISBN {isbn}.", NOT_FOUND,
                             url=edition_address, status=404) from None
        raise
    if not isinstance(edition, dict) or not edition.get("title"):
        raise FetchError(f"Open Library has no book with ISBN {isbn}.", NOT_FOUND,
                         url=edition_address)
    return _book_from_edition(isbn, edition, base, config, cancel, transport)


def _book_from_data(isbn: str, entry: dict[str, Any]) -> ReferenceDraft:
    title = _csl_text(entry.get("title"))
    subtitle = _csl_text(entry.get("subtitle"))
    authors = [_csl_text(a.get("name")) for a in _dicts(entry.get("authors"))]
    publishers = [_csl_text(p.get("name")) for p in _dicts(entry.get("publishers"))]
    draft = ReferenceDraft(
        "isbn", isbn, url=_csl_text(entry.get("url")),
        title=f"{title}: {subtitle}" if subtitle else title,
        author=", ".join(a for a in authors if a) or _csl_text(entry.get("by_statement")),
        published=_csl_text(entry.get("publish_date")),
        publisher=", ".join(p for p in publishers if p), isbn=isbn13(isbn),
    )
    draft.found_by = {k: "Open Library" for k in ("title", "author", "published", "publisher")
                      if getattr(draft, k)}
    return draft


def _book_from_edition(isbn: str, edition: dict[str, Any], base: str, config: WebConfig,
                       cancel: CancelToken | None,
                       transport: Transport | None) -> ReferenceDraft:
    names = []
    for author in _dicts(edition.get("authors"))[:MAX_AUTHOR_LOOKUPS]:
        key = author.get("key")
        if not isinstance(key, str) or not key.startswith("/authors/"):
            continue
        try:
            record = _json(_join(base, key.lstrip("/") + ".json"), config, None, cancel,
                           transport, "Open Library")
        except FetchError as err:
            if err.kind == "cancelled":
                raise
            continue  # a missing author record leaves the name for the user to type
        name = _csl_text(record.get("name")) if isinstance(record, dict) else ""
        if name:
            names.append(name)
    title = _csl_text(edition.get("title"))
    subtitle = _csl_text(edition.get("subtitle"))
    key = _csl_text(edition.get("key"))
    draft = ReferenceDraft(
        "isbn", isbn, url=_join(base, key.lstrip("/")) if key.startswith("/books/") else "",
        title=f"{title}: {subtitle}" if subtitle else title,
        author=", ".join(names) or _csl_text(edition.get("by_statement")),
        published=_csl_text(edition.get("publish_date")),
        publisher=", ".join(p for p in (_csl_text(x) for x in _list(edition.get("publishers")))
                            if p),
        isbn=isbn13(isbn),
    )
    draft.found_by = {k: "Open Library (edition record)"
                      for k in ("title", "author", "published", "publisher") if getattr(draft, k)}
    return draft


def _json(address: str, config: WebConfig, progress: FetchProgress | None,
          cancel: CancelToken | None, transport: Transport | None, service: str) -> Any:
    import orjson

    response = fetch(address, config=config, accept="application/json", progress=progress,
                     cancel=cancel, transport=transport, max_bytes=MAX_SERVICE_BYTES)
    try:
        return orjson.loads(response.body)
    except orjson.JSONDecodeError:
        raise FetchError(f"{service} answered something that is not JSON.", SERVICE,
                         url=address) from None


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _join(base: str, rest: str) -> str:
    return base.rstrip("/") + "/" + rest.lstrip("/")


__all__ = ["Identifier", "ReferenceDraft", "fill_in", "lookup_doi", "lookup_isbn",
           "lookup_page"]
