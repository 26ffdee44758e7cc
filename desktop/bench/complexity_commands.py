"""Complexity cases for every undoable command: apply and revert on a study of n
highlights (spread over two documents, with links, references and citations), in the
shapes that make a command touch the most — a reference cited by every highlight, a
highlight linked to all others, a document holding half the study."""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from desktop.bench.data import make_text
from desktop.domain.commands import (
    AddHighlight,
    Command,
    DeleteHighlight,
    SetCategoryCheckable,
    SetHighlightCategory,
    SetHighlightNote,
    SetHighlightTags,
    SetStudyNote,
)
from desktop.domain.content_commands import ReplaceDocumentContent
from desktop.domain.crosscheck import Relation, Stance, Verdict
from desktop.domain.crosscheck_commands import (
    AddLink,
    AddReference,
    AttachReference,
    DeleteLink,
    DeleteReference,
    DetachReference,
    EditCitation,
    EditReference,
    SetDocumentMetadata,
    SetDocumentSource,
    SetVerdict,
)
from desktop.domain.document_commands import (
    AddDocument,
    ReattachHighlight,
    RemoveDocument,
    UpdateDocumentText,
)
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.merge_command import AdoptMerge, ClearConflicts
from desktop.domain.model import Citation, Document, Link, Reference, SourceAssessment, Study
from desktop.domain.provenance import ArchivedCopy
from desktop.domain.web_commands import SetArchivedCopy, SetPublishUrl

Case = tuple[str, Callable[[int], Any], Callable[[Any], object]]


class World:
    """A study of ``n`` highlights; the first reference is cited by every highlight,
    the first highlight linked to every tenth one."""

    def __init__(self, n: int) -> None:
        rng = random.Random(n)
        self.main = Document(_text(60 * n + 500, 3), "Main")
        self.second = Document(_text(60 * n + 500, 4), "Second")
        study = new_study_for(self.main)
        study.documents[self.second.id] = self.second
        self.ref = Reference(url="https://example.org/r", title="Cited by all")
        study.references[self.ref.id] = self.ref
        for i in range(n):
            doc = self.main if i % 2 == 0 else self.second
            start = rng.randrange(0, len(doc.text) - 40)
            h = make_highlight(doc, start, start + 20, "claim")
            h.citations.append(Citation(self.ref.id, Stance.SUPPORTS, ""))
            study.highlights[h.id] = h
        ids = list(study.highlights)
        self.hub = ids[0]
        for other in ids[10::10]:
            link = Link(self.hub, other, Relation.SEE_ALSO)
            study.links[link.id] = link
        self.some = ids[len(ids) // 2]
        self.study: Study = study

    def applied(self, command: Command) -> tuple[Study, Command]:
        command.apply(self.study)
        return self.study, command


@lru_cache(maxsize=8)
def _text(size: int, seed: int) -> str:
    return make_text(size, seed=seed)


def _apply(make: Callable[[World], Command]) -> Callable[[int], Any]:
    def build(n: int) -> tuple[Study, Command]:
        world = World(n)
        return world.study, make(world)
    return build


def _reverted(make: Callable[[World], Command]) -> Callable[[int], Any]:
    def build(n: int) -> tuple[Study, Command]:
        world = World(n)
        return world.applied(make(world))
    return build


def _commands() -> Iterator[tuple[str, Callable[[World], Command]]]:
    yield "AddHighlight", lambda w: AddHighlight(make_highlight(w.main, 0, 5, "claim"))
    yield "DeleteHighlight (linked to a tenth)", lambda w: DeleteHighlight(w.hub)
    yield "SetHighlightCategory", lambda w: SetHighlightCategory(w.some, "evidence")
    yield "SetHighlightNote", lambda w: SetHighlightNote(w.some, "a note")
    yield "SetHighlightTags", lambda w: SetHighlightTags(w.some, ["a", "b"])
    yield "SetStudyNote", lambda w: SetStudyNote("study note")
    yield "SetCategoryCheckable", lambda w: SetCategoryCheckable("question", True)
    yield "AddReference", lambda w: AddReference(Reference(url="https://x.example", title="X"))
    yield "EditReference", lambda w: EditReference(Reference(
        url="https://example.org/r2", title="Edited", id=w.ref.id))
    yield "DeleteReference (cited by all)", lambda w: DeleteReference(w.ref.id)
    yield "AttachReference", lambda w: AttachReference(w.some, Citation(w.ref.id, Stance.UNCLEAR))
    yield "DetachReference", lambda w: DetachReference(
        w.some, w.study.highlights[w.some].citations[0].id)
    yield "EditCitation", lambda w: EditCitation(
        w.some, w.study.highlights[w.some].citations[0].id, Stance.CONTRADICTS, "no")
    yield "SetVerdict", lambda w: SetVerdict(w.some, Verdict.DISPUTED, "why")
    yield "AddLink", lambda w: AddLink(Link(w.some, w.hub, Relation.ELABORATES))
    yield "DeleteLink", lambda w: DeleteLink(next(iter(w.study.links)))
    yield "SetDocumentSource", lambda w: SetDocumentSource(w.main.id, SourceAssessment("P"))
    yield "SetDocumentMetadata", lambda w: SetDocumentMetadata(
        w.main.id, "https://a.example", "A", "2024-01-01", title="T", merges=False)
    yield "AddDocument", lambda w: AddDocument(Document("A new text.", "New"))
    yield "RemoveDocument (half the study)", lambda w: RemoveDocument(w.second.id)
    yield "ReattachHighlight", lambda w: ReattachHighlight(w.some, 0, 10)
    yield "ReplaceDocumentContent", lambda w: ReplaceDocumentContent(
        _empty_document(w), Document(w.study.documents[_empty_document(w)].text, "Same"))
    yield "SetArchivedCopy", lambda w: SetArchivedCopy(
        ArchivedCopy("https://web.archive.org/x", "2024-01-01T00:00:00Z"), reference_id=w.ref.id)
    yield "SetPublishUrl", lambda w: SetPublishUrl("https://desk.example/checks")
    yield "AdoptMerge (the whole study)", lambda w: AdoptMerge(copy.deepcopy(w.study))
    yield "ClearConflicts", lambda w: ClearConflicts()
    yield "UpdateDocumentText (1% edits)", lambda w: UpdateDocumentText(
        w.main.id, _edited(w.main.text))


def _empty_document(w: World) -> str:
    """A document without highlights (whose content may be replaced)."""
    doc = Document("x " * 100, "Empty")
    w.study.documents.setdefault(doc.id, doc)
    return next(d for d in w.study.documents if d not in (w.main.id, w.second.id))


def _edited(text: str) -> str:
    rng = random.Random(7)
    chars = list(text)
    for _ in range(max(1, len(chars) // 100 // 20)):
        at = rng.randrange(len(chars))
        chars[at : at + 3] = list("EDITED")
    return "".join(chars)


def command_cases() -> list[tuple[str, Callable[[int], Any], Callable[[Any], object], int]]:
    """(name, make(n), run(data), n) for the apply and the revert of every command."""
    cases = []
    for name, make in _commands():
        n = 400 if name.startswith("UpdateDocumentText") else 1000
        cases.append((f"{name}: apply", _apply(make), lambda sc: sc[1].apply(sc[0]), n))
        cases.append((f"{name}: revert", _reverted(make), lambda sc: sc[1].revert(sc[0]), n))
    return cases
