"""Markdown documents shown as formatted text: the rendered words, plus style spans.

Highlights anchor to what the reader sees, so ``Document.text`` holds the rendered text
(headings without ``#``, emphasis markers gone, bullets for list items, links as their
words, images as their alt text) and ``Document.styles`` says which stretches are
headings, bold, italic or code. The Markdown is parsed by the app's one engine,
python-markdown (``domain.markdown_engine``, also used for notes); a tree processor
hands over its element tree, which is read here into text and styles with code-point
offsets. Code blocks keep every character (``>>> x = 1``), entities become their
characters (``&nbsp;`` → NBSP), and raw HTML is never rendered or run: a block of it is
reduced to its visible text by ``html_text`` (scripts dropped), inline tags are dropped.

python-markdown is quadratic on some inputs; a document that
``markdown_limits.document_too_complex`` flags is shown as written (plain text) at once.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from desktop.domain.markdown_limits import document_too_complex
from desktop.domain.model import Document
from desktop.domain.source_map import Run, align, identity
from desktop.storage.formats.base import Source
from desktop.storage.formats.styled_text import StyledText
from desktop.storage.formats.text import decode_text, normalize_newlines

_HEADINGS = {"h1": "heading1", "h2": "heading2", "h3": "heading3", "h4": "heading3",
             "h5": "heading3", "h6": "heading3"}
_INLINE = {"strong": "bold", "b": "bold", "em": "italic", "i": "italic", "code": "code"}
_BLOCKS = {"p", "blockquote", "div", "pre", "table", "hr", "dl", "dt", "dd", "ul", "ol",
           *_HEADINGS}
_PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")
_OTHER_PLACEHOLDER = re.compile("\x02[a-z]{1,10}\\d*[a-z]{0,10}\x03")  # e.g. a footnote's NBSP
_STRUCTURAL = {"ul", "ol", "table", "thead", "tbody", "tr", "div", "blockquote", "dl"}
_SPACE = re.compile(r"[ \t\r\n\f]+")
_AMP = "\x02amp\x03"
CHUNK_CHARS = 65_536  # rendered at a time, with progress and a chance to cancel between
_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]{1,500}\]:[ \t]*\S.*$", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LAZY = re.compile(r"^(?:[*+-]|\d{1,9}[.)])[ \t]")  # a list item may continue a list
_FENCED = re.compile(r"<pre(?: [^>]*)?><code(?: [^>]*)?>([^<]*)</code></pre>")


def load_markdown(source: Source) -> Document:
    raw, encoding = decode_text(source.raw, source.name, source.encoding)
    source.step(0.05)
    rendered = markdown_document(normalize_newlines(raw),
                                 step=lambda f: source.step(0.05 + 0.95 * f))
    source.step(1.0)
    return Document(text=rendered.text, title="", media_type="text/markdown",
                    encoding=encoding, styles=rendered.styles,
                    source_map=rendered.source_map)


@dataclass(slots=True)
class Rendered:
    """A Markdown document's text, its styles, and where its text sits in the source
    (``domain.source_map``)."""

    text: str
    styles: list[tuple[int, int, str]]
    source_map: list[Run]


def markdown_to_text(
    source: str, step: Callable[[float], None] | None = None
) -> tuple[str, list[tuple[int, int, str]]]:
    """Rendered plain text of Markdown ``source`` and its (start, end, kind) styles."""
    rendered = markdown_document(source, step)
    return rendered.text, rendered.styles


def markdown_document(source: str, step: Callable[[float], None] | None = None) -> Rendered:
    """Markdown ``source`` rendered: text, styles and source map.

    A long document is rendered in parts of about ``CHUNK_CHARS`` cut at blank lines
    between top-level blocks (never inside a fence or an indented block), each with
    every link definition of the document, so ``step(fraction)`` reports progress and
    can cancel between them.
    """
    if not source.strip():
        return Rendered("", [], [])
    if document_too_complex(source):
        return _as_written(source)  # nothing hidden, nothing slow
    md = _engine()
    reader = _TreeReader()
    chunks = list(_chunks(source))
    for number, chunk in enumerate(chunks):
        if step is not None and number:
            step(number / len(chunks))
        md.crosslight_root = None
        try:
            md.reset().convert(chunk)
        except (RecursionError, ValueError, IndexError):  # a renderer bug on odd input
            return _as_written(source)
        if md.crosslight_root is None:
            continue
        reader.stash = md.htmlStash.rawHtmlBlocks
        reader.out.block_break()
        reader.children(md.crosslight_root)
    text, styles = reader.out.result()
    return Rendered(text, sorted(set(styles)), align(text, source, reader.stretches))


def _as_written(source: str) -> Rendered:
    """The source shown as it is (stripped): its map is the identity."""
    text = source.strip()
    return Rendered(text, [], identity(len(text), len(source) - len(source.lstrip())))


def _chunks(source: str) -> Iterator[str]:
    """Parts of ``source`` that render alone as they do together (see markdown_to_text)."""
    if len(source) <= CHUNK_CHARS:
        yield source
        return
    definitions = "\n\n" + "\n".join(m.group(0) for m in _DEFINITION.finditer(source))
    lines = source.split("\n")
    start = 0
    size = 0
    fence = ""
    for i, line in enumerate(lines):
        size += len(line) + 1
        opened = _FENCE.match(line)
        if opened:
            marker = opened.group(1)
            if not fence:
                fence = marker[0] * 3
            elif marker.startswith(fence):
                fence = ""
        if (size >= CHUNK_CHARS and not fence and not line.strip() and i + 1 < len(lines)
                and lines[i + 1][:1] not in (" ", "\t", "") and not _LAZY.match(lines[i + 1])):
            yield "\n".join(lines[start:i]) + definitions
            start, size = i + 1, 0
    yield "\n".join(lines[start:]) + definitions


_md: Any = None


def _engine() -> Any:
    """The shared engine with a last tree processor that keeps the element tree."""
    global _md
    if _md is None:
        from markdown.treeprocessors import Treeprocessor

        from desktop.domain.markdown_engine import new_markdown

        class KeepTree(Treeprocessor):
            def run(self, root: Any) -> None:
                self.md.crosslight_root = root

        md = new_markdown()
        md.treeprocessors.register(KeepTree(md), "crosslight_keep_tree", -100)
        _md = md
    return _md


class _TreeReader:
    """python-markdown's element tree → StyledText (an iterative-enough walk: the
    complexity guard caps nesting at ``MAX_NESTING`` levels)."""

    def __init__(self) -> None:
        self.out = StyledText()
        self.stretches: list[tuple[int, int]] = []  # of the text that comes from the source
        self.stash: list[str] = []
        self.lists: list[list[int]] = []
        self.pre = 0
        self.block_code = False  # inside an indented code block (``<pre>``)
        self.after_marker = False  # a list item's marker was just written

    def children(self, element: Any) -> None:
        # Whitespace between the blocks of a container is layout, not text.
        structural = element.tag in _STRUCTURAL
        if element.text and not (structural and not element.text.strip()):
            self.data(element.text)
        for child in element:
            self.element(child)
            if child.tail and not (structural and not child.tail.strip()):
                self.data(child.tail)

    def element(self, element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        out = self.out
        block = _PLACEHOLDER.fullmatch((element.text or "").strip()) if tag == "p" else None
        if block is not None and len(element) == 0:
            self.raw_block(int(block.group(1)))
            return
        if element.get("class") == "footnote-backref":
            return
        if tag == "div" and element.get("class") == "footnote":
            out.block_break()
            out.begin("heading2")
            out.append("Notes")
            out.end("heading2")
            out.block_break()
            self.children(element)
            out.block_break()
            return
        if tag == "sup" and element.get("id", "").startswith("fnref"):
            out.append(f"[{''.join(element.itertext()).strip()}]")
            return
        if tag == "img":
            self.content(element.get("alt") or "")
            return
        if tag == "br":
            out.line_break()
            return
        if tag in _BLOCKS:
            self.block_break(tag)
        if tag in ("ul", "ol"):
            start = element.get("start")
            self.lists.append([int(start) - 1 if start and start.isdigit() else 0]
                              if tag == "ol" else [-1])
        elif tag == "li":
            counter = self.lists[-1] if self.lists else [-1]
            indent = "   " * max(0, len(self.lists) - 1)
            out.line_break() if not out.at_line_start else None
            if counter[0] >= 0:
                counter[0] += 1
                out.append(f"{indent}{counter[0]}. ")
            else:
                out.append(f"{indent}• ")
            self.after_marker = True
        elif tag == "tr":
            out.line_break()
        elif tag in ("td", "th") and not out.at_line_start:
            out.append("\t")
        kind = _HEADINGS.get(tag) or _INLINE.get(tag) or ("code" if tag == "pre" else None)
        if tag == "th":
            kind = "bold"
        if kind:
            out.begin(kind)
        if tag in ("pre", "code"):
            self.pre += 1
        if tag == "pre":
            self.block_code = True
        self.children(element)
        if tag == "pre":
            self.block_code = False
        if tag in ("pre", "code"):
            self.pre -= 1
        if kind:
            out.end(kind)
        if tag in ("ul", "ol"):
            self.lists.pop()
        if tag in _BLOCKS:
            self.block_break(tag)

    def block_break(self, tag: str) -> None:
        """Blocks are set apart by a blank line; lists nested in an item by a line."""
        if self.after_marker and tag == "p":
            return  # a loose item's first paragraph follows its marker
        if tag in ("ul", "ol") and self.lists:
            self.out.line_break()
        elif self.lists and tag == "p":
            self.out.line_break()  # paragraphs of a loose list stay in their item
        else:
            self.out.block_break()

    def data(self, text: str) -> None:
        text = _OTHER_PLACEHOLDER.sub("", text.replace(_AMP, "&"))
        if text.strip():
            self.after_marker = False
        if self.pre:
            # Code text is escaped by python-markdown (``&gt;``); show it as written
            # (a code block's last line break is the block's end, not a blank line).
            code = html.unescape(self._inline_stash(text))
            self.content(code.rstrip("\n") if self.block_code else code)
            return
        text = _SPACE.sub(" ", self._inline_stash(text))
        out = self.out
        if out.at_line_start or (text.startswith(" ") and out.ends_with_space):
            text = text.lstrip(" ")
        self.content(text)

    def content(self, text: str) -> None:
        """Append text read from the source (the source map looks for it there)."""
        if text:
            start = self.out.append(text)
            self.stretches.append((start, start + len(text)))

    def _inline_stash(self, text: str) -> str:
        """Inline raw HTML: entities become characters, tags are dropped."""
        if "\x02" not in text:
            return text

        def replace(match: re.Match) -> str:
            index = int(match.group(1))
            raw = self.stash[index] if index < len(self.stash) else ""
            raw = str(raw)
            if raw.startswith("&") and raw.endswith(";"):
                return html.unescape(raw)
            if raw.lstrip().startswith("<"):
                return ""
            return raw

        return _PLACEHOLDER.sub(replace, text)

    def raw_block(self, index: int) -> None:
        """A block of raw HTML (or a fenced code block, which python-markdown stashes
        as HTML): its visible text, with the styles it carries."""
        from desktop.storage.formats.html_text import html_to_text

        raw = str(self.stash[index]) if index < len(self.stash) else ""
        code = _FENCED.fullmatch(raw.strip())
        if code:  # a fenced code block: its text as written (the common case, made quick)
            self.out.block_break()
            self.out.begin("code")
            self.content(html.unescape(code.group(1)).rstrip("\n"))
            self.out.end("code")
            self.out.block_break()
            return
        converted = html_to_text(raw)
        self.out.block_break()
        if converted.text:
            start = self.out.append_styled(converted.text, converted.styles)
            self.stretches.append((start, start + len(converted.text)))
        self.out.block_break()

