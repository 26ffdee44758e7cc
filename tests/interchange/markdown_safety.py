"""Whether rendered Markdown is inert: what a renderer made of a report, checked.

``active_content(html)`` lists what would run, load or navigate away: script-like
elements, images and embeds, event-handler and style attributes, attributes a
Markdown extension added (``attr_list``), and links to anything but http(s) or the
page's own anchors. ``[]`` means the HTML is inert.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown

FORBIDDEN_TAGS = {"script", "img", "iframe", "object", "embed", "style", "link", "meta",
                  "svg", "math", "form", "input", "button", "video", "audio", "source",
                  "base", "frame", "frameset", "applet", "picture", "textarea", "select",
                  "template", "noscript", "track", "portal"}
ALLOWED_ATTRIBUTES = {"href", "id", "class", "title", "align", "colspan", "rowspan",
                      "start", "rev"}  # what python-markdown itself writes
# Every extension that ships with python-markdown and can change what a note becomes.
EXTENSIONS = ["extra", "admonition", "legacy_attrs", "legacy_em", "meta", "nl2br",
              "sane_lists", "smarty", "toc", "wikilinks"]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name == "style" and tag in ("th", "td") and re.fullmatch(
                    r"text-align: (left|right|center);", value or ""):
                continue  # a table column's alignment, as python-markdown writes it
            if name.startswith("on") or name not in ALLOWED_ATTRIBUTES:
                self.found.append(f"<{tag} {name}=…>")
            elif name == "href" and not re.match(r"(https?://|#)", (value or "").strip(),
                                                 re.IGNORECASE):
                self.found.append(f"<{tag} href={value!r}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data):
        self.found.append("<!-- comment -->")  # conditional comments run in old browsers


def active_content(html: str) -> list[str]:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.found


def render(text: str, extensions: list[str] | None = None) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS if extensions is None else extensions)
