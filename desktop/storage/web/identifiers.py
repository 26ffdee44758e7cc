"""Recognising what a user pasted into a reference: a web address, a DOI or an ISBN.

DOIs come as ``10.1000/xyz``, ``doi:10.1000/xyz`` or ``https://doi.org/10.1000/xyz``
(also ``dx.doi.org``, percent-encoded); the syntax is the DOI Handbook's ``10.`` prefix
of four or more digits, a slash and a suffix, with sentence punctuation trimmed. ISBNs
are 10 or 13 digits (ISBN-10 may end in X), with or without ``ISBN``, spaces and
hyphens, and must pass their check digit: a mistyped ISBN is said to be one rather
than looked up as another book.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote

from desktop.storage.web.address import parse_address
from desktop.storage.web.errors import ADDRESS, FetchError

Kind = Literal["url", "doi", "isbn"]

_DOI = re.compile(r"^(10\.\d{4,9}(?:\.\d+)*/\S+)$")
_DOI_PREFIXES = re.compile(
    r"^(?:doi:\s*|(?:https?://)?(?:dx\.)?doi\.org/|info:doi/)", re.IGNORECASE
)
_ISBN_PREFIX = re.compile(r"^isbn(?:-1[03])?\s*:?\s*", re.IGNORECASE)
_TRAILING = ".,;:!?'\"»”’"


@dataclass(frozen=True, slots=True)
class Identifier:
    kind: Kind
    value: str  # the address, the DOI (10.…) or the ISBN digits (no hyphens)

    @property
    def label(self) -> str:
        return {"url": "web address", "doi": "DOI", "isbn": "ISBN"}[self.kind]


def recognise(text: str) -> Identifier:
    """What ``text`` is; FetchError(kind "address") when it is none of the three."""
    text = " ".join(text.split())
    if not text:
        raise FetchError("Paste a web address, a DOI (10.…) or an ISBN.", ADDRESS)
    doi = parse_doi(text)
    if doi is not None:
        return Identifier("doi", doi)
    isbn = _isbn_digits(text)
    if isbn is not None:
        if not isbn_is_valid(isbn):
            raise FetchError(f"“{text}” looks like an ISBN but its check digit is wrong: "
                             "check the digits.", ADDRESS)
        return Identifier("isbn", isbn)
    try:
        return Identifier("url", parse_address(text))
    except FetchError:
        raise FetchError(f"“{text[:80]}” is not a web address, a DOI (10.…) or an ISBN.",
                         ADDRESS) from None


def parse_doi(text: str) -> str | None:
    """The DOI in ``text`` (``10.…/…``) if it is one, in any of its usual spellings."""
    text = text.strip().lstrip("([{\"'“‘«<")  # pasted from a sentence: "(doi:10.…)."
    prefixed = _DOI_PREFIXES.match(text)
    if prefixed:
        text = unquote(text[prefixed.end():])
    text = _trim(text)
    match = _DOI.match(text)
    return match.group(1) if match else None


def _trim(text: str) -> str:
    """Drop sentence punctuation and an unbalanced closing bracket after a DOI."""
    while text and (text[-1] in _TRAILING or
                    (text[-1] == ")" and text.count("(") < text.count(")"))):
        text = text[:-1]
    return text


def _isbn_digits(text: str) -> str | None:
    body = _ISBN_PREFIX.sub("", text.strip())
    if not re.fullmatch(r"[0-9Xx][0-9Xx \-]{8,20}", body):
        return None
    digits = re.sub(r"[ \-]", "", body).upper()
    if len(digits) == 10 and re.fullmatch(r"\d{9}[\dX]", digits):
        return digits
    if len(digits) == 13 and digits.isdigit():
        return digits
    return None


def isbn_is_valid(isbn: str) -> bool:
    if len(isbn) == 10:
        if not re.fullmatch(r"\d{9}[\dX]", isbn):
            return False
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(isbn))
        return total % 11 == 0
    if len(isbn) == 13 and isbn.isdigit() and isbn.startswith(("978", "979")):
        total = sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(isbn))
        return total % 10 == 0
    return False


def isbn13(isbn: str) -> str:
    """The ISBN-13 of a valid ISBN (an ISBN-10 gains the 978 prefix and a new check digit)."""
    if len(isbn) == 13:
        return isbn
    body = "978" + isbn[:9]
    check = (10 - sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(body)) % 10) % 10
    return body + str(check)
