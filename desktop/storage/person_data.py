"""A person (a creator, an editor, a reviewer) in the study file: ``name`` always,
``organisation`` and ``url`` only when known. One reading and writing for every key
that names someone (``schema`` and ``team_keys`` both)."""

from __future__ import annotations

from desktop.domain.identity import Person
from desktop.storage.validate import Node


def person_to_data(person: Person) -> dict[str, str]:
    data = {"name": person.name}
    if person.organisation:
        data["organisation"] = person.organisation
    if person.url:
        data["url"] = person.url
    return data


def person_from(node: Node) -> Person:
    return Person(node.text("name", ""), node.text("organisation", ""), node.text("url", ""))
