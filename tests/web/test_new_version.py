"""Check for New Version against the local server: a silent edit of the article becomes
a new version (highlights re-placed, one undo, the old text and its provenance kept);
an unchanged page, or one whose article is unchanged, says so."""

from __future__ import annotations

import pytest

from desktop.domain.provenance import ArchivedCopy
from desktop.storage.saving import save_study
from desktop.storage.studyfile import load_study
from desktop.storage.web.actions import check_new_version, new_version_command, open_address
from desktop.storage.web.errors import FetchError
from tests.builders import study_with
from tests.web.web_server import Answer, fixture

V1 = fixture("article.html")
V2 = (V1.replace(b"9,000 troops are currently stationed", b"8,500 troops are currently stationed")
      .replace(b"<p>The official also said that the militias spend billions of dollars every "
               b"year on their operations, without giving a source for the claim.</p>\n", b""))
NEW_SIDEBAR = V1.replace(b"Storm hits the coast", b"Bridge reopens")


@pytest.fixture
def study(web, config):
    web.page("/story", V1)
    document = open_address(web.url("/story"), config=config)
    document.archived = ArchivedCopy("https://web.archive.org/web/20170309/x",
                                     "2017-03-09T10:00:00Z")
    return study_with(document, ["9,000 troops are currently stationed in Iraq",
                                 "the militias spend billions of dollars every year",
                                 "about 5,200 troops are authorised"])


def test_an_unchanged_page_says_so(web, config, study):
    check = check_new_version(study.main_document, config=config)
    assert not check.changed and check.same_bytes and "unchanged" in check.message
    with pytest.raises(ValueError):
        new_version_command(study.main_document, check)


def test_a_page_whose_article_is_unchanged_says_so(web, config, study):
    web.page("/story", NEW_SIDEBAR)
    check = check_new_version(study.main_document, config=config)
    assert not check.changed and not check.same_bytes
    assert "only the page around it differs" in check.message


def test_a_silent_edit_becomes_a_new_version_with_one_undo(web, config, study, tmp_path):
    document = study.main_document
    old_text, old_provenance, old_archive = document.text, document.provenance, document.archived
    web.page("/story", V2)
    check = check_new_version(document, config=config)
    assert check.changed and check.document is not None
    command = new_version_command(document, check)
    command.apply(study)
    counts = command.counts()
    assert counts["changed"] == 1 and counts["orphaned"] == 1 and counts["unchanged"] == 1
    changed = next(p for p in command.placements if p.status == "changed")
    assert changed.old_text.startswith("9,000") and changed.new_text.startswith("8,500")
    # The old version keeps its text, provenance and archived copy; the document the new.
    previous = document.versions[-1]
    assert previous.text == old_text and previous.provenance == old_provenance
    assert previous.archived == old_archive
    assert document.provenance == check.document.provenance != old_provenance
    assert document.archived is None
    assert all(end <= len(document.text) for _, end, _ in document.styles)
    # Both provenances survive the study file.
    path = tmp_path / "story.crosslight"
    save_study(study, path)
    again = load_study(path).study.main_document
    assert again.provenance == document.provenance
    assert again.versions[-1].provenance == old_provenance
    # One undo restores everything.
    command.revert(study)
    assert document.text == old_text and document.versions == []
    assert document.provenance == old_provenance and document.archived == old_archive
    placed = sorted(document.text[h.start:h.end] for h in study.highlights.values())
    assert "9,000 troops are currently stationed in Iraq" in placed


def test_a_document_without_an_address_cannot_be_checked(config):
    from desktop.domain.model import Document

    with pytest.raises(FetchError, match="no web address"):
        check_new_version(Document("text", "Local notes"), config=config)


def test_a_page_that_is_gone_says_why(web, config, study):
    web.route("/story", Answer(410, b"gone"))
    with pytest.raises(FetchError) as caught:
        check_new_version(study.main_document, config=config)
    assert caught.value.status == 410 and "removed" in str(caught.value)
