"""Optional keys for team work: revision stamps, verdict history, tombstones, conflicts.

Added like ``annotation_keys``' (absent = a file from before; older readers ignore them):

- ``revs`` on highlights, citations, links, references and documents (of a document:
  its details, title to source notes): the object's revision stamps,
  newest last (``domain.revisions``); written always, the current one appended when the
  content changed since the file was read.
- ``highlights[].reviews``: every verdict given on the claim, oldest first,
  ``[{value, rationale, at, kind, by?}]`` with kind "review" or "ruling".
- ``study.note_revs``: the study note's revision stamps, likewise.
- ``study.note_stamps``: who first wrote the study note and who changed it last, with the
  times, ``{creator?, editor?, created?, modified?}`` (persons as everywhere else);
  absent in files from before: the note's people are "unknown".
- ``study.deleted``: ``{id: [revisions]}`` of objects deleted in this copy (their stamps
  when deleted), so a merge tells "deleted here" from "added there".
- ``study.conflicts``: what a merge could not decide, in the file's own terms
  (``[{id, kind, field, mine, theirs, theirs_data?}]``), until someone resolves them in
  the app; ``theirs_data`` is their version of the object as the file holds it
  (``storage.recorded_conflicts``), so it can still be taken.
"""

from __future__ import annotations

import re
from typing import Any

from desktop.domain.crosscheck import Verdict
from desktop.domain.model import Highlight, NoteStamps, Review, Study
from desktop.domain.revisions import MAX_REVS, Revisable, history, note_history
from desktop.storage.errors import StudyFileError
from desktop.storage.person_data import person_from, person_to_data
from desktop.storage.validate import Node

REV = re.compile(r"[0-9a-f]{16}")
MAX_REVIEWS = 10_000
MAX_CONFLICTS = 100_000
CONFLICT_KEYS = ("id", "kind", "field", "mine", "theirs")


def revs_to_data(obj: Revisable) -> dict[str, Any]:
    return {"revs": history(obj)}


def revs_from(node: Node) -> list[str]:
    return revs_from_key(node, "revs")


def revs_from_key(node: Node, key: str) -> list[str]:
    revs = node.strings(key)
    if not all(REV.fullmatch(r) for r in revs):
        raise StudyFileError(f"{node.path}.{key} should hold revision stamps (16 hex digits)")
    return revs[-MAX_REVS:]


def reviews_to_data(h: Highlight) -> dict[str, Any]:
    if not h.reviews:
        return {}
    items = []
    for r in h.reviews:
        item: dict[str, Any] = {"value": r.value.value, "rationale": r.rationale,
                                "at": r.at, "kind": r.kind}
        if r.by is not None:
            item["by"] = person_to_data(r.by)
        items.append(item)
    return {"reviews": items}


def reviews_from(node: Node) -> list[Review]:
    nodes = node.objects("reviews")
    if len(nodes) > MAX_REVIEWS:
        raise StudyFileError(f"{node.path}.reviews holds more than {MAX_REVIEWS} verdicts")
    reviews = []
    for r in nodes:
        value = r.text("value")
        try:
            verdict = Verdict(value)
        except ValueError:
            raise StudyFileError(f"{r.path}.value is {value!r}, not a verdict") from None
        kind = r.text("kind", "review")
        if kind not in ("review", "ruling"):
            raise StudyFileError(f"{r.path}.kind should be “review” or “ruling”")
        by = None
        if "by" in r.value:
            by = person_from(r.obj("by"))
        reviews.append(Review(verdict, r.text("rationale", ""), by, r.text("at", ""), kind))
    return reviews


def note_stamps_to_data(stamps: NoteStamps) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in ("creator", "editor"):
        person = getattr(stamps, key)
        if person is not None:
            data[key] = person_to_data(person)
    for key in ("created", "modified"):
        if getattr(stamps, key):
            data[key] = getattr(stamps, key)
    return data


def note_stamps_from(node: Node) -> NoteStamps:
    people = {key: person_from(node.obj(key)) if node.has(key) else None
              for key in ("creator", "editor")}
    return NoteStamps(people["creator"], people["editor"], node.text("created", ""),
                      node.text("modified", ""))


def study_team_to_data(study: Study) -> dict[str, Any]:
    data: dict[str, Any] = {"note_revs": note_history(study)}
    stamps = note_stamps_to_data(study.note_stamps)
    if stamps:
        data["note_stamps"] = stamps
    if study.deleted:
        data["deleted"] = dict(sorted(study.deleted.items()))
    if study.conflicts:
        data["conflicts"] = [dict(c) for c in study.conflicts]
    return data


def study_team_from(node: Node, study: Study) -> None:
    deleted = node.obj("deleted", {})
    study.deleted = {oid: revs_from_key(deleted, oid) for oid in deleted.value}
    study.note_revs = revs_from_key(node, "note_revs")
    if node.has("note_stamps"):
        study.note_stamps = note_stamps_from(node.obj("note_stamps"))
    conflicts = node.objects("conflicts")
    if len(conflicts) > MAX_CONFLICTS:
        raise StudyFileError(f"{node.path}.conflicts holds more than {MAX_CONFLICTS} entries")
    study.conflicts = []
    for c in conflicts:
        record: dict[str, Any] = {key: c.text(key, "") for key in CONFLICT_KEYS}
        if c.has("theirs_data"):  # their version, read when decided (recorded_conflicts)
            record["theirs_data"] = c.obj("theirs_data").raw
        study.conflicts.append(record)
