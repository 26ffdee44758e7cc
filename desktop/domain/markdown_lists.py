"""Lists nested the CommonMark way, read by python-markdown (which nests by four spaces).

CommonMark and GitHub nest an item under the one above when it starts at (or past) that
item's text — two spaces under ``- a``, three under ``1. a``. python-markdown counts a
level per four spaces, so such lists came out flat. ``NestedListIndent`` is a small
preprocessor that re-indents the lines of a list to python-markdown's four spaces per
level, deciding each line's item by CommonMark's rule; lines keep their indentation
beyond their item's text, so a code block in an item stays a code block (one indented
eight past its marker is read as python-markdown reads it), and four-space lists come
out as before. Fenced and indented code outside lists, and paragraph lines
that only look like items, are left as written. ``mdx_truly_sane_lists`` was tried: it
reads *every* nested indent as two spaces, which turns four-space lists into text and
puts two spaces into code blocks in items.

One pass, constant work per line: linear in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

TAB = 4  # python-markdown's indent per level
_MARKER = re.compile(r"( *)([*+-]|\d{1,9}\.)( +|$)")
_RULE = re.compile(r" {0,3}([-*_])(?: *\1){2,} *$")
_FENCE = re.compile(r" *(`{3,}|~{3,})")


@dataclass(slots=True)
class _Item:
    marker: int  # the column of its marker, as written
    content: int  # the column its text starts at, as written
    depth: int  # 1 for a top-level item


def _marker(line: str) -> tuple[int, int] | None:
    """(indent, content column) of a list item's first line; None for other lines."""
    match = _MARKER.match(line)
    if match is None or _RULE.match(line):
        return None
    indent = len(match.group(1))
    spaces = len(match.group(3))
    after = match.end(2)
    # CommonMark: five spaces or more after the marker start an indented code block.
    return indent, after + (spaces if 1 <= spaces <= 4 else 1)


def nest_lists(lines: list[str]) -> list[str]:
    """``lines`` (tabs already expanded) with list lines re-indented to four per level."""
    out: list[str] = []
    items: list[_Item] = []
    fence = ""  # the open fence of a code block at the top level ("" when none)
    shift = 0  # the re-indent of a fenced block inside an item
    previous_blank = True  # or a heading: a list may start on the next line
    for line in lines:
        if fence:
            if items:
                line = _reindent(line, shift)
            out.append(line)
            if _FENCE.match(line.lstrip()) and line.strip().startswith(fence):
                fence = ""
            continue
        if not line.strip():
            out.append(line)
            previous_blank = True
            continue
        indent = len(line) - len(line.lstrip(" "))
        marker = _marker(line)
        listed = bool(items)  # a list goes on: its next item needs no blank line
        while items and indent < items[-1].content:
            if marker is None and not previous_blank:
                break  # a lazy line: it goes on with the paragraph above
            items.pop()
        if not items:  # outside lists (or the list just ended): read afresh
            opened = _FENCE.match(line)
            if opened and indent < TAB:
                fence = opened.group(1)
            elif marker is not None and indent < TAB and (previous_blank or listed):
                items.append(_Item(indent, marker[1], 1))
                line = line[indent:]
            out.append(line)
            previous_blank = line.lstrip().startswith("#")
            continue
        item = items[-1]
        if indent < item.content:  # lazy continuation
            line = " " * (TAB * item.depth) + line[indent:]
        elif marker is not None and indent - item.content < TAB:
            # A sublist: its marker at the item's text, four spaces a level.
            items.append(_Item(indent, marker[1], item.depth + 1))
            line = " " * (TAB * item.depth) + line[indent:]
        else:
            # Indented past marker + 8, it is code in python-markdown's reading too: keep
            # that reading (four-space lists render as before); else CommonMark's.
            start = item.marker + TAB if indent >= item.marker + 2 * TAB else item.content
            shift = TAB * item.depth - start
            line = _reindent(line, shift)
            opened = _FENCE.match(line)
            if opened:
                fence = opened.group(1)
        out.append(line)
        previous_blank = False
    return out


def _reindent(line: str, shift: int) -> str:
    if shift >= 0:
        return " " * shift + line if line.strip() else line
    keep = len(line) - len(line.lstrip(" "))
    return line[min(-shift, keep):]


def extension() -> Any:
    """The python-markdown extension (after whitespace is normalised, before fences)."""
    from markdown.extensions import Extension
    from markdown.preprocessors import Preprocessor

    class NestedListIndent(Preprocessor):
        def run(self, lines: list[str]) -> list[str]:
            return nest_lists(lines)

    class NestedLists(Extension):
        def extendMarkdown(self, md: Any) -> None:  # noqa: N802 - python-markdown's API
            md.preprocessors.register(NestedListIndent(md), "crosslight_nested_lists", 28)

    return NestedLists()
