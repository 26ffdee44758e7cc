"""Hypothesis's own JSON into a study: what ``GET /api/search`` returns
(``{"rows": [...], "total": N}``), a plain list of those annotation objects (what its
users' export scripts save), or the client's “Export annotations” file
(``{"export_date": …, "annotations": [...]}``).

Each row becomes the W3C annotation it stands for and goes through ``importers.w3c``,
so placing, categories, duplicates and the loss report work the same: ``target``'s
selectors (TextQuoteSelector, TextPositionSelector) place the highlight, ``text`` (Markdown)
is the note, ``tags`` are tags, ``user`` (``acct:name@hypothes.is``, with
``user_info.display_name``) the creator, ``created``/``updated`` the times, and ``uri``
the page: it picks the document in a study of several, and becomes the address of a
document that has none. Replies (``references``) are added to the note of the
highlight they answer, quoted. Page notes (no selector) cannot become highlights and
are listed; private or hidden annotations are imported and said to be so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from desktop.domain.commands import Command
from desktop.domain.crosscheck_commands import SetDocumentMetadata
from desktop.domain.identity import Person
from desktop.domain.model import Study
from desktop.storage.importers.common import ImportFormatError, parse_json, read_text
from desktop.storage.importers.progress import Work
from desktop.storage.importers.w3c import AnnotationImport, import_annotations
from desktop.storage.importers.w3c_vocab import text_of

_ACCOUNT = re.compile(r"acct:([^@\s]+)@([^\s]+)")
MAX_REPLY_DEPTH = 64


@dataclass
class HypothesisImport(AnnotationImport):
    """An AnnotationImport that may also give documents their web address."""

    # document id → (url, author, published) for documents that had no address
    metadata: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    def commands(self) -> list[Command]:
        commands = super().commands()
        for document_id, (url, author, published) in self.metadata.items():
            commands.append(SetDocumentMetadata(document_id, url, author, published,
                                                label="Set the document's address",
                                                merges=False))
        return commands


def is_hypothesis(data: object) -> bool:
    """Whether parsed JSON looks like Hypothesis's API rows rather than W3C annotations."""
    rows = _rows_or_none(data)
    return rows is not None and bool(rows) and all(
        isinstance(r, dict) and "type" not in r and "user" in r and "target" in r
        for r in rows[:20])


def read_hypothesis(path: Path, study: Study, document_id: str,
                    work: Work | None = None) -> AnnotationImport:
    path = Path(path)
    data = parse_json(read_text(path), path.name)
    return import_hypothesis(data, study, document_id, path.name, work)


def import_hypothesis(data: object, study: Study, document_id: str,
                      name: str = "the file", work: Work | None = None) -> AnnotationImport:
    rows = _rows_or_none(data)
    if rows is None:
        raise ImportFormatError(
            f"“{name}” is not Hypothesis annotations: expected the API's "
            "{\"rows\": […]} or a list of annotations.")
    annotations: list[Any] = []
    replies: list[tuple[int, dict]] = []
    notes: dict[str, list[str]] = {}
    by_row: dict[str, dict] = {}
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            annotations.append(row)  # reported by the W3C importer
            continue
        if row.get("references"):
            replies.append((number, row))
            continue
        converted, problems = to_w3c(row)
        if problems:
            notes[text_of(converted, "id")] = problems
        annotations.append(converted)
        by_row[text_of(row, "id")] = converted
    skipped = _thread_replies(replies, by_row)
    plan = import_annotations(annotations, study, document_id, name, work)
    result = _with_addresses(plan, study, annotations)
    result.skipped += skipped
    _note_problems(result, notes)
    return result


def _thread_replies(replies: list[tuple[int, dict]], by_row: dict[str, dict]) -> list[str]:
    """Each reply as a ``replying`` body of the annotation that starts its thread, in
    the order written; the reasons for replies whose thread is not in the file."""
    skipped = []
    for number, row in sorted(replies, key=lambda r: text_of(r[1], "created")):
        thread = [r for r in row.get("references", []) if isinstance(r, str)]
        root = next((by_row[r] for r in thread[:MAX_REPLY_DEPTH] if r in by_row), None)
        if root is None:
            skipped.append(f"item {number} ({_id(row)}) replies to an annotation that is "
                           "not in this file")
            continue
        if not text_of(row, "text").strip():
            continue
        who = person(row)
        reply: dict[str, Any] = {"type": "TextualBody", "purpose": "replying",
                                 "format": "text/markdown", "value": text_of(row, "text")}
        if who is not None:
            reply["creator"] = {"type": "Person", "name": who.name, "homepage": who.url}
        if text_of(row, "created"):
            reply["created"] = text_of(row, "created")
        root["body"].append(reply)
    return skipped


