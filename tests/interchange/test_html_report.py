"""The HTML report is self-contained, safe to open, printable and well formed."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from desktop.storage.exporters.html_report import render
from tests.interchange.interchange_study import OPTIONS

VOID = {"meta", "br", "hr", "img", "link", "input"}


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.append((tag, name, value))
            if name == "href":
                self.hrefs.append(value or "")
            if name == "id":
                self.ids.add(value or "")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def parse(page: str) -> Collector:
    collector = Collector()
    collector.feed(page)
    collector.close()
    return collector


def test_well_formed_and_self_contained(study):
    page = render(study, OPTIONS)
    parsed = parse(page)
    assert parsed.errors == [] and parsed.stack == []
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not parsed.tags & {"script", "img", "link", "iframe", "object", "embed", "form"}
    assert not any(name == "src" or name.startswith("on") for _, name, _ in parsed.attributes)
    assert "@import" not in page and "url(" not in page


def test_links_are_web_addresses_or_passages(study):
    parsed = parse(render(study, OPTIONS))
    assert parsed.hrefs
    for href in parsed.hrefs:
        assert re.match(r"https?://", href) or href.startswith("#passage-"), href
        if href.startswith("#"):
            assert href[1:] in parsed.ids, f"{href} points nowhere"
    assert "https://stats.example.gov/budget-2023" in parsed.hrefs
    assert "https://example.org/trust" in parsed.hrefs  # a link in a note survives


def test_everything_is_escaped(study):
    page = render(study, OPTIONS)
    assert "javascript:" not in page
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" not in page  # notes go through the sanitizer, which drops it
    assert "City budget 😀 &lt;report&gt;" in page
    assert "Critics say &lt;b&gt;nothing&lt;/b&gt; changed." in page
    assert "<cite>A book with *stars* and &lt;tags&gt;</cite>" in page
    assert "«شورای شهر»" in page


def test_notes_are_rendered_markdown(study):
    page = render(study, OPTIONS)
    assert "<strong>Off by ten.</strong>" in page
    assert "<li>the accounts</li>" in page
    assert "<h4>Check</h4>" in page  # “# Check” inside a passage note, pushed below h3


def test_print_styles_and_verdicts_in_words(study):
    page = render(study, OPTIONS)
    assert "@media print" in page and "break-inside: avoid" in page
    assert '<span class="verdict verdict-false">✘ False</span>' in page
    assert page.count('class="passage"') == 8
    assert "Orphaned: this passage is no longer found" in page


def test_category_colours_cannot_inject_css(study):
    study.categories[0].color = "red; background: url(https://evil.example/x)"
    page = render(study, OPTIONS)
    assert "evil.example" not in page
    assert "border-left-color: #888888" in page
