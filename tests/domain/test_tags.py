"""Tags: normalisation of typed text, counts, and the undoable SetHighlightTags."""

import copy

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from desktop.domain.commands import SetHighlightTags
from desktop.domain.tags import (
    MAX_TAG_LENGTH,
    MAX_TAGS,
    format_tags,
    hashtags,
    normalise_tag,
    normalise_tags,
    parse_tags,
    tag_counts,
)
from tests.builders import study_with


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [
        ("  economy ", "economy"),
        ("oil   \t prices", "oil prices"),
        ("#sanctions", "sanctions"),
        ("##", ""),
        ("# #a", "a"),
        ("   ", ""),
        ("تحریم‌ها", "تحریم‌ها"),
    ],
)
def test_normalise_tag(raw, tidy):
    assert normalise_tag(raw) == tidy


def test_long_tag_is_capped():
    assert len(normalise_tag("x" * 500)) == MAX_TAG_LENGTH


def test_duplicates_differing_in_case_keep_the_first_spelling():
    assert normalise_tags(["Iran", "economy", "IRAN", " iran ", "Economy", ""]) == [
        "Iran", "economy"]


def test_number_of_tags_is_bounded():
    assert len(normalise_tags(f"t{i}" for i in range(500))) == MAX_TAGS


def test_parse_and_format_round_trip():
    tags = parse_tags(" economy,, Sanctions ,oil  prices,economy")
    assert tags == ["economy", "Sanctions", "oil prices"]
    assert parse_tags(format_tags(tags)) == tags
    assert hashtags(tags) == "#economy #Sanctions #oil prices"


@pytest.fixture
def study():
    return study_with("Alpha beta gamma delta.", ["beta", "delta"], title="Greek",
                      modified="2020-01-01T00:00:00Z")


def test_set_tags_normalises_applies_and_reverts_exactly(study):
    hid = next(iter(study.highlights))
    before = copy.deepcopy(study)
    command = SetHighlightTags(hid, [" Economy", "economy", "#oil "])
    changes = command.apply(study)
    assert study.highlights[hid].tags == ["Economy", "oil"]
    assert changes.highlights_changed == {hid}
    assert changes.highlight_fields == {"tags"}
    assert study.highlights[hid].modified != "2020-01-01T00:00:00Z"
    command.revert(study)
    assert study == before
    command.apply(study)  # redo
    assert study.highlights[hid].tags == ["Economy", "oil"]


def test_tag_counts_merge_case_and_sort(study):
    first, second = study.highlights.values()
    first.tags = ["Oil", "economy"]
    second.tags = ["oil"]
    assert tag_counts(study) == [("economy", 1), ("Oil", 2)]
    assert tag_counts(study, "elsewhere") == []


def test_a_comma_inside_a_tag_from_a_file_becomes_a_space():
    assert normalise_tags(["Washington, D.C.", "a,b"]) == ["Washington D.C.", "a b"]


@given(st.lists(st.text(alphabet=st.sampled_from("a B#, \t\u00e9\u0640"), max_size=80)
                | st.text(max_size=80), max_size=60))
@example(["# #a", "#", ", ,", "x" * 59 + " y"])
def test_normalising_is_idempotent_and_survives_the_tag_field(raw):
    tags = normalise_tags(raw)
    assert normalise_tags(tags) == tags
    assert parse_tags(format_tags(tags)) == tags
    assert all(tag and len(tag) <= MAX_TAG_LENGTH and tag == tag.strip() for tag in tags)
