"""Shared test set-up: Qt runs headless everywhere, before any test module loads Qt."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
