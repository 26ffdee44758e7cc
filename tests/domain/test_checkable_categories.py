"""Checkable categories (issue #17): which passages take a verdict, per study, kept in
the file as an optional key only where a study differs from the default."""

from __future__ import annotations

from desktop.domain.categories import default_categories
from desktop.domain.commands import SetCategoryCheckable
from desktop.domain.crosscheck import Verdict, claim_progress
from desktop.storage.schema import study_from_data, study_to_data
from tests.domain.crosscheck_helpers import Snapshot, assert_same


def test_claims_take_a_verdict_by_default_and_the_others_do_not():
    checkable = {c.id for c in default_categories() if c.checkable}
    assert checkable == {"claim"}


def test_progress_counts_only_checkable_categories(study):
    h = study.highlights["h-theta"]
    h.category_id = "question"
    h.verdict = Verdict.FALSE  # a Question marked False does not count
    assert claim_progress(study.highlights.values(), study.checkable_ids()) == (1, 3)
    assert not study.takes_verdict(h)


def test_making_a_category_checkable_is_undoable_and_marks_its_highlights(study):
    study.highlights["h-theta"].category_id = "question"
    study.category("question")  # the id index is a cache, built on first use: not state
    before = Snapshot(study)
    command = SetCategoryCheckable("question", True)
    changes = command.apply(study)
    assert study.category("question").checkable
    assert changes.highlights_changed == {"h-theta"} and changes.only_fields("verdict")
    command.revert(study)
    assert_same(study, before)


def test_the_file_keeps_checkable_only_where_it_differs_from_the_default(study):
    data = study_to_data(study)
    assert all("checkable" not in c for c in data["categories"])
    SetCategoryCheckable("question", True).apply(study)
    SetCategoryCheckable("claim", False).apply(study)
    data = study_to_data(study)
    stored = {c["id"]: c.get("checkable") for c in data["categories"]}
    assert stored["question"] is True and stored["claim"] is False and stored["quote"] is None
    again = study_from_data(data)
    assert again.checkable_ids() == {"question"}


def test_a_checkable_key_that_is_not_a_boolean_is_a_clear_error(study):
    import pytest

    from desktop.storage.errors import StudyFileError

    data = study_to_data(study)
    data["categories"][0]["checkable"] = "yes"
    with pytest.raises(StudyFileError, match="checkable"):
        study_from_data(data)
