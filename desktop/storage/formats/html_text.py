"""HTML to readable plain text with style spans, parsed with lxml (libxml2's HTML parser).

Used for saved web pages (when the article extractor finds nothing), EPUB chapters and
the article trafilatura extracted. lxml (BSD, installed with trafilatura) parses in
linear time — Python's ``html.parser`` is quadratic on unclosed tags (60 KB of ``<a ``
took 77 s) — and the tree is walked without recursion. Markup is only read, never run:
scripts, styles, forms and embedded objects are dropped with their contents, and
nothing is fetched. Ruby is read as its base text ("山路", not "山路やまみち"), each
reading kept beside the text in ``readings`` (shown as a tooltip); MathML becomes a
linear text form (``mathml_text``) or its alttext.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape

from desktop.storage.formats.mathml_text import mathml_text
from desktop.storage.formats.styled_text import StyledText

DROPPED = {"script", "style", "noscript", "template", "svg", "iframe", "object",
           "embed", "canvas", "select", "button", "textarea", "head", "rp"}
BOILERPLATE = {"nav", "header", "footer", "aside", "form", "menu"}
BLOCKS = {"p", "div", "section", "article", "main", "blockquote", "pre", "table", "tr",
          "ul", "ol", "dl", "dt", "dd", "figure", "figcaption", "hr", "address", "li",
          "h1", "h2", "h3", "h4", "h5", "h6", "body", "caption", "details", "summary"}
HEADINGS = {"h1": "heading1", "h2": "heading2", "h3": "heading3", "h4": "heading3",
            "h5": "heading3", "h6": "heading3"}
INLINE_STYLES = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic",
                 "cite": "italic", "code": "code", "kbd": "code", "tt": "code"}
CHUNK_CHARS = 262_144  # fed to the parser at a time, with progress between
STEP_ELEMENTS = 5_000  # progress (and a chance to cancel) while walking the tree
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_TEXT_CHUNK = re.compile(r"(?:^|>)([^<>]+)")
_SCRIPT_OPEN = re.compile(r"<(script|style|title)[\s>]")
_TAG = re.compile(r"<[^<>]*>")
_RUBY_OR_MATH = re.compile(r"<(?:r[tp]|math)[\s>]", re.IGNORECASE)


@dataclass
class HtmlText:
    text: str
    styles: list[tuple[int, int, str]]
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    first_heading: str = ""
    readings: list[tuple[int, int, str]] = field(default_factory=list)  # ruby: see module


def html_to_text(html: str, *, drop_boilerplate: bool = False,
                 step: Callable[[float], None] | None = None) -> HtmlText:
    """The visible text of ``html``; with ``drop_boilerplate``, only the article if marked.

    ``step(fraction)`` is called between chunks of a long page (it may raise to cancel).
    """
    if drop_boilerplate and re.search(r"<(article|main)[\s>]", html, re.IGNORECASE):
        only = "article" if re.search(r"<article[\s>]", html, re.IGNORECASE) else "main"
    else:
        only = None
    html = _XML_DECLARATION.sub("", html, count=1)
    root = _parse(html, step)
    if root is not None and _cut_short(html, root):
        return HtmlText(_flat_text(html), [])  # the words, if not their layout
    walker = _Walker(drop_boilerplate, only)
    if root is not None:
        walker.read_head(root)
        walker.walk(root, step)
    text, styles = walker.out.result()
    readings = [(s, min(e, len(text)), r) for s, e, r in walker.readings if s < len(text)]
    return HtmlText(text, styles, _SPACE.sub(" ", walker.title).strip(), walker.meta,
                    walker.first_heading.strip(), readings)


READING_WINDOW = 4_096  # how far ahead a reading's base text is looked for


def relocate_readings(readings: list[tuple[int, int, str]], text: str,
                      target: str) -> list[tuple[int, int, str]]:
    """``readings`` of ``text`` placed on ``target``, a shorter text taken from it (the
    article of a page): each base text is looked for a little ahead of the last one
    found, so readings of left-out parts are skipped and the work stays linear."""
    placed = []
    cursor = 0
    for start, end, reading in readings:
        base = text[start:end]
        found = target.find(base, cursor, cursor + READING_WINDOW + len(base))
        if base and found >= 0:
            placed.append((found, found + len(base), reading))
            cursor = found + len(base)
    return placed


def for_extraction(html: str) -> str:
    """``html`` as another reader (trafilatura) should see it: without ruby readings
    (``<rt>``/``<rp>``, which it would print inline) and with each ``<math>`` replaced
    by its linear text (which it would drop); unchanged when it has neither."""
    if not _RUBY_OR_MATH.search(html):
        return html
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return html
    for element in list(root.iter("rt", "rp")):
        element.drop_tree()  # keeps the text that follows it
    for math in list(root.iter("math")):
        if math.getparent() is None:
            continue
        text = mathml_text(math)
        before = math.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + text
        else:
            parent = math.getparent()
            parent.text = (parent.text or "") + text
        math.drop_tree()
    return lxml_html.tostring(root, encoding="unicode")


def _parse(html: str, step: Callable[[float], None] | None):
    from lxml import etree

    # huge_tree: libxml2 otherwise cuts a text node at 10 MB without a word (the
    # document size cap, 64 MB, bounds the work; the tree is walked without recursion).
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                              no_network=True, recover=True, default_doctype=False,
                              huge_tree=True)
    data = html.encode("utf-8", errors="surrogatepass")
    for at in range(0, len(data), CHUNK_CHARS):
        if step is not None and at:
            step(0.5 * at / len(data))
        parser.feed(data[at:at + CHUNK_CHARS])
    try:
        return parser.close()
    except etree.XMLSyntaxError:  # nothing parseable (an empty or whitespace page)
        return None


_TAIL_TEXT = 16_384  # characters of the tree's text that hold the page's last 4 KB


def _cut_short(html: str, root) -> bool:
    """Whether libxml2 stopped before the end: nested deeper than it allows (about 2,000
    levels even with ``huge_tree``), it drops the rest of the page without an error."""
    chunks = [c for c in _TEXT_CHUNK.findall(html[-4096:]) if c.strip()]
    if not chunks:
        return False
    needle = _SPACE.sub(" ", unescape(chunks[-1])).strip()[-30:]
    if not needle:
        return False
    # The needle comes from the page's last 4 KB, so if the parse went to the end it is
    # in the tree's last few KB of text: only those are joined and tidied (the whole
    # text of a 1 MB page in one ``join`` and ``sub`` held the interpreter for 300 ms).
    tail: deque[str] = deque()
    size = 0
    for chunk in root.itertext():
        tail.append(chunk)
        size += len(chunk)
        while len(tail) > 1 and size - len(tail[0]) >= _TAIL_TEXT:
            size -= len(tail.popleft())
    return needle not in _SPACE.sub(" ", "".join(tail))


def _flat_text(html: str) -> str:
    """The text of a page libxml2 could not parse whole: tags, scripts and styles out
    (in linear time), entities decoded, one space between words."""
    kept = []
    at = 0
    lower = html.lower()
    for match in _SCRIPT_OPEN.finditer(lower):
        if match.start() < at:
            continue
        kept.append(html[at:match.start()])
        end = lower.find(f"</{match.group(1)}", match.end())
        at = len(html) if end < 0 else end
    kept.append(html[at:])
    text = _TAG.sub(" ", "".join(kept))
    return _SPACE.sub(" ", unescape(text)).strip()


def _local(tag: object) -> str:
    """``p`` for ``p``, ``{ns}p`` or ``x:p``; "" for comments and the like."""
    return _name(tag) if isinstance(tag, str) else ""


@lru_cache(maxsize=512)
def _name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


class _Walker:
    def __init__(self, drop_boilerplate: bool, only: str | None) -> None:
        self.out = StyledText()
        self.skip_boilerplate = drop_boilerplate
        self.only = only
        self.inside_only = 0 if only else 1
        self.pre = 0
        self.lists: list[list[int]] = []  # one counter per open list; [-1] for bullets
        self.title = ""
        self.meta: dict[str, str] = {}
        self.heading_depth = 0
        self.first_heading = ""
        self.ruby: list[int] = []  # where the base text of each open <ruby> goes on
        self.readings: list[tuple[int, int, str]] = []

    def read_head(self, root) -> None:
        """The title and the metadata, wherever in the page they stand."""
        for element in root.iter("title", "meta", "link"):
            if element.tag == "title":
                if not self.title:
                    self.title = "".join(element.itertext())
            else:
                self._read_meta(element.tag, element)

    def walk(self, root, step: Callable[[float], None] | None) -> None:
        from lxml import etree

        total = sum(1 for _ in root.iter()) if step is not None else 1
        events = etree.iterwalk(root, events=("start", "end"))
        skipped = False  # after skip_subtree() the next event is that element's end
        count = 0
        for event, element in events:
            tag = _local(element.tag)
            if event == "start":
                count += 1
                if step is not None and count % STEP_ELEMENTS == 0:
                    step(0.5 + 0.5 * min(1.0, count / total))
                if self._start(tag, element):
                    if element.text:
                        self._data(element.text)
                else:
                    events.skip_subtree()
                    skipped = True
            else:
                if skipped:
                    skipped = False
                else:
                    self._end(tag)
                if element.tail:
                    self._data(element.tail)

    # --- tags ---------------------------------------------------------------------
    def _start(self, tag: str, element) -> bool:
        """Open ``element``; False when its contents are not read."""
        if tag in ("title", "meta", "link"):
            return False  # read by read_head
        if tag in DROPPED or (self.skip_boilerplate and tag in BOILERPLATE):
            return False
        if tag == "rt":  # a reading: beside its base text, never in the text
            self._reading(element)
            return False
        if tag == self.only:
            self.inside_only += 1
        if not self.inside_only:
            return True
        out = self.out
        if tag == "ruby":
            self.ruby.append(out.mark())
        if tag == "math":
            out.append(mathml_text(element))
            return False
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
            alt = (element.get("alt") or "").strip()
            if alt:
                out.append(f"[{alt}]")
        return True

    def _end(self, tag: str) -> None:
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
        if tag == "ruby" and self.ruby:
            self.ruby.pop()

    def _reading(self, element) -> None:
        """An ``<rt>``: the reading of the base text since the last one in its ruby."""
        if not (self.inside_only and self.ruby):
            return
        reading = _SPACE.sub(" ", "".join(element.itertext())).strip()
        start, end = self.ruby[-1], self.out.length
        if reading and start < end:
            self.readings.append((start, end, reading))
        self.ruby[-1] = end

    def _break(self, tag: str) -> None:
        """Blocks are set apart by a blank line; list items, rows and nested lists by one."""
        if tag in ("li", "tr", "dt", "dd") or (tag in ("ul", "ol") and self.lists):
            self.out.line_break()
        else:
            self.out.block_break()

    # --- text ---------------------------------------------------------------------
    def _data(self, data: str) -> None:
        if not self.inside_only:
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

    def _read_meta(self, tag: str, element) -> None:
        if tag == "link":
            if (element.get("rel") or "").lower() == "canonical" and element.get("href"):
                self.meta.setdefault("url", element.get("href") or "")
            return
        key = (element.get("name") or element.get("property") or "").lower()
        value = (element.get("content") or "").strip()
        if not value:
            return
        wanted = {"author": "author", "article:author": "author", "dc.creator": "author",
                  "article:published_time": "published", "date": "published",
                  "dc.date": "published", "og:url": "url", "og:title": "title"}
        if key in wanted:
            self.meta.setdefault(wanted[key], value)

