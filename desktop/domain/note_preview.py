"""A note's opening words rendered for a compact card: bold, italics, code, links and
task boxes (☐/☑) kept as inline styles, blocks joined on one line.

The excerpt (a few lines, a few hundred characters) goes through the app's one Markdown
engine and its guard against pathological input (``markdown_safe.render_markdown``);
a note with no Markdown marks in its excerpt is escaped without loading the engine.
"""

from __future__ import annotations

import html
import re

from desktop.domain.markdown_limits import MARKUP

PREVIEW_LINES = 3  # non-blank lines of the note taken for the preview
PREVIEW_CHARS = 240  # at most this much of them: the card shows one line
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|tr|td|th)>|<br\s*/?>|<hr\s*/?>")
_BLOCK = re.compile(r"</?(?:p|ul|ol|li|h[1-6]|blockquote|pre|table|thead|tbody|tr|td|th|hr"
                    r"|sup)\b[^>]*>")
_SPACES = re.compile(r"\s+")


def note_excerpt(note: str) -> str:
    """The note up to its PREVIEW_LINES-th non-blank line (blank lines kept: they part
    paragraphs from lists), cut at PREVIEW_CHARS."""
    lines, taken = [], 0
    for line in note.strip().splitlines():
        lines.append(line.rstrip())
        taken += bool(line.strip())
        if taken == PREVIEW_LINES or sum(map(len, lines)) > PREVIEW_CHARS:
            break
    return "\n".join(lines)[:PREVIEW_CHARS]


def needs_engine(excerpt: str) -> bool:
    """True when the excerpt has Markdown marks to render."""
    return any(char in excerpt for char in MARKUP) or "[ ]" in excerpt


def plain_preview(note: str) -> str:
    """The excerpt as escaped words on one line (no engine)."""
    return html.escape(_SPACES.sub(" ", note_excerpt(note)).strip(), quote=False)


def note_preview_html(note: str) -> str:
    """Inline HTML (strong, em, code, del, a) of the note's opening, on one line."""
    excerpt = note_excerpt(note)
    if not excerpt.strip():
        return ""
    if not needs_engine(excerpt):
        return plain_preview(note)
    from desktop.domain.markdown_safe import render_markdown

    rendered = _BLOCK_END.sub(" ", render_markdown(excerpt))
    return _SPACES.sub(" ", _BLOCK.sub("", rendered)).strip()


def engine_ready() -> bool:
    """Whether the Markdown engine is loaded (loading it costs ~85 ms)."""
    from desktop.domain import markdown_safe

    return markdown_safe.engine_loaded()
