"""PDF documents with PDFium (pypdfium2, Apache-2.0/BSD-3): text, character boxes, pages.

The document's text is PDFium's own text of each page, joined by a blank line;
``Document.pages`` holds the code-point offset where each page begins, so a highlight
is cited as "p. N" and drawn on its page from PDFium's character boxes. ``page_text``
is the one place that turns PDFium's characters into that text, and it also says which
PDFium character each code point came from: loading and the page view use it both, so
an offset always lands on the character the page shows.

Refused with a message: password-protected, damaged, and image-only files — a scan, or
a page image with nothing but a hidden label (ImageMagick writes an invisible
"(Background)" on every page): text that is never drawn is not a text layer unless
there is enough of it to be one (an OCR layer).

PDFium is not thread-safe: ``load_pdf`` runs on the process's one PDFium thread
(``pdfium_thread``), and a ``PdfPages`` must only be used there (the page view does).
"""

from __future__ import annotations

import ctypes
import re
import time
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

from desktop.domain.model import Document
from desktop.domain.plural import plural
from desktop.storage.errors import DocumentError
from desktop.storage.formats import pdf_process
from desktop.storage.formats.base import ImportCancelledError, Source
from desktop.storage.formats.pdf_bidi import UNREADABLE, logical_order, rtl_runs
from desktop.storage.formats.pdfium_thread import call

HYPHEN_MARK = "\u00ad"  # PDFium's line-end hyphen (U+FFFE), kept as a soft hyphen
LABEL_WORDS = 3  # invisible text of fewer words than this is a label, not an OCR layer
MAX_PAGES = 20_000  # a budget: a file claiming more pages is refused
SLICE_SECONDS = 0.015  # reading the text gives the PDFium thread up this often
HELPER = True  # long PDFs: a second process reads some pages (``pdf_process``)
_INVISIBLE = 3  # FPDF_TEXTRENDERMODE_INVISIBLE
_BLANK = 0.05  # points: a glyph box no taller or wider than this draws nothing
_DROP = {c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)} | {0xFFFF, 0xFEFF}
_WORD = re.compile(r"\w+")
# Characters no font maps a glyph to on purpose (controls, private use, specials):
# always asked about.
# A lone \r or \n is odd too (PDFium ends lines with \r\n): one class, the pairs
# dropped after (an alternation with look-arounds cost 4x as much per character).
_ODD = re.compile("[\x00-\x1f\x7f-\x9f\ue000-\uf8ff\ufff0-\uffff]")
_LINE_START = re.compile("\n(?=[^\r\n])")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 code units each
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")  # Hebrew, Arabic, …

Box = tuple[float, float, float, float]  # left, top, right, bottom in points, top-left origin


def _pdfium():
    try:
        import pypdfium2
    except ImportError as err:  # pragma: no cover - a dependency
        raise DocumentError("PDF support is not installed (pypdfium2 is missing).") from err
    return pypdfium2


def open_pdf(raw: bytes, name: str):
    """A pypdfium2 PdfDocument of ``raw``, or a DocumentError saying why not."""
    pdfium = _pdfium()
    try:
        document = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as err:
        if "password" in str(err).lower():
            raise DocumentError(f"“{name}” is protected by a password; open it in a PDF "
                                "reader and save an unprotected copy first.") from err
        raise DocumentError(f"“{name}” is not a readable PDF (it is damaged or incomplete: "
                            f"{_reason(err)}).") from err
    count = len(document)
    if count == 0:
        document.close()
        raise DocumentError(f"“{name}” is a PDF with no pages.")
    if count > MAX_PAGES:
        document.close()
        raise DocumentError(f"“{name}” has {count:,} pages; Crosslight opens PDFs of up "
                            f"to {MAX_PAGES:,} pages.")
    return document


def page_text(page, textpage, *, indexed: bool = True) -> tuple[str, list[int]]:
    """The text of one page as the document holds it, and (``indexed``) for each of its
    code points the PDFium character index it came from (see ``read_page``)."""
    text, index, _unreadable, _left_out = read_page(page, textpage, indexed=indexed)
    return text, index


