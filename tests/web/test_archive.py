"""Archive the proof against local stand-ins of the Wayback Machine: an existing
snapshot is reused without asking for a new one; otherwise Save Page Now makes one,
and its address is read from Location, Content-Location or a Memento Link header."""

from __future__ import annotations

import pytest

from desktop.domain.model import Document, Reference
from desktop.domain.provenance import Provenance
from desktop.storage.web import errors
from desktop.storage.web.actions import archive_document, archive_reference
from desktop.storage.web.archive import archive, find_snapshot, save_page_now
from desktop.storage.web.errors import FetchError
from tests.web.web_server import SNAPSHOT_STAMP

PAGE = "https://gazette.example/world/troops-iraq"


def test_no_snapshot_yet(web, config):
    assert find_snapshot(PAGE, config=config) is None


def test_an_existing_snapshot_is_found_and_reused(web, config):
    web.wayback[PAGE] = "20230105120000"
    found = archive(PAGE, config=config)
    assert not found.created
    assert found.copy.url == f"https://web.archive.org/web/20230105120000/{PAGE}"
    assert found.copy.captured == "2023-01-05T12:00:00Z" and found.copy.original == PAGE
    assert not any(path.startswith("/save/") for path, _ in web.requests)  # none made
    path, _ = web.requests[0]
    assert path == "/wayback/available?url=https%3A%2F%2Fgazette.example%2Fworld%2Ftroops-iraq"


def test_an_existing_snapshot_older_than_wanted_is_not_reused(web, config):
    web.wayback[PAGE] = "20230105120000"
    made = archive(PAGE, config=config, since="2024-04-30")
    assert made.created and made.copy.captured == "2024-05-01T10:30:00Z"
    assert any(path == f"/save/{PAGE}" for path, _ in web.requests)
    assert "timestamp=20240430" in web.requests[0][0]  # asked for the closest to then


@pytest.mark.parametrize("style", ["location", "content-location", "link"])
def test_save_page_now_says_where_its_copy_is_in_three_ways(web, config, style):
    web.save_style = style
    copy = save_page_now(PAGE, config=config)
    assert copy.url.endswith(f"/web/{SNAPSHOT_STAMP}/{PAGE}")
    assert copy.captured == "2024-05-01T10:30:00Z"
    assert archive(PAGE, config=config).created is False  # now it exists: found, not made


def test_save_page_now_busy_or_silent(web, config):
    web.save_style = "busy"
    with pytest.raises(FetchError) as caught:
        save_page_now(PAGE, config=config)
    assert caught.value.status == 429 and "try again in a few minutes" in str(caught.value)
    web.save_style = "silent"
    with pytest.raises(FetchError) as caught:
        save_page_now(PAGE, config=config)
    assert caught.value.kind == errors.SERVICE and "did not say where" in str(caught.value)


def test_archive_on_a_reference_records_it_in_one_undoable_step(web, config):
    from desktop.domain.model import Study

    study = Study()
    reference = Reference(url=PAGE, title="Troops")
    study.references[reference.id] = reference
    result = archive_reference(reference, config=config)
    assert result.archived.created and "Archived now" in result.message
    result.command.apply(study)
    assert study.references[reference.id].archived == result.archived.copy
    result.command.revert(study)
    assert study.references[reference.id].archived is None


def test_archive_on_a_fetched_document_wants_a_copy_from_its_day(web, config):
    web.wayback[PAGE] = "20170301000000"  # a week before it was read: another version
    document = Document("text", "Troops", url=PAGE, provenance=Provenance(
        PAGE, PAGE, "2024-05-01T09:00:00Z", 200, "text/html", "0" * 64, 4))
    result = archive_document(document, config=config)
    assert result.archived.created
    with pytest.raises(FetchError, match="no web address"):
        archive_reference(Reference(title="A book"), config=config)
