"""Word documents (.docx) read from their XML, every word of the body in reading order.

python-docx's ``paragraph.runs`` skips runs inside hyperlinks, content controls and text
boxes, so the package is read here directly (through ``SafeZip``, which refuses bombs)
and ``w:body`` is walked with lxml: hyperlinks, inserted revisions, content controls,
fields, tables and lists keep their text; a text box is read once (the first branch of
``mc:AlternateContent``, not its fallback copy) as blocks after its paragraph; deleted
revisions and field codes are not text. Footnote and endnote references become ``[1]``
and ``[i]`` (numbered in order of reference, as Word does) and the notes follow the body
under "Footnotes" and "Endnotes". Strict OOXML is read by mapping its namespaces onto the
transitional ones. The distinct headers and footers follow, each once; comments are
not read.
"""

from __future__ import annotations

import posixpath
import re

from desktop.domain.model import Document
from desktop.storage.errors import DocumentError
from desktop.storage.formats.base import ImportCancelledError, Source
from desktop.storage.formats.styled_text import StyledText
from desktop.storage.formats.zip_guard import SafeZip

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_STRICT = (  # Strict OOXML namespace → transitional namespace
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main",
     b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
     _R_NS.encode()),
)
_HEADINGS = {"title": "heading1", "heading 1": "heading1", "heading 2": "heading2",
             "heading 3": "heading3", "subtitle": "heading3"}
_SKIPPED = {f"{W}{tag}" for tag in ("del", "delText", "instrText", "delInstrText", "rPr",
                                    "pPr", "moveFrom", "fldData", "footnotePr", "endnotePr")}
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
STEP_BLOCKS = 200


def load_docx(source: Source) -> Document:
    name = source.name
    package = SafeZip(source.raw, name, "Word")  # refuses bombs and non-ZIP files first
    reader = _Package(package)
    main = reader.main_part()
    body = reader.xml(main).find(f"{W}body")
    if body is None:
        raise reader.unreadable("it has no document body")
    walker = _Walker(reader, main)
    blocks = list(body)
    try:
        for number, block in enumerate(blocks):
            if number % STEP_BLOCKS == 0:
                source.step(0.9 * number / max(1, len(blocks)))
            walker.block(block)
        walker.notes()
        walker.headers_and_footers(body)
    except (ImportCancelledError, DocumentError):
        raise
    except (ValueError, KeyError, RecursionError) as err:  # malformed markup
        raise reader.unreadable(str(err) or type(err).__name__) from err
    text, styles = walker.out.result()
    title, author, created = reader.core_properties()
    return Document(text=text, styles=styles, title=title, media_type=MEDIA_TYPE,
                    author=author, published=created)


def _parse(raw: bytes, what: str):
    from lxml import etree  # installed with trafilatura (BSD)

    if b"<!DOCTYPE" in raw[:4096] or b"<!ENTITY" in raw:
        raise DocumentError(f"{what} declares a DTD; Word never does, so it is not opened.")
    for strict, transitional in _STRICT:
        raw = raw.replace(strict, transitional)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as err:
        raise DocumentError(f"{what} is damaged ({err}).") from err


class _Package:
    """The parts of the package, found through their relationships."""

    def __init__(self, package: SafeZip) -> None:
        self.zip = package
        self.name = package.name

    def unreadable(self, why: str) -> DocumentError:
        return DocumentError(f"“{self.name}” is not a readable Word document ({why}).")

    def xml(self, member: str):
        return _parse(self.zip.read_member(member), f"“{self.name}” ({member})")

    def relationships(self, part: str) -> list[tuple[str, str, str]]:
        """(id, type's last word, target path) of ``part``'s relationships."""
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if rels not in self.zip.names:
            return []
        found = []
        for rel in self.xml(rels).iter(f"{_PKG}Relationship"):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External":
                path = target
            else:
                path = posixpath.normpath(posixpath.join(folder, target.lstrip("/"))
                                          if not target.startswith("/") else target[1:])
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            found.append((rel.get("Id") or "", kind, path))
        return found

    def main_part(self) -> str:
        for _id, kind, path in self.relationships(""):
            if kind == "officeDocument" and path in self.zip.names:
                return path
        if "word/document.xml" in self.zip.names:
            return "word/document.xml"
        raise self.unreadable("it holds no Word document part")

    def core_properties(self) -> tuple[str, str, str]:
        for _id, kind, path in self.relationships(""):
            if kind == "core-properties" and path in self.zip.names:
                try:
                    core = self.xml(path)
                except DocumentError:
                    return "", "", ""  # details are optional; the text is what matters
                values = {}
                for element in core:
                    key = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
                    values[key] = (element.text or "").strip()
                return values.get("title", ""), values.get("creator", ""), \
                    values.get("created", "")[:10]
        return "", "", ""


