"""The W3C Web Annotation vocabulary as files write it: compacted, prefixed or full IRIs.

``http://www.w3.org/ns/oa#commenting``, ``oa:commenting`` and ``commenting`` name the
same motivation; ``as:``/ActivityStreams and ``dcterms`` names likewise. Agents
(``creator``) come as an IRI, an object with ``name``/``nickname``/``email``/``homepage``,
or a list of those.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from desktop.domain.identity import Person

OA = "http://www.w3.org/ns/oa#"
_PREFIXES = (OA, "oa:", "https://www.w3.org/ns/oa#", "http://www.w3.org/ns/activitystreams#",
             "as:", "http://purl.org/dc/terms/", "dcterms:", "dc:", "foaf:",
             "http://xmlns.com/foaf/0.1/", "schema:", "http://schema.org/",
             "https://schema.org/", "dctypes:", "http://purl.org/dc/dcmitype/")
MOTIVATIONS = frozenset({
    "assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
    "highlighting", "identifying", "linking", "moderating", "questioning", "replying",
    "tagging",
})


def short(name: str) -> str:
    """``oa:commenting`` / ``http://www.w3.org/ns/oa#commenting`` → ``commenting``."""
    if ":" not in name:  # the common case: already a term
        return name
    return _short(name)


@lru_cache(maxsize=4096)
def _short(name: str) -> str:
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def text_of(obj: dict, key: str) -> str:
    value = obj.get(key)
    if isinstance(value, list):  # a language map written as a list: the first text
        value = next((v for v in value if isinstance(v, str)), None)
    return value if isinstance(value, str) else ""


def types(obj: dict) -> set[str]:
    """The object's types, shortened (``oa:TextualBody`` → ``TextualBody``)."""
    kinds = obj.get("type", obj.get("@type"))
    return {short(k) for k in as_list(kinds) if isinstance(k, str)}


def names(value: Any) -> list[str]:
    """Motivations or purposes, shortened, in order."""
    return [short(v) for v in as_list(value) if isinstance(v, str) and v.strip()]


def agent(value: Any) -> Person | None:
    """A creator as a Person: its name (or nickname), its homepage, id or e-mail address."""
    if isinstance(value, str) and value.strip():
        return Person("", url=value.strip())
    if not isinstance(value, dict):
        return None
    name = text_of(value, "name") or text_of(value, "nickname") or text_of(value, "foaf:name")
    email = text_of(value, "email")
    if email and not email.startswith("mailto:"):
        email = "mailto:" + email
    url = text_of(value, "homepage") or text_of(value, "id") or email
    if not (name or url):
        return None
    return Person(name.strip(), "", url.strip())


def agent_label(value: Any) -> str:
    person = agent(value)
    if person is None:
        return ""
    return person.name or person.url
