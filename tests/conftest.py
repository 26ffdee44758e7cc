"""Shared test set-up: Qt runs headless everywhere, before any test module loads Qt.

Crosslight's state dir (recovery files, backups) and config dir (settings) are
redirected for the whole run and again for every test, so no test touches the real
user's folders or sees another test's leftovers.
"""

import atexit
import os
import shutil
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _var, _prefix in (("CROSSLIGHT_STATE_DIR", "state"), ("CROSSLIGHT_CONFIG_DIR", "config")):
    os.environ[_var] = tempfile.mkdtemp(prefix=f"crosslight-test-{_prefix}-")
    atexit.register(shutil.rmtree, os.environ[_var], ignore_errors=True)


@pytest.fixture(autouse=True)
def state_dir(tmp_path_factory, monkeypatch):
    """A fresh, empty state dir for this test (also inherited by child processes)."""
    path = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("CROSSLIGHT_STATE_DIR", str(path))
    return path


@pytest.fixture(autouse=True)
def config_dir(tmp_path_factory, monkeypatch):
    """A fresh config dir (settings, recent files, window state) for this test."""
    path = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("CROSSLIGHT_CONFIG_DIR", str(path))
    return path
