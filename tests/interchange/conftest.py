"""Fixtures for the interchange tests: the test study and golden-file comparison.

See ``interchange_study`` for the study; ``UPDATE_GOLDEN=1`` rewrites golden files.
"""

from __future__ import annotations

import pytest

from desktop.domain.model import Study
from tests.interchange.interchange_study import build_study, check_golden


@pytest.fixture
def study() -> Study:
    return build_study()


@pytest.fixture
def golden():
    return check_golden
