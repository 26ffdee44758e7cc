"""``crosslight import STUDY FILE [-o OUT]`` in a subprocess: every format, told by its
content; the study written through the save path; one line and status 1 on bad input,
with nothing written; and ``export -f claimreview`` refusing without an address."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.storage.saving import save_study
from desktop.storage.studyfile import load_study
from tests.interchange.interchange_study import fresh_study
from tests.interchange.test_headless_cli import run

FIXTURES = Path(__file__).resolve().parent / "fixtures"
W3C = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationPage", "items": [
    {"id": "https://x.example/a", "type": "Annotation", "motivation": "commenting",
     "bodyValue": "A comment", "rights": "https://r.example/",
     "target": {"source": "https://x.example/page",
                "selector": {"type": "TextQuoteSelector", "exact": "disputes the figure"}}}]}
BIB = ("@article{a, author = {Doe, Jane and\n Roe, Richard}, title = {On $O(\\log n)$}, "
       "year = 2020}\n@misc{empty, note = {nothing to cite}}\n")
CSL = [{"id": "c1", "type": "book", "title": "Fables",
        "author": [{"given": "Jean", "dropping-particle": "de", "family": "La Fontaine"}]}]


@pytest.fixture
def study_file(tmp_path) -> Path:
    path = tmp_path / "s.crosslight"
    save_study(fresh_study(), path)
    return path


def _write(tmp_path: Path, name: str, content) -> Path:
    path = tmp_path / name
    text = content if isinstance(content, str) else json.dumps(content)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name, content, says", [
    ("notes.json", W3C, "Imported 1 highlight"),
    ("refs.txt", BIB, "Added 1 reference"),  # told by content, not by the name
    ("items.json", CSL, "Added 1 reference"),
])
def test_each_format_imports_and_is_saved(study_file, tmp_path, name, content, says):
    result = run("import", str(study_file), str(_write(tmp_path, name, content)))
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert says in out and "Saved s.crosslight." in out
    study = load_study(study_file).study
    if "highlight" in says:
        (h,) = study.highlights.values()
        assert h.note == "A comment" and h.motivation == ["commenting"]
        assert "rights of the annotation" in out  # what was not carried over is said
    else:
        titles = {r.title for r in study.references.values()}
        assert titles & {"On $O(\\log n)$", "Fables"}
    if name == "refs.txt":
        assert "@misc{empty} has neither a title nor an address" in out


def test_hypothesis_export(study_file, tmp_path):
    path = tmp_path / "h.json"
    shutil.copy(FIXTURES / "hypothesis" / "search-response.json", path)
    result = run("import", str(study_file), str(path))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().startswith("Hypothesis annotations from h.json.")
    study = load_study(study_file).study
    assert len(study.highlights) == 4
    assert study.documents["d-new"].url == "https://news.example.org/budget"


def test_output_elsewhere_leaves_the_study_alone(study_file, tmp_path):
    before = study_file.read_bytes()
    out = tmp_path / "copy.crosslight"
    result = run("import", str(study_file), str(_write(tmp_path, "n.json", W3C)), "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    assert study_file.read_bytes() == before
    assert len(load_study(out).study.highlights) == 1


@pytest.mark.parametrize("content", ["just some words", "{not json", '{"hello": 1}'])
def test_bad_input_is_one_line_and_writes_nothing(study_file, tmp_path, content):
    before = study_file.read_bytes()
    result = run("import", str(study_file), str(_write(tmp_path, "bad.json", content)))
    err = result.stderr.decode()
    assert result.returncode == 1 and err.startswith("crosslight: ")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert study_file.read_bytes() == before


def test_a_missing_file_and_a_document_without_output(study_file, tmp_path):
    result = run("import", str(study_file), str(tmp_path / "nowhere.bib"))
    assert result.returncode == 1 and len(result.stderr.decode().splitlines()) == 1
    doc = _write(tmp_path, "doc.txt", "disputes the figure")
    result = run("import", str(doc), str(_write(tmp_path, "n.json", W3C)))
    assert result.returncode == 1 and "-o" in result.stderr.decode()


def test_claimreview_export_refuses_without_an_address(study_file, tmp_path):
    out = tmp_path / "cr.jsonld"
    result = run("export", str(study_file), "-f", "claimreview", "-o", str(out))
    err = result.stderr.decode()
    assert result.returncode == 1 and "address of the web page" in err
    assert len(err.strip().splitlines()) == 1 and not out.exists()


def test_an_import_records_who_made_it(study_file, tmp_path):
    """As in the window: what the import adds is made by the user Preferences name (the
    W3C annotation's own creator, when it has one, stays)."""
    from desktop.storage.settings import update_settings

    update_settings(user_name="A. Rahimi", user_organisation="Factcheck Desk")
    result = run("import", str(study_file), str(_write(tmp_path, "items.json", CSL)))
    assert result.returncode == 0, result.stderr.decode()
    (reference,) = load_study(study_file).study.references.values()
    assert reference.creator is not None and reference.creator.name == "A. Rahimi"
    assert reference.created
