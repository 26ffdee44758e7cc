"""Encoding, pages, styles and the source map travel in the study file as optional, checked keys."""

import copy

import pytest

from desktop.domain.factory import new_study_for
from desktop.domain.model import Document
from desktop.storage.errors import StudyFileError
from desktop.storage.schema import study_from_data, study_to_data

TEXT = "Heading\n\nPage one.\n\nPage two is **here**."


def data_of(**fields):
    return study_to_data(new_study_for(Document(text=TEXT, title="T", **fields)))


def doc_data(data):
    return data["documents"][0]


def test_layout_round_trips():
    fields = dict(encoding="cp1256", pages=[0, 9, 20], styles=[(0, 7, "heading1"),
                                                               (33, 37, "bold")])
    data = data_of(**fields)
    assert doc_data(data)["pages"] == [0, 9, 20]
    assert doc_data(data)["styles"] == [[0, 7, "heading1"], [33, 37, "bold"]]
    document = study_from_data(data).main_document
    assert (document.encoding, document.pages, document.styles) == (
        "cp1256", [0, 9, 20], [(0, 7, "heading1"), (33, 37, "bold")])


def test_empty_layout_is_not_written_and_missing_keys_default():
    data = data_of()
    assert not {"encoding", "pages", "styles", "source_map"} & set(doc_data(data))
    document = study_from_data(data).main_document
    assert (document.encoding, document.pages, document.styles, document.source_map) == (
        "", [], [], [])


def test_the_source_map_round_trips_through_a_saved_file(tmp_path):
    from desktop.storage.formats.markdown_text import markdown_document
    from desktop.storage.saving import save_study
    from desktop.storage.studyfile import load_study

    markdown = "# Head 😀\n\nSome **bold** &amp; [link](https://x.org).\n\n- a\n  - b\n"
    rendered = markdown_document(markdown)
    document = Document(text=rendered.text, title="T", media_type="text/markdown",
                        styles=rendered.styles, source_map=rendered.source_map)
    path = tmp_path / "s.crosslight"
    save_study(new_study_for(document), path)
    again = load_study(path).study.main_document
    assert again.source_map == rendered.source_map and len(again.source_map) > 3
    assert isinstance(again.source_map[0], tuple)


def test_unknown_style_kinds_are_ignored():
    data = data_of(styles=[(0, 7, "heading1")])
    doc_data(data)["styles"].append([9, 13, "sparkle"])
    assert study_from_data(data).main_document.styles == [(0, 7, "heading1")]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("pages", "0,9", "list of whole numbers"),
        ("pages", [0, -1], "list of whole numbers"),
        ("pages", [0, 1.5], "list of whole numbers"),
        ("pages", [1, 9], "start at 0"),
        ("pages", [0, 9, 9], "start at 0 and rise"),
        ("pages", [0, 999], "within the document"),
        ("styles", {"a": 1}, "should be a list"),
        ("styles", [[0, 7]], r"\[start, end, kind\]"),
        ("styles", [[0, True, "bold"]], r"\[start, end, kind\]"),
        ("styles", [[7, 7, "bold"]], "within the document"),
        ("styles", [[0, 999, "bold"]], "within the document"),
        ("encoding", 5, "should be text"),
        ("source_map", {"a": 1}, "should be a list"),
        ("source_map", [[0, 1]], r"\[shown, source, length\]"),
        ("source_map", [[0, 1, -2]], r"\[shown, source, length\]"),
        ("source_map", [[0, 1, 2.0]], r"\[shown, source, length\]"),
        ("source_map", [[0, 0, 999]], "within the document"),
        ("source_map", [[5, 0, 3], [4, 9, 1]], "follow the one before"),
        ("source_map", [[0, 0, 0]], "follow the one before"),
    ],
)
def test_damaged_layout_is_refused(key, value, message):
    data = copy.deepcopy(data_of())
    doc_data(data)[key] = value
    with pytest.raises(StudyFileError, match=message):
        study_from_data(data)
