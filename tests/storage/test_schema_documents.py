"""Several documents and earlier versions in the study file: the optional
``documents[].versions`` key round-trips, is checked, and may be absent."""

import json

import pytest

from desktop.domain.document_commands import UpdateDocumentText
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Document, DocumentVersion
from desktop.storage.errors import StudyFileError
from desktop.storage.saving import encode_study, save_study
from desktop.storage.studyfile import load_study

FIRST = "First article: the dam will hold, engineers say.\nA second line 😀."
SECOND = "Second article: the dam is cracked, residents say.\nنجبا"


def two_document_study():
    one = Document(FIRST, "One", id="d-one")
    two = Document(SECOND, "Two 😀", id="d-two", url="https://example.org/two")
    study = new_study_for(one)
    study.documents[two.id] = two
    for doc, phrase, hid in [(one, "the dam will hold", "h-1"), (two, "the dam is cracked", "h-2"),
                             (two, "نجبا", "h-3")]:
        start = doc.text.index(phrase)
        h = make_highlight(doc, start, start + len(phrase), "claim")
        h.id = hid
        study.highlights[h.id] = h
    return study


def test_several_documents_and_versions_round_trip(tmp_path):
    study = two_document_study()
    UpdateDocumentText("d-one", "UPDATE.\n" + FIRST, replaced="2026-11-27T03:00:00Z").apply(study)
    path = tmp_path / "two.crosslight"
    save_study(study, path)
    loaded = load_study(path)
    assert loaded.orphans == []
    got = loaded.study
    assert list(got.documents) == ["d-one", "d-two"]
    assert got.documents["d-one"].text == "UPDATE.\n" + FIRST
    assert got.documents["d-one"].versions == [DocumentVersion(FIRST, "One",
                                                               "2026-11-27T03:00:00Z")]
    assert got.documents["d-two"].versions == []
    assert got.documents["d-two"].url == "https://example.org/two"
    assert {h.id: (h.document_id, h.start, h.end) for h in got.highlights.values()} == {
        h.id: (h.document_id, h.start, h.end) for h in study.highlights.values()}
    assert encode_study(got) == encode_study(study)


def test_versions_key_is_written_only_when_there_are_versions():
    study = two_document_study()
    data = json.loads(encode_study(study))
    assert all("versions" not in d for d in data["documents"])
    UpdateDocumentText("d-two", SECOND + " More.", replaced="t").apply(study)
    data = json.loads(encode_study(study))
    one, two = data["documents"]
    assert "versions" not in one
    (version,) = two["versions"]
    assert set(version) == {"text", "title", "replaced", "sha256"}
    assert version["text"] == SECOND and version["title"] == "Two 😀"


def test_file_without_versions_opens_with_none(tmp_path):
    study = two_document_study()
    path = tmp_path / "old.crosslight"
    path.write_bytes(encode_study(study))
    assert "versions" not in path.read_text(encoding="utf-8")
    loaded = load_study(path).study
    assert [d.versions for d in loaded.documents.values()] == [[], []]


def damaged(tmp_path, edit):
    study = two_document_study()
    UpdateDocumentText("d-one", FIRST + " Later.", replaced="t").apply(study)
    data = json.loads(encode_study(study))
    edit(data["documents"][0])
    path = tmp_path / "bad.crosslight"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(StudyFileError) as info:
        load_study(path)
    return str(info.value)


def test_an_altered_earlier_version_is_refused(tmp_path):
    def edit(doc):
        doc["versions"][0]["text"] += " tampered"

    message = damaged(tmp_path, edit)
    assert "documents[0].versions[0]" in message and "SHA-256" in message


@pytest.mark.parametrize("value, expected", [("nope", "should be a list"),
                                             ([3], "should be an object")])
def test_versions_of_the_wrong_shape_are_refused(tmp_path, value, expected):
    def edit(doc):
        doc["versions"] = value

    assert expected in damaged(tmp_path, edit)


def test_current_document_round_trips(tmp_path):
    study = two_document_study()
    study.current_document = "d-two"
    path = tmp_path / "two.crosslight"
    save_study(study, path)
    assert json.loads(path.read_text(encoding="utf-8"))["study"]["current_document"] == "d-two"
    assert load_study(path).study.current_document == "d-two"


@pytest.mark.parametrize("value", [None, "d-gone", ""])
def test_missing_or_unknown_current_document_means_the_first(tmp_path, value):
    study = two_document_study()
    path = tmp_path / "two.crosslight"
    save_study(study, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["study"].pop("current_document", None)
    if value is not None:
        data["study"]["current_document"] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_study(path).study.current_document == ""


def test_current_document_must_be_text(tmp_path):
    study = two_document_study()
    path = tmp_path / "two.crosslight"
    save_study(study, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["study"]["current_document"] = 2
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(StudyFileError, match="current_document should be text"):
        load_study(path)


def test_one_document_study_writes_no_current_document(tmp_path):
    study = two_document_study()
    del study.documents["d-two"]
    study.highlights = {k: h for k, h in study.highlights.items() if h.document_id == "d-one"}
    study.current_document = "d-one"
    assert "current_document" not in json.loads(encode_study(study))["study"]