def read_page(page, textpage, *,
              indexed: bool = True) -> tuple[str, list[int], int, int]:
    """The page's text, each code point's PDFium text index (``indexed``), how many
    characters PDFium could not map to Unicode (shown as ``UNREADABLE``), and how many
    more such glyphs PDFium left out of the text (``_left_out``).

    Line breaks become ``\\n``, PDFium's line-end hyphen mark a soft hyphen, control
    characters go; leading and trailing line breaks are stripped; right-to-left runs are
    put in logical order (``pdf_bidi``). A page whose only text is an invisible label
    gives "". Without ``indexed`` (loading: the whole text, no boxes) a page with neither
    RTL text nor unmapped characters comes from C-speed string methods instead of a loop.
    """
    raw = textpage.get_text_range()
    unmapped = _unmapped_chars(textpage, raw)
    if unmapped:
        raw = _mark_unmapped(textpage, raw, unmapped)
    if indexed or unmapped or _RTL.search(raw):
        text, index = clean_indexed(raw)
        text, index, unreadable = _faithful(textpage, text, index, unmapped)
    else:
        text, index, unreadable = clean(raw), [], 0
    if _words_fewer_than(text, LABEL_WORDS) and text.strip() and not _draws_text(page):
        return "", [], 0, 0
    return text, (index if indexed else []), unreadable, _left_out(textpage, raw, unmapped)


def _left_out(textpage, raw: str, unmapped: set[int]) -> int:
    """How many glyphs without Unicode PDFium left out of the page's text (text index
    -1: a raw code it takes for a control character — 2, 3, 0x93…; OT1's Θ and Λ are 2
    and 3) that draw something: a blank one (a space) loses no text. The sample cannot
    see them, so the page is asked as a whole first: when its text holds a code unit per
    character, none was left out; otherwise the characters without text are asked.
    """
    pdfium = _pdfium().raw
    to_text, handle = pdfium.FPDFText_GetTextIndexFromCharIndex, textpage.raw
    if unmapped:  # the whole page was asked already
        candidates: Iterable[int] = unmapped
    else:
        count = textpage.count_chars()
        units = len(raw) if raw.isascii() else len(raw) + len(_ASTRAL.findall(raw))
        if units >= count:
            return 0
        has_error = pdfium.FPDFText_HasUnicodeMapError
        candidates = (c for c in range(count) if has_error(handle, c) == 1)
    found = 0
    for char in candidates:
        if to_text(handle, char) < 0:
            left, bottom, right, top = textpage.get_charbox(char)
            found += right - left > _BLANK and top - bottom > _BLANK
    return found


def _words_fewer_than(text: str, limit: int) -> bool:
    """Whether ``text`` has fewer than ``limit`` words, counting no further than that."""
    return sum(1 for _ in islice(_WORD.finditer(text), limit)) < limit


def _unmapped_chars(textpage, raw: str) -> set[int]:
    """PDFium char indexes whose glyph had no Unicode mapping (PDFium then gives the raw
    glyph code as if it were a character).

    Asking PDFium about every character doubled the time to read a PDF, so a sample of
    the page's text ``raw`` is asked first: each character's first appearance, the
    first character of each line (bullets and symbols stand there) and every odd one
    (``_ODD``): ~5% of a page of prose. A page with a hit is then asked about every
    character. The sample misses only a glyph inside a line whose raw code equals a
    character read correctly earlier on the page, on a page with no other unmapped glyph.
    """
    has_error = _pdfium().raw.FPDFText_HasUnicodeMapError
    handle = textpage.raw
    count = textpage.count_chars()
    to_char = _text_to_char(textpage, raw, count)
    asked = set(_odd_positions(raw))
    asked.update(raw.index(ch) for ch in set(raw))
    asked.update(m.end() for m in _LINE_START.finditer(raw))
    for position in asked:
        char = to_char(position)
        if char >= 0 and has_error(handle, char) == 1:
            return {c for c in range(count) if has_error(handle, c) == 1}
    return set()


