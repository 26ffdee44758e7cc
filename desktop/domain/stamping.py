"""Who did what: every command the session runs is stamped with the person running it.

``Stamped`` wraps any command. After it applies, each object whose content it changed
(highlight, citation, link, reference, and the study note) records its last editor and
time, each object it made its creator (unless it came with one, as imported annotations
do), and each object it deleted a tombstone in ``Study.deleted`` for merges. Undo
restores all of it.

What changed is found by content (``revisions.content_of``) among the objects the
command's change set names, compared before and after: the command is applied, undone
to read the "before", and applied again — commands are built to redo, and only the few
objects named are compared, so typing a note costs a hash of one highlight.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop.domain.changes import ChangeSet
from desktop.domain.commands import Command
from desktop.domain.identity import Person
from desktop.domain.ids import utc_now
from desktop.domain.model import Citation, Highlight, Link, NoteStamps, Reference, Study
from desktop.domain.revisions import content_of, history

Stampable = Highlight | Reference | Citation | Link


def set_actor(command: Command, person: Person | None, when: str = "") -> None:
    """Tell a command (and those inside a batch) who runs it, and when."""
    command.actor, command.when = person, when
    for inner in getattr(command, "commands", ()) or ():
        if isinstance(inner, Command):
            set_actor(inner, person, when)
    inner = getattr(command, "inner", None)
    if isinstance(inner, Command):
        set_actor(inner, person, when)


def _objects(study: Study, changes: ChangeSet) -> dict[str, Stampable]:
    """The objects a change set may have touched, by id (citations of its highlights)."""
    found: dict[str, Stampable] = {}
    hids = changes.highlights_added | changes.highlights_changed | changes.highlights_removed
    for hid in hids:
        h = study.highlights.get(hid)
        if h is not None:
            found[hid] = h
            for c in h.citations:
                found[c.id] = c
    for rid in changes.references_changed:
        r = study.references.get(rid)
        if r is not None:
            found[rid] = r
    if changes.links_changed:
        found.update(study.links)
    return found


@dataclass
class _Stamp:
    """Stamps of one object before (to undo) and after (to redo) the command."""

    before: tuple[Person | None, Person | None, str, str]  # creator, editor, created, modified
    after: tuple[Person | None, Person | None, str, str]


@dataclass
class Stamped(Command):
    inner: Command
    person: Person | None
    when: str = ""
    _stamps: dict[str, _Stamp] = field(default_factory=dict, repr=False)
    _tombstones: dict[str, tuple[list[str] | None, list[str]]] = field(
        default_factory=dict, repr=False)
    _ready: bool = field(default=False, repr=False)
    _note: tuple[NoteStamps, NoteStamps] | None = field(default=None, repr=False)  # before, after

    def __post_init__(self) -> None:
        self.label = self.inner.label
        self.when = self.when or utc_now()
        set_actor(self.inner, self.person, self.when)

    def apply(self, study: Study) -> ChangeSet:
        first = not self._ready and self.inner.stamps
        changes = self._first_apply(study) if first else self.inner.apply(study)
        for oid, stamp in self._stamps.items():
            obj = _find(study, oid)
            if obj is not None:
                _set(obj, stamp.after)
        for oid, (_, rev) in self._tombstones.items():
            study.deleted[oid] = rev
        if self._note is not None:
            study.note_stamps = self._note[1]
        return changes

    def revert(self, study: Study) -> ChangeSet:
        changes = self.inner.revert(study)
        for oid, stamp in self._stamps.items():
            obj = _find(study, oid)
            if obj is not None:
                _set(obj, stamp.before)
        for oid, (old, _) in self._tombstones.items():
            if old is None:
                study.deleted.pop(oid, None)
            else:
                study.deleted[oid] = old
        if self._note is not None:
            study.note_stamps = self._note[0]
        return changes

    def _first_apply(self, study: Study) -> ChangeSet:
        probe = self.inner.apply(study)
        self.inner.revert(study)
        before = {oid: (obj, content_of(obj), _get(obj))
                  for oid, obj in _objects(study, probe).items()}
        revs_before = {oid: history(obj) for oid, (obj, _, _) in before.items()}
        note_before = study.note
        changes = self.inner.apply(study)
        if study.note != note_before:
            self._note = (study.note_stamps, _note_stamped(study.note_stamps, note_before,
                                                           self.person, self.when))
        after = _objects(study, changes)
        for oid, obj in after.items():
            old = before.get(oid)
            if old is None:  # made by this command
                creator = obj.creator or self.person
                created = getattr(obj, "created", "") or self.when
                stamp = (creator, obj.editor, created, getattr(obj, "modified", "") or self.when)
                self._stamps[oid] = _Stamp(_get(obj), stamp)
            elif content_of(obj) != old[1]:
                created_by, _, created, _ = old[2]
                self._stamps[oid] = _Stamp(old[2], (created_by, self.person, created, self.when))
        for oid in before.keys() - after.keys():
            if _find(study, oid) is None:
                self._tombstones[oid] = (study.deleted.get(oid), revs_before[oid])
        self._ready = True
        return changes

    def merge_key(self) -> object | None:
        return self.inner.merge_key()

    def merge(self, later: Command) -> bool:
        """Typing merges into one step: the first keystroke's "before" stays, the last
        keystroke's "after" wins."""
        if not isinstance(later, Stamped) or not self.inner.merge(later.inner):
            return False
        for oid, stamp in later._stamps.items():
            mine = self._stamps.get(oid)
            self._stamps[oid] = _Stamp(mine.before if mine else stamp.before, stamp.after)
        for oid, tomb in later._tombstones.items():
            self._tombstones.setdefault(oid, tomb)
        if later._note is not None:
            self._note = (self._note or later._note)[0], later._note[1]
        return True


def _note_stamped(old: NoteStamps, old_text: str, person: Person | None,
                  when: str) -> NoteStamps:
    """The study note's stamps after ``person`` changed it: its creator stays (a note
    written before names were kept stays "unknown"); a first note makes them its creator."""
    creator, created = old.creator, old.created
    if creator is None and not old_text.strip():
        creator, created = person, when
    return NoteStamps(creator, person, created, when)


def _find(study: Study, oid: str) -> Stampable | None:
    found = study.highlights.get(oid) or study.references.get(oid) or study.links.get(oid)
    if found is not None:
        return found
    if oid.startswith("c-"):
        for h in study.highlights.values():
            for c in h.citations:
                if c.id == oid:
                    return c
    return None


def _get(obj: Any) -> tuple[Person | None, Person | None, str, str]:
    return (obj.creator, obj.editor, obj.created, obj.modified)


def _set(obj: Any, stamp: tuple[Person | None, Person | None, str, str]) -> None:
    obj.creator, obj.editor, obj.created, obj.modified = stamp
