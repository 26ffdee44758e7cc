"""The study file's web keys are checked like every other key: the file is untrusted."""

from __future__ import annotations

import base64
import gzip
import zlib

import pytest

from desktop.domain.digest import sha256_hex
from desktop.domain.factory import new_study_for
from desktop.domain.model import Document, DocumentVersion
from desktop.domain.provenance import ArchivedCopy, Provenance
from desktop.storage.errors import StudyFileError
from desktop.storage.provenance_data import save_page
from desktop.storage.schema import study_from_data, study_to_data
from desktop.storage.settings import Settings, load_settings, save_settings
from desktop.storage.web.config import DOI_BASE, from_settings

PAGE = b"<html><body><p>The page as it was.</p></body></html>"


def provenance(**changes) -> Provenance:
    values = dict(requested="https://a.example/x", url="https://a.example/x",
                  retrieved="2024-05-01T10:00:00Z", status=200, content_type="text/html",
                  sha256=sha256_hex(PAGE), size=len(PAGE), page=save_page(PAGE))
    values.update(changes)
    return Provenance(**values)


def data_with(**changes):
    document = Document("The page as it was.", "Page", provenance=provenance())
    data = study_to_data(new_study_for(document))
    data["documents"][0]["provenance"].update(changes)
    return data


def test_a_study_without_web_keys_writes_none():
    data = study_to_data(new_study_for(Document("Text.", "T")))
    assert "provenance" not in data["documents"][0] and "archived" not in data["documents"][0]


def test_round_trip_of_everything_including_versions():
    old = provenance(retrieved="2024-04-01T00:00:00Z", page=None)
    document = Document("New text.", "T", provenance=provenance(redirects=("https://b.example/",)),
                        archived=ArchivedCopy("https://web.archive.org/web/1/x", "2024-05-01"),
                        versions=[DocumentVersion("Old text.", "T", "2024-05-01T10:00:00Z",
                                                  provenance=old)])
    study = study_from_data(study_to_data(new_study_for(document)))
    again = study.main_document
    assert again.provenance == document.provenance and again.archived == document.archived
    assert again.versions[0].provenance == old


@pytest.mark.parametrize(("changes", "words"), [
    ({"status": 999}, "not an HTTP status"),
    ({"status": "200"}, "should be a whole number"),
    ({"sha256": "abc"}, "64 lower-case hex digits"),
    ({"size": -1}, "out of range"),
    ({"redirects": ["x"] * 21}, "more than 20"),
    ({"page": {"encoding": "gzip", "data": "!!!not base64"}}, "not base64"),
    ({"page": {"encoding": "zip", "data": ""}}, "unknown page encoding"),
    ({"page": {"encoding": "gzip", "data": base64.b64encode(b"not gzip").decode()}},
     "does not decompress"),
    ({"page": {"encoding": "gzip", "data": base64.b64encode(gzip.compress(PAGE)[:-12]).decode()}},
     "cut short"),
    ({"size": len(PAGE) + 1}, "does not match its recorded SHA-256"),
])
def test_damaged_web_keys_are_refused_with_their_place(changes, words):
    with pytest.raises(StudyFileError, match=words) as caught:
        study_from_data(data_with(**changes))
    assert "documents[0].provenance" in str(caught.value)


def test_a_saved_page_that_inflates_past_the_limit_is_refused(monkeypatch):
    import desktop.storage.provenance_data as module

    monkeypatch.setattr(module, "MAX_PAGE_BYTES", 1000)
    packer = zlib.compressobj(wbits=31)
    bomb = packer.compress(b"\0" * 1_000_000) + packer.flush()
    with pytest.raises(StudyFileError, match="larger than"):
        study_from_data(data_with(page={"encoding": "gzip",
                                        "data": base64.b64encode(bomb).decode()}))


def test_archived_must_name_an_address():
    data = study_to_data(new_study_for(Document("Text.", "T")))
    data["documents"][0]["archived"] = {"captured": "2024"}
    with pytest.raises(StudyFileError, match=r"documents\[0\]\.archived\.url is missing"):
        study_from_data(data)


def test_settings_carry_the_raw_page_preference_and_the_service_addresses(tmp_path):
    path = tmp_path / "settings.json"
    defaults = from_settings(load_settings(path))
    assert defaults.keep_page and defaults.doi_base == DOI_BASE
    settings = Settings(web_keep_page=False, web_keep_page_limit=1000,
                        web_doi_base="http://127.0.0.1:9/doi/")
    save_settings(settings, path)
    config = from_settings(load_settings(path))
    assert not config.keep_page and config.keep_page_limit == 1000
    assert config.doi_base == "http://127.0.0.1:9/doi/"
    assert config.openlibrary_base == "https://openlibrary.org/"  # "" = the public service
