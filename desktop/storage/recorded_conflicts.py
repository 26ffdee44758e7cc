"""Conflicts left in a study by ``crosslight merge`` or git's driver, kept so that they
can still be decided *mine / theirs / both* later, in the window.

When a merge without a window meets a conflict it keeps mine and records the conflict in
``study.conflicts``; beside the readable account of each side it writes *their* version
in the file's own terms (``theirs_data``): the object's entry as the study file holds it
(``{"entry": …}``, with ``"in"``: the highlight of a citation, ``"links"``: their
links to a highlight that mine deleted, which the merge could not keep), ``{"deleted": [revs]}``
when they deleted it, ``{"note": …, "note_revs": …, "note_stamps": …}`` for the study
note. ``their_copy`` reads their side back: this study's own data with those entries put
in their places, through the one study reader (so a damaged record is a clear error,
never a half-built object); ``domain.merge_replay`` then makes the merge undecided again
so the same conflict dialog as Merge Study… decides it, as one undo step.

Two kinds stay to be carried over by hand (shown, then marked resolved): a document
whose text differs (taken as a new version, *Update from New Version*), and a reference
deleted on one side while citations on either side need it.
"""

from __future__ import annotations

from typing import Any

from desktop.domain.merge import MergeResult
from desktop.domain.model import Study
from desktop.storage.errors import StudyFileError
from desktop.storage.schema import study_to_data
from desktop.storage.studyfile import study_from_json

_LISTS = {"highlight": "highlights", "reference": "references", "link": "links",
          "document": "documents"}


def record_theirs(result: MergeResult, theirs: Study) -> None:
    """Add their version (``theirs_data``) to each conflict the merged study records
    fresh."""
    merged, fresh = result.study, {c.key for c in result.conflicts}
    unjoined = set(result.unjoined)
    ends = set(merged.highlights) | {oid for kind, oid in fresh if kind == "highlight"}
    if not fresh:
        return
    data = study_to_data(theirs)
    entries = {(kind, str(e.get("id"))): e for kind, key in _LISTS.items()
               for e in data.get(key, [])}
    citations = {str(c.get("id")): (h, c) for h in data.get("highlights", [])
                 for c in h.get("citations", [])}
    cited = {c.reference_id for s in (merged, theirs) for h in s.highlights.values()
             for c in h.citations}
    for record in merged.conflicts:
        key = (record.get("kind", ""), record.get("id", ""))
        if key not in fresh:
            continue
        kind, oid = key
        if kind == "document" and record.get("field") == "text differs":
            continue  # a text is taken as a new version (Update from New Version), not here
        if kind == "reference" and oid in cited and "deleted" in record.get("field", ""):
            continue  # deleted on one side, cited on the other: its citations are at stake
        if kind == "study note":
            record["theirs_data"] = {"note": data["study"].get("note", ""),
                                     "note_revs": data["study"].get("note_revs", []),
                                     "note_stamps": data["study"].get("note_stamps", {})}
        elif kind == "citation" and oid in citations:
            owner, entry = citations[oid]
            record["theirs_data"] = {"entry": entry, "in": owner.get("id")}
        elif key in entries:
            record["theirs_data"] = {"entry": entries[key]}
            if kind == "highlight" and oid not in merged.highlights:
                # Deleted here: their links to it went with it; both ends are there
                # again when theirs is chosen (this one, and the rest kept or theirs).
                links = [k for k in data.get("links", []) if str(k.get("id")) in unjoined
                         and oid in (k.get("source"), k.get("target"))
                         and {k.get("source"), k.get("target")} <= ends]
                if links:
                    record["theirs_data"]["links"] = links
        elif oid in theirs.deleted:
            record["theirs_data"] = {"deleted": list(theirs.deleted[oid])}


def decidable(study: Study) -> list[dict[str, Any]]:
    """The recorded conflicts that carry their version, so can still be decided."""
    return [c for c in study.conflicts if isinstance(c.get("theirs_data"), dict)]


def their_copy(study: Study) -> Study:
    """Their side of the recorded conflicts: this study with their versions in place.
    Raises StudyFileError when a record is damaged (saying which)."""
    data = study_to_data(study)
    for record in decidable(study):
        try:
            _put(data, record)
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise StudyFileError(
                f"the recorded conflict on {record.get('kind', '')} {record.get('id', '')} "
                f"is damaged ({type(err).__name__}: {err})") from None
    return study_from_json(data, "their version").study


def _put(data: dict[str, Any], record: dict[str, Any]) -> None:
    kind, oid, theirs = record["kind"], record["id"], record["theirs_data"]
    if kind == "study note":
        study = data["study"]
        study["note"], study["note_revs"] = str(theirs["note"]), list(theirs["note_revs"])
        if theirs.get("note_stamps"):
            study["note_stamps"] = dict(theirs["note_stamps"])
        else:
            study.pop("note_stamps", None)
        return
    if kind == "citation":
        owner = theirs.get("in") if "entry" in theirs else None
        for h in data["highlights"]:
            kept = [c for c in h.get("citations", []) if c.get("id") != oid]
            if h.get("id") == owner:
                kept.append(dict(theirs["entry"]))
            h["citations"] = kept
    else:
        key = _LISTS[kind]
        entries = [e for e in data[key] if e.get("id") != oid]
        if "entry" in theirs:
            entries.append(dict(theirs["entry"]))
        data[key] = entries
        if kind == "highlight" and theirs.get("links"):  # theirs to it, dropped by mine
            known = {k.get("id") for k in data["links"]}
            data["links"] += [dict(k) for k in theirs["links"] if k.get("id") not in known]
        if kind == "highlight" and "entry" not in theirs:  # its links went with it
            data["links"] = [k for k in data["links"] if oid not in (k.get("source"),
                                                                      k.get("target"))]
    if "deleted" in theirs:
        data["study"].setdefault("deleted", {})[oid] = [str(r) for r in theirs["deleted"]]
