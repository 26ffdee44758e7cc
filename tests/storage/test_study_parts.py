"""Large study files are parsed in parts (``storage/study_parts``): the highlights one by
one, so the parsed file and the study are never both whole in memory (a 255 MB study
peaked at 1.5 GB, now about 0.7 GB: ``python -m desktop.bench.info_memory``). What it
reads must be exactly what a whole parse reads, and anything unusual is parsed whole."""

from __future__ import annotations

import pytest

from desktop.domain.identity import Person
from desktop.storage import study_parts, studyfile
from desktop.storage.errors import StudyFileError
from desktop.storage.saving import encode_study
from desktop.storage.studyfile import load_study
from tests.builders import study_with

TEXT = "The minister said the plan works. Critics said it fails. Others were unsure."


@pytest.fixture
def parts(monkeypatch):
    """Every file counts as large; records whether the parts were used."""
    monkeypatch.setattr(study_parts, "PARTS_ABOVE", 0)
    used = []
    real = study_parts.parse_in_parts

    def spy(raw):
        result = real(raw)
        used.append(result is not None)
        return result

    monkeypatch.setattr(studyfile, "parse_in_parts", spy)
    return used


def _bytes() -> bytes:
    study = study_with(TEXT, ["plan works", ("Critics", "quote"), ("Others", "question")])
    for h in study.highlights.values():
        h.creator = Person("A. Rahimi")
    return encode_study(study)


