"""Optional keys kept for interchange: a highlight's W3C ``motivation`` and languages, and
the study's ``publish_url``.

Added to format version 2 as optional keys (like ``document_layout``'s): written only
when they say something, read as empty when missing, and checked because the file is
untrusted. ``highlights[].motivation`` is a list of W3C motivations (``["bookmarking"]``;
missing means ``highlighting``), ``language``/``quote_language`` BCP 47 tags of the
note and of the passage's text, and ``study.publish_url`` the web page on which the
study's fact checks are published (ClaimReview's ``url``; an http(s) address).
"""

from __future__ import annotations

import re
from typing import Any

from desktop.domain.categories import checkable_by_default
from desktop.domain.model import Category, Highlight, Study
from desktop.storage.errors import StudyFileError
from desktop.storage.validate import Node

MAX_MOTIVATIONS = 16
# BCP 47 in its common shape: "en", "fr-CA", "zh-Hant-TW", "x-klingon" (checked loosely).
LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8}){0,7}")
MOTIVATION = re.compile(r"[A-Za-z][^\s<>\"{}|\\^`]{0,199}")  # a W3C name or an IRI


def annotation_keys_to_data(h: Highlight) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if h.motivation:
        data["motivation"] = list(h.motivation)
    if h.language:
        data["language"] = h.language
    if h.quote_language:
        data["quote_language"] = h.quote_language
    return data


def annotation_keys_from(node: Node) -> dict[str, Any]:
    """Keyword arguments for ``Highlight``: motivation, language, quote_language."""
    motivation = node.strings("motivation")
    if len(motivation) > MAX_MOTIVATIONS or not all(map(MOTIVATION.fullmatch, motivation)):
        raise StudyFileError(
            f"{node.path}.motivation should be at most {MAX_MOTIVATIONS} W3C motivations"
        )
    return {
        "motivation": list(motivation),
        "language": _language(node, "language"),
        "quote_language": _language(node, "quote_language"),
    }


def _language(node: Node, key: str) -> str:
    value = node.text(key, "")
    if value and not LANGUAGE_TAG.fullmatch(value):
        raise StudyFileError(f"{node.path}.{key} should be a language tag such as “en”")
    return value


def study_keys_to_data(study: Study) -> dict[str, Any]:
    return {"publish_url": study.publish_url} if study.publish_url else {}


def publish_url_from(node: Node) -> str:
    """``study.publish_url``: an http(s) address, or "" when missing."""
    value = node.text("publish_url", "").strip()
    if value and not re.match(r"https?://[^\s<>\"]+$", value, re.IGNORECASE):
        raise StudyFileError(f"{node.path}.publish_url should be a web address (http or https)")
    return value


def category_to_data(category: Category) -> dict[str, Any]:
    """A category as stored; ``checkable`` (issue #17) only where it differs from what a
    file without it means (Claim takes a verdict, the others do not)."""
    data: dict[str, Any] = {"id": category.id, "name": category.name, "color": category.color}
    if category.checkable != checkable_by_default(category.id):
        data["checkable"] = category.checkable
    return data


def category_checkable(node: Node, category_id: str) -> bool:
    """``categories[].checkable``: optional, a boolean; missing means the default."""
    value = node.value.get("checkable", checkable_by_default(category_id))
    if not isinstance(value, bool):
        raise StudyFileError(f"{node.path}.checkable should be true or false")
    return value
