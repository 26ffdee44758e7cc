"""A web page's bibliographic details: title, authors, date, publisher, journal, DOI.

Sources, most deliberate first — each field comes from the first that has it:

1. Highwire/Google Scholar ``citation_*`` meta tags (journals, repositories, many
   newspapers): written for citation managers, so the most exact;
2. schema.org JSON-LD (``Article``, ``NewsArticle``, ``ScholarlyArticle`` and the other
   ``…Article`` types, ``BlogPosting``, ``Report``), found at the top, in a list or in an
   ``@graph``, with ``@id`` references to people and organisations resolved;
3. OpenGraph (``og:title``, ``og:site_name``, ``article:published_time``, ``article:author``
   when it is a name, not a profile address) and ``<meta name="author">``;
4. trafilatura's own metadata (it also reads Dublin Core and guesses dates with htmldate).

``found_by`` records where each field came from, for the dialog that shows them for
correction. The page is untrusted: lxml parses it (nothing is run or fetched), JSON-LD
blocks are size- and count-limited, and the walk through them is bounded.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

MAX_JSONLD_BLOCKS = 20
MAX_JSONLD_CHARS = 1_000_000
MAX_JSONLD_NODES = 5_000
_ARTICLE_TYPES = {"article", "blogposting", "report", "socialmediaposting", "liveblogposting",
                  "webpage"}  # "webpage" only as a last resort, see _jsonld
_DATE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")


@dataclass(slots=True)
class PageMetadata:
    title: str = ""
    authors: list[str] = field(default_factory=list)
    published: str = ""  # YYYY-MM-DD (or YYYY-MM, YYYY), else the page's own text
    publisher: str = ""  # the publishing organisation, or the site's name
    container: str = ""  # journal or conference, for scholarly pages
    doi: str = ""
    url: str = ""  # the page's canonical address, if it declares one
    found_by: dict[str, str] = field(default_factory=dict)  # field → source

    @property
    def author(self) -> str:
        return ", ".join(self.authors)

    def take(self, name: str, value: Any, source: str) -> None:
        """Set ``name`` from ``source`` unless an earlier source already did."""
        if not value or getattr(self, name):
            return
        setattr(self, name, value)
        self.found_by[name] = source


def page_metadata(html: str, url: str = "") -> PageMetadata:
    """Everything ``html`` says about itself, by the order above."""
    meta = PageMetadata()
    tree = _parse(html)
    if tree is not None:
        tags = _meta_tags(tree)
        _citation(meta, tags)
        items, ids = _jsonld(tree)
        for item in items:
            _from_jsonld(meta, item, ids)
        _opengraph(meta, tags, tree)
    _trafilatura(meta, html, url)
    meta.published = normalise_date(meta.published)
    return meta


def normalise_date(value: str) -> str:
    """``2017/03/08``, ``2017-03-08T10:00:00Z`` → ``2017-03-08``; other text as it is."""
    value = " ".join(value.split())
    match = _DATE.match(value)
    if not match:
        return value
    year, month, day = match.groups()
    parts = [year]
    if month and 1 <= int(month) <= 12:
        parts.append(f"{int(month):02d}")
        if day and 1 <= int(day) <= 31:
            parts.append(f"{int(day):02d}")
    return "-".join(parts)


def _parse(html: str) -> Any:
    try:
        import lxml.html
    except ImportError:  # pragma: no cover - installed with trafilatura
        return None
    try:
        return lxml.html.document_fromstring(html)
    except Exception:  # empty, or not markup at all
        return None


def _meta_tags(tree: Any) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = (element.get("name") or element.get("property") or element.get("itemprop")
               or "").strip().lower()
        value = " ".join((element.get("content") or "").split())
        if key and value:
            tags.setdefault(key, []).append(value)
    return tags


def _first(tags: dict[str, list[str]], *names: str) -> str:
    for name in names:
        if tags.get(name):
            return tags[name][0]
    return ""


def _citation(meta: PageMetadata, tags: dict[str, list[str]]) -> None:
    source = "citation_* meta tags"
    meta.take("title", _first(tags, "citation_title"), source)
    authors = tags.get("citation_author", [])
    meta.take("authors", [_person_order(a) for a in authors], source)
    meta.take("published", _first(tags, "citation_publication_date", "citation_date",
                                  "citation_online_date", "citation_cover_date"), source)
    meta.take("publisher", _first(tags, "citation_publisher", "dc.publisher"), source)
    meta.take("container", _first(tags, "citation_journal_title", "citation_conference_title",
                                  "citation_inbook_title"), source)
    meta.take("doi", _first(tags, "citation_doi"), source)
    meta.take("url", _first(tags, "citation_abstract_html_url", "citation_fulltext_html_url"),
              source)


def _person_order(name: str) -> str:
    """citation_author is often "Family, Given": shown as "Given Family"."""
    if name.count(",") == 1:
        family, given = (part.strip() for part in name.split(","))
        if family and given:
            return f"{given} {family}"
    return name


def _jsonld(tree: Any) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The article-like items of the page's JSON-LD, best first (articles before pages)."""
    import orjson

    items: list[dict[str, Any]] = []
    ids: dict[str, dict[str, Any]] = {}
    blocks = [s for s in tree.iter("script")
              if (s.get("type") or "").strip().lower() == "application/ld+json"]
    budget = [MAX_JSONLD_NODES]
    for script in blocks[:MAX_JSONLD_BLOCKS]:
        text = (script.text or "").strip()
        if not text or len(text) > MAX_JSONLD_CHARS:
            continue
        try:
            data = orjson.loads(text)
        except orjson.JSONDecodeError:
            continue
        _collect(data, items, ids, budget)
    articles = [i for i in items if "webpage" not in _types(i)]
    pages = [i for i in items if "webpage" in _types(i)]
    return articles + pages, ids


