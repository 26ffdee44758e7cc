"""Builders for the document fixtures the format tests need, made on the fly.

A PDF written by hand (one text object per page, correct cross-reference table), a
.docx through python-docx, an EPUB through zipfile, and a saved web page with
navigation, ads and a footer around its article.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from desktop.devtools.pdf_bytes import assemble_pdf


def make_pdf(pages: list[str], title: str = "", author: str = "") -> bytes:
    """A valid PDF whose page N shows the lines of ``pages[N]`` in Helvetica."""
    objects: list[bytes] = []
    count = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode())
    font_id = 3 + 2 * count
    for i, text in enumerate(pages):
        lines = []
        for n, line in enumerate(text.split("\n")):
            safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            lines.append(f"BT /F1 12 Tf 72 {720 - 16 * n} Td ({safe}) Tj ET")
        stream = "\n".join(lines).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    info = ""
    if title or author:
        objects.append(f"<< /Title ({title}) /Author ({author}) >>".encode("latin-1"))
        info = f" /Info {len(objects)} 0 R"
    return assemble_pdf(objects, info)


def make_image_pdf(pages: int = 2, label: str = "Background", ocr_words: str = "") -> bytes:
    """An image-only PDF as ImageMagick's ``convert *.jpg out.pdf`` writes it: each page
    one image and an invisible (render mode 3) ``label``; ``ocr_words`` adds an invisible
    OCR layer of that text, as OCR tools write under the image."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    font_id, image_id = 3 + 2 * pages, 4 + 2 * pages
    for _ in range(pages):
        stream = (f"q 612 0 0 792 0 0 cm /Im0 Do Q\nBT 3 Tr /F1 1 Tf 0 0 Td ({label}) Tj ET"
                  + (f"\nBT 3 Tr /F1 12 Tf 72 700 Td ({ocr_words}) Tj ET" if ocr_words else "")
                  ).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {len(objects) + 2}"
            f" 0 R /Resources << /Font << /F1 {font_id} 0 R >> /XObject << /Im0 {image_id} 0 R"
            " >> >> >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pixels = bytes((x * 16 + y * 8) % 256 for y in range(16) for x in range(16))
    objects.append(b"<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace "
                   b"/DeviceGray /BitsPerComponent 8 /Length %d >>\nstream\n" % len(pixels)
                   + pixels + b"\nendstream")
    return assemble_pdf(objects)


def make_docx(blocks: list[tuple[str, str]], title: str = "", author: str = "") -> bytes:
    """A .docx of (style, text) paragraphs; style "h1"/"h2" makes headings, "bold" a bold run,
    "bullet" a List Bullet paragraph."""
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    for style, text in blocks:
        if style in ("h1", "h2", "h3"):
            document.add_heading(text, level=int(style[1]))
        elif style == "bullet":
            document.add_paragraph(text, style="List Bullet")
        elif style == "bold":
            document.add_paragraph().add_run(text).bold = True
        else:
            document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf"
    media-type="application/oebps-package+xml"/></rootfiles>
</container>"""


def make_epub(chapters: dict[str, str], spine: list[str], title: str = "A Book",
              author: str = "An Author", extra: dict[str, bytes] | None = None,
              hrefs: dict[str, str] | None = None) -> bytes:
    """An EPUB whose files are ``chapters`` (id → XHTML body) read in ``spine`` order."""
    hrefs = hrefs or {cid: f"text/{cid}.xhtml" for cid in chapters}
    manifest = "\n".join(
        f'<item id="{cid}" href="{hrefs[cid]}" media-type="application/xhtml+xml"/>'
        for cid in chapters
    )
    itemrefs = "\n".join(f'<itemref idref="{cid}"/>' for cid in spine)
    opf = f"""<?xml version="1.0"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><dc:date>2021-05-04</dc:date>
  </metadata>
  <manifest>{manifest}</manifest>
  <spine>{itemrefs}</spine>
