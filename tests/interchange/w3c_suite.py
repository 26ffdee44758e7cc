"""The W3C Web Annotation test suite's JSON schemas (``w3c_schemas/``), applied to exports.

``suite_failures(collection)`` checks an exported AnnotationCollection: the collection
against ``collectionMusts.test``, its embedded page against ``pageMusts.test`` and every
annotation against ``annotationMusts.test``; ``[]`` means every MUST holds. Embedded
objects are checked under the collection's ``@context``, which JSON-LD gives them. Each
assertion is a draft-4 schema that the object must satisfy (``expectedResult: valid``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMAS = Path(__file__).resolve().parent / "w3c_schemas"


@cache
def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.rglob("*.json"):
        schema = json.loads(path.read_text("utf-8"))
        resources.append((schema.get("id", path.name),
                          Resource.from_contents(schema, default_specification=DRAFT4)))
    return Registry().with_resources(resources)


@cache
def assertions(test: str) -> tuple[tuple[str, dict], ...]:
    """(file, schema) of each assertion a ``.test`` manifest lists."""
    manifest = json.loads((SCHEMAS / test).read_text("utf-8"))
    out = []
    for item in manifest["assertions"]:
        assert isinstance(item, str), "nested assertion lists are not used by these tests"
        out.append((item, json.loads((SCHEMAS / item).read_text("utf-8"))))
    return tuple(out)


def failures(instance: Any, test: str) -> list[str]:
    """The assertions of ``test`` that ``instance`` fails, each with the suite's message."""
    failed = []
    for name, schema in assertions(test):
        validator = Draft4Validator(schema, registry=_registry())
        if not validator.is_valid(instance):
            failed.append(f"{name}: {schema.get('errorMessage', schema.get('title'))}")
    return failed


def suite_failures(collection: dict, optionals: bool = False) -> list[str]:
    kind = "Optionals" if optionals else "Musts"
    found = [f"collection: {f}" for f in failures(collection, f"collections/collection{kind}.test")]
    page = collection.get("first")
    context = {"@context": collection.get("@context")}  # embedded objects inherit it
    if isinstance(page, dict):
        found += [f"page: {f}"
                  for f in failures(context | page, f"collections/pages/page{kind}.test")]
        for i, annotation in enumerate(page.get("items", [])):
            found += [f"items[{i}]: {f}" for f in
                      failures(context | annotation, f"annotations/annotation{kind}.test")]
    return found