def _collect(data: Any, items: list[dict[str, Any]], ids: dict[str, dict[str, Any]],
             budget: list[int]) -> None:
    stack = [data]
    while stack and budget[0] > 0:
        node = stack.pop()
        budget[0] -= 1
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            node_id = node.get("@id")
            if isinstance(node_id, str) and len(node) > 1:
                ids.setdefault(node_id, node)
            types = _types(node)
            if any(t.endswith("article") or t in _ARTICLE_TYPES for t in types):
                items.append(node)
            graph = node.get("@graph")
            if isinstance(graph, list):
                stack.extend(reversed(graph))
            main = node.get("mainEntity") or node.get("mainEntityOfPage")
            if isinstance(main, dict):
                stack.append(main)


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    return [k.rsplit("/", 1)[-1].lower() for k in kinds if isinstance(k, str)]


def _from_jsonld(meta: PageMetadata, item: dict[str, Any],
                 ids: dict[str, dict[str, Any]]) -> None:
    kind = next(iter(_types(item)), "article")
    source = f"JSON-LD ({kind})"
    meta.take("title", _text(item.get("headline")) or _text(item.get("name")), source)
    meta.take("authors", _names(item.get("author"), ids), source)
    meta.take("published", _text(item.get("datePublished"))
              or _text(item.get("dateCreated")), source)
    publisher = _names(item.get("publisher"), ids)
    meta.take("publisher", publisher[0] if publisher else "", source)
    part_of = _resolve(item.get("isPartOf"), ids)
    if isinstance(part_of, dict) and "periodical" in " ".join(_types(part_of)):
        meta.take("container", _text(part_of.get("name")), source)
    meta.take("url", _text(item.get("url")) if isinstance(item.get("url"), str) else "", source)


def _resolve(value: Any, ids: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, dict) and set(value) == {"@id"}:
        return ids.get(value["@id"], value)
    return value


def _names(value: Any, ids: dict[str, dict[str, Any]]) -> list[str]:
    values = value if isinstance(value, list) else [value]
    names = []
    for entry in values[:50]:
        entry = _resolve(entry, ids)
        if isinstance(entry, str):
            name = _text(entry)
        elif isinstance(entry, dict):
            name = _text(entry.get("name"))
            if not name:
                parts = [_text(entry.get(k)) for k in ("givenName", "familyName")]
                name = " ".join(p for p in parts if p)
        else:
            name = ""
        if name and not _looks_like_address(name) and name not in names:
            names.append(name)
    return names


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), "")
    return " ".join(value.split()) if isinstance(value, str) else ""


def _looks_like_address(text: str) -> bool:
    return bool(re.match(r"^(https?:)?//|^www\.", text, re.IGNORECASE))


def _opengraph(meta: PageMetadata, tags: dict[str, list[str]], tree: Any) -> None:
    meta.take("title", _first(tags, "og:title", "twitter:title"), "OpenGraph")
    authors = [a for a in tags.get("article:author", []) if not _looks_like_address(a)]
    meta.take("authors", authors, "OpenGraph")
    named = [a for a in tags.get("author", []) if not _looks_like_address(a)]
    meta.take("authors", named, "<meta name=author>")
    meta.take("published", _first(tags, "article:published_time", "og:published_time"),
              "OpenGraph")
    meta.take("publisher", _first(tags, "og:site_name"), "OpenGraph")
    meta.take("url", _first(tags, "og:url"), "OpenGraph")
    canonical = next((link.get("href", "") for link in tree.iter("link")
                      if "canonical" in (link.get("rel") or "").lower().split()), "")
    meta.take("url", canonical.strip(), "<link rel=canonical>")


def _trafilatura(meta: PageMetadata, html: str, url: str) -> None:
    if meta.title and meta.authors and meta.published and meta.publisher:
        return  # nothing left for it to add: skip its (slower) pass
    try:
        from trafilatura.metadata import extract_metadata
    except ImportError:  # pragma: no cover - a dependency
        return
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        found = extract_metadata(html, default_url=url or None)
    except Exception:  # an odd page must not break the lookup
        return
    source = "trafilatura"
    meta.take("title", _text(getattr(found, "title", "")), source)
    author = _text(getattr(found, "author", ""))
    meta.take("authors", [a.strip() for a in author.split(";") if a.strip()], source)
    meta.take("published", _text(getattr(found, "date", "")), source)
    meta.take("publisher", _text(getattr(found, "sitename", "")), source)
    if not meta.title:
        title = tree_title(html)
        meta.take("title", title, "<title>")


def tree_title(html: str) -> str:
    match = re.search(r"<title[^>]*>(.*?)</title>", html[:200_000], re.IGNORECASE | re.DOTALL)
    if not match:
        return ""
    import html as html_module

    return " ".join(html_module.unescape(match.group(1)).split())