</package>"""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        book.writestr("META-INF/container.xml", CONTAINER)
        book.writestr("OEBPS/content.opf", opf)
        for cid, body in chapters.items():
            if hrefs[cid].startswith(("/", "..")):
                continue
            book.writestr(f"OEBPS/{hrefs[cid]}",
                          f'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>{cid}'
                          f"</title></head><body>{body}</body></html>")
        for name, data in (extra or {}).items():
            book.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


ARTICLE_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Militia threatens troops | Daily News</title>
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-02-29T10:00:00Z">
<link rel="canonical" href="https://news.example.org/militia">
<script>window.stolen = document.cookie;</script><style>p { color: red }</style></head>
<body onload="alert('x')">
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li>Subscribe now</li></ul></nav>
<div class="ad">BUY CHEAP WATCHES TODAY</div>
<article><h1>Militia threatens troops</h1>
<p>The armed group Harakat al-Nujaba said on Tuesday it would target the 2,500 US troops
in Iraq unless they leave the country before the end of the year.</p>
<p>A spokesman said the attacks would continue <b>until</b> the withdrawal, according to a
statement published on the group's channel late on Monday night.</p>
<h2>Reaction</h2>
<p>Officials in Baghdad called the statement irresponsible and said the government alone
controls the security forces and the decision of war and peace.</p>
<script>document.write('evil')</script></article>
<aside>Related: Ten things you did not know</aside>
<footer>© 2024 Daily News. All rights reserved. Cookie policy.</footer></body></html>"""


RTL_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # has Hebrew, Arabic


def make_rtl_pdf(line: str, *, logical: bool) -> bytes:
    """A one-line PDF of ``line`` (a right-to-left text, logical order) in DejaVu Sans, as
    producers store it: ``logical=False`` draws its glyphs in visual order, left to right
    (most producers); ``logical=True`` in logical order, each glyph left of the one before
    (a TJ array moving back by more than each glyph's width)."""
    import ctypes
    import re

    import pypdfium2
    from pypdfium2 import raw

    data = RTL_FONT.read_bytes()
    document = pypdfium2.PdfDocument.new()
    page = document.new_page(400, 200)
    buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
    font = raw.FPDFText_LoadFont(document.raw, buffer, len(data), raw.FPDF_FONT_TRUETYPE, 1)
    obj = raw.FPDFPageObj_CreateTextObj(document.raw, font, 20.0)
    wide = ((line if logical else line[::-1]) + "\0").encode("utf-16-le")
    raw.FPDFText_SetText(obj, ctypes.cast(ctypes.c_char_p(wide), ctypes.POINTER(raw.FPDF_WCHAR)))
    raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 300 if logical else 100, 100)
    raw.FPDFPage_InsertObject(page.raw, obj)
    raw.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    document.save(out)
    pdf = out.getvalue()
    if logical:  # <g1g2…> TJ → [<g1> 1300 <g2> 1300 …] TJ: each glyph left of the last
        def spaced(match: re.Match[bytes]) -> bytes:
            hexes = match.group(1)
            glyphs = [hexes[i:i + 4] for i in range(0, len(hexes), 4)]
            return b"[" + b" 1300 ".join(b"<" + g + b">" for g in glyphs) + b"] TJ"

        def stream(match: re.Match[bytes]) -> bytes:
            head, body = match.group(1), match.group(2)
            if b"/FlateDecode" not in head:
                return match.group(0)
            text = zlib.decompressobj().decompress(body)
            if b"] TJ" not in text:
                return match.group(0)
            packed = zlib.compress(re.sub(rb"\[<([0-9A-Fa-f]+)>\] TJ", spaced, text))
            head = re.sub(rb"/Length \d+", b"/Length %d" % len(packed), head)
            return head + packed + b"\nendstream"

        pdf = re.sub(rb"(<<[^>]*/Length \d+[^>]*>>\s*stream\r?\n)(.*?)endstream", stream, pdf,
                     flags=re.S)
        pdf = _with_new_xref(pdf)
    return pdf


def _with_new_xref(pdf: bytes) -> bytes:
    """``pdf`` with a fresh cross-reference table appended (after editing its bytes)."""
    import re

    offsets = {int(m.group(1)): m.start(1) for m in re.finditer(rb"(?m)^(\d+) 0 obj", pdf)}
    size = max(offsets) + 1
    root = re.search(rb"/Root (\d+ 0 R)", pdf)
    assert root is not None
    out = io.BytesIO()
    out.write(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    xref = out.tell()
    out.write(f"xref\n0 {size}\n".encode())
    for number in range(size):
        out.write(f"{offsets[number]:010d} 00000 n \n".encode() if number in offsets
                  else b"0000000000 65535 f \n")
    out.write(b"trailer\n<< /Size %d /Root %s >>\nstartxref\n%d\n%%%%EOF\n"
              % (size, root.group(1), xref))
    return out.getvalue()
