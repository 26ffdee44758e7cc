"""Files shipped with Crosslight: the sample article (``seeds/``) and the icons and
freedesktop.org files (``resources/``).

The repository keeps them as top-level folders; the wheel carries them inside the
package, as ``desktop/seeds`` and ``desktop/resources`` (``setup.py`` copies them at
build time). Both are looked for inside the package folder (pip unpacks wheels into
ordinary folders, and Qt and the installer need real file names anyway; not through
``importlib.resources``, whose import cost ~20 ms of every cold start); a checkout
(or its editable install, a plain path entry) has no copies inside ``desktop/``, so
the folders beside the package are used. No Qt, no I/O at import: the command line
reads this before anything else.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent  # desktop/, where the wheel puts them
_CHECKOUT = _PACKAGE.parent  # the repository, when run from it


def _folder(name: str) -> Path:
    packaged = _PACKAGE / name
    if packaged.is_dir():
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
