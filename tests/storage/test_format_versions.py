"""Every format version opens and re-saves without loss; keys from newer versions survive.

One fixture per version (``tests/storage/fixtures/``), novelWriter style: version 1,
version 2 as first released ("early") and as it grew in place ("late", every key of
``migrations.V2_LATER_KEYS``), version 3, and a version-4 file written by a newer
Crosslight with optional keys at every level that this reader does not know.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.domain.commands import DeleteHighlight
from desktop.domain.crosscheck import Verdict
from desktop.domain.crosscheck_commands import SetVerdict
from desktop.storage.errors import StudyFileError
from desktop.storage.migrations import V2_LATER_KEYS
from desktop.storage.saving import encode_study, save_study
from desktop.storage.schema import READS, REQUIRES, VERSION
from desktop.storage.studyfile import load_study

FIXTURES = Path(__file__).parent / "fixtures"
BY_VERSION = {
    "v1": ("study-v1.crosslight", 1),
    "v2-early": ("study-v2-early.crosslight", 2),
    "v2-late": ("study-v2-late.crosslight", 2),
    "v3": ("study-v3.crosslight", 3),
}
NEWER = FIXTURES / "study-v4-newer-optional-keys.crosslight"


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    target.write_bytes((FIXTURES / name).read_bytes())
    return target


@pytest.mark.parametrize("label", list(BY_VERSION))
def test_every_version_opens_and_resaves_as_the_current_version(tmp_path, label):
    name, version = BY_VERSION[label]
    path = _copy(tmp_path, name)
    loaded = load_study(path)
    assert loaded.format_version == version
    assert loaded.study.highlights
    before = encode_study(loaded.study)

    result = save_study(loaded.study, path)
    saved = json.loads(path.read_bytes())
    assert (saved["version"], saved["requires"]) == (VERSION, REQUIRES)
    assert (result.original_copy is not None) == (version < VERSION)  # the old file is kept
    again = load_study(path)
    assert again.format_version == VERSION and again.orphans == loaded.orphans
    assert encode_study(again.study) == encode_study(loaded.study)
    assert json.loads(before)["highlights"] == saved["highlights"]


def test_late_version_2_keys_all_survive_the_step_to_3(tmp_path):
    path = _copy(tmp_path, "study-v2-late.crosslight")
    old = json.loads(path.read_bytes())
    save_study(load_study(path).study, path)
    new = json.loads(path.read_bytes())
    places = {
        "study": [(old["study"], new["study"])],
        "documents[]": list(zip(old["documents"], new["documents"], strict=True)),
        "references[]": list(zip(old["references"], new["references"], strict=True)),
        "highlights[]": list(zip(old["highlights"], new["highlights"], strict=True)),
        "highlights[].citations[]": [
            pair for h_old, h_new in zip(old["highlights"], new["highlights"], strict=True)
            for pair in zip(h_old["citations"], h_new["citations"], strict=True)],
        "links[]": list(zip(old["links"], new["links"], strict=True)),
    }
    for place, keys in V2_LATER_KEYS.items():
        pairs = places[place]
        for key in keys:
            present = [(a[key], b.get(key)) for a, b in pairs if key in a]
            assert present, f"the late-v2 fixture should hold {place}.{key}"
            for was, now in present:
                assert now == was, f"{place}.{key} changed"


def test_a_newer_files_unknown_keys_survive_open_edit_save(tmp_path):
    """The old-format-reader round trip: this reader does not know the keys a newer
    Crosslight added; it opens the file, the user edits, and every key is still there."""
    path = _copy(tmp_path, NEWER.name)
    original = json.loads(path.read_bytes())
    assert original["version"] > VERSION and original["requires"] <= READS
    loaded = load_study(path)
    assert loaded.format_version == original["version"]
    study = loaded.study
    SetVerdict("h-1", Verdict.FALSE, "Checked again.").apply(study)
    study.highlights["h-1"].note = "Edited by an older Crosslight."
    DeleteHighlight("h-2").apply(study)  # its link goes too, with its unknown key
    save_study(study, path)

    saved = json.loads(path.read_bytes())
    assert saved["version"] == VERSION
    assert saved["future_root"] == original["future_root"]
    assert saved["study"]["future_study"] == "kept"
    assert saved["categories"][0]["future_category"] == {"icon": "⚑"}
    doc, doc_was = saved["documents"][0], original["documents"][0]
    assert doc["future_document"] == [1, 2, 3]
    assert doc["source"]["future_source"] is True
    assert doc["provenance"]["future_provenance"] == "tls-1.3"
    assert doc["provenance"]["page"]["future_page"] == 7
    assert doc["archived"]["future_archived"] == "wayback"
    assert doc["versions"][0]["future_version"] == doc_was["versions"][0]["future_version"]
    assert saved["documents"][1]["future_pdf_page_data"] == {"boxes": [[0, 0, 10, 10]]}
    ref = saved["references"][0]
    assert ref["future_reference"] == "isbn-13"
    assert ref["creator"]["future_person"] == "orcid:0000"
    assert ref["archived"]["future_archived"] == 1
    (h,) = saved["highlights"]
    assert h["future_highlight"] == {"revision": "r7@laptop"}
    assert h["verdict"] == {"value": "false", "rationale": "Checked again.",
                            "future_verdict": "confidence: high"}
    assert h["note"] == "Edited by an older Crosslight."
    assert h["target"]["future_target"] == "source-iri"
    quote, *others = h["target"]["selectors"]
    assert quote["type"] == "TextQuoteSelector" and quote["future_quote"] == "refinedBy"
    assert original["highlights"][0]["target"]["selectors"][-1] in others
    assert h["citations"][0]["future_citation"] == {"pinpoint": "p. 4"}
    assert saved["links"] == []
    # And the re-saved file opens again with the same keys carried.
    assert load_study(path).study.highlights["h-1"].extra == study.highlights["h-1"].extra


def test_known_keys_win_over_carried_ones(tmp_path):
    path = _copy(tmp_path, NEWER.name)
    study = load_study(path).study
    study.title = "Renamed"
    save_study(study, path)
    saved = json.loads(path.read_bytes())
    assert saved["study"]["title"] == "Renamed" and saved["requires"] == REQUIRES


def test_a_file_that_requires_a_newer_reader_is_refused_in_a_sentence(tmp_path):
    data = json.loads(NEWER.read_bytes())
    data["requires"] = READS + 1
    path = tmp_path / "needs-newer.crosslight"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(StudyFileError) as info:
        load_study(path)
    message = str(info.value)
    assert message.startswith("“needs-newer.crosslight”: This study file was made by a newer")
    assert f"format version {READS + 1}" in message and "update Crosslight" in message
    assert "\n" not in message


@pytest.mark.parametrize("requires", ["3", 3.5, True, None, [3]])
def test_a_requires_that_is_not_a_whole_number_is_refused(tmp_path, requires):
    data = json.loads(NEWER.read_bytes())
    data["requires"] = requires
    path = tmp_path / "odd.crosslight"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(StudyFileError, match="which Crosslight can read it"):
        load_study(path)
