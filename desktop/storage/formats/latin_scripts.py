"""Which Latin code page a legacy text was written in, judged by the letters it gives.

Western (cp1252), Central European (cp1250, ISO-8859-2), Turkish (cp1254) and Baltic
(cp1257) code pages all decode any Latin text without an error, so decoding proves
nothing: Polish in Windows-1250 read as Windows-1252 gives "Ksiêga … jesteœ". Instead,
each reading is scored by how well its non-ASCII characters fit ONE language of that
code page: letters of the language count for it, other letters against it, symbols
inside a word ("Ksi¹¿ka") and C1 control codes strongly against. The best reading
wins; on a tie the more common code page (Western first) is kept, so accented Western
text stays Western. charset-normalizer, tried first here, judged short Central
European and Baltic texts wrong (Polish as ISO-8859-10, Lithuanian as cp1252).
"""

from __future__ import annotations

import re
from collections import Counter

_WESTERN = {
    "french": "àâæçéèêëîïôœùûüÿ", "german": "äöüß", "spanish": "áéíñóúü",
    "portuguese": "áâãàçéêíóôõú", "italian": "àèéìíîòóùú", "dutch": "éëïóöü",
    "nordic": "åæøäöé", "catalan": "àçèéíïòóúü",
}
_CENTRAL = {
    "polish": "ąćęłńóśźż", "czech": "áčďéěíňóřšťúůýž", "slovak": "áäčďéíĺľňóôšťúýž",
    "hungarian": "áéíóöőúüű", "croatian": "čćđšž", "romanian": "ăâîşţșț",
    "german": "äöüß",
}
_TURKISH = {"turkish": "çğıöşüâîûİ"}
_BALTIC = {"lithuanian": "ąčęėįšųūž", "latvian": "āčēģīķļņšūž", "estonian": "äõöüšž"}

# Most common first: a tie keeps the earlier one.
CANDIDATES: list[tuple[str, dict[str, str]]] = [
    ("cp1252", _WESTERN), ("cp1250", _CENTRAL), ("iso8859-2", _CENTRAL),
    ("cp1254", _TURKISH | _WESTERN), ("cp1257", _BALTIC),
]
_INSIDE_WORD = re.compile(r"(?<=[A-Za-z])[^\x00-\x7f](?=[A-Za-z])")


def pick_latin(raw: bytes) -> str | None:
    """The code page whose reading of ``raw`` looks most like one Latin-script language."""
    best: tuple[float, str] | None = None
    for codec, languages in CANDIDATES:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _score(text, languages)
        if best is None or score > best[0]:
            best = (score, codec)
    return best[1] if best else None


def _score(text: str, languages: dict[str, str]) -> float:
    counts = Counter(c for c in text if ord(c) > 127)
    penalty = 0.0
    for char in _INSIDE_WORD.findall(text):
        if not char.isalpha():
            penalty += 3  # "Ksi¹¿ka": a symbol inside a word is a misread letter
    letters: dict[str, int] = {}
    for char, count in counts.items():
        if 0x80 <= ord(char) <= 0x9F:
            penalty += 5 * count  # C1 control codes: never in text
        elif char.isalpha():
            letters[char] = count
    fits = []
    for alphabet in languages.values():
        fit = 0
        for char, count in letters.items():
            own = char in alphabet or char.lower() in alphabet
            fit += count if own else -count
        fits.append(fit)
    return (max(fits) if fits else 0) - penalty
