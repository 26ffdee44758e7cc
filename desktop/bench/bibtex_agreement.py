"""``python -m desktop.bench.bibtex_agreement FILE_OR_FOLDER…``: how Crosslight's BibTeX
reader agrees with pybtex (+ pylatexenc) on real files, and how long it takes.

For each ``.bib`` file: entries each reader finds (by key), titles that agree (ours vs
pybtex's field through pylatexenc with math kept), author lists of the same length, and
the time of ours. pybtex is not a Crosslight dependency: install it in the environment
to compare (``pip install pybtex``, MIT); without it only our figures are printed.
It reports; it is not a test gate, and it always exits 0.
"""

from __future__ import annotations

import contextlib
import io
import sys
import time
from pathlib import Path

from desktop.storage.importers.bibtex import parse_bibtex, split_names
from desktop.storage.importers.bibtex_latex import latex_to_text


def _files(args: list[str]) -> list[Path]:
    found: list[Path] = []
    for arg in args:
        path = Path(arg)
        found += sorted(path.rglob("*.bib")) if path.is_dir() else [path]
    return found


def _pybtex(text: str) -> dict[str, tuple[str, int]] | None:
    try:
        from pybtex.database import parse_string
        from pybtex.errors import set_strict_mode
    except ImportError:
        return None
    from pylatexenc.latex2text import LatexNodes2Text

    set_strict_mode(False)
    convert = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=False)
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            data = parse_string(text, "bibtex")
    except Exception:  # a file pybtex refuses entirely
        return {}
    out = {}
    for key, entry in data.entries.items():
        title = entry.fields.get("title", "")
        try:
            shown = " ".join(convert.latex_to_text(title).replace("\xa0", " ").split())
        except Exception:
            shown = title
        out[key.casefold()] = (shown, len(entry.persons.get("author", [])))
    return out


def main(argv: list[str]) -> int:
    files = _files(argv)
    if not files:
        print(__doc__)
        return 0
    totals = {"ours": 0, "theirs": 0, "both": 0, "titles": 0, "names": 0, "seconds": 0.0}
    compared = False
    differing: list[tuple[str, str, str]] = []
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace")
        start = time.perf_counter()
        entries, _problems = parse_bibtex(text)
        titles = {e.key.casefold(): latex_to_text(e.fields.get("title", "")) for e in entries}
        names = {e.key.casefold(): len(split_names(e.fields.get("author", "")))
                 for e in entries}
        totals["seconds"] += time.perf_counter() - start
        totals["ours"] += len(entries)
        theirs = _pybtex(text)
        if theirs is None:
            continue
        compared = True
        totals["theirs"] += len(theirs)
        shared = set(titles) & set(theirs)
        totals["both"] += len(shared)
        totals["titles"] += sum(titles[k] == theirs[k][0] for k in shared)
        differing += [(path.name, titles[k], theirs[k][0]) for k in sorted(shared)
                      if titles[k] != theirs[k][0]]
        totals["names"] += sum(names[k] == theirs[k][1] for k in shared)
    print(f"{len(files)} files, {totals['ours']} entries read by Crosslight in "
          f"{totals['seconds']:.2f} s")
    if compared:
        both = max(1, int(totals["both"]))
        print(f"pybtex finds {totals['theirs']}; both find {totals['both']} "
              f"({100 * totals['both'] / max(1, int(totals['theirs'])):.1f}% of pybtex's)")
        print(f"titles agree: {100 * totals['titles'] / both:.1f}%; "
              f"author counts agree: {100 * totals['names'] / both:.1f}%")
        for name, ours, theirs_title in differing[:10]:
            print(f"  {name}: ours {ours!r} / pybtex {theirs_title!r}")
    else:
        print("pybtex is not installed: no comparison")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