class _Walker:
    """Turns WordprocessingML blocks into styled text; notes wait for the end."""

    def __init__(self, package: _Package, main: str) -> None:
        self.out = StyledText()
        self.package = package
        self.style_names: dict[str, str] = {}
        self.numbering: dict[tuple[str, str], str] = {}  # (numId, ilvl) → numFmt
        self.counters: dict[tuple[str, str], int] = {}
        self.note_parts: dict[str, str] = {}
        self.parts_by_id: dict[str, tuple[str, str]] = {}  # relationship id → (kind, path)
        for rel_id, kind, path in package.relationships(main):
            if path not in package.zip.names:
                continue
            self.parts_by_id[rel_id] = (kind, path)
            if kind == "styles":
                self._read_styles(path)
            elif kind == "numbering":
                self._read_numbering(path)
            elif kind in ("footnotes", "endnotes"):
                self.note_parts[kind[:-1]] = path
        self.cited: dict[str, list[str]] = {"footnote": [], "endnote": []}

    # --- blocks -------------------------------------------------------------------
    def block(self, element) -> None:
        tag = element.tag
        if tag == f"{W}p":
            self.paragraph(element)
        elif tag == f"{W}tbl":
            self.table(element)
        elif tag in (f"{W}sdt", f"{W}customXml", f"{W}ins", f"{W}smartTag"):
            content = element.find(f"{W}sdtContent") if tag == f"{W}sdt" else element
            for child in content if content is not None else ():
                self.block(child)
        elif tag == f"{_MC}AlternateContent":
            branch = _one_branch(element)
            for child in branch if branch is not None else ():
                self.block(child)

    def paragraph(self, paragraph) -> None:
        boxes: list = []
        parts: list[tuple[str, tuple[str, ...]]] = []
        self._inline(paragraph, parts, (), boxes)
        text = "".join(t for t, _ in parts)
        if text.strip():
            self._write_paragraph(paragraph, parts)
        for box in boxes:  # a text box reads after the paragraph that anchors it
            for child in box:
                self.block(child)

    def _write_paragraph(self, paragraph, parts: list[tuple[str, tuple[str, ...]]]) -> None:
        out = self.out
        style = self._style_of(paragraph)
        heading = _HEADINGS.get(style) or ("heading3" if style.startswith("heading") else None)
        bullet = self._list_marker(paragraph, style)
        if bullet is None:
            out.block_break()
        else:
            out.append(bullet)
        if heading:
            out.begin(heading)
        first = True
        for text, kinds in parts:
            if first and bullet is None:
                text = text.lstrip(" ")
            first = False
            for kind in kinds:
                out.begin(kind)
            out.append(text)
            for kind in reversed(kinds):
                out.end(kind)
        if heading:
            out.end(heading)
        if bullet is None:
            out.block_break()
        else:
            out.line_break()

    def _inline(self, element, parts, kinds: tuple[str, ...], boxes: list) -> None:
        """Collect the text under ``element`` in document order."""
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == f"{W}r":
                self._inline(child, parts, _run_kinds(child), boxes)
            elif tag == f"{W}t":
                parts.append(((child.text or "").replace("\r", ""), kinds))
            elif tag == f"{W}tab" or tag == f"{W}ptab":
                parts.append(("\t", kinds))
            elif tag in (f"{W}br", f"{W}cr"):
                parts.append(("\n", kinds))
            elif tag == f"{W}noBreakHyphen":
                parts.append(("\u2011", kinds))
            elif tag == f"{W}sym":
                char = child.get(f"{W}char") or ""
                if re.fullmatch(r"[0-9A-Fa-f]{4}", char) and int(char, 16) < 0xF000:
                    parts.append((chr(int(char, 16)), kinds))
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                parts.append((self._cite(tag[len(W):-len("Reference")], child), kinds))
            elif tag == f"{W}txbxContent":
                boxes.append(child)
            elif tag == f"{_MC}AlternateContent":
                branch = _one_branch(child)
                if branch is not None:
                    self._inline(branch, parts, kinds, boxes)
            elif tag in (f"{W}p", f"{W}tbl"):
                boxes.append([child])  # block content met inline (rare): read after
            else:  # hyperlink, ins, sdt, sdtContent, smartTag, fldSimple, drawing, …
                self._inline(child, parts, kinds, boxes)

    def table(self, table) -> None:
        out = self.out
        out.block_break()
        for row in table.iter(f"{W}tr"):
            if _ancestor_table(row) is not table:
                continue  # a nested table's rows read inside their cell
            cells = []
            for cell in row.iter(f"{W}tc"):
                if _ancestor_row(cell) is not row:
                    continue
                cells.append(self._cell_text(cell))
            if any(cells):
                out.append("\t".join(cells))
                out.line_break()
        out.block_break()

    def _cell_text(self, cell) -> str:
        return " ".join(self._flat_text(cell).split())

    def _flat_text(self, container) -> str:
        """The words of a cell, note or header on one line, each text read once."""
        texts = []
        for child in container:
            tag = child.tag
            if tag == f"{W}p":
                parts: list = []
                boxes: list = []
                self._inline(child, parts, (), boxes)
                texts.append("".join(t for t, _ in parts))
                texts.extend(self._flat_text(box) for box in boxes)
            elif tag in (f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}customXml", f"{W}ins",
                         f"{W}smartTag", f"{W}sdtContent"):
                texts.append(self._flat_text(child))
            elif tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    texts.append(self._flat_text(content))
            elif tag == f"{_MC}AlternateContent":
                branch = _one_branch(child)
                if branch is not None:
                    texts.append(self._flat_text(branch))
        return " ".join(" ".join(texts).split())

    # --- notes --------------------------------------------------------------------
    def _cite(self, kind: str, reference) -> str:
        cited = self.cited[kind]
        cited.append(reference.get(f"{W}id") or "")
        number = len(cited)
        return f"[{number if kind == 'footnote' else _roman(number)}]"

    def notes(self) -> None:
        for kind, heading in (("footnote", "Footnotes"), ("endnote", "Endnotes")):
            cited = self.cited[kind]
            path = self.note_parts.get(kind)
            if not cited or path is None:
                continue
            by_id = {note.get(f"{W}id"): note for note in self.package.xml(path)
                     if note.tag == f"{W}{kind}"}
            out = self.out
            out.block_break()
            out.begin("heading2")
            out.append(heading)
            out.end("heading2")
            out.block_break()
            for number, note_id in enumerate(cited, start=1):
                note = by_id.get(note_id)
                text = self._flat_text(note) if note is not None else ""
                label = str(number) if kind == "footnote" else _roman(number)
                out.append(f"{label}. {text or '(missing)'}")
                out.line_break()
            out.block_break()

    # --- headers and footers -------------------------------------------------------
    def headers_and_footers(self, body) -> None:
        """Each distinct header and footer the sections use, once, after the notes."""
        lines: list[str] = []
        for section in body.iter(f"{W}sectPr"):
            for reference in section:
                kind = reference.tag[len(W):-len("Reference")] if isinstance(
                    reference.tag, str) and reference.tag in (f"{W}headerReference",
                                                              f"{W}footerReference") else ""
                part = self.parts_by_id.get(reference.get(f"{{{_R_NS}}}id") or "")
                if not kind or part is None:
                    continue
                text = self._flat_text(self.package.xml(part[1]))
                line = f"{kind.capitalize()}: {text}"
                if text and line not in lines:
                    lines.append(line)
        if not lines:
            return
        out = self.out
        out.block_break()
        out.begin("heading2")
        out.append("Headers and footers")
        out.end("heading2")
        out.block_break()
        for line in lines:
            out.append(line)
            out.line_break()
        out.block_break()

    # --- styles and lists -----------------------------------------------------------
    def _read_styles(self, path: str) -> None:
        for style in self.package.xml(path).iter(f"{W}style"):
            name = style.find(f"{W}name")
            style_id = style.get(f"{W}styleId")
            if style_id and name is not None:
                self.style_names[style_id] = (name.get(f"{W}val") or "").lower()
                num = style.find(f"{W}pPr/{W}numPr/{W}numId")
                if num is not None:
                    self.style_names[f"numbered:{style_id}"] = num.get(f"{W}val") or ""

    def _read_numbering(self, path: str) -> None:
        root = self.package.xml(path)
        abstract = {}
        for item in root.iter(f"{W}abstractNum"):
            levels = {lvl.get(f"{W}ilvl"): (lvl.find(f"{W}numFmt").get(f"{W}val")
                                           if lvl.find(f"{W}numFmt") is not None else "bullet")
                      for lvl in item.iter(f"{W}lvl")}
            abstract[item.get(f"{W}abstractNumId")] = levels
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            levels = abstract.get(ref.get(f"{W}val") if ref is not None else None, {})
            for ilvl, fmt in levels.items():
                self.numbering[(num.get(f"{W}numId") or "", ilvl or "0")] = fmt or "bullet"

    def _style_of(self, paragraph) -> str:
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        style_id = style.get(f"{W}val") if style is not None else ""
        return self.style_names.get(style_id or "", (style_id or "").lower())

    def _list_marker(self, paragraph, style: str) -> str | None:
        num_pr = paragraph.find(f"{W}pPr/{W}numPr")
        style_el = paragraph.find(f"{W}pPr/{W}pStyle")
        style_id = style_el.get(f"{W}val") if style_el is not None else ""
        num_id, level = None, "0"
        if num_pr is not None:
            num = num_pr.find(f"{W}numId")
            lvl = num_pr.find(f"{W}ilvl")
            num_id = num.get(f"{W}val") if num is not None else None
            level = (lvl.get(f"{W}val") if lvl is not None else "0") or "0"
        elif f"numbered:{style_id}" in self.style_names:
            num_id = self.style_names[f"numbered:{style_id}"]
        if num_id in (None, "0") and "list" not in style:
            return None
        indent = "   " * min(8, int(level) if level.isdigit() else 0)
        fmt = self.numbering.get((num_id or "", level), "bullet")
        if fmt in ("decimal", "decimalZero", "lowerLetter", "upperLetter", "lowerRoman",
                   "upperRoman"):
            key = (num_id or "", level)
            self.counters[key] = self.counters.get(key, 0) + 1
            for other in [k for k in self.counters if k[0] == key[0] and k[1] > level]:
                del self.counters[other]  # a deeper level restarts under a new item
            return f"{indent}{_format_number(self.counters[key], fmt)}. "
        return f"{indent}• "


def _run_kinds(run) -> tuple[str, ...]:
    props = run.find(f"{W}rPr")
    if props is None:
        return ()
    kinds = []
    for tag, kind in (("b", "bold"), ("i", "italic")):
        flag = props.find(f"{W}{tag}")
        if flag is not None and (flag.get(f"{W}val") or "true") not in ("0", "false", "off"):
            kinds.append(kind)
    return tuple(kinds)


def _one_branch(alternate):
    """The first ``mc:Choice`` (else the fallback): the other branches repeat its text."""
    for child in alternate:
        if child.tag in (f"{_MC}Choice", f"{_MC}Fallback"):
            return child
    return None


def _ancestor_table(element):
    parent = element.getparent()
    while parent is not None and parent.tag != f"{W}tbl":
        parent = parent.getparent()
    return parent


def _ancestor_row(element):
    parent = element.getparent()
    while parent is not None and parent.tag != f"{W}tr":
        parent = parent.getparent()
    return parent


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _format_number(number: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while number:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(number).upper() if fmt == "upperRoman" else _roman(number)
    return str(number)
