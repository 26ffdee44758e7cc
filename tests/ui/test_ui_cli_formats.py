"""``crosslight FILE`` refuses a damaged PDF, Word file or EPUB with one line, exit 1."""

import io
import zipfile

import pytest

from tests.format_fixtures import make_pdf
from tests.ui.cli_run import run_cli


def bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("META-INF/container.xml", bytes(8 * 1024 * 1024))
    return out.getvalue()


CASES = {
    "bad.pdf": (b"%PDF-1.4\n1 0 obj garbage", "not a readable PDF"),
    "scan.pdf": (make_pdf([""]), "run OCR first"),
    "bad.docx": (b"PK\x03\x04 broken", "not a valid Word file"),
    "bomb.epub": (bomb(), "zip bomb"),
    "page.odt": (b"data", "not a Crosslight study"),
    "blank.html": (b"<html><body><script>x()</script></body></html>", "no readable text"),
    "empty.epub": (b"", "is empty"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_cli_refuses_bad_documents_with_a_message(tmp_path, name):
    raw, expected = CASES[name]
    path = tmp_path / name
    path.write_bytes(raw)
    result = run_cli(str(path))
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("crosslight: ")
    assert expected in result.stderr and name in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
