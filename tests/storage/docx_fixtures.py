"""Hand-made .docx packages (zipfile only) for what python-docx cannot write: hyperlinks,
text boxes in mc:AlternateContent, footnotes, endnotes, Strict OOXML namespaces."""

from __future__ import annotations

import io
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
STRICT_R = "http://purl.oclc.org/ooxml/officeDocument/relationships"

NAMESPACES = (
    f'xmlns:w="{W}" xmlns:r="{R}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable=""'
)


def run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*inner: str, style: str = "") -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{''.join(inner)}</w:p>"


def hyperlink(text: str, rel: str = "rIdLink") -> str:
    return f'<w:hyperlink r:id="{rel}">{run(text)}</w:hyperlink>'


def text_box(*paragraphs: str) -> str:
    """A modern text box with its VML fallback: the same text twice, to be read once."""
    body = "".join(paragraphs)
    return (
        "<w:r><mc:AlternateContent>"
        f"<mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>{body}"
        "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{body}"
        "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def note_ref(kind: str, number: int) -> str:
    return f'<w:r><w:{kind}Reference w:id="{number}"/></w:r>'


def make_raw_docx(body: str, footnotes: dict[int, str] | None = None,
                  endnotes: dict[int, str] | None = None, strict: bool = False,
                  title: str = "", header: str = "") -> bytes:
    section = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/></w:sectPr>'
               if header else "<w:sectPr/>")
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document {NAMESPACES}>' \
               f"<w:body>{body}{section}</w:body></w:document>"
    rels = [f'<Relationship Id="rIdLink" Type="{R}/hyperlink" '
            'Target="https://example.org/" TargetMode="External"/>']
    parts = {"word/document.xml": document}
    if header:
        parts["word/header1.xml"] = (f'<?xml version="1.0"?><w:hdr {NAMESPACES}>'
                                     f"{para(run(header))}</w:hdr>")
        rels.append(f'<Relationship Id="rIdHeader" Type="{R}/header" Target="header1.xml"/>')
    for kind, notes in (("footnote", footnotes), ("endnote", endnotes)):
        if notes is None:
            continue
        items = "".join(
            f'<w:{kind} w:id="{number}">{para(run(text))}</w:{kind}>'
            for number, text in notes.items()
        )
        separators = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
                      f"</w:r></w:p></w:{kind}>")
        parts[f"word/{kind}s.xml"] = (f'<?xml version="1.0"?><w:{kind}s {NAMESPACES}>'
                                      f"{separators}{items}</w:{kind}s>")
        rels.append(f'<Relationship Id="rId{kind}" Type="{R}/{kind}s" Target="{kind}s.xml"/>')
    core = ('<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
            'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{title}</dc:title></cp:coreProperties>")
    parts["docProps/core.xml"] = core
    parts["word/_rels/document.xml.rels"] = (f'<?xml version="1.0"?><Relationships '
                                             f'xmlns="{PKG_R}">{"".join(rels)}</Relationships>')
    parts["_rels/.rels"] = (
        f'<?xml version="1.0"?><Relationships xmlns="{PKG_R}">'
        f'<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        "</Relationships>"
    )
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        'package.core-properties+xml"/></Types>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts.items():
            if strict:
                xml = xml.replace(W, STRICT_W).replace(R, STRICT_R)
            z.writestr(name, xml)
    return out.getvalue()
