"""What a selection in the text means for a highlight: the passage without the white
space around it.

A reader's selection often starts or ends on a space or a line break (a double click, a
drag to the line's end); the highlight is the words inside. Offsets are code points.
"""

from __future__ import annotations


def trim_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``[start, end)`` of ``text`` without leading and trailing white space, or None
    when nothing but white space is selected."""
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
