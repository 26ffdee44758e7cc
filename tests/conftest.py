"""Shared test set-up: Qt runs headless everywhere, before any test module loads Qt.

Crosslight's state dir (recovery files, backups) is redirected for the whole run and
again for every test, so no test touches the real user's folders or sees another
test's leftovers.
"""

import atexit
import os
import shutil
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CROSSLIGHT_STATE_DIR"] = tempfile.mkdtemp(prefix="crosslight-test-state-")
atexit.register(shutil.rmtree, os.environ["CROSSLIGHT_STATE_DIR"], ignore_errors=True)


@pytest.fixture(autouse=True)
def state_dir(tmp_path_factory, monkeypatch):
    """A fresh, empty state dir for this test (also inherited by child processes)."""
    path = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("CROSSLIGHT_STATE_DIR", str(path))
    return path
