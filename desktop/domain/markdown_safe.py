"""Markdown notes to HTML that is safe to show: no scripts, no remote or local loads.

Markdown allows raw HTML, so the rendered output is cleaned with nh3 (an allow-list
sanitizer): images are dropped (an <img> would fetch a URL or read a file), links keep
only http, https and mailto targets, and no style or event attributes survive.
The renderer is the app's one Markdown engine (``markdown_engine``: tables, footnotes,
strikethrough, task lists), imported on first use.
Notes too long or too convoluted to render quickly (see ``markdown_limits``) are shown
as escaped plain text instead, so a hostile note cannot freeze the preview.
"""

from __future__ import annotations

import html
import threading
from typing import Any

import nh3

from desktop.domain.markdown_limits import too_complex

ALLOWED_TAGS = {
    "a", "b", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td",
    "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"align"}, "th": {"align"}}
ALLOWED_CLASSES = {"ul": {"tasks"}}  # a list of tasks: the previews draw no bullet
# For whatever shows a rendered note: a task's box is its bullet ("• ☐" reads twice).
PREVIEW_STYLE = "ul.tasks { list-style-type: none; }"
URL_SCHEMES = {"http", "https"}  # the only links the app will open
MAX_NOTE_CHARS = 50_000  # beyond this the preview shows plain text: rendering stays bounded

_converter: Any = None
_building = threading.Lock()


def render_markdown(text: str) -> str:
    """Sanitized HTML for a note's preview."""
    if len(text) > MAX_NOTE_CHARS or too_complex(text):
        return plain_html(text)
    converter = prepare_engine()
    try:
        raw = converter.reset().convert(text)
    except Exception:  # a renderer bug on odd input (e.g. RecursionError): show it plain
        return plain_html(text)
    return sanitize_html(raw)


def prepare_engine() -> Any:
    """The renderer, built on first use (python-markdown's import and extensions, ~100
    ms). Thread-safe: the notes pane builds it on a worker thread after the window shows;
    a render asked for meanwhile waits for that build rather than making a second."""
    global _converter
    with _building:
        if _converter is None:
            from desktop.domain.markdown_engine import new_markdown

            _converter = new_markdown()
        return _converter


def engine_loaded() -> bool:
    """Whether the renderer is built yet (its first use imports python-markdown)."""
    return _converter is not None


def plain_html(text: str) -> str:
    """The note as escaped, preformatted text: nothing in it is interpreted."""
    return f"<pre>{html.escape(text)}</pre>"


def sanitize_html(raw: str) -> str:
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
