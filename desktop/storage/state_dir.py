"""Where Crosslight keeps its own files: recovery autosaves and backups of studies.

One function decides, so tests (and careful users) can move it with one environment
variable instead of touching the real user's folders.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "CROSSLIGHT_STATE_DIR"


def state_dir() -> Path:
    """``$CROSSLIGHT_STATE_DIR`` if set, else platformdirs' user state dir for Crosslight."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    return Path(platformdirs.user_state_dir("crosslight", appauthor=False))
