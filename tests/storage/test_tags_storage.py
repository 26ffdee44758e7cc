"""Tags in the study file: saved and loaded back, optional for old files, checked on load."""

import json

import pytest

from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Document
from desktop.storage.errors import StudyFileError
from desktop.storage.saving import encode_study, save_study
from desktop.storage.studyfile import load_study


def make_study():
    doc = Document(text="Sanctions hit the economy. Oil exports fell.", title="Tags")
    study = new_study_for(doc)
    for phrase, tags in [("Sanctions hit", ["economy", "تحریم‌ها"]), ("Oil exports", [])]:
        at = doc.text.index(phrase)
        h = make_highlight(doc, at, at + len(phrase), "claim")
        h.tags = tags
        study.highlights[h.id] = h
    return study


def write(tmp_path, data, name="t.crosslight"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_tags_round_trip(tmp_path):
    study = make_study()
    path = tmp_path / "t.crosslight"
    save_study(study, path)
    loaded = load_study(path).study
    assert [h.tags for h in loaded.highlights.values()] == [["economy", "تحریم‌ها"], []]
    assert encode_study(loaded) == path.read_bytes()


def test_file_without_tags_opens_with_none(tmp_path):
    data = json.loads(encode_study(make_study()))
    for h in data["highlights"]:
        del h["tags"]
    loaded = load_study(write(tmp_path, data)).study
    assert all(h.tags == [] for h in loaded.highlights.values())


def test_loaded_tags_are_tidied_like_typed_ones(tmp_path):
    data = json.loads(encode_study(make_study()))
    data["highlights"][0]["tags"] = ["  Economy ", "economy", "", "#oil"]
    loaded = load_study(write(tmp_path, data)).study
    assert next(iter(loaded.highlights.values())).tags == ["Economy", "oil"]


@pytest.mark.parametrize(
    ("tags", "words"),
    [
        ("economy", "highlights[0].tags should be a list, not text"),
        ({"a": 1}, "highlights[0].tags should be a list, not an object"),
        (["economy", 7], "highlights[0].tags[1] should be text, not a number"),
        ([None], "highlights[0].tags[0] should be text, not null"),
        ([["nested"]], "highlights[0].tags[0] should be text, not a list"),
    ],
)
def test_bad_tags_are_refused_with_their_place(tmp_path, tags, words):
    data = json.loads(encode_study(make_study()))
    data["highlights"][0]["tags"] = tags
    with pytest.raises(StudyFileError) as info:
        load_study(write(tmp_path, data, "bad.crosslight"))
    assert words in str(info.value)
    assert "bad.crosslight" in str(info.value)
