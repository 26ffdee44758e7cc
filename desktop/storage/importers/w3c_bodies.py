"""What an annotation's bodies say, sorted by where each goes in a highlight.

Every textual body counts, whatever its purpose and however the purpose is written
(``commenting``, ``oa:commenting`` or the full IRI): comments and descriptions are the
note (one paragraph each), ``tagging`` values tags, ``classifying`` values the category,
``assessing`` the verdict, ``replying`` quoted notes. External resources and
SpecificResources become references. Choice bodies give their first item; the others are
named in ``lost``, as is every key this reading could not carry over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from desktop.domain.crosscheck import Stance
from desktop.storage.importers.w3c_vocab import (
    agent,
    agent_label,
    as_list,
    names,
    short,
    text_of,
    types,
)

MAX_DEPTH = 8  # Choice inside Choice inside …
MAX_BODIES = 100_000  # per annotation: more are counted and reported, not read
NOTE_PURPOSES = frozenset({"commenting", "describing", "questioning", "editing",
                           "highlighting", "bookmarking", "identifying", "moderating",
                           "linking"})
TEXT_FORMATS = ("text/plain", "text/markdown", "text/x-markdown", "text/html",
                "application/xhtml+xml")
_TEXTUAL_KEYS = frozenset({"id", "@id", "type", "@type", "value", "chars", "rdf:value",
                           "purpose", "format", "language"})
_EXTERNAL_KEYS = frozenset({"id", "@id", "type", "@type", "source", "purpose", "title",
                            "label", "name", "stance"})
_TEXTUAL_TYPES = {"TextualBody", "Text"}  # "Text" with a value: an older spelling


@dataclass
class ExternalBody:
    """A body that names another resource: a reference of the highlight."""

    url: str
    title: str = ""
    stance: Stance = Stance.CONTEXT
    purpose: str = ""  # why it was attached, when not plain description


@dataclass
class BodyReading:
    notes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    assessments: list[str] = field(default_factory=list)
    external: list[ExternalBody] = field(default_factory=list)
    language: str = ""  # of the first textual body that names one
    lost: list[str] = field(default_factory=list)


def read_bodies(annotation: dict, creator: Any = None) -> BodyReading:
    """The bodies of ``annotation`` (``bodyValue`` included) sorted by destination."""
    reader = _Reader(annotation, creator)
    for value in as_list(annotation.get("bodyValue")):
        if isinstance(value, str) and value.strip():
            reader.result.notes.append(value)
    bodies = as_list(annotation.get("body"))
    if len(bodies) > MAX_BODIES:
        reader.result.lost.append(f"{len(bodies) - MAX_BODIES} bodies beyond the first "
                                  f"{MAX_BODIES:,}")
        bodies = bodies[:MAX_BODIES]
    for body in bodies:
        reader.body(body, 0)
    return reader.result


class _Reader:
    def __init__(self, annotation: dict, creator: Any) -> None:
        self.result = BodyReading()
        motivations = [m for m in names(annotation.get("motivation")) if m != "highlighting"]
        self.default = motivations[0] if motivations else "commenting"
        self.creator = agent(creator)

    def body(self, body: Any, depth: int) -> None:
        if isinstance(body, str):
            if body.strip():
                self.result.external.append(ExternalBody(body.strip()))
            return
        if not isinstance(body, dict):
            self.result.lost.append("a body that is neither text nor an object")
            return
        kinds = types(body)
        if kinds & {"Choice", "Composite", "List", "Independents"} or "items" in body:
            self.choice(body, kinds, depth)
        elif kinds & _TEXTUAL_TYPES or "value" in body or "chars" in body:
            self.textual(body)
        else:
            self.external(body)

    def choice(self, body: dict, kinds: set[str], depth: int) -> None:
        items = as_list(body.get("items"))
        if depth >= MAX_DEPTH:
            self.result.lost.append(f"bodies nested deeper than {MAX_DEPTH} levels")
            return
        if not items:
            self.result.lost.append("an empty Choice of bodies")
            return
        if "Choice" not in kinds:  # Composite, List, Independents: every item counts
            for item in items:
                self.body(item, depth + 1)
            return
        self.body(items[0], depth + 1)
        for item in items[1:]:
            self.result.lost.append(f"the alternative {_describe(item)} of a Choice "
                                    "(the first is kept)")

    def textual(self, body: dict) -> None:
        value = text_of(body, "value") or text_of(body, "chars") or text_of(body, "rdf:value")
        if not value.strip():
            self.result.lost.append("an empty textual body")
            return
        value = _as_text(value, text_of(body, "format"), self.result.lost)
        purposes = names(body.get("purpose")) or [self.default]
        language = text_of(body, "language")
        if language and not self.result.language:
            self.result.language = language
        elif language and language != self.result.language:
            self.result.lost.append(f"the language ({language}) of “{_short(value)}”")
        reply_keys = {"creator", "created", "modified"}
        extra = set(body) - _TEXTUAL_KEYS
        purpose = purposes[0]
        if purpose == "replying":
            who = agent_label(body.get("creator"))
            when = text_of(body, "created")[:10]
            head = "Reply" + (f" from {who}" if who else "") + (f", {when}" if when else "")
            quoted = "\n".join(f"> {line}" if line else ">" for line in value.split("\n"))
            self.result.notes.append(f"{head}:\n\n{quoted}")
            extra -= reply_keys
        elif purpose == "tagging":
            self.result.tags.append(value.strip())
        elif purpose == "classifying":
            self.result.classes.append(value.strip())
        elif purpose == "assessing":
            self.result.assessments.append(value)
        else:
            self.result.notes.append(value)
        if "creator" in extra and self._same_creator(body.get("creator")):
            extra.discard("creator")
        for purpose_name in purposes[1:]:
            self.result.lost.append(f"the second purpose ({purpose_name}) of “{_short(value)}”")
        if extra:
            self.result.lost.append(f"{_keys(extra)} of the body “{_short(value)}”")

    def _same_creator(self, value: Any) -> bool:
        """The body's creator is the annotation's (or says nothing)."""
        person = agent(value)
        if person is None or person == self.creator:
            return True
        return self.creator is not None and bool(person.url) and person.url == self.creator.url

    def external(self, body: dict) -> None:
        source = body.get("source")
        url = _iri(source) or text_of(body, "id") or text_of(body, "@id")
        if not url:
            self.result.lost.append(f"a body with no address ({_keys(set(body))})")
            return
        extra = set(body) - _EXTERNAL_KEYS
        if isinstance(source, dict):
            extra |= {f"source {k}" for k in set(source) - {"id", "@id", "type", "@type"}}
        for selector in as_list(body.get("selector")):
            if isinstance(selector, dict) and "FragmentSelector" in types(selector) and (
                    text_of(selector, "value") and "#" not in url):
                url = f"{url}#{text_of(selector, 'value')}"
                if set(selector) - {"type", "@type", "value", "conformsTo"}:
                    extra.add("a refinement of its fragment")
            else:
                extra.add("selector")
        purposes = names(body.get("purpose")) or [self.default]
        purpose = next((p for p in purposes if p not in ("describing", "commenting")), "")
        title = text_of(body, "title") or text_of(body, "label") or text_of(body, "name")
        self.result.external.append(ExternalBody(url, title.strip(), _stance(body), purpose))
        if extra:
            self.result.lost.append(f"{_keys(extra)} of the resource {url}")


def _stance(body: dict) -> Stance:
    value = short(text_of(body, "stance") or text_of(body, "crosslight:stance"))
    return Stance(value) if value in Stance._value2member_map_ else Stance.CONTEXT


def _iri(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return (text_of(value, "id") or text_of(value, "@id")).strip()
    return ""


def _as_text(value: str, media_type: str, lost: list[str]) -> str:
    """HTML bodies as their text (notes are Markdown); other text formats as written."""
    kind = media_type.split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        text = html_to_text(value)
        if text != value:
            lost.append(f"the HTML markup of “{_short(text)}” (kept as text)")
        return text
    if kind and kind not in TEXT_FORMATS:
        lost.append(f"the format {kind} of “{_short(value)}” (kept as plain text)")
    return value


def html_to_text(value: str) -> str:
    """Text of an HTML fragment, one paragraph per block (nh3 drops the tags, and the
    content of script and style)."""
    if "<" not in value and "&" not in value:
        return value
    import html

    import nh3

    text = re.sub(r"(?i)<br\s*/?>", "\n", value)
    text = re.sub(r"(?i)</(?:p|div|li|h[1-6]|blockquote|tr|pre)\s*>", "\n\n", text)
    text = html.unescape(nh3.clean(text, tags=set()))
    return "\n\n".join(p.strip() for p in text.split("\n\n") if p.strip())


def _describe(item: Any) -> str:
    if isinstance(item, str):
        return item
    if not isinstance(item, dict):
        return "(not an object)"
    value = text_of(item, "value")
    where = _iri(item.get("source")) or text_of(item, "id")
    language = text_of(item, "language") or (text_of(item["source"], "language")
                                             if isinstance(item.get("source"), dict) else "")
    shown = f"“{_short(value)}”" if value else where or "(no address)"
    return f"{shown} ({language})" if language else shown


def _short(text: str, limit: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _keys(keys: set[str]) -> str:
    shown = sorted(keys)
    return ", ".join(shown[:8]) + (f" and {len(shown) - 8} more" if len(shown) > 8 else "")
