"""A BibTeX reader: entries as BibTeX reads them, in linear time, within budgets.

Handles ``@type{key, field = {…} | "…" | 2017 | macro # …}`` with nested braces,
``@string`` macros (expanded within ``MAX_EXPANSION`` characters, so a 1 KB file cannot
grow to gigabytes), month names, ``@comment`` and ``@preamble``, and ``crossref``
(fields a child lacks come from its parent; a parent's title becomes a child's
booktitle, as biblatex does). LaTeX becomes Unicode through pylatexenc (the field's
LaTeX-to-Unicode converter), with math kept as written. Names split on ``and`` between
whitespace outside braces, line breaks included.

Our own tokenizer rather than pybtex or bibtexparser because a damaged file must still
give every other entry and name the damaged one: a value stops at the next line that
starts an entry (``@type{``), so an unbalanced brace costs one entry, not the rest of
the file, and reading is linear in the file's size whatever its damage. Every entry
that cannot be read is reported with its line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from desktop.domain.model import Reference
from desktop.storage.importers.bibtex_latex import latex_to_text
from desktop.storage.importers.progress import NO_WORK, Work

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH_MACROS = {m[:3]: m.capitalize() for m in MONTHS}
MAX_EXPANSION = 16 * 1024 * 1024  # characters all @string expansions may add up to
MAX_VALUE = 1024 * 1024  # characters of one field after expansion
MAX_CROSSREF_DEPTH = 8
# A line that starts an entry: where a damaged value is given up and reading resumes.
_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]", re.MULTILINE)
_NAME = re.compile(r"[A-Za-z0-9_:+\-./'!?*&]+")
_BRACE_OR_ESCAPE = re.compile(r"\\.|[{}]", re.DOTALL)
_QUOTE_OR_BRACE = re.compile(r'\\.|[{}"]', re.DOTALL)


@dataclass
class BibEntry:
    kind: str  # "article", "book", … (lower case)
    key: str
    fields: dict[str, str] = field(default_factory=dict)  # names lower case, values raw
    line: int = 0  # where it starts in the file, for messages


class BibTexError(ValueError):
    pass


def parse_bibtex(text: str, work: Work | None = None) -> tuple[list[BibEntry], list[str]]:
    """Entries in file order and a message per entry that could not be read."""
    parser = _Parser(text, work or NO_WORK)
    entries = parser.entries()
    parser.problems += inherit_crossrefs(entries)
    return entries, parser.problems


class _Parser:
    def __init__(self, text: str, work: Work) -> None:
        self.text = text
        self.at = 0
        self.macros: dict[str, str] = dict(_MONTH_MACROS)
        self.problems: list[str] = []
        self.expanded = 0  # characters added by @string expansion so far
        self.work = work
        self.starts = [m.start() for m in _ENTRY_START.finditer(text)]
        self.limit = len(text)  # where the value being read must end at the latest
        self._line_at, self._line = 0, 1

    def line_of(self, position: int) -> int:
        """The line of ``position``; positions come in order, so counting is linear."""
        if position < self._line_at:
            self._line_at, self._line = 0, 1
        self._line += self.text.count("\n", self._line_at, position)
        self._line_at = position
        return self._line

    def _next_start(self, after: int) -> int:
        i = bisect_right(self.starts, after)
        return self.starts[i] if i < len(self.starts) else len(self.text)

    def entries(self) -> list[BibEntry]:
        found: list[BibEntry] = []
        count = 0
        while True:
            start = self.text.find("@", self.at)
            if start == -1:
                return found
            count += 1
            self.work.step(count, len(self.starts) or 1)
            self.at = start + 1
            kind = self._name().lower()
            if not kind:
                continue
            self._space()
            if self.at >= len(self.text) or self.text[self.at] not in "{(":
                continue  # an @ in free text between entries
            line = self.line_of(start)
            self.limit = self._next_start(start)
            try:
                entry = self._entry(kind, line)
            except BibTexError as err:
                self.problems.append(f"line {line}: {err}")
                self.at = self.limit  # resume at the next line that starts an entry
                continue
            finally:
                self.limit = len(self.text)
            if entry is not None:
                found.append(entry)

    # --- low level ------------------------------------------------------------
    def _space(self) -> None:
        while self.at < len(self.text) and self.text[self.at].isspace():
            self.at += 1

    def _name(self) -> str:
        match = _NAME.match(self.text, self.at)
        if not match:
            return ""
        self.at = match.end()
        return match.group()

    def _expect(self, chars: str) -> str:
        self._space()
        if self.at >= self.limit or self.text[self.at] not in chars:
            got = self.text[self.at] if self.at < self.limit else "the next entry"
            if self.at >= len(self.text):
                got = "the end of the file"
            raise BibTexError(f"expected {' or '.join(chars)}, found {got!r}")
        self.at += 1
        return self.text[self.at - 1]

    def _braced(self) -> str:
        """Text up to the brace matching the one just read, braces inside kept."""
        depth, start = 1, self.at
        for match in _BRACE_OR_ESCAPE.finditer(self.text, self.at, self.limit):
            ch = match.group()
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    self.at = match.end()
                    return self.text[start : self.at - 1]
        raise BibTexError("unbalanced braces")

    def _quoted(self) -> str:
        depth, start = 0, self.at
        for match in _QUOTE_OR_BRACE.finditer(self.text, self.at, self.limit):
            ch = match.group()
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            elif ch == '"' and depth == 0:
                self.at = match.end()
                return self.text[start : self.at - 1]
        raise BibTexError("unterminated quoted value")

    def _value(self) -> str:
        parts: list[str] = []
        size = 0
        while True:
            self._space()
            ch = self.text[self.at] if self.at < self.limit else ""
            if ch == "{":
                self.at += 1
                part = self._braced()
            elif ch == '"':
                self.at += 1
                part = self._quoted()
            else:
                word = self._name()
                if not word:
                    raise BibTexError("a field has no value")
                part = word if word.isdigit() else self.macros.get(word.lower(), word)
                if part is not word:
                    self.expanded += len(part)
                    if self.expanded > MAX_EXPANSION:
                        raise BibTexError(
                            f"its @string macros expand beyond {MAX_EXPANSION // 2**20} million "
                            "characters; the file is not a bibliography")
            size += len(part)
            if size > MAX_VALUE:
                raise BibTexError(f"a value is longer than {MAX_VALUE // 1024} KB")
            parts.append(part)
            self._space()
            if self.at < self.limit and self.text[self.at] == "#":
                self.at += 1
                continue
            return "".join(parts)

    # --- entries --------------------------------------------------------------
    def _entry(self, kind: str, line: int) -> BibEntry | None:
        opener = self._expect("{(")
        closer = "}" if opener == "{" else ")"
        if kind in ("comment", "preamble"):
            if opener == "{":
                self._braced()
            else:
                end = self.text.find(")", self.at, self.limit)
                self.at = self.limit if end == -1 else end + 1
            return None
        if kind == "string":
            self._space()
            name = self._name().lower()
            self._expect("=")
            self.macros[name] = self._value()
            self._expect(closer)
            return None
        self._space()
        key_end = self.at
        while key_end < self.limit and self.text[key_end] not in ",}) \t\r\n":
            key_end += 1
        entry = BibEntry(kind, self.text[self.at : key_end], line=line)
        self.at = key_end
        while True:
            try:
                sep = self._expect("," + closer)
            except BibTexError as err:
                raise BibTexError(f"@{kind}{{{entry.key}}}: {err}") from None
            if sep == closer:
                return entry
            self._space()
            if self.at < self.limit and self.text[self.at] == closer:
                self.at += 1
                return entry
            name = self._name().lower()
            if not name:
                raise BibTexError(f"@{kind}{{{entry.key}}}: a field has no name")
            self._expect("=")
            try:
                entry.fields[name] = self._value()
            except BibTexError as err:
                raise BibTexError(f"@{kind}{{{entry.key}}}, field {name}: {err}") from None


# --- crossref ------------------------------------------------------------------
_TITLE_TO_BOOKTITLE = {"proceedings", "book", "collection", "reference", "mvbook",
                       "mvcollection", "mvproceedings", "mvreference", "periodical"}
_NOT_INHERITED = {"crossref", "ids", "key", "label", "xref", "entryset"}


def inherit_crossrefs(entries: list[BibEntry]) -> list[str]:
    """Fill each entry's missing fields from the entry its ``crossref`` names (BibTeX's
    rule), the parent's title becoming the booktitle (biblatex's); the problems."""
    by_key = {e.key.casefold(): e for e in entries}
    problems = []
    done: set[int] = set()

    def resolve(entry: BibEntry, depth: int) -> None:
        if id(entry) in done:
            return
        done.add(id(entry))
        key = entry.fields.get("crossref", "").strip()
        if not key:
            return
        parent = by_key.get(key.casefold())
        if parent is None:
            problems.append(f"line {entry.line}: @{entry.kind}{{{entry.key}}} cross-references "
                            f"“{key}”, which is not in the file")
            return
        if depth >= MAX_CROSSREF_DEPTH or parent is entry:
            problems.append(f"line {entry.line}: @{entry.kind}{{{entry.key}}}: its crossref "
                            "chain loops or is too deep")
            return
        resolve(parent, depth + 1)
        for name, value in parent.fields.items():
            if name not in _NOT_INHERITED:
                entry.fields.setdefault(name, value)
        if parent.kind in _TITLE_TO_BOOKTITLE and "title" in parent.fields:
            entry.fields.setdefault("booktitle", parent.fields["title"])

    for entry in entries:
        resolve(entry, 0)
    return problems


# --- values ---------------------------------------------------------------
def url_value(value: str) -> str:
    """An address as written: only escapes and ``\\url{}`` undone, no typography."""
    text = re.sub(r"\\(?:url|path)\s*\{([^{}]*)\}", r"\1", value.strip())
    text = re.sub(r"\\([&%$#_~])", r"\1", text)
    return text.replace("{", "").replace("}", "").strip()


def split_names(value: str) -> list[str]:
    """BibTeX's ``A and B`` name list: ``and`` between whitespace (line breaks too),
    outside braces, in any case."""
    names, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|\s+and\s+", value, re.IGNORECASE):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            names.append(value[start : match.start()])
            start = match.end()
    names.append(value[start:])
    return [n.strip() for n in names if n.strip()]


def display_name(name: str) -> str:
    """“Last, First” → “First Last”; a braced corporate name stays whole."""
    depth, parts, start = 0, [], 0
    for i, ch in enumerate(name):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(name[start:i])
            start = i + 1
    parts.append(name[start:])
    parts = [latex_to_text(p) for p in parts]
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:  # Last, First
        return f"{parts[1]} {parts[0]}".strip()
    return f"{parts[2]} {parts[0]}, {parts[1]}".strip()  # Last, Jr, First


def month_number(value: str) -> int | None:
    text = latex_to_text(value).strip().rstrip(".").lower()
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return next((i for i, m in enumerate(MONTHS, 1) if len(text) >= 3 and m.startswith(text)),
                None)


# --- entries to references -----------------------------------------------------
def references_from_bibtex(text: str, work: Work | None = None
                           ) -> tuple[list[Reference], list[str]]:
    """References for the library and a message per entry that could not be read or
    holds nothing to cite (no title and no address)."""
    entries, problems = parse_bibtex(text, work)
    references = []
    for entry in entries:
        reference = _reference(entry)
        if reference.title or reference.url:
            references.append(reference)
        else:
            problems.append(f"line {entry.line}: @{entry.kind}{{{entry.key}}} has neither a "
                            "title nor an address")
    return references, problems


def doi_url(doi: str) -> str:
    doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi.strip(), flags=re.I)
    return f"https://doi.org/{doi}" if doi else ""


def _reference(entry: BibEntry) -> Reference:
    f = entry.fields
    names = split_names(f.get("author", "")) or split_names(f.get("editor", ""))
    shown = [display_name(n) for n in names if n.lower() != "others"]
    author = ", ".join(shown) + (" et al." if len(shown) < len(names) else "")
    used_publisher = False
    if not author:
        for key in ("organization", "institution", "publisher", "school"):
            if f.get(key):
                author, used_publisher = latex_to_text(f[key]), key == "publisher"
                break
    doi = doi_url(url_value(f.get("doi", "")))
    url = url_value(f.get("url", "")) or _url_in(f.get("howpublished", "")) or doi
    container = [latex_to_text(f[k]) for k in ("journal", "journaltitle", "booktitle") if f.get(k)]
    details = _volume(f)
    if f.get("publisher") and not used_publisher:
        details.append(latex_to_text(f["publisher"]))
    if doi and doi != url:
        details.append(doi)
    note_parts = [", ".join(container[:1] + details)] if container or details else []
    if f.get("note"):
        note_parts.append(latex_to_text(f["note"]))
    return Reference(
        url=url,
        title=latex_to_text(f.get("title", "")),
        author=author,
        published=_date(f),
        accessed=latex_to_text(f.get("urldate", "")),
        note=". ".join(p for p in note_parts if p),
    )


def _url_in(value: str) -> str:
    match = re.search(r"\\url\s*\{([^{}]*)\}", value)
    return url_value(match.group(1)) if match else ""


def _volume(f: dict[str, str]) -> list[str]:
    out = []
    volume, number = latex_to_text(f.get("volume", "")), latex_to_text(f.get("number", ""))
    if volume:
        out.append(f"{volume}({number})" if number else volume)
    if f.get("pages"):
        out.append(f"pp. {latex_to_text(f['pages'])}")
    return out


def _date(f: dict[str, str]) -> str:
    if f.get("date"):
        return latex_to_text(f["date"])
    year = latex_to_text(f.get("year", ""))
    if not year:
        return ""
    month = month_number(f["month"]) if f.get("month") else None
    if month is None or not year.isdigit():
        return year
    day = latex_to_text(f.get("day", ""))
    if day.isdigit() and 1 <= int(day) <= 31:
        return f"{year}-{month:02d}-{int(day):02d}"
    return f"{year}-{month:02d}"