def _odd_positions(raw: str) -> list[int]:
    """Where ``raw`` has a character no font maps a glyph to on purpose (``_ODD``),
    counting a \r or \n only when it is not part of a \r\n line end (the pairs are
    blanked first, same length: one C-speed scan, no test per match)."""
    return [match.start() for match in _ODD.finditer(raw.replace("\r\n", "  "))]


def _mark_unmapped(textpage, raw: str, unmapped: set[int]) -> str:
    """``raw`` with each unmapped character PDFium put in it as ``UNREADABLE``, before
    line breaks and control characters are cleaned: a glyph whose raw code is 13 (the
    circle of pdfTeX's ©) is no line break."""
    to_text = _pdfium().raw.FPDFText_GetTextIndexFromCharIndex
    first = _first_text_index(textpage)
    chars = list(raw)
    at_unit: dict[int, int] | None = None
    if _ASTRAL.search(raw):  # PDFium counts UTF-16 code units, ``raw`` code points
        at_unit, unit = {}, 0
        for i, ch in enumerate(raw):
            at_unit[unit] = i
            unit += 2 if ord(ch) > 0xFFFF else 1
    for char in unmapped:
        at = to_text(textpage.raw, char) - first
        if at_unit is not None:
            at = at_unit.get(at, -1)
        if 0 <= at < len(chars):
            chars[at] = UNREADABLE
    return "".join(chars)


def _text_to_char(textpage, raw: str, count: int):
    """Position in ``raw`` (``get_text_range``'s text) → PDFium char index (-1: none).

    On most pages every character has text, one code unit each: the two are the same
    (checked at both ends), which saves a PDFium call per character asked about."""
    to_char = _pdfium().raw.FPDFText_GetCharIndexFromTextIndex
    handle = textpage.raw
    first = _first_text_index(textpage)
    wide = not raw.isascii() and _ASTRAL.search(raw) is not None
    if not wide and len(raw) == count and count and to_char(handle, first) == 0 \
            and to_char(handle, first + count - 1) == count - 1:
        return lambda at: at
    if wide:  # positions in ``raw`` are code points, PDFium's are UTF-16 code units
        units = [0]
        for ch in raw:
            units.append(units[-1] + (2 if ord(ch) > 0xFFFF else 1))
        return lambda at: to_char(handle, first + units[at])
    return lambda at: to_char(handle, first + at)


def _faithful(textpage, text: str, index: list[int],
              unmapped: set[int]) -> tuple[str, list[int], int]:
    """``text`` with unmapped characters marked ``UNREADABLE`` and RTL runs in logical
    order, ``index`` permuted alongside so every code point keeps its character box."""
    to_char = _pdfium().raw.FPDFText_GetCharIndexFromTextIndex
    first = _first_text_index(textpage)
    chars = list(text)
    unreadable = 0
    if unmapped:
        char_of = _chars_of(textpage, index, first)
        for i, char in enumerate(char_of):
            if chars[i] != "\n" and char in unmapped:
                chars[i] = UNREADABLE
                unreadable += 1
        for i in _marks_in_clusters(textpage, chars, char_of):
            chars[i] = UNREADABLE
            unreadable += 1
        text = "".join(chars)
    runs = rtl_runs(text)
    if not runs:
        return text, index, unreadable
    keys: list[tuple | None] = [None] * len(text)
    lefts: list[float | None] = [None] * len(text)
    for start, end in runs:
        for i in range(start, end):
            char = to_char(textpage.raw, first + index[i])
            if char < 0:
                continue
            box = textpage.get_charbox(char)
            if box[2] <= box[0] and box[3] <= box[1]:
                continue  # a generated space: no glyph
            keys[i] = (box, textpage.get_charbox(char, loose=True))
            lefts[i] = box[0]
    order = logical_order(text, keys, lefts)
    return "".join(text[i] for i in order), [index[i] for i in order], unreadable


