"""A PDF's text as paragraphs: line-end hyphens joined, soft line breaks removed.

A PDF's text (PDFium's, as stored) keeps the page's lines: every line ends in a line
break and a word split at a line end carries PDFium's hyphen mark (a soft hyphen,
U+00AD). The Text view shows paragraphs instead. Highlights keep their offsets into
the stored text, so the view reads the reflowed text through ``Reflow``, which maps
offsets both ways; a highlight made in either view is the same highlight.

What changes: a soft hyphen is dropped (``adip\u00adiscing`` reads ``adipiscing``); a
line break after a hard hyphen is dropped (``well-`` / ``known`` reads ``well-known``);
any other single line break inside a paragraph becomes a space — unless the line before
it is short (a heading, a list item, a paragraph's last line), or a little short and
ends a sentence before one that starts with a capital: then it keeps its break.
Blank lines (between paragraphs and pages) stay.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from statistics import median

from desktop.domain.textunits import Utf16Map

SOFT_HYPHEN = "\u00ad"
SHORT_LINE = 0.7  # of the usual line length: a line shorter than this ends its paragraph
ENDING_LINE = 0.9  # … and one shorter than this that ends a sentence before a capital
_SENTENCE_END = ('.', '!', '?', ':', '"', '”', "'", '’')


_OPENERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ\"\u201c'\u2018(0123456789")


class Reflow:
    """The reflowed text of ``source`` and offsets between the two (code points)."""

    __slots__ = ("_removed", "_shown_at", "source_length", "text")

    def __init__(self, source: str) -> None:
        lines = source.split("\n")
        lengths = [len(line) for line in lines if len(line) > 1]
        usual = median(lengths) if lengths else 0
        removed: list[int] = []
        out: list[str] = []
        at = 0
        for number, line in enumerate(lines):
            if SOFT_HYPHEN in line:
                removed.extend(at + i for i, ch in enumerate(line) if ch == SOFT_HYPHEN)
                out.append(line.replace(SOFT_HYPHEN, ""))
            else:
                out.append(line)
            at += len(line)
            if number == len(lines) - 1:
                break
            following = lines[number + 1]
            stripped = line.rstrip()
            if not stripped or not following.strip():
                out.append("\n")  # a blank line: the paragraph ends here
            elif stripped.endswith(SOFT_HYPHEN):
                removed.append(at)  # the word goes on on the next line
            elif stripped.endswith("-") and stripped[-2:-1].isalpha() and following[:1].isalpha():
                removed.append(at)  # "well-" / "known": the hyphen stays
            elif len(line) < SHORT_LINE * usual or (
                    len(line) < ENDING_LINE * usual and stripped.endswith(_SENTENCE_END)
                    and following.lstrip()[:1] in _OPENERS):
                out.append("\n")
            else:
                out.append(" ")
            at += 1
        self.text = "".join(out)
        self.source_length = len(source)
        self._removed = removed
        # Where each removed character would have been in the shown text.
        self._shown_at = [r - n for n, r in enumerate(removed)]

    def to_shown(self, offset: int) -> int:
        """The shown offset of source ``offset`` (a removed character maps to where the
        next kept one is shown)."""
        return offset - bisect_left(self._removed, offset)

    def to_source(self, offset: int) -> int:
        """The source offset of shown ``offset``."""
        return offset + bisect_right(self._shown_at, offset)


class ReflowedUtf16(Utf16Map):
    """Stored code points ↔ UTF-16 offsets of the reflowed text the reader shows: the
    reader presenter's offset map when it shows a PDF (a ``Utf16Map`` of the shown
    text, entered and left through the stored text's offsets)."""

    __slots__ = ("flow",)

    def __init__(self, flow: Reflow) -> None:
        super().__init__(flow.text)
        self.flow = flow

    def to_utf16(self, cp: int) -> int:
        return super().to_utf16(self.flow.to_shown(cp))

    def to_codepoint(self, u16: int) -> int:
        return self.flow.to_source(super().to_codepoint(u16))
