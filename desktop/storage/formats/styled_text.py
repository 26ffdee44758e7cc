"""Building rendered text and its style spans together, so offsets always agree.

Converters (HTML, Markdown, DOCX, EPUB) append text and open/close styles; the result
is plain text with ``(start, end, kind)`` spans in code points, blocks separated by a
blank line, which is what ``Document.text`` and ``Document.styles`` hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class StyledText:
    parts: list[str] = field(default_factory=list)
    styles: list[tuple[int, int, str]] = field(default_factory=list)
    length: int = 0
    _open: list[tuple[str, int]] = field(default_factory=list)
    _pending_break: str = ""

    def append(self, text: str) -> int:
        """Write ``text``; return where it starts (after any pending break)."""
        if not text:
            return self.length
        self._flush_break()
        self._write(text)
        return self.length - len(text)

    def _write(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def append_styled(self, text: str, styles: list[tuple[int, int, str]]) -> int:
        """Append already rendered text together with its own styles; return its start."""
        self._flush_break()
        base = self.length
        self._write(text)
        self.styles.extend((base + s, base + e, k) for s, e, k in styles)
        return base

    def mark(self) -> int:
        """Where the next text will start (a pending break is written first)."""
        self._flush_break()
        return self.length

    def begin(self, kind: str) -> None:
        self._flush_break()
        self._open.append((kind, self.length))

    def end(self, kind: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == kind:
                _, start = self._open.pop(i)
                if self.length > start:
                    self.styles.append((start, self.length, kind))
                return

    def block_break(self) -> None:
        """End the current block: the next text starts after one blank line."""
        self._pending_break = "\n\n"

    def line_break(self) -> None:
        if self._pending_break != "\n\n":
            self._pending_break = "\n"

    def _flush_break(self) -> None:
        # A style opened after a break starts where the next text will: write the break now.
        if self._pending_break and self.length:
            self._trim_spaces()
            self._write(self._pending_break)
        self._pending_break = ""

    def _trim_spaces(self) -> None:
        """Drop spaces before a line break (and pull in styles that ended after them)."""
        trimmed = False
        while self.parts and self.parts[-1].endswith((" ", "\t")):
            last = self.parts[-1]
            kept = last.rstrip(" \t")
            self.length -= len(last) - len(kept)
            trimmed = True
            if kept:
                self.parts[-1] = kept
            else:
                self.parts.pop()
        if not trimmed:
            return
        # Only styles closed in the last few characters can reach past the new end; they
        # are the newest, at the end of the list (scanning all would be quadratic).
        i = len(self.styles)
        while i and self.styles[i - 1][1] > self.length:
            i -= 1
        tail = [(s, self.length, k) for s, e, k in self.styles[i:] if self.length > s]
        del self.styles[i:]
        self.styles.extend(tail)

    @property
    def ends_with_space(self) -> bool:
        return bool(self.parts) and self.parts[-1].endswith(" ") and not self._pending_break

    @property
    def at_line_start(self) -> bool:
        return not self.parts or self.parts[-1].endswith("\n") or bool(self._pending_break)

    def result(self) -> tuple[str, list[tuple[int, int, str]]]:
        """The text with trailing whitespace trimmed, and styles clipped to it (and to
        their words: a style never starts or ends on a space)."""
        text = "".join(self.parts).rstrip()
        end = len(text)
        styles = []
        for s, e, k in self.styles:
            e = min(e, end)
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                styles.append((s, e, k))
        return text, sorted(styles)
