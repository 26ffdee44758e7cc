"""The reading room's screenshot matrix: the real window on the worked sample at every
size a reader uses, in every theme, with Search Study open and closed.

``python -m desktop.devtools.screens OUTDIR`` writes one PNG per shot
(``1024x768-dark-search.png`` …) and ``OUTDIR/report.txt``, and checks each shot as the
issue asks: the text keeps at least ~45 characters a line, and every verdict chip on
screen shows its symbol and word at a legible size and contrast. It exits with status 1
if a shot fails. Without a display it renders offscreen (the same pixels as a grab under
Xvfb); ``--size``, ``--theme`` and ``--search`` pick a part of the matrix.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

SIZES = ((800, 600), (1024, 768), (1280, 800), (1920, 1080))
THEMES = ("light", "dark", "sepia")
SEARCH = (False, True)
SEARCH_QUERY = "troops"
MIN_CHIP_PIXELS = 11  # the chip font's pixel height: legible beside 13 pt body text


@dataclass(frozen=True, slots=True)
class Shot:
    width: int
    height: int
    theme: str
    search: bool

    @property
    def name(self) -> str:
        return f"{self.width}x{self.height}-{self.theme}-{'search' if self.search else 'notes'}"


@dataclass(slots=True)
class Check:
    """What one shot shows, measured on the live window when it was taken."""

    shot: Shot
    path: Path | None
    characters: float  # per line of the reading column
    notes_shown: bool
    search_shown: bool
    chips: list[str] = field(default_factory=list)  # the chip texts on screen
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def line(self) -> str:
        panels = "+".join(p for p, on in (("notes", self.notes_shown),
                                          ("search", self.search_shown)) if on) or "text only"
        verdict = "ok" if self.ok else "FAIL: " + "; ".join(self.problems)
        return (f"{self.shot.name:28} {self.characters:5.1f} chars/line  {panels:13} "
                f"chips {self.chips}  {verdict}")


def _settle(app, rounds: int = 6) -> None:
    """Let the layout, the measure keeper's folding and the relayout timers run."""
    from PySide6.QtCore import QEventLoop, QTimer

    for _ in range(rounds):
        loop = QEventLoop()
        QTimer.singleShot(15, loop.quit)
        loop.exec()
        app.processEvents()


def open_sample():
    """The window on the sample, worked through as in the README's screenshots."""
    from desktop.cli import SAMPLE_DOCUMENT
    from desktop.devtools.demo import annotate
    from desktop.storage.opening import open_path
    from desktop.ui.app import make_app, window_for

    app = make_app()
    window = window_for(open_path(SAMPLE_DOCUMENT))
    window.resize(1280, 800)
    window.show()
    _settle(app)
    annotate(window)
    _settle(app)
    return app, window


def arrange(app, window, shot: Shot) -> None:
    """Put the window in the shot's state as a user would: the theme, the size, the
    notes wanted (F9, unless the window folded them for lack of room), Search Study
    opened (F10) with a query, or closed."""
    from desktop.ui.reader.themes import theme_manager

    theme_manager().apply(shot.theme)
    window.showNormal()
    window.resize(shot.width, shot.height)
    _settle(app)
    actions = window.menu_actions
    if window.tag_ops.dock is not None and not window.tag_ops.dock.isHidden():
        actions.toggle_search.trigger()  # closed first: every shot starts alike
    if not actions.toggle_notes.isChecked() and "notes" not in window.measure.folded:
        actions.toggle_notes.trigger()
    _settle(app)
    if shot.search:
        actions.toggle_search.trigger()
        panel = getattr(window.tag_ops, "panel", None)
        if panel is not None and hasattr(panel, "query"):
            panel.query.setText(SEARCH_QUERY)
            panel.run()
    _settle(app)
    window.activateWindow()
    window.reader.setFocus()
    window.statusBar().clearMessage()  # a fold's message from an earlier shot
    _settle(app)


def check(window, shot: Shot, path: Path | None) -> Check:
    """The shot's measures: characters a line, and each chip's word, size and contrast."""
    from PySide6.QtGui import QFontInfo

    from desktop.ui.reader.colormath import MIN_TEXT_CONTRAST, contrast_ratio
    from desktop.ui.reader.verdict_chips import rgb, verdict_chip_colors
    from desktop.ui.reader.view import MIN_MEASURE_CHARS

    reader = window.reader
    dock = window.tag_ops.dock
    result = Check(shot, path, reader.characters_per_line(), not window.notes.isHidden(),
                   dock is not None and not dock.isHidden())
    if result.characters < MIN_MEASURE_CHARS - 1:
        result.problems.append(f"{result.characters:.0f} characters a line")
    gutter = reader.gutter
    pixels = QFontInfo(gutter.label_font()).pixelSize()
    if pixels < MIN_CHIP_PIXELS:
        result.problems.append(f"chip font {pixels} px")
    palette = reader.palette()
    for _top, text, badges in gutter.row_texts():
        result.chips.append(text)
        first = badges[0]
        if first.label not in text:  # at every size: the word is what reads
            result.problems.append(f"chip {text!r} lost its word {first.label!r}")
        ground, _border, ink = verdict_chip_colors(first.verdict, palette.base().color(),
                                                   palette.text().color())
        ratio = contrast_ratio(rgb(ink), rgb(ground))
        if ratio < MIN_TEXT_CONTRAST:
            result.problems.append(f"chip {text!r} contrast {ratio:.1f}")
    if not result.chips:
        result.problems.append("no verdict chip on screen")
    return result


def take(shots: Iterable[Shot], outdir: Path | None, window=None, app=None) -> list[Check]:
    """Arrange, check and (with ``outdir``) save each shot; one window for them all."""
    if window is None:
        app, window = open_sample()
    results = []
    for shot in shots:
        arrange(app, window, shot)
        path = None
        if outdir is not None:
            path = outdir / f"{shot.name}.png"
            window.grab().save(str(path))
        results.append(check(window, shot, path))
    return results


def matrix(sizes=SIZES, themes=THEMES, search=SEARCH) -> list[Shot]:
    return [Shot(w, h, theme, s) for (w, h), theme, s in product(sizes, themes, search)]


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    return int(width), int(height)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outdir", type=Path, help="where the PNGs and report.txt go")
    parser.add_argument("--size", action="append", type=_size, metavar="WxH",
                        help="only this size (repeatable); default: " +
                        ", ".join(f"{w}x{h}" for w, h in SIZES))
    parser.add_argument("--theme", action="append", choices=THEMES,
                        help="only this theme (repeatable)")
    parser.add_argument("--search", choices=["open", "closed"],
                        help="only with Search Study open, or closed")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    search = SEARCH if args.search is None else (args.search == "open",)
    shots = matrix(tuple(args.size or SIZES), tuple(args.theme or THEMES), search)
    args.outdir.mkdir(parents=True, exist_ok=True)
    results = take(shots, args.outdir)
    lines = [r.line() for r in results]
    (args.outdir / "report.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    failed = [r for r in results if not r.ok]
    print(f"{len(results) - len(failed)} of {len(results)} shots ok → {args.outdir}")
    sys.stdout.flush()
    os._exit(1 if failed else 0)  # skip the unsaved-changes question: a throwaway study


if __name__ == "__main__":
    sys.exit(main())
