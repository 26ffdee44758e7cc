"""HTML to readable plain text with style spans, using only the standard library parser.

Used for saved web pages (when the article extractor finds nothing), EPUB chapters and
the article trafilatura extracted. Markup is only read, never run: scripts, styles,
forms and embedded objects are dropped with their contents, and nothing is fetched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from desktop.storage.formats.styled_text import StyledText

DROPPED = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object",
           "embed", "canvas", "select", "button", "textarea", "head"}
BOILERPLATE = {"nav", "header", "footer", "aside", "form", "menu"}
BLOCKS = {"p", "div", "section", "article", "main", "blockquote", "pre", "table", "tr",
          "ul", "ol", "dl", "dt", "dd", "figure", "figcaption", "hr", "address", "li",
          "h1", "h2", "h3", "h4", "h5", "h6", "body", "caption", "details", "summary"}
HEADINGS = {"h1": "heading1", "h2": "heading2", "h3": "heading3", "h4": "heading3",
            "h5": "heading3", "h6": "heading3"}
INLINE_STYLES = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic",
                 "cite": "italic", "code": "code", "kbd": "code", "tt": "code"}
VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "wbr", "source"}
CHUNK_CHARS = 262_144  # fed to the parser at a time, with progress between
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")


@dataclass
class HtmlText:
    text: str
    styles: list[tuple[int, int, str]]
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    first_heading: str = ""


def html_to_text(html: str, *, drop_boilerplate: bool = False,
                 step: Callable[[float], None] | None = None) -> HtmlText:
    """The visible text of ``html``; with ``drop_boilerplate``, only the article if marked.

    ``step(fraction)`` is called between chunks of a long page (it may raise to cancel).
    """
    if drop_boilerplate and re.search(r"<(article|main)[\s>]", html, re.IGNORECASE):
        only = "article" if re.search(r"<article[\s>]", html, re.IGNORECASE) else "main"
    else:
        only = None
    parser = _Parser(drop_boilerplate, only)
    for at in range(0, len(html), CHUNK_CHARS):
        if step is not None and at:
            step(at / len(html))
        parser.feed(html[at:at + CHUNK_CHARS])
    parser.close()
    text, styles = parser.out.result()
    return HtmlText(text, styles, _SPACE.sub(" ", parser.title).strip(), parser.meta,
                    parser.first_heading.strip())


class _Parser(HTMLParser):
    def __init__(self, drop_boilerplate: bool, only: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.out = StyledText()
        self.skip_boilerplate = drop_boilerplate
        self.only = only
        self.inside_only = 0 if only else 1
        self.dropping: list[str] = []
        self.pre = 0
        self.lists: list[list[int]] = []  # one counter per open list; [-1] for bullets
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}
        self.heading_depth = 0
        self.first_heading = ""

    # --- tags ---------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in ("meta", "link"):
            self._read_meta(tag, dict(attrs))
            return
        if self.dropping:
            if tag not in VOID:
                self.dropping.append(tag)
            return
        if tag in DROPPED or (self.skip_boilerplate and tag in BOILERPLATE):
            self.dropping.append(tag)
            return
        if tag == self.only:
            self.inside_only += 1
        if not self.inside_only:
            return
        out = self.out
        if tag == "br":
            out.line_break()
        elif tag in BLOCKS:
            self._break(tag)
        if tag in ("ul", "ol"):
            self.lists.append([0 if tag == "ol" else -1])
        elif tag == "li":
            counter = self.lists[-1] if self.lists else [-1]
            indent = "   " * max(0, len(self.lists) - 1)
            if counter[0] >= 0:
                counter[0] += 1
                out.append(f"{indent}{counter[0]}. ")
            else:
                out.append(f"{indent}• ")
        elif tag in HEADINGS:
            self.heading_depth += 1
            out.begin(HEADINGS[tag])
        elif tag in INLINE_STYLES:
            out.begin(INLINE_STYLES[tag])
        elif tag == "pre":
            self.pre += 1
            out.begin("code")
        elif tag in ("td", "th") and not out.at_line_start:
            out.append("\t")
        elif tag == "img":
            alt = (dict(attrs).get("alt") or "").strip()
            if alt:
                out.append(f"[{alt}]")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if self.dropping:
            if tag in self.dropping:
                while self.dropping and self.dropping.pop() != tag:
                    pass
            return
        if not self.inside_only:
            return
        out = self.out
        if tag in HEADINGS:
            self.heading_depth = max(0, self.heading_depth - 1)
            out.end(HEADINGS[tag])
        elif tag in INLINE_STYLES:
            out.end(INLINE_STYLES[tag])
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
            out.end("code")
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag in BLOCKS:
            self._break(tag)
        if tag == self.only:
            self.inside_only -= 1

    def _break(self, tag: str) -> None:
        """Blocks are set apart by a blank line; list items, rows and nested lists by one."""
        if tag in ("li", "tr", "dt", "dd") or (tag in ("ul", "ol") and self.lists):
            self.out.line_break()
        else:
            self.out.block_break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    # --- text ---------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
            return
        if self.dropping or not self.inside_only:
            return
        if self.pre:
            self.out.append(data.replace("\r\n", "\n").replace("\r", "\n"))
            return
        text = _SPACE.sub(" ", data)
        if self.out.at_line_start or (text.startswith(" ") and self.out.ends_with_space):
            text = text.lstrip()  # one space between words, whatever the markup between
        if self.heading_depth and not self.first_heading:
            self.first_heading = text
        self.out.append(text)

    def _read_meta(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "link":
            if (attrs.get("rel") or "").lower() == "canonical" and attrs.get("href"):
                self.meta.setdefault("url", attrs["href"] or "")
            return
        key = (attrs.get("name") or attrs.get("property") or "").lower()
        value = (attrs.get("content") or "").strip()
        if not value:
            return
        wanted = {"author": "author", "article:author": "author", "dc.creator": "author",
                  "article:published_time": "published", "date": "published",
                  "dc.date": "published", "og:url": "url", "og:title": "title"}
        if key in wanted:
            self.meta.setdefault(wanted[key], value)
