"""A large study's highlights are encoded a part at a time (``saving.encode_study_data``),
so the writer thread lets the window run between parts; the bytes must be exactly what
one call to orjson writes."""

from __future__ import annotations

import orjson
import pytest

from desktop.domain.identity import Person
from desktop.storage import saving
from desktop.storage.schema import study_to_data
from tests.builders import study_with

TEXT = ("گزارش وزیر 😀 said the plan works. Critics said it fails; others were unsure. "
        "«Nothing» was \"quoted\" here\\there.\n") * 3


def _whole(data) -> bytes:
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
                        | orjson.OPT_APPEND_NEWLINE)


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 5, 9])
def test_parts_are_byte_for_byte_one_encoding(monkeypatch, count):
    monkeypatch.setattr(saving, "HIGHLIGHTS_PER_PART", 2)
    phrases = ["گزارش", "😀", "plan works", "Critics", "«Nothing»", "\"quoted\"",
               "here\\there", "others", "unsure"][:count]
    study = study_with(TEXT, phrases)
    for h in study.highlights.values():
        h.creator = Person("A. Rahimi", "Desk")
        h.note = "line one\nline two «x» 😀"
        h.tags = ["økonomi"]
    data = study_to_data(study)
    assert saving.encode_study_data(data) == _whole(data)
    assert orjson.loads(saving.encode_study_data(data)) == orjson.loads(_whole(data))


def test_a_large_study_is_encoded_in_parts(monkeypatch):
    monkeypatch.setattr(saving, "HIGHLIGHTS_PER_PART", 2)
    calls = []
    real = orjson.dumps

    def counted(value, **kwargs):
        calls.append(value)
        return real(value, **kwargs)

    monkeypatch.setattr(saving.orjson, "dumps", counted)
    study = study_with(TEXT, ["plan works", "Critics", "others", "unsure", "said"])
    saving.encode_study_data(study_to_data(study))
    assert len(calls) == 1 + 3  # the rest of the study, then 5 highlights in 3 parts
