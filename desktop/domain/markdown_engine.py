"""The one Markdown engine: python-markdown (BSD), set up the same for notes and documents.

Notes render to HTML (then sanitised, see ``markdown_safe``); documents are read from
the same element tree as text with styles (``storage.formats.markdown_text``). Both get
tables, fenced code, footnotes, sane lists and two small extensions of our own:
``~~strikethrough~~`` and task-list items (``- [x] done`` → "☑ done"). Lists nest by
two spaces as well as four, as CommonMark and GitHub have it (``markdown_lists``).
``markdown`` is imported on first use (it
costs ~85 ms, too much for start-up). Callers check ``markdown_limits.too_complex``
first: python-markdown is quadratic on some inputs.
"""

from __future__ import annotations

import re
from typing import Any

from desktop.domain import markdown_lists

BASE_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "footnotes"]
_TASK = re.compile(r"^\[([ xX])\][ \t]+")


def new_markdown() -> Any:
    """A configured ``markdown.Markdown`` (not thread-safe: one per user)."""
    import markdown

    # Column alignment as an ``align`` attribute: the sanitizer strips ``style``.
    return markdown.Markdown(
        extensions=[*BASE_EXTENSIONS, _extension(), markdown_lists.extension()],
        extension_configs={"tables": {"use_align_attribute": True}},
    )


def _extension() -> Any:
    from markdown.extensions import Extension
    from markdown.inlinepatterns import SimpleTagInlineProcessor
    from markdown.treeprocessors import Treeprocessor

    class TaskItems(Treeprocessor):
        """``[ ]`` / ``[x]`` opening a list item become ☐ / ☑ (the sanitiser keeps text,
        not checkboxes)."""

        def run(self, root: Any) -> None:
            for item in root.iter("li"):
                holder = _holder(item)
                match = _TASK.match(holder.text or "")
                if match:
                    box = "☐ " if match.group(1) == " " else "☑ "
                    holder.text = box + (holder.text or "")[match.end():]
            for listing in root.iter("ul"):  # a list of tasks only: the box is its bullet
                items = [i for i in listing if i.tag == "li"]
                if items and all(_is_task(i) for i in items):
                    listing.set("class", "tasks")

    def _holder(item: Any) -> Any:
        """Where a list item's text starts: a loose list puts it in a paragraph."""
        if not (item.text or "").strip() and len(item) and item[0].tag == "p":
            return item[0]
        return item

    def _is_task(item: Any) -> bool:
        return (_holder(item).text or "").startswith(("☐ ", "☑ "))

    class CrosslightMarkdown(Extension):
        def extendMarkdown(self, md: Any) -> None:  # noqa: N802 - python-markdown's API
            md.inlinePatterns.register(
                SimpleTagInlineProcessor(r"(~{2})(?!~)(.+?)(?<!~)\1", "del"), "strike", 55)
            md.treeprocessors.register(TaskItems(md), "task_items", 25)

    return CrosslightMarkdown()
