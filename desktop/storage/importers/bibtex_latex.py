"""LaTeX in BibTeX values as the Unicode text a typeset bibliography shows.

pylatexenc (MIT) does the conversion — accents, ``\\texttimes``, ``\\cyrchar\\CYRA``,
``\\,``, ``\\ ``, dashes, quotes — with math kept as written (``$O(\\log n)$`` stays).
Two things it would get wrong for a reference library are handled around it:
addresses (``\\url{}``, ``\\href{}{}``) are kept verbatim, and discretionary hyphens
(``\\-``) and ties (``~``) become nothing and a plain space. A value with no LaTeX in it
skips the converter; one too long or too odd for it falls back to dropping braces and
command names, so a value is never lost.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

MAX_LATEX = 64 * 1024  # characters handed to the converter; longer values: the fallback
_URL = re.compile(r"\\(?:url|path)\s*\{([^{}]*)\}")
_HREF = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_NEEDS_LATEX = re.compile(r"[\\$~%]|--|``|''")
_PARKED = "\ue100"  # a private-use character: where a verbatim address waits


@cache
def _converter() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=False)


def latex_to_text(value: str) -> str:
    """Plain Unicode for a BibTeX value: accents, escapes, dashes and markup resolved."""
    if not _NEEDS_LATEX.search(value):
        return _tidy(value.replace("{", "").replace("}", ""))
    kept: list[str] = []

    def park(text: str) -> str:
        kept.append(text)
        return f"{_PARKED}{len(kept) - 1}{_PARKED}"

    text = _HREF.sub(lambda m: park(m.group(2)), value)
    text = _URL.sub(lambda m: park(m.group(1)), text)
    text = text.replace("\\-", "").replace("\\/", "")
    if len(text) <= MAX_LATEX:
        try:
            text = _converter().latex_to_text(text)
        except Exception:  # an input the converter cannot parse: the plain fallback
            text = _plain(text)
    else:
        text = _plain(text)
    text = re.sub(f"{_PARKED}(\\d+){_PARKED}", lambda m: kept[int(m.group(1))], text)
    return _tidy(text.replace("\xad", "").replace("\xa0", " "))


def _plain(text: str) -> str:
    text = re.sub(r"\\([&%$#_{}])", r"\1", text)
    text = re.sub(r"\\[A-Za-z]+\s*", "", text)
    return text.replace("~", " ").replace("{", "").replace("}", "")


def _tidy(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))
