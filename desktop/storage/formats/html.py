"""Saved web pages: the article without the site around it, with its title, author, date, URL.

trafilatura (Apache-2.0; its dependencies are BSD/MIT/Apache/MPL, none GPL or AGPL)
finds the article and its metadata; its cleaned article HTML is then turned into text
by our own ``html_text``. Pages where it finds nothing fall back to ``html_text`` alone,
keeping ``<article>``/``<main>`` and dropping navigation, headers, footers and asides.
Nothing in the page is run or fetched.
"""

from __future__ import annotations

import codecs
import logging
import re
from itertools import islice

from desktop.domain.model import Document
from desktop.storage.errors import DocumentError
from desktop.storage.formats.base import Source
from desktop.storage.formats.html_text import (
    for_extraction,
    html_to_text,
    relocate_readings,
)
from desktop.storage.formats.text import decode_text

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""",
                           re.IGNORECASE)
MIN_ARTICLE_SHARE = 0.05  # an "article" this small a part of the page text is a miss
# A work budget for article extraction (see README, "Your data"): past it, the page's
# own text as lxml reads it, and a load warning saying why.
MAX_EXTRACT_BLOCKS = 2_500
MAX_EXTRACT_CHARS = 4_000_000
_BLOCK = re.compile(r"<(?:p|div|li|tr|td|h[1-6]|section|article|blockquote|pre|dd|dt)[\s>/]",
                    re.IGNORECASE)


def load_html(source: Source) -> Document:
    html, encoding = decode_html(source)
    source.step(0.1)
    full = html_to_text(html, drop_boilerplate=True,
                        step=lambda f: source.step(0.2 + 0.5 * f))
    source.step(0.7)
    warnings = []
    too_much = _beyond_extraction_budget(html)
    if too_much:  # the lxml reading above stands: the page without its site
        article = None
        warnings.append(too_much)
    else:
        article = _extract_article(html)
    source.step(0.95)
    if article is not None and len(article[0].text) >= MIN_ARTICLE_SHARE * len(full.text):
        body, meta = article
        # The article was read without its ruby readings: take them from the page's.
        body.readings = relocate_readings(full.readings, full.text, body.text)
    else:
        body, meta = full, {}
    if not body.text.strip():
        raise DocumentError(f"“{source.name}” is a web page with no readable text.")
    title = meta.get("title") or full.meta.get("title") or full.title or body.first_heading
    return Document(
        text=body.text,
        styles=body.styles,
        readings=body.readings,
        title=title,
        media_type="text/html",
        encoding=encoding,
        author=meta.get("author") or full.meta.get("author", ""),
        published=meta.get("date") or full.meta.get("published", ""),
        url=meta.get("url") or full.meta.get("url", ""),
        load_warnings=warnings,
    )


def _beyond_extraction_budget(html: str) -> str:
    """Why the page is too big to look for its article in ("" if it is not).

    trafilatura's cost grows with the page's blocks (0.3 ms each here, twice over) and
    some of it holds the interpreter: a 1 MB page of 18,000 paragraphs took 17–25 s and
    froze the window for a second at a time. Real articles have a few hundred blocks,
    whole news front pages about a thousand.
    """
    if len(html) > MAX_EXTRACT_CHARS:
        return (f"the page is longer than {MAX_EXTRACT_CHARS // 1_000_000} million "
                "characters, too long to look for its article in: its whole text is shown "
                "(without navigation, headers, footers and asides)")
    blocks = sum(1 for _ in islice(_BLOCK.finditer(html), MAX_EXTRACT_BLOCKS + 1))
    if blocks > MAX_EXTRACT_BLOCKS:
        return (f"the page has more than {MAX_EXTRACT_BLOCKS:,} paragraphs and blocks, too "
                "many to look for its article in: its whole text is shown (without "
                "navigation, headers, footers and asides)")
    return ""


def decode_html(source: Source) -> tuple[str, str]:
    """The page as text: the user's choice, a BOM, the declared charset, or detection."""
    raw = source.raw
    if not source.encoding and not raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                                                   codecs.BOM_UTF16_BE)):
        declared = _META_CHARSET.search(raw[:4096])
        if declared:
            try:
                codec = codecs.lookup(declared.group(1).decode("ascii")).name
                return raw.decode(codec), codec
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration: detect instead
    return decode_text(raw, source.name, source.encoding)


def _extract_article(html: str):
    """(article text, metadata) from trafilatura, or None when it finds no article."""
    try:
        import trafilatura  # heavy: loaded on the first web page only
    except ImportError:  # pragma: no cover - a dependency, but degrade gracefully
        return None
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # odd pages are not our errors
    html = for_extraction(html)  # ruby readings would be inline, MathML dropped
    try:
        meta = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True)
        article = trafilatura.extract(html, output_format="html", include_formatting=True,
                                      include_comments=False, favor_recall=True)
    except Exception:  # an untrusted page must not break the import
        return None
    if not article:
        return None
    found = {}
    if meta is not None:
        for key in ("title", "author", "date", "url"):
            value = getattr(meta, key, None)
            if isinstance(value, str) and value.strip():
                found[key] = value.strip()
    return html_to_text(article), found