def _whole(path, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(studyfile, "parse_in_parts", lambda raw: None)
        return load_study(path)


def test_a_large_file_is_read_in_parts_exactly_as_whole(tmp_path, parts, monkeypatch):
    path = tmp_path / "s.crosslight"
    path.write_bytes(_bytes())
    in_parts = load_study(path)
    assert parts == [True]
    whole = _whole(path, monkeypatch)
    assert in_parts.study == whole.study
    assert [h.revs for h in in_parts.study.highlights.values()] == \
        [h.revs for h in whole.study.highlights.values()]
    assert in_parts.orphans == whole.orphans == []


def _error(path) -> str:
    with pytest.raises(StudyFileError) as caught:
        load_study(path)
    return str(caught.value)


@pytest.mark.parametrize(("old", "new"), [
    (b'"note": ""', b'"note": 5'),  # a bad item: the careful reader's message
    (b'"note": ""', b'"note": "\xff"'),  # bad UTF-8 inside an item
    (b'"note": ""', b'"note": "'),  # broken JSON inside an item
])
def test_a_bad_item_reads_as_a_whole_parse_would(tmp_path, parts, monkeypatch, old, new):
    path = tmp_path / "s.crosslight"
    path.write_bytes(_bytes().replace(old, new, 1))
    message = _error(path)
    with monkeypatch.context() as m:
        m.setattr(studyfile, "parse_in_parts", lambda raw: None)
        assert _error(path) == message


def test_items_that_are_not_one_value_each_are_parsed_whole(tmp_path, parts, monkeypatch):
    """"1],[2" parses inside [[…]] as two values: such a cut is refused, never misread."""
    data = _bytes()
    first = data.index(b'\n  "highlights": [') + len(b'\n  "highlights": [')
    end = data.index(b"\n  ]", first)
    crafted = data[:first] + b"\n    {\"x\": [1\n    },\n    {\n    }]}" + data[end:]
    path = tmp_path / "s.crosslight"
    path.write_bytes(crafted)
    message = _error(path)
    assert parts == [True]  # the cut looked fine; an item did not parse alone: whole
    with monkeypatch.context() as m:
        m.setattr(studyfile, "parse_in_parts", lambda raw: None)
        assert _error(path) == message


def test_a_second_highlights_key_or_another_layout_is_parsed_whole(tmp_path, parts):
    data = _bytes()
    twice = data.replace(b'\n  "links": [', b'\n  "highlights": [],\n  "links": [', 1)
    path = tmp_path / "s.crosslight"
    path.write_bytes(twice)
    load_study(path)  # the second (empty) array wins, as in a whole parse
    assert parts == [False]
    assert load_study(path).study.highlights == {}
    import orjson

    path.write_bytes(orjson.dumps(orjson.loads(data)))  # one line: no layout to cut by
    assert len(load_study(path).study.highlights) == 3
    assert parts == [False, False, False]


def test_a_large_study_is_frozen_out_of_the_collectors_scans(tmp_path, monkeypatch):
    """After a large load the study is frozen (``gc.freeze``), so the window's first
    allocations do not set off full collections over all of it; a small one is not."""
    import gc

    path = tmp_path / "s.crosslight"
    path.write_bytes(_bytes())
    gc.unfreeze()
    try:
        load_study(path)
        assert gc.get_freeze_count() == 0  # small: nothing frozen
        monkeypatch.setattr(studyfile, "PAUSE_GC_ABOVE", 0)
        loaded = load_study(path)
        assert gc.get_freeze_count() > 0
        assert gc.isenabled()
        assert gc.is_tracked(loaded.study.highlights) and loaded.study.highlights
    finally:
        gc.unfreeze()


def _mixed_study_bytes() -> bytes:
    """Forty highlights, some of a shape the typed decoder refuses (a citation, a
    review), with links and references after them in the file."""
    from desktop.domain.crosscheck import Verdict
    from desktop.domain.model import Citation, Link, Reference, Review

    words = " ".join(f"word{i}" for i in range(60))
    study = study_with(words, [f"word{i} " for i in range(40)])
    study.references["r-1"] = Reference(id="r-1", title="A source")
    ids = list(study.highlights)
    for n, hid in enumerate(ids):
        h = study.highlights[hid]
        h.tags = ["økonomi"] if n % 3 == 0 else []
        if n % 7 == 3:
            h.citations.append(Citation("r-1", comment=f"cited {n}"))
        if n % 11 == 5:
            h.reviews.append(Review(Verdict.SUPPORTED, "seen", by=Person("B. Reviewer")))
    study.links["l-1"] = Link(ids[0], ids[1], id="l-1")
    return encode_study(study)


@pytest.mark.parametrize("batch", [0, 300, 2_000, 10**9])
def test_batches_of_any_size_read_what_a_whole_parse_reads(tmp_path, parts, monkeypatch,
                                                           batch):
    """Items are decoded a batch at a time; a batch holding a highlight the typed
    decoder refuses is read item by item. Every batch size reads the same study as a
    whole parse, links and references after the highlights included."""
    monkeypatch.setattr(study_parts, "BATCH_BYTES", batch)
    path = tmp_path / "s.crosslight"
    path.write_bytes(_mixed_study_bytes())
    in_parts = load_study(path)
    assert parts == [True]
    whole = _whole(path, monkeypatch)
    assert in_parts.study == whole.study
    assert list(in_parts.study.highlights) == list(whole.study.highlights)  # in order
    assert len(in_parts.study.highlights) == 40 and len(in_parts.study.links) == 1
    assert sum(len(h.citations) for h in in_parts.study.highlights.values()) == 6
    assert in_parts.study.references.keys() == {"r-1"}


def test_a_batch_that_holds_a_broken_item_is_read_as_a_whole_parse_would(
        tmp_path, parts, monkeypatch):
    monkeypatch.setattr(study_parts, "BATCH_BYTES", 2_000)
    path = tmp_path / "s.crosslight"
    data = _mixed_study_bytes()
    at = data.index(b'"note": ""', len(data) // 2)
    path.write_bytes(data[:at] + b'"note": 7' + data[at + len(b'"note": ""'):])
    message = _error(path)
    with monkeypatch.context() as m:
        m.setattr(studyfile, "parse_in_parts", lambda raw: None)
        assert _error(path) == message


@pytest.mark.parametrize("batch", [0, 10**9])
def test_highlights_off_their_place_are_re_anchored_as_in_a_whole_parse(
        tmp_path, parts, monkeypatch, batch):
    """Highlights found in place as they are decoded are not looked at again; the rest
    (moved by an edit of the text, or gone) are re-anchored or orphaned, in the
    file's order, exactly as after a whole parse."""
    monkeypatch.setattr(study_parts, "BATCH_BYTES", batch)
    data = _mixed_study_bytes()
    # word30's stored place is wrong (it is found again by its quote); word4's and
    # word8's quotes are in the text no more (orphans), one of the same length.
    at = data.index(b'"exact": "word30 "')
    end_at = data.index(b'"end": ', at)
    close = data.index(b",", end_at)
    data = data[:end_at] + b'"end": 3' + data[close:]
    start_at = data.index(b'"start": ', at)
    close = data.index(b",", start_at) if b"," in data[start_at:start_at + 20] else \
        data.index(b"\n", start_at)
    data = data[:start_at] + b'"start": 1' + data[close:]
    for gone, other in ((b"word4 ", b"%%%%%%"), (b"word8 ", b"not in the text")):
        data = data.replace(b'"exact": "' + gone + b'"', b'"exact": "' + other + b'"', 1)
    path = tmp_path / "s.crosslight"
    path.write_bytes(data)
    in_parts = load_study(path)
    assert parts == [True]
    whole = _whole(path, monkeypatch)
    assert in_parts.study == whole.study
    assert in_parts.orphans == whole.orphans and len(in_parts.orphans) == 2
    moved = next(h for h in in_parts.study.highlights.values() if h.quote.exact == "word30 ")
    assert moved.start == whole.study.highlights[moved.id].start > 100
