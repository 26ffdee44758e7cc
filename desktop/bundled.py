"""Files shipped with Crosslight: the sample article (``seeds/``) and the icons and
freedesktop.org files (``resources/``).

The repository keeps them as top-level folders; the wheel carries them inside the
package, as ``desktop/seeds`` and ``desktop/resources`` (``setup.py`` copies them at
build time). Both are found through ``importlib.resources``; a checkout (or its
editable install, a plain path entry) has no copies inside ``desktop/``, so the
folders beside the package are used. No Qt, no I/O at import: the command line reads
this before anything else.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent  # the repository, when run from it


def _folder(name: str) -> Path:
    packaged = files("desktop").joinpath(name)
    # Installed packages live in ordinary folders (pip unpacks wheels), so the
    # Traversable is a Path; Qt and the installer need real file names anyway.
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return _CHECKOUT / name


def seeds_dir() -> Path:
    return _folder("seeds")


def resources_dir() -> Path:
    return _folder("resources")


def sample_document() -> Path:
    """The bundled sample article the app opens when started without a file."""
    return seeds_dir() / "iraq-militia-threat.txt"


def app_icon() -> Path:
    return resources_dir() / "icons" / "crosslight.svg"
