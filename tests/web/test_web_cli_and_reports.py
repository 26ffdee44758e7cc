"""The headless side of web capture: ``crosslight fetch URL``, ``crosslight info URL``,
``crosslight URL`` routing, and reports that link the live and the archived copy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from desktop.domain.crosscheck import Stance
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Citation, Reference
from desktop.domain.provenance import ArchivedCopy
from desktop.domain.web_commands import SetArchivedCopy
from desktop.storage.exporters import ExportOptions, export_text
from desktop.storage.saving import save_study
from desktop.storage.studyfile import load_study
from desktop.storage.web.actions import open_address

REPO = Path(__file__).resolve().parents[2]
ARCHIVE = "https://web.archive.org/web/20240501103000/https://example.org/briefing"


def crosslight(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=cwd or REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_fetch_writes_a_study_with_the_page_and_its_provenance(web, tmp_path):
    out = tmp_path / "story.crosslight"
    result = crosslight("fetch", web.url("/chain/1"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Saved “Troop numbers in Iraq questioned”" in result.stdout
    document = load_study(out).study.main_document
    assert document.provenance.requested == web.url("/chain/1")
    assert document.provenance.url == web.url("/article.html")
    assert document.provenance.page is not None
    again = crosslight("fetch", web.url("/article.html"), "-o", str(out))
    assert again.returncode == 1 and "exists already" in again.stderr  # never overwritten


def test_fetch_names_the_study_after_the_page_and_can_leave_the_page_out(web, tmp_path):
    result = crosslight("fetch", web.url("/article.html"), "--no-page", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "troop-numbers-in-iraq-questioned.crosslight"
    assert load_study(path).study.main_document.provenance.page is None


def test_info_of_an_address_prints_the_provenance(web):
    result = crosslight("info", web.url("/chain/2"))
    assert result.returncode == 0, result.stderr
    assert "Fetched: " in result.stdout and f"from {web.url('/chain/2')}" in result.stdout
    assert f"redirected to {web.url('/article.html')}" in result.stdout
    assert "HTTP 200, text/html; charset=utf-8" in result.stdout
    assert "SHA-256 " in result.stdout
    as_json = orjson.loads(crosslight("info", web.url("/article.html"), "--json").stdout)
    provenance = as_json["documents"][0]["provenance"]
    assert provenance["status"] == 200 and provenance["page_kept"] is True


def test_info_of_a_study_prints_each_documents_provenance(web, config, tmp_path):
    document = open_address(web.url("/article.html"), config=config)
    document.archived = ArchivedCopy(ARCHIVE, "2024-05-01T10:30:00Z")
    path = tmp_path / "s.crosslight"
    save_study(new_study_for(document), path)
    result = crosslight("info", str(path))
    assert f"from {web.url('/article.html')}" in result.stdout
    assert f"Archived: {ARCHIVE} (captured 2024-05-01T10:30:00Z)" in result.stdout


@pytest.mark.parametrize(("address", "words"), [
    ("ftp://example.org/report.pdf", "not “ftp:” addresses"),
    ("file:///etc/passwd", "not “file:” addresses"),
])
def test_other_schemes_on_the_command_line_are_refused_before_any_window(address, words):
    result = crosslight(address)
    assert result.returncode == 1 and words in result.stderr
    assert "Traceback" not in result.stderr


def test_a_failing_address_on_the_command_line_is_one_line(web):
    result = crosslight(web.url("/legal"))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"crosslight: The page is unavailable for legal reasons (451): it may be blocked "
        f"where you are — {web.url('/legal')}"]


def test_an_address_on_the_command_line_opens_as_a_new_study(web):
    from desktop.cli import open_argument

    opened = open_argument(web.url("/article.html"))
    assert opened.study_path is None
    assert opened.study.main_document.provenance.url == web.url("/article.html")


def test_reports_link_the_live_and_the_archived_copy(web, config):
    document = open_address(web.url("/article.html"), config=config)
    study = new_study_for(document)
    start = document.text.index("9,000 troops")
    h = make_highlight(document, start, start + len("9,000 troops"), "claim")
    study.highlights[h.id] = h
    reference = Reference(url="https://example.org/briefing", title="DoD briefing")
    study.references[reference.id] = reference
    h.citations.append(Citation(reference.id, Stance.CONTRADICTS))
    SetArchivedCopy(ArchivedCopy(ARCHIVE, "2024-05-01T10:30:00Z", reference.url),
                    reference_id=reference.id).apply(study)
    SetArchivedCopy(ArchivedCopy(ARCHIVE.replace("example.org/briefing", "gazette"),
                                 "2024-05-02T08:00:00Z"), document_id=document.id).apply(study)
    html = export_text(study, "html", ExportOptions())
    assert 'href="https://example.org/briefing"' in html and f'href="{ARCHIVE}"' in html
    assert ">archived 2024-05-01</a>" in html
    assert "<dt>Archived copy</dt>" in html and "<dt>Retrieved</dt>" in html
    md = export_text(study, "md", ExportOptions())
    assert "<https://example.org/briefing>" in md and f"(archived 2024-05-01: <{ARCHIVE}>)" in md
    assert "- **Archived copy:** archived 2024-05-02: <https://web.archive.org/" in md


def test_an_archived_copy_survives_the_study_file_on_references_and_documents(tmp_path):
    from desktop.domain.model import Document

    document = Document("Some text to read.", "Doc", url="https://example.org/a")
    study = new_study_for(document)
    reference = Reference(url="https://example.org/b", title="B")
    study.references[reference.id] = reference
    copy = ArchivedCopy(ARCHIVE, "2024-05-01T10:30:00Z", "https://example.org/b")
    command = SetArchivedCopy(copy, reference_id=reference.id)
    command.apply(study)
    SetArchivedCopy(copy, document_id=document.id).apply(study)
    path = tmp_path / "a.crosslight"
    save_study(study, path)
    again = load_study(path).study
    assert again.references[reference.id].archived == copy
    assert again.main_document.archived == copy
    command.revert(study)
    assert study.references[reference.id].archived is None
