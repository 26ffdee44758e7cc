"""The one-pass highlight reader (``storage/highlight_fast``) against the careful one.

The fast reader must never accept what the careful reader refuses, and what it accepts
must come out identical; anything unusual it hands over (returns None). Compared on the
usual shapes and on thousands of structure-aware mutations of a full highlight.
"""

from __future__ import annotations

import copy
import random
from typing import Any

import orjson
import pytest

from desktop.domain.identity import Person
from desktop.domain.model import Reference
from desktop.storage.errors import StudyFileError
from desktop.storage.highlight_fast import fast_highlight
from desktop.storage.saving import encode_study
from desktop.storage.schema import _highlight_from, highlight_to_data, study_from_data
from desktop.storage.validate import Node
from tests.builders import study_with

TEXT = "The minister said the plan works. Critics said it fails."


def _study():
    study = study_with(TEXT, ["plan works", ("Critics", "quote")])
    study.references["r-1"] = Reference(id="r-1", title="A source")
    return study


def _full_highlight(study) -> dict[str, Any]:
    h = next(iter(study.highlights.values()))
    h.creator = Person("A. Rahimi", "Desk", "mailto:a@example.org")
    h.editor = Person("B. Lee")
    h.tags = ["economy", "Sanctions"]
    h.motivation = ["commenting"]
    h.language, h.quote_language = "en", "en-GB"
    h.rationale = "why"
    return orjson.loads(orjson.dumps(highlight_to_data(h)))


def _careful(raw: Any, study):
    try:
        return _highlight_from(Node(raw, "highlights[0]"), study)
    except StudyFileError:
        return None


def _fast(raw: Any, study):
    lengths = {i: len(d.text) for i, d in study.documents.items()}
    return fast_highlight(raw, lengths, lambda c: study.category(c) is not None)


def _agree(raw: Any, study) -> bool:
    """True when the fast reader took it; asserts it agrees with the careful one."""
    fast = _fast(copy.deepcopy(raw), study)
    if fast is None:
        return False
    careful = _careful(copy.deepcopy(raw), study)
    assert careful is not None, f"the fast reader accepted what the careful one refuses: {raw}"
    assert fast == careful, raw
    assert fast.revs == careful.revs and fast.extra == careful.extra == {}, raw
    return True


def test_the_usual_shapes_take_the_fast_path_and_agree():
    study = _study()
    full = _full_highlight(study)
    assert _agree(full, study)
    for h in study.highlights.values():
        assert _agree(orjson.loads(orjson.dumps(highlight_to_data(h))), study)
    bare = {k: full[k] for k in ("id", "document", "category", "target")}
    assert _agree(bare, study)
    no_position = copy.deepcopy(bare)
    no_position["target"]["selectors"] = no_position["target"]["selectors"][:1]
    assert _agree(no_position, study)


@pytest.mark.parametrize("change", [
    lambda h: h.update(surprise=1),  # an unknown key: carried by the careful reader
    lambda h: h["target"].update(refinedBy={}),
    lambda h: h["target"]["selectors"][0].update(surprise=1),
    lambda h: h["target"]["selectors"].append({"type": "XPathSelector", "value": "/p"}),
    lambda h: h["verdict"].update(surprise=1),
    lambda h: h["creator"].update(surprise=1),
    lambda h: h.update(citations=[{"id": "c-1", "reference": "r-1"}]),
    lambda h: h.update(reviews=[{"value": "false"}]),
])
def test_what_the_careful_reader_must_see_is_handed_over(change):
    study = _study()
    raw = _full_highlight(study)
    change(raw)
    assert _fast(raw, study) is None
    assert _careful(raw, study) is not None  # and the careful reader still reads it


_ODD_VALUES = [None, True, False, 0, 1, -1, 1.0, 1.5, 2**53, 2**53 + 1, 10**30, "", "x",
               "1b9eb08dc706f5af", "claim", "supported", "en", "not a tag!", [], [""], ["x"],
               [1], {}, {"name": "x"}, {"type": "TextQuoteSelector"}]


