"""The typed highlight decoder (``storage/highlight_typed``) against the careful reader.

It decodes a highlight's bytes with msgspec; it must never accept what the careful
reader (on orjson's parse of the same bytes) refuses, and what it accepts must come out
identical. Compared on thousands of mutated highlights and on byte-level quirks where
JSON parsers differ (duplicate keys, huge integers, nulls, escapes).
"""

from __future__ import annotations

import copy
import json
import random
import re
from typing import Any

import orjson
import pytest

from desktop.storage.highlight_typed import TypedReader, decode_highlight
from tests.storage.test_highlight_fast import (
    _careful,
    _fast,
    _full_highlight,
    _mutate,
    _study,
)


def _typed(data: bytes, study):
    lengths = {i: len(d.text) for i, d in study.documents.items()}
    raw = decode_highlight(data)
    if raw is None:
        return None
    return TypedReader(lengths, frozenset(c.id for c in study.categories)).build(raw)


def _agree(data: bytes, study) -> bool:
    """True when the typed reader took these bytes; asserts the careful one agrees."""
    typed = _typed(data, study)
    if typed is None:
        return False
    careful = _careful(orjson.loads(data), study)
    assert careful is not None, f"the typed reader accepted what the careful one refuses: {data!r}"
    assert typed == careful, data
    assert typed.revs == careful.revs and typed.extra == careful.extra == {}, data
    # and the dict reader takes it too: the typed one takes no more than the fast one
    assert _fast(orjson.loads(data), study) == typed
    return True


def test_the_usual_shapes_are_decoded_typed_and_agree():
    study = _study()
    full = _full_highlight(study)
    assert _agree(orjson.dumps(full), study)
    assert _agree(orjson.dumps(full, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS), study)
    bare = {k: full[k] for k in ("id", "document", "category", "target")}
    assert _agree(orjson.dumps(bare), study)


def test_mutated_highlights_never_pass_the_typed_reader_unless_the_careful_one_agrees():
    study = _study()
    full = _full_highlight(study)
    rng = random.Random(21)
    taken = 0
    for _ in range(4000):
        taken += _agree(_bytes(_mutate(full, rng)), study)
    assert 100 < taken < 4000  # both sides of the fork were exercised


def _bytes(raw: Any) -> bytes:
    """As Python writes JSON (any size of integer, compact)."""
    return json.dumps(raw, ensure_ascii=False, separators=(",", ":")).encode()


def _text(raw: dict[str, Any]) -> str:
    return orjson.dumps(raw).decode()


@pytest.mark.parametrize("edit", [
    # a null where the fast reader refuses one (an absent person is not a null one)
    lambda s: re.sub(r'"creator":\{[^}]*\}', '"creator":null', s, count=1),
    lambda s: s.replace('"note":""', '"note":null', 1),
    lambda s: re.sub(r'"verdict":\{[^}]*\}', '"verdict":null', s, count=1),
    # numbers orjson reads as floats: the careful reader refuses them
    lambda s: re.sub(r'"start":\d+', '"start":18446744073709551616', s, count=1),
    lambda s: re.sub(r'"start":\d+', '"start":0.0', s, count=1),
    lambda s: re.sub(r'"end":\d+', '"end":1e1', s, count=1),
    lambda s: re.sub(r'"start":\d+', '"start":true', s, count=1),
    # a selector's tag given twice with two kinds
    lambda s: s.replace('"type":"TextQuoteSelector"',
                        '"type":"TextQuoteSelector","type":"TextPositionSelector"', 1),
    lambda s: s.replace('"citations":[]', '"citations":[null]', 1),
    lambda s: s.replace('"tags":[', '"tags":[null,', 1),
    lambda s: s.replace('"note":""', '"note":"\\ud800"', 1),  # a lone surrogate
    lambda s: s + " 1",  # more than one value
])
def test_byte_level_quirks_are_refused_or_read_as_the_careful_reader_reads_them(edit):
    study = _study()
    full = _full_highlight(study)
    full["note"] = ""
    text = _text(full)
    changed = edit(text)
    assert changed != text
    data = changed.encode()
    typed = _typed(data, study)
    if typed is not None:
        assert _agree(data, study)


def test_a_duplicate_key_reads_as_the_last_one_as_orjson_reads_it():
    study = _study()
    full = _full_highlight(study)
    text = _text(full).replace('"note":', '"note":"first","note":', 1)
    assert _agree(text.encode(), study)
    assert _typed(text.encode(), study).note == full["note"]


def test_a_large_study_reads_the_same_typed_as_parsed(tmp_path, monkeypatch):
    """Through the loader: the parts decoded typed build the study a whole parse builds."""
    from desktop.storage import study_parts, studyfile
    from desktop.storage.saving import encode_study
    from desktop.storage.studyfile import load_study

    study = _study()
    for i, h in enumerate(study.highlights.values()):
        h.tags = ["b", "a"] if i else []
    path = tmp_path / "s.crosslight"
    path.write_bytes(encode_study(study))
    monkeypatch.setattr(study_parts, "PARTS_ABOVE", 0)
    built = []
    real = TypedReader.build

    def spy(self, raw):
        built.append(real(self, raw))
        return built[-1]

    monkeypatch.setattr(TypedReader, "build", spy)
    typed = load_study(path).study
    assert len(built) == 2 and None not in built
    monkeypatch.setattr(studyfile, "parse_in_parts", lambda raw: None)
    whole = load_study(path).study
    assert typed == whole
    assert [h.revs for h in typed.highlights.values()] == \
        [h.revs for h in whole.highlights.values()]
    assert copy.deepcopy(typed) == typed
