"""A highlight's W3C motivation and languages, and the study's publish address, survive
save and reopen; damaged values are refused with the place named."""

from __future__ import annotations

import orjson
import pytest

from desktop.domain.anchoring import TextQuoteSelector
from desktop.domain.model import Category, Document, Highlight, Study
from desktop.storage.errors import StudyFileError
from desktop.storage.saving import save_study
from desktop.storage.studyfile import load_study


def _study() -> Study:
    study = Study(categories=[Category("claim", "Claim", "#ff0000")])
    doc = Document("One claim and another claim.", "Doc", id="d-1")
    study.documents[doc.id] = doc
    study.highlights["h-1"] = Highlight(
        doc.id, TextQuoteSelector("One claim"), 0, 9, "claim", id="h-1",
        motivation=["bookmarking", "commenting"], language="fr", quote_language="en-GB")
    study.highlights["h-2"] = Highlight(doc.id, TextQuoteSelector("another claim"), 14, 27,
                                        "claim", id="h-2")
    study.publish_url = "https://checks.example.org/budget"
    return study


def test_keys_survive_save_and_reopen(tmp_path):
    path = tmp_path / "s.crosslight"
    save_study(_study(), path)
    back = load_study(path).study
    h1, h2 = back.highlights["h-1"], back.highlights["h-2"]
    assert h1.motivation == ["bookmarking", "commenting"]
    assert (h1.language, h1.quote_language) == ("fr", "en-GB")
    assert (h2.motivation, h2.language, h2.quote_language) == ([], "", "")
    assert back.publish_url == "https://checks.example.org/budget"
    raw = orjson.loads(path.read_bytes())
    assert "motivation" not in raw["highlights"][1]  # written only when known


@pytest.mark.parametrize("where, key, value, message", [
    ("highlight", "motivation", "bookmarking", "should be a list"),
    ("highlight", "motivation", ["<script>"], "W3C motivations"),
    ("highlight", "language", "not a tag!", "language tag"),
    ("study", "publish_url", "javascript:alert(1)", "web address"),
])
def test_damaged_values_are_refused(tmp_path, where, key, value, message):
    path = tmp_path / "s.crosslight"
    save_study(_study(), path)
    raw = orjson.loads(path.read_bytes())
    (raw["highlights"][0] if where == "highlight" else raw["study"])[key] = value
    path.write_bytes(orjson.dumps(raw))
    with pytest.raises(StudyFileError, match=message):
        load_study(path)
