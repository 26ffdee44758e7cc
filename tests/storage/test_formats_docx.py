"""Word documents keep every word of the body, in reading order (issue #14, item 1)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.storage.documents import load_document
from desktop.storage.errors import DocumentError
from tests.storage.docx_fixtures import hyperlink, make_raw_docx, note_ref, para, run, text_box

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("CROSSLIGHT_SHARED") or REPO.parent / "shared") / "corpus" / "real"


def open_docx(tmp_path, raw: bytes, name: str = "t.docx"):
    path = tmp_path / name
    path.write_bytes(raw)
    return load_document(path)


def test_hyperlink_text_is_kept(tmp_path):
    raw = make_raw_docx(para(run("One awesome "), hyperlink("hyperlink"), run(".")))
    assert open_docx(tmp_path, raw).text == "One awesome hyperlink."


def test_text_box_is_read_once(tmp_path):
    raw = make_raw_docx(para(run("Before the box."))
                        + para(text_box(para(run("Inside the box.")))))
    assert open_docx(tmp_path, raw).text == "Before the box.\n\nInside the box."


def test_a_document_whose_text_is_only_in_a_text_box_opens(tmp_path):
    raw = make_raw_docx(para(text_box(para(run("Only here."), hyperlink(" Linked.")))))
    assert open_docx(tmp_path, raw).text == "Only here. Linked."


def test_footnotes_and_endnotes_are_numbered_at_the_end(tmp_path):
    body = (para(run("A claim"), note_ref("footnote", 7), run(" and another"),
                 note_ref("footnote", 3), run("."))
            + para(run("Later"), note_ref("endnote", 2), run(".")))
    raw = make_raw_docx(body, footnotes={3: "Second source.", 7: "First source."},
                        endnotes={2: "An endnote."})
    doc = open_docx(tmp_path, raw)
    assert doc.text == ("A claim[1] and another[2].\n\nLater[i].\n\n"
                        "Footnotes\n\n1. First source.\n2. Second source.\n\n"
                        "Endnotes\n\ni. An endnote.")


def test_tables_and_structured_tags_keep_their_text(tmp_path):
    cell = "<w:tc>{}</w:tc>"
    table = ("<w:tbl><w:tr>" + cell.format(para(run("Name"))) + cell.format(para(run("Age")))
             + "</w:tr><w:tr>" + cell.format(para(hyperlink("Ada"))) + cell.format(para(run("36")))
             + "</w:tr></w:tbl>")
    sdt = f"<w:sdt><w:sdtContent>{para(run('In a content control.'))}</w:sdtContent></w:sdt>"
    doc = open_docx(tmp_path, make_raw_docx(table + sdt))
    assert doc.text == "Name\tAge\nAda\t36\n\nIn a content control."


def test_a_text_box_in_a_table_cell_is_read_once(tmp_path):
    table = ("<w:tbl><w:tr><w:tc>" + para(run("Cell"), text_box(para(run("boxed"))))
             + "</w:tc><w:tc>" + para(run("Next")) + "</w:tc></w:tr></w:tbl>")
    assert open_docx(tmp_path, make_raw_docx(table)).text == "Cell boxed\tNext"


def test_deleted_revisions_and_field_codes_are_not_text(tmp_path):
    body = para(run("Kept "),
                '<w:del><w:r><w:delText>removed </w:delText></w:r></w:del>',
                '<w:ins>' + run("inserted ") + '</w:ins>',
                '<w:r><w:instrText> PAGE </w:instrText></w:r>', run("end."))
    assert open_docx(tmp_path, make_raw_docx(body)).text == "Kept inserted end."


def test_headers_and_footers_follow_the_body_once(tmp_path):
    raw = make_raw_docx(para(run("Body text.")), header="Confidential draft")
    assert open_docx(tmp_path, raw).text == (
        "Body text.\n\nHeaders and footers\n\nHeader: Confidential draft")


def test_strict_ooxml_is_read(tmp_path):
    raw = make_raw_docx(para(run("Strict "), hyperlink("words"), run(".")), strict=True,
                        title="Strict one")
    doc = open_docx(tmp_path, raw)
    assert doc.text == "Strict words."
    assert doc.title == "Strict one"


def test_a_macro_enabled_or_template_package_is_read_not_refused_with_internals(tmp_path):
    # python-docx refused these with "file '<_io.BytesIO object at 0x…>' is not a Word
    # file": the body is the same WordprocessingML, so it is read.
    raw = make_raw_docx(para(run("Macro words.")))
    raw = _replace_in_zip(raw, "[Content_Types].xml",
                          "wordprocessingml.document.main+xml",
                          "wordprocessingml.template.main+xml")
    assert open_docx(tmp_path, raw).text == "Macro words."


def _replace_in_zip(raw: bytes, member: str, old: str, new: str) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == member:
                data = data.decode().replace(old, new).encode()
            dst.writestr(item, data)
    return out.getvalue()


def test_a_package_without_a_document_says_so_plainly(tmp_path):
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(DocumentError) as caught:
        open_docx(tmp_path, out.getvalue(), "odd.docx")
    message = str(caught.value)
    assert "not a readable Word document" in message and "BytesIO" not in message


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
def test_real_footnotes_file_keeps_its_notes():
    doc = load_document(CORPUS / "docx_footnotes.docx")
    assert doc.text == ("Ouch[1].[2]\n\nFootnotes\n\n1. A tachyon walks into a bar.\n"
                        "2. Fin.")
