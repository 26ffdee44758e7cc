"""Render the PNG icon sizes from the SVGs (run after editing an SVG, then commit).

``.venv/bin/python resources/icons/render_pngs.py`` writes
``resources/icons/hicolor/<N>x<N>/{apps,mimetypes}/<name>.png``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
ICONS = {"crosslight.svg": "apps", "application-x-crosslight-study.svg": "mimetypes"}


def render(svg: Path, size: int, out: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"could not write {out}")


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - painting needs an application
    for name, context in ICONS.items():
        for size in SIZES:
            out = HERE / "hicolor" / f"{size}x{size}" / context / (Path(name).stem + ".png")
            render(HERE / name, size, out)
            print(out.relative_to(HERE))
    return 0


if __name__ == "__main__":
    sys.exit(main())
