"""Word documents (.docx) as text with python-docx (MIT): paragraphs, headings, lists, tables.

Only the text is kept; headings ("Title", "Heading 1-3") and bold/italic runs become
style spans. The ZIP is checked for bombs before python-docx opens it.
"""

from __future__ import annotations

import io

from desktop.domain.model import Document
from desktop.storage.errors import DocumentError
from desktop.storage.formats.base import ImportCancelledError, Source
from desktop.storage.formats.styled_text import StyledText
from desktop.storage.formats.zip_guard import SafeZip

_HEADINGS = {"title": "heading1", "heading 1": "heading1", "heading 2": "heading2",
             "heading 3": "heading3", "subtitle": "heading3"}


def load_docx(source: Source) -> Document:
    name = source.name
    SafeZip(source.raw, name, "Word")  # refuses bombs and non-ZIP files first
    try:
        import docx
        from docx.table import Table
    except ImportError as err:  # pragma: no cover - a dependency
        raise DocumentError("Word support is not installed (python-docx is missing).") from err
    try:
        document = docx.Document(io.BytesIO(source.raw))
        blocks = list(document.iter_inner_content())
    except Exception as err:  # python-docx raises many kinds on damaged files
        raise DocumentError(f"“{name}” is not a readable Word document ({err}).") from err
    out = StyledText()
    try:
        for number, block in enumerate(blocks):
            if number % 200 == 0:
                source.step(number / max(1, len(blocks)))
            if isinstance(block, Table):
                _table(out, block)
            else:
                _paragraph(out, block)
    except ImportCancelledError:
        raise
    except Exception as err:
        raise DocumentError(f"“{name}” is not a readable Word document ({err}).") from err
    text, styles = out.result()
    props = document.core_properties
    created = props.created.date().isoformat() if props.created else ""
    return Document(text=text, styles=styles, title=(props.title or "").strip(),
                    media_type="application/vnd.openxmlformats-officedocument"
                               ".wordprocessingml.document",
                    author=(props.author or "").strip(), published=created)


def _paragraph(out: StyledText, paragraph) -> None:
    if not paragraph.text.strip():
        return
    style = (paragraph.style.name if paragraph.style is not None else "").lower()
    heading = _HEADINGS.get(style) or ("heading3" if style.startswith("heading") else None)
    if "list" in style:
        out.append("• ")
    else:
        out.block_break()  # a list that ends here is set apart like any block
    if heading:
        out.begin(heading)
    for run in paragraph.runs:
        kinds = [k for k, on in (("bold", run.bold), ("italic", run.italic)) if on]
        for kind in kinds:
            out.begin(kind)
        out.append(run.text.replace("\r", "").replace("\v", "\n"))
        for kind in reversed(kinds):
            out.end(kind)
    if not paragraph.runs:
        out.append(paragraph.text)
    if heading:
        out.end(heading)
    out.block_break() if "list" not in style else out.line_break()


def _table(out: StyledText, table) -> None:
    for row in table.rows:
        cells = [cell.text.strip() for cell in row.cells]
        if any(cells):
            out.append("\t".join(cells))
            out.line_break()
    out.block_break()
