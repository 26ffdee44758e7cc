"""Saving and loading study files: a lossless, stable, diff-friendly round trip."""

import dataclasses
import json
import re

import pytest

from desktop.domain.anchoring import TextQuoteSelector
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Category, Document, Highlight
from desktop.storage import saving
from desktop.storage.documents import load_document
from desktop.storage.errors import StorageError
from desktop.storage.saving import encode_study, save_study
from desktop.storage.schema import FORMAT, OFFSET_UNIT, VERSION
from desktop.storage.studyfile import load_study, reanchor

PERSIAN = "گزارش: گروه نجبا اعلام کرد 😀 9,000 US troops"
FAMILY = "👩\u200d👩\u200d👧"
RAW_DOC = (
    f"# Report\r\n\r\n{PERSIAN}\r\nSecond line with {FAMILY} and «quotes».\r"
    "Old Mac line.\nThe group said 9,000 US troops remain.\r\n"
)


def add(study, doc, passage, category, note="", occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(passage, start + 1)
    h = make_highlight(doc, start, start + len(passage), category)
    h.note = note
    study.highlights[h.id] = h
    return h


@pytest.fixture
def study(tmp_path):
    source = tmp_path / "report.md"
    source.write_bytes(RAW_DOC.encode("utf-8"))
    doc = load_document(source)
    s = new_study_for(doc)
    s.note = "## Study note\n\nگزارش 😀 with a\ttab and \"quotes\""
    s.categories.append(Category("custom", "Custom «کلاس»", "#123abc"))
    add(s, doc, "9,000 US troops", "evidence", "second mention", occurrence=1)
    add(s, doc, "گروه نجبا", "claim", "یادداشت 😀")
    add(s, doc, FAMILY, "custom", "ZWJ family")
    add(s, doc, "9,000 US troops", "quote", "first mention")
    add(s, doc, "😀", "question")
    return s


def snapshot(study):
    return {
        "study": (study.id, study.title, study.note, study.created, study.modified),
        "categories": [dataclasses.asdict(c) for c in study.categories],
        "documents": {i: {k: v for k, v in dataclasses.asdict(d).items() if k != "revs"}
                      for i, d in study.documents.items()},
        "highlights": {i: _without_revs(dataclasses.asdict(h))
                       for i, h in study.highlights.items()},
    }


def _without_revs(data):
    """Revision stamps are appended by saving (``team_keys``): not part of the content."""
    data.pop("revs", None)
    for c in data["citations"]:
        c.pop("revs", None)
    return data


def save_load(study, path):
    save_study(study, path)
    return load_study(path)


def test_round_trip_keeps_everything(study, tmp_path):
    path = tmp_path / "s.crosslight"
    loaded = save_load(study, path)
    assert loaded.orphans == []
    assert snapshot(loaded.study) == snapshot(study)
    doc = loaded.study.main_document
    assert "\r" not in doc.text
    assert PERSIAN in doc.text and FAMILY in doc.text
    assert doc.title == "Report"
    assert doc.media_type == "text/markdown"
    for h in loaded.study.highlights.values():
        assert doc.text[h.start : h.end] == h.quote.exact
    assert loaded.study.category("custom").name == "Custom «کلاس»"


def test_round_trip_of_two_documents_and_orphan(study, tmp_path):
    other = Document(text="second doc 😀 text", title="Two")
    study.documents[other.id] = other
    h = add(study, other, "doc 😀", "claim", "on doc two")
    orphan = Highlight(other.id, TextQuoteSelector("vanished", "a ", " b"), None, None, "claim",
                       note="orphan note")
    study.highlights[orphan.id] = orphan
    loaded = save_load(study, tmp_path / "two.crosslight")
    assert loaded.orphans == [orphan.id]
    assert snapshot(loaded.study) == snapshot(study)
    assert list(loaded.study.documents) == list(study.documents)
    assert loaded.study.highlights[h.id].document_id == other.id


def test_file_is_pretty_sorted_utf8_json(study, tmp_path):
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert raw == encode_study(study)
    assert PERSIAN.split(":")[0] in text and "😀" in text  # not \u-escaped
    assert "\\u" not in text
    assert (data["format"], data["version"], data["offset_unit"]) == (FORMAT, VERSION, OFFSET_UNIT)
    assert data["format"] == "crosslight-study" and data["offset_unit"] == "codepoint"
    assert data["study"]["note"] == study.note
    assert data["documents"][0]["sha256"] == study.main_document.sha256


def test_highlights_written_in_document_order(study, tmp_path):
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    highlights = json.loads(path.read_text(encoding="utf-8"))["highlights"]
    starts = [h["target"]["selectors"][1]["start"] for h in highlights]
    assert starts == sorted(starts)
    assert len(highlights) == len(study.highlights)
    quote = highlights[0]["target"]["selectors"][0]
    assert quote["type"] == "TextQuoteSelector"
    assert set(quote) == {"type", "exact", "prefix", "suffix"}


def test_saving_twice_differs_only_in_modified(study, tmp_path):
    a, b = tmp_path / "a.crosslight", tmp_path / "b.crosslight"
    save_study(study, a)
    save_study(study, b)
    da, db = json.loads(a.read_bytes()), json.loads(b.read_bytes())
    da["study"].pop("modified"), db["study"].pop("modified")
    assert da == db
    pattern = re.compile(rb'"modified": "[^"]*"')
    first = a.read_bytes()
    head = first.split(b'"study": {')[0]
    assert head == b.read_bytes().split(b'"study": {')[0]  # highlights part is byte-identical
    assert pattern.sub(b"", first.split(b'"study": {')[1]) == pattern.sub(
        b"", b.read_bytes().split(b'"study": {')[1]
    )


def test_saving_twice_with_frozen_clock_is_byte_identical(study, tmp_path, monkeypatch):
    monkeypatch.setattr(saving, "utc_now", lambda: "2024-05-06T07:08:09Z")
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    first = path.read_bytes()
    loaded = load_study(path).study
    save_study(loaded, path)
    assert path.read_bytes() == first
    assert study.modified == "2024-05-06T07:08:09Z"


def test_load_then_save_preserves_bytes_apart_from_modified(study, tmp_path, monkeypatch):
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    before = path.read_bytes()
    loaded = load_study(path).study
    monkeypatch.setattr(saving, "utc_now", lambda: study.modified)
    save_study(loaded, path)
    assert path.read_bytes() == before


def rewrite(path, edit):
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_stale_positions_reanchor_by_quote(study, tmp_path):
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    expected = {h.id: (h.start, h.end) for h in study.highlights.values()}

    def shift(data):
        for h in data["highlights"]:
            pos = h["target"]["selectors"][1]
            pos["start"] += 3
            pos["end"] += 3

    rewrite(path, shift)
    loaded = load_study(path)
    assert loaded.orphans == []
    assert {h.id: (h.start, h.end) for h in loaded.study.highlights.values()} == expected


def test_missing_position_selector_anchors_by_quote(study, tmp_path):
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    expected = {h.id: (h.start, h.end) for h in study.highlights.values()}

    def drop_positions(data):
        for h in data["highlights"]:
            del h["target"]["selectors"][1]

    rewrite(path, drop_positions)
    loaded = load_study(path)
    assert loaded.orphans == []
    # the repeated "9,000 US troops" is told apart by its context
    assert {h.id: (h.start, h.end) for h in loaded.study.highlights.values()} == expected


def test_unfindable_highlight_becomes_orphan_and_survives_resave(study, tmp_path):
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    victim = next(h for h in study.highlights.values() if h.note == "first mention")

    def lose(data):
        for h in data["highlights"]:
            if h["id"] == victim.id:
                h["target"]["selectors"][0]["exact"] = "words no longer in the text"

    rewrite(path, lose)
    loaded = load_study(path)
    assert loaded.orphans == [victim.id]
    orphan = loaded.study.highlights[victim.id]
    assert orphan.is_orphan and orphan.start is None and orphan.end is None
    assert orphan.quote.exact == "words no longer in the text"
    assert orphan.quote.prefix == victim.quote.prefix
    assert orphan.note == "first mention"
    assert orphan.category_id == victim.category_id
    assert len(loaded.study.highlights) == len(study.highlights)

    save_study(loaded.study, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    saved = next(h for h in data["highlights"] if h["id"] == victim.id)
    assert [s["type"] for s in saved["target"]["selectors"]] == ["TextQuoteSelector"]
    assert data["highlights"][-1]["id"] == victim.id  # orphans after anchored highlights
    again = load_study(path)
    assert again.orphans == [victim.id]
    assert again.study.highlights[victim.id].note == "first mention"


def test_reanchor_reports_orphans_and_updates_positions(study):
    ids = list(study.highlights)
    h0, h1 = study.highlights[ids[0]], study.highlights[ids[1]]
    good = (h0.start, h0.end)
    h0.start, h0.end = h0.start + 1, h0.end + 1
    h1.quote = TextQuoteSelector("not there at all")
    assert reanchor(study) == [h1.id]
    assert (h0.start, h0.end) == good
    assert h1.start is None and h1.end is None


def test_optional_fields_default_when_missing(study, tmp_path):
    path = tmp_path / "s.crosslight"
    save_study(study, path)

    def strip(data):
        for key in ("title", "note", "created", "modified"):
            del data["study"][key]
        for key in ("title", "media_type", "source_path", "added"):
            del data["documents"][0][key]
        for h in data["highlights"]:
            for key in ("note", "created", "modified"):
                del h[key]
            for key in ("prefix", "suffix"):
                del h["target"]["selectors"][0][key]

    rewrite(path, strip)
    loaded = load_study(path)
    s = loaded.study
    assert (s.title, s.note, s.created, s.modified) == ("", "", "", "")
    assert s.main_document.media_type == "text/plain"
    assert s.main_document.title == ""
    assert all(h.note == "" and h.quote.prefix == "" for h in s.highlights.values())
    assert len(loaded.orphans) == 0


def test_empty_highlights_list_or_missing_highlights_key(study, tmp_path):
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    rewrite(path, lambda d: d.pop("highlights"))
    assert load_study(path).study.highlights == {}


def test_save_failure_raises_storage_error_and_keeps_old_file(study, tmp_path, monkeypatch):
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    before = path.read_bytes()
    modified = study.modified
    study.note = "changed"

    def boom(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(saving, "utc_now", lambda: "2999-01-01T00:00:00Z")
    monkeypatch.setattr(saving, "atomic_write_bytes", boom)
    with pytest.raises(StorageError, match=r"Could not save.*Permission denied"):
        save_study(study, path)
    assert study.modified == modified  # not marked as saved at a new time
    assert path.read_bytes() == before


def test_save_into_missing_folder_raises_storage_error(study, tmp_path):
    with pytest.raises(StorageError, match="Could not save"):
        save_study(study, tmp_path / "no" / "such" / "dir.crosslight")
    assert not (tmp_path / "no").exists()
