"""A small BibTeX reader: enough for the entries reference managers export.

Written here rather than taken from bibtexparser (MIT since 2.0, but it pulls in
pylatexenc and changed its API between versions) because a reference library needs only
titles, names, dates, addresses and DOIs. Handles ``@type{key, field = {…} | "…" | 2017
| macro # …}`` with nested braces, ``@string`` macros and month names, skips
``@comment`` and ``@preamble``, and turns common LaTeX (accents, dashes, ``\\url``,
``\\emph``) into plain Unicode. A damaged entry is reported and the rest still read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from desktop.domain.model import Reference

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH_MACROS = {m[:3]: m.capitalize() for m in MONTHS}

_ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
    "r": "\u030a", "d": "\u0323", "b": "\u0331",
}
_SYMBOLS = {
    "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å",
    "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "textendash": "–", "textemdash": "—",
    "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“",
    "textquotedblright": "”", "ldots": "…", "dots": "…", "textellipsis": "…", "S": "§",
    "P": "¶", "copyright": "©", "textregistered": "®", "texttrademark": "™", "euro": "€",
    "pounds": "£", "textasciitilde": "~", "textbackslash": "\\", "textunderscore": "_",
}
# Escaped characters that the steps below would otherwise eat: parked in private use.
_KEEP = {"{": "\ue000", "}": "\ue001", "~": "\ue002", "^": "\ue003"}
# \'e  \'{e}  \"{\i}  \c c  (accent commands, letter or control-symbol accents)
_ACCENT_RE = re.compile(
    r"\\([`'^\"~=.]|[uvHckrdb](?![A-Za-z]))"  # the accent command
    r"\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))"  # its letter, braced or not
)
_WORD_CMD = re.compile(r"\\([A-Za-z]+)\s*")


@dataclass
class BibEntry:
    kind: str  # "article", "book", … (lower case)
    key: str
    fields: dict[str, str] = field(default_factory=dict)  # names lower case, values raw


class BibTexError(ValueError):
    pass


def parse_bibtex(text: str) -> tuple[list[BibEntry], list[str]]:
    """Entries in file order and a message per entry that could not be read."""
    parser = _Parser(text)
    return parser.entries(), parser.problems


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self.macros: dict[str, str] = dict(_MONTH_MACROS)
        self.problems: list[str] = []

    def entries(self) -> list[BibEntry]:
        found = []
        while True:
            start = self.text.find("@", self.at)
            if start == -1:
                return found
            self.at = start + 1
            kind = self._name().lower()
            if not kind:
                continue
            self._space()
            if self.at >= len(self.text) or self.text[self.at] not in "{(":
                continue  # an @ in free text between entries
            line = self.text.count("\n", 0, start) + 1
            try:
                entry = self._entry(kind)
            except BibTexError as err:
                self.problems.append(f"line {line}: {err}")
                self.at = start + 1
                continue
            if entry is not None:
                found.append(entry)

    # --- low level ------------------------------------------------------------
    def _space(self) -> None:
        while self.at < len(self.text) and self.text[self.at].isspace():
            self.at += 1

    def _name(self) -> str:
        match = re.compile(r"[A-Za-z0-9_:+\-./'!?*&]+").match(self.text, self.at)
        if not match:
            return ""
        self.at = match.end()
        return match.group()

    def _expect(self, chars: str) -> str:
        self._space()
        if self.at >= len(self.text) or self.text[self.at] not in chars:
            got = self.text[self.at] if self.at < len(self.text) else "the end of the file"
            raise BibTexError(f"expected {' or '.join(chars)}, found {got!r}")
        self.at += 1
        return self.text[self.at - 1]

    def _braced(self) -> str:
        """Text up to the brace matching the one just read, braces inside kept."""
        depth, start = 1, self.at
        while self.at < len(self.text):
            ch = self.text[self.at]
            if ch == "\\":
                self.at += 2
                continue
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    self.at += 1
                    return self.text[start : self.at - 1]
            self.at += 1
        raise BibTexError("unbalanced braces")

    def _quoted(self) -> str:
        depth, start = 0, self.at
        while self.at < len(self.text):
            ch = self.text[self.at]
            if ch == "\\":
                self.at += 2
                continue
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            elif ch == '"' and depth == 0:
                self.at += 1
                return self.text[start : self.at - 1]
            self.at += 1
        raise BibTexError("unterminated quoted value")

    def _value(self) -> str:
        parts = []
        while True:
            self._space()
            ch = self.text[self.at] if self.at < len(self.text) else ""
            if ch == "{":
                self.at += 1
                parts.append(self._braced())
            elif ch == '"':
                self.at += 1
                parts.append(self._quoted())
            else:
                word = self._name()
                if not word:
                    raise BibTexError("a field has no value")
                parts.append(word if word.isdigit() else self.macros.get(word.lower(), word))
            self._space()
            if self.at < len(self.text) and self.text[self.at] == "#":
                self.at += 1
                continue
            return "".join(parts)

    # --- entries --------------------------------------------------------------
    def _entry(self, kind: str) -> BibEntry | None:
        opener = self._expect("{(")
        closer = "}" if opener == "{" else ")"
        if kind in ("comment", "preamble"):
            if opener == "{":
                self._braced()
            else:
                end = self.text.find(")", self.at)
                self.at = len(self.text) if end == -1 else end + 1
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
        while key_end < len(self.text) and self.text[key_end] not in ",}) \t\r\n":
            key_end += 1
        entry = BibEntry(kind, self.text[self.at : key_end])
        self.at = key_end
        while True:
            sep = self._expect("," + closer)
            if sep == closer:
                return entry
            self._space()
            if self.at < len(self.text) and self.text[self.at] == closer:
                self.at += 1
                return entry
            name = self._name().lower()
            if not name:
                raise BibTexError(f"entry {entry.key!r}: a field has no name")
            self._expect("=")
            entry.fields[name] = self._value()


# --- LaTeX to text -------------------------------------------------------------
def latex_to_text(value: str) -> str:
    """Plain Unicode for a BibTeX value: accents, escapes, dashes and markup resolved."""
    text = re.sub(r"\\(?:url|path)\s*\{([^{}]*)\}", r"\1", value)
    text = re.sub(r"\\href\s*\{[^{}]*\}\s*\{([^{}]*)\}", r"\1", text)
    text = _ACCENT_RE.sub(_accent, text)
    text = re.sub(r"\\([&%$#_{}~^ ])", lambda m: _KEEP.get(m.group(1), m.group(1)), text)
    text = _WORD_CMD.sub(lambda m: _SYMBOLS.get(m.group(1), ""), text)
    text = text.replace("---", "—").replace("--", "–").replace("``", "“").replace("''", "”")
    text = text.replace("~", " ").replace("{", "").replace("}", "")  # ~ ties words: a space
    for literal, placeholder in _KEEP.items():
        text = text.replace(placeholder, literal)
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _accent(match: re.Match) -> str:
    letter = match.group(2) or match.group(3)
    base = {"\\i": "i", "\\j": "j"}.get(letter, letter)
    return base + _ACCENTS[match.group(1)]


def url_value(value: str) -> str:
    """An address as written: only escapes and ``\\url{}`` undone, no typography."""
    text = re.sub(r"\\(?:url|path)\s*\{([^{}]*)\}", r"\1", value.strip())
    text = re.sub(r"\\([&%$#_~])", r"\1", text)
    return text.replace("{", "").replace("}", "").strip()


def split_names(value: str) -> list[str]:
    """BibTeX's ``A and B`` name list, split only outside braces."""
    names, depth, start = [], 0, 0
    i = 0
    lowered = value.lower()
    while i < len(value):
        ch = value[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0 and lowered.startswith(" and ", i):
            names.append(value[start:i])
            i += 5
            start = i
            continue
        i += 1
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
def references_from_bibtex(text: str) -> tuple[list[Reference], list[str]]:
    """References for the library and a message per entry that could not be read."""
    entries, problems = parse_bibtex(text)
    return [_reference(e) for e in entries], problems


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
