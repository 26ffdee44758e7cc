"""A study file has at most ``MAX_CATEGORIES`` categories (issue #20): the window builds
menus, filters and shortcuts per category, and 100,000 of them (a 9 MB file) froze it
for minutes. More are refused before one is read, with a sentence saying why."""

from __future__ import annotations

import orjson
import pytest

from desktop.domain.model import Category
from desktop.storage.errors import StudyFileError
from desktop.storage.saving import encode_study
from desktop.storage.schema import MAX_CATEGORIES, study_from_data
from desktop.storage.studyfile import load_study
from tests.builders import study_with


def _file(tmp_path, extra: int):
    study = study_with("The plan works.", ["plan"])
    for i in range(MAX_CATEGORIES - len(study.categories) + extra):
        study.categories.append(Category(f"c{i}", f"Kind {i}", "#000000"))
    path = tmp_path / "many.crosslight"
    path.write_bytes(encode_study(study))
    return path


def test_a_study_with_the_most_categories_allowed_opens(tmp_path):
    assert len(load_study(_file(tmp_path, 0)).study.categories) == MAX_CATEGORIES


def test_one_more_is_refused_with_a_sentence(tmp_path):
    with pytest.raises(StudyFileError) as caught:
        load_study(_file(tmp_path, 1))
    message = str(caught.value)
    assert message == (f"“many.crosslight” cannot be opened: it has {MAX_CATEGORIES + 1:,} "
                       f"categories, more than the {MAX_CATEGORIES:,} Crosslight shows in a "
                       "study.")


def test_the_count_is_checked_before_any_category_is_read(tmp_path, monkeypatch):
    data = orjson.loads(_file(tmp_path, 1).read_bytes())
    data["categories"][-1] = "not even an object"  # would be reported if it were read
    with pytest.raises(StudyFileError, match="more than the"):
        study_from_data(data)
