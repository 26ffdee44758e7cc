"""``python -m desktop.devtools.demo_pdf OUT.pdf``: the sample article as a PDF, for the
page view's screenshots (a title, a byline, paragraphs in Times, two pages).

Then: ``python -m desktop.devtools.demo --document OUT.pdf --highlight claim=… --screenshot
docs/screenshots/pdf-pages.png``.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from desktop.cli import SAMPLE_DOCUMENT
from desktop.devtools.pdf_bytes import assemble_pdf

WIDTH = 84  # characters per line of 11-point Times on a letter page
LINES_PER_PAGE = 46


def _escape(text: str) -> str:
    text = text.replace("“", '"').replace("”", '"').replace("’", "'").replace("—", "-")
    text = text.encode("latin-1", "replace").decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def article_pdf(text: str) -> bytes:
    title, _, rest = text.partition("\n")
    rows: list[tuple[str, str]] = []  # (font, line)
    for paragraph in rest.strip().split("\n\n"):
        font = "F3" if paragraph.startswith(("Source", "Published")) else "F1"
        for line in paragraph.split("\n"):
            rows.extend((font, part) for part in textwrap.wrap(line, WIDTH))
        rows.append(("F1", ""))
    pages = [rows[i:i + LINES_PER_PAGE] for i in range(0, len(rows), LINES_PER_PAGE)]
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    fonts = 3 + 2 * len(pages)
    for number, page in enumerate(pages):
        body = []
        y = 720
        if number == 0:
            body.append(f"BT /F2 17 Tf 72 {y} Td ({_escape(title)}) Tj ET")
            y -= 34
        for font, line in page:
            if line:
                size = 9 if font == "F3" else 11
                body.append(f"BT /{font} {size} Tf 72 {y} Td ({_escape(line)}) Tj ET")
            y -= 14
        body.append(f"BT /F1 9 Tf 300 40 Td ({number + 1}) Tj ET")
        stream = "\n".join(body).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * number}"
            f" 0 R /Resources << /Font << /F1 {fonts} 0 R /F2 {fonts + 1} 0 R /F3 {fonts + 2}"
            " 0 R >> >> >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    for base in ("Times-Roman", "Times-Bold", "Helvetica-Oblique"):
        objects.append(f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} "
                       "/Encoding /WinAnsiEncoding >>".encode())
    objects.append(f"<< /Title ({_escape(title)}) >>".encode("latin-1"))
    return assemble_pdf(objects, f" /Info {len(objects)} 0 R")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    Path(args[0]).write_bytes(article_pdf(Path(SAMPLE_DOCUMENT).read_text("utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
