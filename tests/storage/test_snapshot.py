"""The save snapshot cache: after any command, applied or undone, it equals a fresh build.

Saving hands the writer thread data built from this cache; a stale entry would put an
old version of a highlight into the file, so every command kind is exercised with the
cache warmed before each step.
"""


from desktop.domain.changes import ChangeSet
from desktop.domain.commands import DeleteHighlight, SetHighlightCategory, SetHighlightNote
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
    SetVerdict,
)
from desktop.domain.model import Citation, Document, Link, Reference
from desktop.domain.sample_study import build_sample_study
from desktop.storage.documents import load_document
from desktop.storage.schema import study_to_data
from desktop.storage.snapshot import SnapshotCache
from tests.builders import SEED


def _study():
    return build_sample_study(load_document(SEED))


def _commands(study):
    ids = [h.id for h in study.highlights_in_order(study.main_document.id)]
    first, second = ids[0], ids[1]
    cited = next(h for h in study.highlights.values() if h.citations)
    citation = cited.citations[0]
    reference = study.references[citation.reference_id]
    new_ref = Reference(title="Reuters", url="https://reuters.com/x")
    link = Link(first, second, Relation.CONTRADICTS)
    edited = Reference(**{**{f: getattr(reference, f) for f in
                             ("url", "author", "published", "accessed", "excerpt", "note",
                              "id", "created", "modified")}, "title": "Renamed briefing"})
    return [
        SetHighlightNote(first, "A new note"),
        SetHighlightCategory(first, "opinion"),
        SetVerdict(second, Verdict.SUPPORTED, "Checked"),
        AddReference(new_ref),
        AttachReference(second, Citation(new_ref.id, Stance.SUPPORTS, "agrees")),
        EditCitation(cited.id, citation.id, Stance.SUPPORTS, "changed my mind"),
        DetachReference(cited.id, citation.id),
        EditReference(edited),
        DeleteReference(new_ref.id),
        AddLink(link),
        DeleteLink(link.id),
        DeleteHighlight(second),
    ]


def test_cache_matches_a_fresh_build_after_every_apply_and_revert():
    study = _study()
    cache = SnapshotCache()
    commands = _commands(study)
    for command in commands:
        cache.study_data(study)  # warm: every highlight cached before the change
        cache.invalidate(command.apply(study))
        assert cache.study_data(study) == study_to_data(study), command
    for command in reversed(commands):
        cache.study_data(study)
        cache.invalidate(command.revert(study))
        assert cache.study_data(study) == study_to_data(study), command


def test_snapshot_is_not_changed_by_later_edits():
    """What the writer thread holds stays as it was when the save began."""
    study = _study()
    cache = SnapshotCache()
    before = cache.study_data(study)
    frozen = study_to_data(study)
    hid = next(iter(study.highlights))
    cache.invalidate(SetHighlightNote(hid, "typed while saving").apply(study))
    cache.invalidate(SetVerdict(hid, Verdict.FALSE, "later").apply(study))
    assert before == frozen
    assert cache.study_data(study) != frozen


def test_a_document_change_drops_everything():
    study = _study()
    cache = SnapshotCache()
    cache.study_data(study)
    document = study.main_document
    for h in study.highlights.values():  # positions move when a document's text changes
        if h.start is not None:
            h.start += 1
            h.end += 1
    cache.invalidate(ChangeSet(documents_changed=True))
    assert cache.study_data(study) == study_to_data(study)
    assert isinstance(document, Document)


def test_warming_in_batches_fills_the_cache_with_what_a_full_build_gives():
    study = _study()
    cache = SnapshotCache()
    turns = 0
    while not cache.warm(study, 2):
        turns += 1
        assert turns < 100
    assert turns >= len(study.highlights) // 2 - 1  # it really went in small steps
    assert cache.study_data(study) == study_to_data(study)
    hid = next(iter(study.highlights))
    cache.invalidate(SetHighlightNote(hid, "after warming").apply(study))
    assert not cache.warm(study, 0)  # one entry missing again
    assert cache.warm(study, 1)
    assert cache.study_data(study) == study_to_data(study)


def test_warming_one_highlight_a_turn_grows_linearly():
    """Each idle turn builds the next entries without walking past those already built
    (it did: 28 ms a keystroke at 20k highlights while the cache warmed after opening)."""
    from desktop.bench.data import make_study, make_text
    from tests.interchange.growth import LINEAR, growth

    text = make_text(200_000)

    def warm_all(study) -> None:
        cache = SnapshotCache()
        while not cache.warm(study, 1):
            pass

    ratio = growth(lambda n: make_study(text, n), warm_all, 1500, repeat=2)
    assert ratio < LINEAR, ratio


def test_edits_after_warming_are_not_queued_for_it():
    """Warming stops once done: the ids of later edits must not pile up for it."""
    study = _study()
    cache = SnapshotCache()
    while not cache.warm(study, 5):
        pass
    hid = next(iter(study.highlights))
    for i in range(50):
        cache.invalidate(SetHighlightNote(hid, f"edit {i}").apply(study))
    assert not cache._pending
    assert cache.study_data(study) == study_to_data(study)


def test_the_saved_order_is_kept_across_edits_and_made_afresh_when_it_moves():
    """Snapshots keep the highlights' order and data between saves while edits leave the
    order alone (a note, a verdict), refreshing only what changed, and hand out copies;
    a highlight that moves (re-attached elsewhere) orders them afresh."""
    from desktop.domain.document_commands import ReattachHighlight

    study = _study()
    cache = SnapshotCache()
    before = cache.study_data(study)
    frozen = study_to_data(study)
    ordered = [h.id for h in study.highlights_in_order(study.main_document.id)]
    first, last = ordered[0], ordered[-1]
    cache.invalidate(SetHighlightNote(first, "typed after the save began").apply(study))
    assert cache.study_data(study) == study_to_data(study)
    assert before == frozen  # the snapshot handed out earlier did not change with it
    target = study.highlights[last]
    assert target.start is not None and target.end is not None
    cache.invalidate(ReattachHighlight(last, 0, target.end - target.start).apply(study))
    after = cache.study_data(study)
    assert after == study_to_data(study)
    assert after["highlights"][0]["id"] == last  # moved to the front
