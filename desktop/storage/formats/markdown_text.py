"""Markdown documents shown as formatted text: the rendered words, plus style spans.

Highlights anchor to what the reader sees, so ``Document.text`` holds the rendered text
(headings without ``#``, emphasis markers gone, bullets for list items, links as their
words) and ``Document.styles`` says which stretches are headings, bold, italic or code.

A small line-based renderer of our own, not Python-Markdown: a whole book of Markdown
must render in linear time (Python-Markdown is quadratic on some inputs, see
``markdown_limits``), and HTML in the source is only stripped, never rendered or run.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from desktop.domain.model import Document
from desktop.storage.formats.base import Source
from desktop.storage.formats.styled_text import StyledText
from desktop.storage.formats.text import decode_text, normalize_newlines

MAX_INLINE_CHARS = 20_000  # a longer paragraph is shown as written (no inline parsing)
MAX_INLINE_DEPTH = 4
STEP_LINES = 5_000  # progress (and a chance to cancel) this often

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ITEM = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+(.*)$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_HTML_BLOCK = re.compile(r"^ {0,3}<(script|style|!--)", re.IGNORECASE)
_HTML_BLOCK_END = {"script": "</script>", "style": "</style>", "!--": "-->"}
_INLINE = re.compile(
    r"(?P<code>`+)(?P<code_text>.{1,2000}?)(?P=code)"
    r"|!\[(?P<alt>[^\]\n]{0,500})\]\([^)\n]{0,2000}\)"
    r"|\[(?P<link>[^\]\n]{1,500})\](?:\([^)\n]{0,2000}\)|\[[^\]\n]{0,200}\])"
    r"|<(?P<auto>(?:https?|mailto):[^>\s]{1,2000})>"
    r"|(?P<strong>\*\*|(?<!\w)__)(?P<strong_text>[^\s*_](?:.{0,2000}?[^\s])?)(?P=strong)"
    r"|(?P<em>\*|(?<!\w)_)(?P<em_text>[^\s*_](?:.{0,2000}?[^\s])?)(?P=em)(?!\w)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>\n]{0,500})?/?>)"
    r"|\\(?P<esc>[\\`*_{}\[\]()#+\-.!>|])"
)
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]{1,500}\]:\s*\S+")


def load_markdown(source: Source) -> Document:
    raw, encoding = decode_text(source.raw, source.name, source.encoding)
    text, styles = render_markdown(normalize_newlines(raw), step=source.step)
    source.step(1.0)
    return Document(text=text, title="", media_type="text/markdown", encoding=encoding,
                    styles=styles)


def render_markdown(
    source: str, step: Callable[[float], None] | None = None
) -> tuple[str, list[tuple[int, int, str]]]:
    """Rendered plain text of Markdown ``source`` and its (start, end, kind) styles.

    ``step(fraction)`` is called every few thousand lines (it may raise to cancel).
    """
    out = StyledText()
    # A quote's ">" is dropped up front (quotes read as plain paragraphs), so every rule
    # below sees the same lines: stripping it per rule let a quoted indented line match
    # "code block" on its stripped form and then consume nothing, looping for ever.
    lines = [_QUOTE.sub("", line, count=1) for line in source.split("\n")]
    paragraph: list[str] = []
    i = 0
    next_step = STEP_LINES

    def flush() -> None:
        if paragraph:
            _inline(out, _join(paragraph))
            out.block_break()
            paragraph.clear()

    while i < len(lines):
        if step is not None and i >= next_step:
            step(i / len(lines))
            next_step = i + STEP_LINES
        line = lines[i]
        fence = _FENCE.match(line)
        if fence:
            flush()
            marker = fence.group(1)
            body = []
            i += 1
            while i < len(lines) and not lines[i].lstrip().startswith(marker):
                body.append(lines[i])
                i += 1
            _code_block(out, body)
            i += 1
            continue
        html = _HTML_BLOCK.match(line)
        if html:
            flush()
            end = _HTML_BLOCK_END[html.group(1).lower()]
            while i < len(lines) and end not in lines[i].lower():
                i += 1
            i += 1
            continue
        if not line.strip():
            flush()
            i += 1
            continue
        heading = _ATX.match(line)
        if heading:
            flush()
            _heading(out, len(heading.group(1)), heading.group(2) or "")
            i += 1
            continue
        if paragraph and _SETEXT.match(line) and not _ITEM.match(paragraph[-1]):
            level = 1 if line.strip().startswith("=") else 2
            text = _join(paragraph)
            paragraph.clear()
            _heading(out, level, text)
            i += 1
            continue
        if _RULE.match(line):
            flush()
            i += 1
            continue
        if _LINK_DEFINITION.match(line) and not paragraph:
            i += 1
            continue
        item = _ITEM.match(line)
        if item:
            flush()
            i = _list_item(out, lines, i, item)
            continue
        if line.startswith(("    ", "\t")) and not paragraph:
            flush()
            body = []
            while i < len(lines) and (lines[i].startswith(("    ", "\t")) or not lines[i].strip()):
                body.append(lines[i][4:] if lines[i].startswith("    ") else lines[i][1:])
                i += 1
            while body and not body[-1].strip():
                body.pop()
            _code_block(out, body)
            continue
        if "|" in line and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1]) and not paragraph:
            i = _table(out, lines, i)
            continue
        paragraph.append(line)
        i += 1
    flush()
    return out.result()


def _join(lines: list[str]) -> str:
    """Soft-wrapped lines make one line; two trailing spaces or a backslash break it."""
    parts = []
    for n, line in enumerate(lines):
        last = n == len(lines) - 1
        if not last and (line.endswith("  ") or line.endswith("\\")):
            parts.append(line.rstrip(" \\").strip() + "\n")
        else:
            parts.append(line.strip() + ("" if last else " "))
    return "".join(parts)


def _heading(out: StyledText, level: int, text: str) -> None:
    kind = f"heading{min(level, 3)}"
    out.begin(kind)
    _inline(out, text.strip())
    out.end(kind)
    out.block_break()


def _code_block(out: StyledText, body: list[str]) -> None:
    text = "\n".join(body).rstrip()
    if text:
        out.begin("code")
        out.append(text)
        out.end("code")
    out.block_break()


def _list_item(out: StyledText, lines: list[str], i: int, item: re.Match) -> int:
    indent = len(item.group(1).expandtabs(4)) // 2
    marker = item.group(2)
    bullet = "• " if marker in "-*+" else marker[:-1] + ". "
    content = [item.group(3)]
    i += 1
    while i < len(lines):
        nxt = lines[i]
        if not nxt.strip() or _ITEM.match(nxt) or _ATX.match(nxt) or _FENCE.match(nxt):
            break
        content.append(nxt)
        i += 1
    out.append("   " * min(indent, 8) + bullet)
    _inline(out, _join(content))
    blank_then_item = (
        i + 1 < len(lines) and not lines[i].strip() and _ITEM.match(lines[i + 1]) is not None
    )
    if i < len(lines) and (_ITEM.match(lines[i]) or blank_then_item):
        out.line_break()
        if blank_then_item:
            i += 1  # a loose list still reads as one list
    else:
        out.block_break()
    return i


def _table(out: StyledText, lines: list[str], i: int) -> int:
    rows = [lines[i]]
    i += 2  # skip the |---|---| rule
    while i < len(lines) and "|" in lines[i] and lines[i].strip():
        rows.append(lines[i])
        i += 1
    for n, row in enumerate(rows):
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if n == 0:
            out.begin("bold")
        _inline(out, "\t".join(cells))
        if n == 0:
            out.end("bold")
        out.line_break()
    out.block_break()
    return i


def _inline(out: StyledText, text: str, depth: int = 0) -> None:
    """Append ``text`` with inline Markdown rendered as styles."""
    if len(text) > MAX_INLINE_CHARS or depth > MAX_INLINE_DEPTH:
        out.append(text)
        return
    at = 0
    for match in _INLINE.finditer(text):
        out.append(text[at:match.start()])
        at = match.end()
        group = match.lastgroup
        if match.group("code") is not None:
            out.begin("code")
            out.append(match.group("code_text").strip() or match.group("code_text"))
            out.end("code")
        elif match.group("alt") is not None:
            out.append(match.group("alt"))
        elif match.group("link") is not None:
            _inline(out, match.group("link"), depth + 1)
        elif match.group("auto") is not None:
            out.append(match.group("auto"))
        elif match.group("strong") is not None:
            out.begin("bold")
            _inline(out, match.group("strong_text"), depth + 1)
            out.end("bold")
        elif match.group("em") is not None:
            out.begin("italic")
            _inline(out, match.group("em_text"), depth + 1)
            out.end("italic")
        elif match.group("esc") is not None:
            out.append(match.group("esc"))
        elif group == "tag":
            pass  # raw HTML is dropped: shown as text it would be noise, rendered it is risk
    out.append(text[at:])
