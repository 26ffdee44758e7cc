"""Conflicts a merge without a window recorded (``crosslight merge``, git's driver) can
be decided later, *mine / theirs / both*, exactly as if Merge Study… had asked at once:
their version travels in the file (``storage.recorded_conflicts``) and the merge runs
again undecided (``domain.merge_replay``)."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings

from desktop.domain.merge import MINE, THEIRS, content_equal, merge_studies
from desktop.domain.merge_replay import reopened
from desktop.storage.recorded_conflicts import decidable, record_theirs, their_copy
from tests.domain.test_merge import ANNA, BEN, OPS, base_study, edited_copy, through_file


def driver(a, b):
    """What ``crosslight merge`` writes: mine kept, conflicts recorded with theirs."""
    result = merge_studies(a, b)
    record_theirs(result, b)
    return through_file(result.study), result


def decide_later(recorded, choose):
    keys = {(c["kind"], c["id"]) for c in decidable(recorded)}
    theirs = their_copy(recorded)
    mine = reopened(recorded, theirs, keys)
    return merge_studies(mine, theirs, choose), keys


def by_hand(first, theirs) -> set:
    """The conflicts left to carry over by hand: a reference whose citations are at stake
    (cited, or deleted on one side while a citation on either side needs it)."""
    cited = {c.reference_id for s in (first.study, theirs) for h in s.highlights.values()
             for c in h.citations}
    return {c.key for c in first.conflicts if c.kind == "reference"
            and ("cited" in c.field or ("deleted" in c.field and c.key[1] in cited))}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS, OPS)
@example(ops_a=[("reference", 0), ("cite", 0)], ops_b=[("delete-reference", 0)])
@example(ops_a=[("delete", 0)], ops_b=[("note", 0), ("link", 0)])
def test_deciding_recorded_conflicts_later_equals_deciding_them_at_once(ops_a, ops_b):
    base = base_study()
    a, _ = edited_copy(base, ops_a, ANNA, "anna")
    b, _ = edited_copy(base, ops_b, BEN, "ben")
    recorded, first = driver(a, b)
    later, keys = decide_later(recorded, lambda _c: THEIRS)
    at_once = merge_studies(a, b, lambda c: THEIRS if c.key in keys else MINE)
    assert keys == {c.key for c in first.conflicts} - by_hand(first, b)
    assert {c.key for c in later.conflicts} == keys  # asked again, every one
    assert content_equal(later.study, at_once.study)
    kept, _ = decide_later(recorded, lambda _c: MINE)
    assert content_equal(kept.study, recorded)
    # Decided once, nothing is left to decide: merging their copy again adds nothing.
    again = merge_studies(through_file(later.study), b)
    assert not {c.key for c in again.conflicts} & keys


def test_a_damaged_record_is_a_clear_error():
    import pytest

    from desktop.domain.commands import SetHighlightNote
    from desktop.domain.stamping import Stamped
    from desktop.storage.errors import StudyFileError

    base = base_study()
    a, b = through_file(base), through_file(base)
    Stamped(SetHighlightNote("h-1", "anna"), None).apply(a)
    Stamped(SetHighlightNote("h-1", "ben"), None).apply(b)
    recorded, _ = driver(through_file(a), through_file(b))
    (record,) = decidable(recorded)
    record["theirs_data"]["entry"]["category"] = "no-such-category"
    with pytest.raises(StudyFileError, match="category"):
        their_copy(recorded)


def _recorded(n: int):
    """A study of ``n`` highlights whose driver merge recorded n/10 conflicts."""
    from desktop.bench.team import copies

    mine, theirs = copies(n)
    for i, hid in enumerate(list(mine.highlights)[: n // 10]):
        mine.highlights[hid].note, theirs.highlights[hid].note = f"mine {i}", f"theirs {i}"
    recorded, result = driver(through_file(mine), through_file(theirs))
    assert len(result.conflicts) == n // 10
    return recorded


def test_deciding_recorded_conflicts_grows_linearly():
    from tests.domain.test_merge_growth import LINEAR, best

    small, large = _recorded(500), _recorded(2000)
    choose = lambda _c: THEIRS  # noqa: E731
    decide_later(small, choose)  # warm the caches
    ratios = []
    for _ in range(3):  # a loaded machine can stretch one measure; quadratic fails all three
        ratios.append(best(lambda: decide_later(large, choose))
                      / best(lambda: decide_later(small, choose)))
        if ratios[-1] < LINEAR:
            break
    assert min(ratios) < LINEAR, ratios