def _chars_of(textpage, index: list[int], first: int) -> list[int]:
    """The PDFium char index of each code point (``index``: their text indexes past
    ``first``), -1 for none. On most pages the two are the same (checked at both ends
    and by count), which saves a PDFium call per character."""
    to_char, handle = _pdfium().raw.FPDFText_GetCharIndexFromTextIndex, textpage.raw
    count = textpage.count_chars()
    if first == 0 and count and to_char(handle, count - 1) == count - 1 \
            and to_char(handle, count) < 0:
        return list(index)
    return [to_char(handle, first + at) for at in index]


def _tight_boxes(textpage, char_of: list[int], chars: list[str]) -> list[Box | None]:
    """Each code point's tight box (left, bottom, right, top as PDFium gives them; None
    for a line break or no character), PDFium asked once per character through its own
    C function (pypdfium2's ``get_charbox`` costs 4x as much a call)."""
    get, handle = _pdfium().raw.FPDFText_GetCharBox, textpage.raw
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    boxes: list[Box | None] = []
    for char, ch in zip(char_of, chars, strict=True):
        if char < 0 or ch == "\n" or not get(handle, char, *refs):
            boxes.append(None)
        else:
            boxes.append((left.value, bottom.value, right.value, top.value))
    return boxes


def _marks_in_clusters(textpage, chars: list[str], char_of: list[int]) -> list[int]:
    """Positions of characters drawn inside a glyph that stands for several characters
    (a shaped cluster: its characters share one box) that are not combining marks.

    Asked on pages with unmapped glyphs only: there a producer gave a cluster's whole
    text to one glyph and none to the marks drawn over it (WeasyPrint's Arabic: the
    fatha drawn as glyph 0x2F4 over the word's glyph), and PDFium may read such a mark
    as its raw glyph code without calling it unmapped (U+02F4 "˴" for the fatha).
    Clusters are rare: found first from every box, their neighbours then checked.
    """
    boxes = _tight_boxes(textpage, char_of, chars)
    boxes.append(None)  # boxes[-1] and boxes[len]: no neighbour
    size = len(chars)
    found: set[int] = set()
    for j in range(size):
        around = boxes[j]
        if around is None or around[2] <= around[0] or \
                (around != boxes[j - 1] and around != boxes[j + 1]):
            continue
        for i in (j - 1, j + 1):
            own = boxes[i]
            if own is None or own == around or i in found:
                continue
            ch = chars[i]
            if ch in f"\n {UNREADABLE}{HYPHEN_MARK}" or unicodedata.category(ch) in ("Mn", "Me"):
                continue
            if around[0] - 0.5 <= own[0] and own[2] <= around[2] + 0.5:
                found.add(i)
    return sorted(found)


_TRANSLATE = {**dict.fromkeys(_DROP), 0xFFFE: HYPHEN_MARK, 0x02: HYPHEN_MARK}


def clean(raw: str) -> str:
    """PDFium's page text as the document holds it (see ``page_text``)."""
    return raw.replace("\r\n", "\n").replace("\r", "\n").translate(_TRANSLATE).strip("\n")


def clean_indexed(raw: str) -> tuple[str, list[int]]:
    """``clean(raw)``, and the PDFium character index of each code point kept."""
    chars: list[str] = []
    index: list[int] = []
    at = 0
    previous = ""
    for ch in raw:
        code = ord(ch)
        if ch == "\n" and previous == "\r":  # "\r\n": one line break, already out
            pass
        elif ch in "\r\n":
            chars.append("\n")
            index.append(at)
        elif code == 0xFFFE or code == 0x02:
            chars.append(HYPHEN_MARK)
            index.append(at)
        elif code not in _DROP:
            chars.append(ch)
            index.append(at)
        previous = ch
        at += 2 if code > 0xFFFF else 1
    start, end = 0, len(chars)
    while start < end and chars[start] == "\n":
        start += 1
    while end > start and chars[end - 1] == "\n":
        end -= 1
    return "".join(chars[start:end]), index[start:end]