def _rows_or_none(data: object) -> list[Any] | None:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("rows", "annotations"):
            if isinstance(data.get(key), list):
                return data[key]
    return None


def person(row: dict) -> Person | None:
    """``acct:name@hypothes.is`` (and the display name) as a Person."""
    user = text_of(row, "user")
    info = row.get("user_info")
    display = text_of(info, "display_name") if isinstance(info, dict) else ""
    match = _ACCOUNT.fullmatch(user)
    if match is None:
        return Person(display or user) if (display or user) else None
    username, authority = match.groups()
    url = f"https://hypothes.is/users/{username}" if authority == "hypothes.is" else user
    return Person(display or username, "", url)


def _id(row: dict) -> str:
    links = row.get("links")
    html = text_of(links, "html") if isinstance(links, dict) else ""
    ident = text_of(row, "id")
    return html or (f"https://hypothes.is/a/{ident}" if ident else "")


def to_w3c(row: dict) -> tuple[dict[str, Any], list[str]]:
    """The W3C annotation a Hypothesis row stands for, and what it says that a
    highlight cannot hold."""
    problems = []
    bodies: list[dict[str, Any]] = []
    text = text_of(row, "text")
    if text.strip():
        bodies.append({"type": "TextualBody", "purpose": "commenting",
                       "format": "text/markdown", "value": text})
    tags = row.get("tags")
    for tag in tags if isinstance(tags, list) else []:
        if isinstance(tag, str) and tag.strip():
            bodies.append({"type": "TextualBody", "purpose": "tagging", "value": tag})
    targets = []
    uri = text_of(row, "uri")
    given = row.get("target")
    for target in given if isinstance(given, list) else []:
        if isinstance(target, dict):
            targets.append({"source": text_of(target, "source") or uri,
                            "selector": target.get("selector", [])})
    annotation: dict[str, Any] = {
        "id": _id(row), "type": "Annotation",
        "motivation": "commenting" if text.strip() else "highlighting",
        "body": bodies, "target": targets or uri, "uri": uri,
    }
    who = person(row)
    if who is not None:
        annotation["creator"] = {"type": "Person", "name": who.name, "homepage": who.url}
    for ours, theirs in (("created", "created"), ("modified", "updated")):
        if text_of(row, theirs):
            annotation[ours] = text_of(row, theirs)
    group = text_of(row, "group")
    if group and group != "__world__":
        problems.append(f"it belongs to the private group {group}")
    permissions = row.get("permissions")
    readers = permissions.get("read") if isinstance(permissions, dict) else None
    if isinstance(readers, list) and readers and not any(
            isinstance(r, str) and r.startswith("group:") for r in readers):
        problems.append("it was private to its author (it is not private here)")
    if row.get("hidden") is True:
        problems.append("it was hidden by a moderator")
    if row.get("flagged") is True:
        problems.append("it was flagged for moderation")
    return annotation, problems


def _with_addresses(plan: AnnotationImport, study: Study,
                    annotations: list[Any]) -> HypothesisImport:
    """The plan, plus the page address (``uri``) for documents that have none."""
    result = HypothesisImport(**{f.name: getattr(plan, f.name) for f in fields(plan)})
    uris = {}
    for annotation in annotations:
        if isinstance(annotation, dict) and text_of(annotation, "uri"):
            uris[text_of(annotation, "id")] = text_of(annotation, "uri")
    by_highlight = {h: uris[a] for a, h in plan.annotation_ids.items() if a in uris}
    for h in result.highlights:
        document = study.documents[h.document_id]
        url = by_highlight.get(h.id, "")
        if url and not document.url.strip() and h.document_id not in result.metadata:
            result.metadata[h.document_id] = (url, document.author, document.published)
    return result


def _note_problems(result: AnnotationImport, notes: dict[str, list[str]]) -> None:
    """Add what only Hypothesis knows (groups, privacy, moderation) to the loss report."""
    lost = dict(result.lost)
    for ann_id, problems in notes.items():
        where = next((w for w in lost if w.endswith(f"({ann_id})")), None)
        if where is None:
            result.lost.append((ann_id, problems))
        else:
            lost[where].extend(problems)
