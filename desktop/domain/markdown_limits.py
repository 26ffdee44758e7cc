"""Linear-time checks that a note is safe to hand to the Markdown renderer.

Python-Markdown is quadratic (or worse) on some inputs a shared study can carry on
purpose: every ``[`` scans forward for its ``]``, every ``](`` for its ``)``, every
backtick run for a run of the same length, the HTML pre-pass scans from each ``<tag``
to the next ``>``, every heading or rule line re-queues the rest of its paragraph, and
nested lists or quotes recurse until Python's stack runs out. ``[`` × 13 000 takes 45 s,
``#~`` on 16 000 lines 14 s and ``<a `` × 66 000 thirteen minutes. Rather than patch the
renderer, ``too_complex`` adds up the length of those scans in one pass over the text
and refuses the note when the sum would take noticeable time; the caller then shows the
note as plain text, so nothing is hidden and the UI never freezes. Dense markup of any
kind costs more per character than prose, so its amount is capped too.
"""

from __future__ import annotations

import re

MAX_NESTING = 32  # quotes and list markers opening one line; Markdown recurses per level
BRACKET_SCAN_BUDGET = 150_000  # characters scanned for ] and ) (pure Python: ~2 M/s)
BACKTICK_SCAN_BUDGET = 1_000_000  # characters scanned for closing backtick runs
TAG_SCAN_BUDGET = 3_000_000  # characters scanned from "<tag" to ">" (C regex: ~10 M/s)
SPLIT_SCAN_BUDGET = 8_000_000  # characters re-queued after heading/rule lines (~30 M/s)
MAX_MARKUP_CHARS = 10_000  # markup characters in one note; prose has few
MARKUP = tuple("#*_`<>[]()!\\|~=&")

_CONTAINERS = re.compile(r"^(?:[ \t]*(?:>|[*+-](?=[ \t])|\d{1,9}[.)](?=[ \t])))+", re.MULTILINE)
_MARKER = re.compile(r">|[*+-]|\d{1,9}[.)]")
_TAG_OPEN = re.compile(r"<[A-Za-z/!?]")
_BACKTICKS = re.compile(r"`+")
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
_SPLIT_LINE = re.compile(r"^[ \t>]*(?:#|[-*_=][-*_= \t]*$)", re.MULTILINE)


def too_complex(text: str, scale: float = 1.0, markup_scale: float = 1.0) -> str | None:
    """The reason rendering ``text`` as Markdown could take long, or None if it is fine.

    ``scale`` multiplies the scan budgets and ``markup_scale`` the markup cap (documents
    get budgets in proportion to their length, see ``document_too_complex``).
    """
    if sum(text.count(char) for char in MARKUP) > MAX_MARKUP_CHARS * markup_scale:
        return "too much markup"
    if nesting_depth(text) > MAX_NESTING:
        return "nested too deeply"
    if bracket_scan_cost(text) > BRACKET_SCAN_BUDGET * scale:
        return "too many unclosed brackets"
    if backtick_scan_cost(text) > BACKTICK_SCAN_BUDGET * scale:
        return "too many unclosed backtick runs"
    if tag_scan_cost(text) > TAG_SCAN_BUDGET * scale:
        return "too many unclosed tags"
    if split_scan_cost(text) > SPLIT_SCAN_BUDGET * scale:
        return "too many headings or rules in one paragraph"
    return None


DOCUMENT_UNIT_CHARS = 50_000  # a document gets a note's budgets per this many characters
DOCUMENT_MARKUP_FACTOR = 2.0  # READMEs are code-heavy: twice a note's markup density


def document_too_complex(text: str) -> str | None:
    """``too_complex`` for a whole Markdown document: the time allowed grows with its
    length (linearly), so a book renders but 40 KB of ``[`` is still shown as written."""
    scale = max(1.0, len(text) / DOCUMENT_UNIT_CHARS)
    return too_complex(text, scale, scale * DOCUMENT_MARKUP_FACTOR)


def nesting_depth(text: str) -> int:
    """The most block quotes and list markers that open any one line."""
    deepest = 0
    for match in _CONTAINERS.finditer(text):
        deepest = max(deepest, len(_MARKER.findall(match.group())))
    return deepest


def bracket_scan_cost(text: str) -> int:
    """Characters the link patterns scan: from each ``[`` to its ``]``, each ``](`` to ``)``.

    The renderer scans within one paragraph, where an opener without a closer scans to
    the end; escaped brackets do not count. Costs of all paragraphs are added up.
    """
    return sum(_bracket_cost(block) for block in _BLOCK_BREAK.split(text) if "[" in block)


def _bracket_cost(block: str) -> int:
    cost = 0
    squares: list[int] = []
    parens: list[int] = []  # ``(`` right after a ``]``: where a link's address starts
    escaped = False
    for i, char in enumerate(block):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            squares.append(i)
        elif char == "]" and squares:
            cost += i - squares.pop()
        elif char == "(" and i and block[i - 1] == "]":
            parens.append(i)
        elif char == ")" and parens:
            cost += i - parens.pop()
    return cost + sum(len(block) - start for start in (*squares, *parens))


def backtick_scan_cost(text: str) -> int:
    """Characters scanned from each opening backtick run to a run of the same length.

    A run after a backslash opens one tick shorter (its first tick is escaped), but any
    run closes; an opener with no closer of its length scans to the end of its paragraph.
    """
    return sum(_backtick_cost(block) for block in _BLOCK_BREAK.split(text) if "`" in block)


def _backtick_cost(block: str) -> int:
    cost = 0
    next_of_length: dict[int, int] = {}
    for match in reversed(list(_BACKTICKS.finditer(block))):
        start, length = match.start(), match.end() - match.start()
        opens = length - 1 if start and block[start - 1] == "\\" else length
        if opens:
            cost += next_of_length.get(opens, len(block)) - start
        next_of_length[length] = start
    return cost


def tag_scan_cost(text: str) -> int:
    """Characters scanned from each ``<tag`` to the next ``>`` (or the end)."""
    cost = 0
    closing = -1
    for match in _TAG_OPEN.finditer(text):
        start = match.start()
        if closing < start:
            closing = text.find(">", start)
            if closing < 0:
                closing = len(text)
        cost += closing - start
    return cost


def split_scan_cost(text: str) -> int:
    """Characters re-read after each heading or rule line, to the end of its paragraph."""
    cost = 0
    for block in _BLOCK_BREAK.split(text):
        for match in _SPLIT_LINE.finditer(block):
            cost += len(block) - match.start()
    return cost
