"""Revision stamps: what tells "changed on one side" from "changed on both" in a merge.

An object's revision is a short hash of its content (not of who or when), so two people
who make the same edit make the same revision. Each saved object carries its recent
revisions, newest last (``revs``); the file's writer appends the current one when the
content moved on since (``history``). A merge then needs no server and no common file:
one side's head found among the other's revisions means that side is older.
"""

from __future__ import annotations

from functools import lru_cache

from desktop.domain.model import Citation, Document, Highlight, Link, Reference, Study

MAX_REVS = 32  # older revisions are forgotten: a very old ancestor makes a conflict, not a loss

Revisable = Highlight | Reference | Citation | Link | Document


def content_of(obj: Revisable) -> tuple:
    """The fields a merge compares: content, not stamps (created, editor, revs)."""
    if isinstance(obj, Highlight):
        q = obj.quote
        return ("h", obj.document_id, q.exact, q.prefix, q.suffix, obj.start, obj.end,
                obj.category_id, obj.note, str(obj.verdict), obj.rationale, tuple(obj.tags),
                tuple(obj.motivation), obj.language, obj.quote_language,
                tuple((str(r.value), r.rationale, r.by.name if r.by else "", r.at, r.kind)
                      for r in obj.reviews))
    if isinstance(obj, Reference):
        archived = (obj.archived.url, obj.archived.captured) if obj.archived else None
        return ("r", obj.url, obj.title, obj.author, obj.published, obj.accessed,
                obj.excerpt, obj.note, archived)
    if isinstance(obj, Citation):
        return ("c", obj.reference_id, str(obj.stance), obj.comment)
    if isinstance(obj, Document):  # its details; its text is compared by its hash
        s = obj.source
        return ("d", obj.title, obj.url, obj.author, obj.published, s.publisher, s.stance,
                str(s.trust), s.notes)
    return ("l", obj.source_id, obj.target_id, str(obj.relation))


def content_rev(obj: Revisable) -> str:
    return _rev_of(content_of(obj))


@lru_cache(maxsize=1 << 16)
def _rev_of(content: tuple) -> str:
    """Cached by content: saving again hashes only what changed (strings keep their hash)."""
    from hashlib import sha256  # on first use: the first window does not need it

    return sha256(repr(content).encode("utf-8")).hexdigest()[:16]


def history(obj: Revisable) -> list[str]:
    """The object's revisions, newest last, its current content's included."""
    head = content_rev(obj)
    if obj.revs and obj.revs[-1] == head:
        return list(obj.revs[-MAX_REVS:])
    return [*obj.revs[-(MAX_REVS - 1):], head]


def text_rev(text: str) -> str:
    """The revision of a free text (the study note)."""
    return _rev_of(("t", text))


def note_history(study: Study) -> list[str]:
    """The study note's revisions, newest last, its current text's included."""
    head = text_rev(study.note)
    revs = list(study.note_revs[-(MAX_REVS - 1):])
    return revs if revs and revs[-1] == head else [*revs, head]
