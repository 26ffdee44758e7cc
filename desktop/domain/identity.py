"""Who made or last changed something in a study: the reader's identity.

Kept on highlights, citations, links and references (``creator``/``editor``) and used by
every export (W3C ``creator``, ClaimReview ``author``). Objects from studies written
before identities existed have none: shown as ``UNKNOWN``, and they gain one as people
edit them.
"""

from __future__ import annotations

from dataclasses import dataclass

UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Person:
    """A named person, optionally with their organisation and an address (URL or mailto:)."""

    name: str
    organisation: str = ""
    url: str = ""

    @property
    def label(self) -> str:
        """"A. Rahimi (Factcheck Desk)" — for cards, reports and the status bar."""
        name = self.name or UNKNOWN
        return f"{name} ({self.organisation})" if self.organisation else name


def label_of(person: Person | None) -> str:
    return person.label if person is not None else UNKNOWN