def _draws_text(page) -> bool:
    """Whether any text object of the page is drawn (not render mode 3, invisible)."""
    pdfium = _pdfium()
    raw = pdfium.raw
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_TEXT,), max_depth=4):
        if raw.FPDFTextObj_GetTextRenderMode(obj.raw) != _INVISIBLE:
            return True
    return False


def load_pdf(source: Source) -> Document:
    """The document's text, read on the PDFium thread a slice of pages at a time
    (``SLICE_SECONDS``), so the page view's rendering, queued there meanwhile, is not
    kept waiting for the whole document (progress and Cancel work as usual:
    ``source.step`` is called from the PDFium thread)."""
    reading = call(_Reading, source)
    try:
        while not call(reading.read_slice):
            pass
        return call(reading.finish)
    finally:
        call(reading.close)


class _Reading:
    """One PDF's text being read, page after page (some by the helper process,
    ``pdf_process``); touched on the PDFium thread only."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.document = open_pdf(source.raw, source.name)
        self.count = len(self.document)
        helper = pdf_process.warm_helper() if use_helper(self.count) else None
        self.split = pdf_process.Split(source.raw, self.count, helper)

    def read_slice(self) -> bool:
        """Read pages for ``SLICE_SECONDS`` (one at least); True once all are read."""
        end = time.perf_counter() + SLICE_SECONDS
        while (number := self.split.next_page()) is not None:
            self.source.step(len(self.split.results) / self.count)
            try:
                self.split.results[number] = read_text_of_page(self.document, number)
            except ImportCancelledError:
                raise
            except Exception as err:  # one bad page must not pass silently
                raise DocumentError(f"“{self.source.name}”: page {number + 1} could not "
                                    f"be read ({_reason(err)}).") from err
            if time.perf_counter() >= end:
                return False
        return True

    def finish(self) -> Document:
        self.source.step(1.0)
        parts: list[str] = []
        starts: list[int] = []
        warnings: list[str] = []
        length = 0
        for number in range(self.count):
            text, unreadable, left_out = self.split.results[number]
            if unreadable or left_out:
                warnings.append(_unreadable_warning(number, unreadable, left_out))
            if number:
                parts.append("\n\n")
                length += 2
            starts.append(length)
            parts.append(text)
            length += len(text)
        full = "".join(parts)
        if not full.strip(HYPHEN_MARK + " \n\t"):
            raise DocumentError(f"“{self.source.name}” has no text layer (it is probably "
                                "scanned); run OCR first, then open the OCR'd PDF or its "
                                "text.")
        meta = _metadata(self.document)
        return Document(text=full, title=meta.get("Title", ""),
                        media_type="application/pdf", author=meta.get("Author", ""),
                        published=_created(meta), pages=starts, load_warnings=warnings)

    def close(self) -> None:
        self.split.close()
        self.document.close()
        if use_helper(self.count):
            pdf_process.prewarm()  # for the next long PDF


def use_helper(count: int) -> bool:
    """Whether a PDF of ``count`` pages is worth a second process (``pdf_process``):
    long enough, and a core idle for it."""
    return HELPER and count >= pdf_process.MIN_PAGES and pdf_process.spare_core()


def read_text_of_page(document, number: int) -> tuple[str, int, int]:
    """Page ``number``'s text as loading keeps it, how many of its characters are shown
    as ``UNREADABLE`` and how many were left out (``read_page``)."""
    page = document[number]
    try:
        textpage = page.get_textpage()
        try:
            text, _, unreadable, left_out = read_page(page, textpage, indexed=False)
        finally:
            textpage.close()
    finally:
        page.close()
    return text, unreadable, left_out


def _unreadable_warning(number: int, shown: int, left_out: int) -> str:
    """What the user is told about page ``number``'s glyphs without Unicode: those
    shown as ``UNREADABLE`` and those PDFium left out of the text."""
    where = [f"{shown} shown as {UNREADABLE}" if left_out else f"shown as {UNREADABLE}"
             ] if shown else []
    if left_out:
        where.append(f"{left_out} left out of the text" if shown else "left out of the text")
    return (f"page {number + 1}: {plural(shown + left_out, 'character')} could not be "
            f"read reliably (the PDF's font gives no text for them; {', '.join(where)})")


@dataclass
class RenderedPage:
    """A page's pixels: BGRA (Qt's RGB32 on little-endian machines), row by row."""

    pixels: bytes
    width: int
    height: int
    stride: int


class PdfPages:
    """One open PDF for the page view: page sizes, rendering, character boxes in the
    document's code points. Use from one thread only (PDFium is not thread-safe)."""

    def __init__(self, raw: bytes, name: str) -> None:
        self.document = open_pdf(raw, name)
        self.sizes: list[tuple[float, float]] = [
            self.document.get_page_size(i) for i in range(len(self.document))]

    @property
    def count(self) -> int:
        return len(self.sizes)

    def render(self, number: int, scale: float) -> RenderedPage:
        """Page ``number`` (0-based) at ``scale`` pixels per point, white paper."""
        page = self.document[number]
        try:
            bitmap = page.render(scale=scale, may_draw_forms=True, prefer_bgrx=True)
            try:
                return RenderedPage(bytes(bitmap.buffer), bitmap.width, bitmap.height,
                                    bitmap.stride)
            finally:
                bitmap.close()
        finally:
            page.close()

    def text_and_boxes(self, number: int) -> tuple[str, list[Box | None]]:
        """The page's text (as the document holds it) and each code point's box."""
        page = self.document[number]
        textpage = page.get_textpage()
        try:
            text, index = page_text(page, textpage)
            height = self.sizes[number][1]
            left, bottom, _right, top = page.get_cropbox()
            # The text counts PDFium's "text indexes", boxes its "char indexes": the same
            # but where PDFium leaves a character out of the text or adds one to it.
            char_of = _chars_of(textpage, index, _first_text_index(textpage))
            pdfium = _pdfium().raw
            get, handle = pdfium.FPDFText_GetLooseCharBox, textpage.raw
            rect = pdfium.FS_RECTF()  # one, reused: pypdfium2 makes one per call
            ref = ctypes.byref(rect)
            ceiling = top if top else height
            boxes: list[Box | None] = []
            for char, ch in zip(char_of, text, strict=True):
                if char < 0 or ch == "\n" or not get(handle, char, ref):
                    boxes.append(None)
                    continue
                l_, b_, r_, t_ = rect.left, rect.bottom, rect.right, rect.top
                if r_ <= l_ and t_ <= b_:
                    boxes.append(None)  # a generated space has no box
                    continue
                boxes.append((l_ - left, ceiling - t_, r_ - left, ceiling - b_))
            del bottom
            return text, boxes
        finally:
            textpage.close()
            page.close()

    def close(self) -> None:
        self.document.close()


def _first_text_index(textpage) -> int:
    """The text index ``get_text_range`` starts at (past leading left-out characters)."""
    active = getattr(textpage, "_get_active_text_range", None)  # pypdfium2's own helper
    count = textpage.count_chars()
    if active is None or count <= 0:
        return 0
    found = active(0, count - 1)
    return found[0] if found else 0


def page_at(starts: list[int], offset: int) -> int:
    """The 0-based page holding code-point ``offset`` of the document."""
    return max(0, bisect_right(starts, offset) - 1)


def _metadata(document) -> dict[str, str]:
    try:
        return {k: str(v).strip() for k, v in document.get_metadata_dict().items() if v}
    except Exception:  # damaged metadata is only metadata
        return {}


def _created(meta: dict[str, str]) -> str:
    value = meta.get("CreationDate", "")
    match = re.match(r"D?:?(\d{4})(\d{2})?(\d{2})?", value)
    if not match:
        return ""
    year, month, day = match.groups()
    return "-".join(p for p in (year, month, day) if p)


def _reason(err: Exception) -> str:
    text = str(err).strip() or type(err).__name__
    return text[:200]
