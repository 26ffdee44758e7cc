"""``validate.Node``: typed access that names the place of an error, and the record of
which keys were read (every key not read is carried to the next save as unknown)."""

from __future__ import annotations

import pytest

from desktop.storage.errors import StudyFileError
from desktop.storage.unknown_keys import unknown_keys
from desktop.storage.validate import MAX_INT, Node


def test_has_answers_and_counts_the_key_as_read():
    node = Node({"a": 1, "b": 2}, "x")
    assert node.has("a") is True
    assert node.has("zz") is False
    assert unknown_keys(node) == {"": {"b": 2}}


def test_every_typed_read_counts_its_key():
    node = Node({"t": "x", "n": 3, "s": ["a"], "o": {}, "l": [{}], "u": 0}, "")
    node.text("t"), node.integer("n"), node.strings("s"), node.obj("o"), node.objects("l")
    assert unknown_keys(node) == {"": {"u": 0}}


def test_a_missing_key_read_with_a_default_counts_too():
    node = Node({"u": 1}, "")
    assert node.text("t", "") == ""
    assert unknown_keys(node) == {"": {"u": 1}}


def test_the_largest_safe_integer_is_accepted_and_the_next_is_not():
    assert Node({"n": MAX_INT}, "").integer("n") == MAX_INT
    with pytest.raises(StudyFileError, match=r"^p\.n is out of range"):
        Node({"n": MAX_INT + 1}, "p").integer("n")
    with pytest.raises(StudyFileError, match=r"out of range"):
        Node({"n": -1}, "p").integer("n")


def test_a_float_at_the_limit_is_not_a_whole_number_and_past_it_out_of_range():
    with pytest.raises(StudyFileError, match="should be a whole number"):
        Node({"n": float(MAX_INT)}, "p").integer("n")
    with pytest.raises(StudyFileError, match="out of range"):
        Node({"n": float(MAX_INT) * 2}, "p").integer("n")


def test_a_list_of_text_names_the_item_that_is_not_text():
    with pytest.raises(StudyFileError, match=r"^h\.tags\[1\] should be text, not a list$"):
        Node({"tags": ["a", ["b"]]}, "h").strings("tags")
    assert Node({}, "h").strings("tags") == []


def test_unknown_keys_of_an_object_read_with_obj_are_found_under_its_key():
    node = Node({"verdict": {"value": "false", "new": 1}}, "")
    assert node.obj("verdict").text("value") == "false"
    assert unknown_keys(node) == {"verdict": {"new": 1}}


def test_a_default_object_for_a_missing_key_is_not_a_place_of_unknown_keys():
    node = Node({}, "")
    node.obj("verdict", {"stray": 1})  # nothing in the file: nothing to carry
    assert unknown_keys(node) == {}


def test_the_read_only_view_counts_lookups_and_answers_like_the_object():
    node = Node({"a": 1, "b": 2, "c": 3}, "")
    view = node.value
    assert view["a"] == 1
    assert ("b" in view) is True
    assert ("zz" in view) is False
    assert (5 in view) is False  # not a key of a JSON object, and not noted
    assert len(view) == 3
    assert list(view) == ["a", "b", "c"]
    assert view.get("zz") is None
    assert unknown_keys(node) == {"": {"c": 3}}


def test_a_node_must_be_an_object_and_the_message_says_where():
    with pytest.raises(StudyFileError, match=r"^h\.target should be an object, not a list$"):
        Node({"target": []}, "h").obj("target")
    with pytest.raises(StudyFileError, match="the file should be an object"):
        Node([], "")
