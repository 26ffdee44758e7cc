"""Fixtures for the interchange tests: the test study and golden-file comparison.

See ``interchange_study`` for the study; ``UPDATE_GOLDEN=1`` rewrites golden files.
"""

from __future__ import annotations

import pytest
from interchange_study import build_study, check_golden

from desktop.domain.model import Study


@pytest.fixture
def study() -> Study:
    return build_study()


@pytest.fixture
def golden():
    return check_golden