def _paths(value: Any, here: tuple = ()):
    yield here
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*here, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _paths(child, (*here, i))


def _mutate(raw: Any, rng: random.Random) -> Any:
    raw = copy.deepcopy(raw)
    for _ in range(rng.randint(1, 3)):
        paths = [p for p in _paths(raw) if p]
        path = rng.choice(paths)
        parent = raw
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        action = rng.random()
        if action < 0.2 and isinstance(parent, dict):
            del parent[last]
        elif action < 0.3 and isinstance(parent, dict):
            parent[rng.choice(["surprise", "start", "end", "exact", "value", "name"])] = \
                rng.choice(_ODD_VALUES)
        else:
            parent[last] = copy.deepcopy(rng.choice(_ODD_VALUES))
    return raw


def test_mutated_highlights_never_pass_the_fast_reader_unless_the_careful_one_agrees():
    study = _study()
    full = _full_highlight(study)
    rng = random.Random(20)
    taken = 0
    for _ in range(4000):
        taken += _agree(_mutate(full, rng), study)
    assert 100 < taken < 4000  # both sides of the fork were exercised


def test_a_study_reads_the_same_through_either_reader(monkeypatch):
    study = _study()
    for h in study.highlights.values():
        h.creator = Person("A. Rahimi")
    data = orjson.loads(encode_study(study))
    fast = study_from_data(copy.deepcopy(data))
    monkeypatch.setattr("desktop.storage.schema.fast_highlight", lambda *args: None)
    careful = study_from_data(copy.deepcopy(data))
    assert fast == careful
    assert [h.revs for h in fast.highlights.values()] == \
        [h.revs for h in careful.highlights.values()]


def test_a_bad_highlight_is_still_named_by_its_place():
    study = _study()
    data = orjson.loads(encode_study(study))
    data["highlights"][1]["note"] = 5
    with pytest.raises(StudyFileError, match=r"highlights\[1\]\.note should be text"):
        study_from_data(data)
    data["highlights"][1]["note"] = ""
    data["highlights"][1]["id"] = data["highlights"][0]["id"]
    with pytest.raises(StudyFileError, match=r"highlights\[1\]: duplicate highlight id"):
        study_from_data(data)


@pytest.mark.parametrize("change", [
    lambda h: h.update(motivation=["commenting"] * 17),
    lambda h: h.update(motivation=["bad motivation"]),
    lambda h: h.update(language="not a tag!"),
    lambda h: h.update(quote_language="x" * 9),
    lambda h: h.update(revs=["XYZ"]),
    lambda h: h["target"]["selectors"][1].update(end=len(TEXT) + 1),
    lambda h: h["target"]["selectors"][1].update(start=h["target"]["selectors"][1]["end"]),
    lambda h: h["target"]["selectors"][1].update(start=-1),
    lambda h: h["target"]["selectors"][0].update(exact=""),
    lambda h: h["target"].update(selectors=[h["target"]["selectors"][1]]),
    lambda h: h.update(document="d-unknown"),
    lambda h: h.update(category="nope"),
    lambda h: h["verdict"].update(value="maybe"),
    lambda h: h["creator"].update(name=None),
])
def test_what_the_careful_reader_refuses_the_fast_one_refuses(change):
    study = _study()
    raw = _full_highlight(study)
    change(raw)
    assert _careful(raw, study) is None
    assert _fast(raw, study) is None


def test_a_loader_that_consumes_the_parsed_file_drops_each_highlight_as_it_is_built():
    """Opening keeps the parsed file and the study from both being whole in memory
    (``crosslight info`` of a 255 MB study peaked at 1.5 GB); other callers keep theirs."""
    study = _study()
    data = orjson.loads(encode_study(study))
    kept = study_from_data(data)
    assert all(isinstance(h, dict) for h in data["highlights"])
    consumed = study_from_data(data, consume=True)
    assert data["highlights"] == [None, None]
    assert consumed == kept
