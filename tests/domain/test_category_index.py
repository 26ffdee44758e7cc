"""Study.category is a dict look-up kept in step with the category list: a file of
100,000 categories (each checked for duplicates as it is read, each looked up per
highlight) loads in linear time, and the index never answers with a stale entry."""

from desktop.bench.growth import LINEAR, growth
from desktop.domain.model import Category, Study


def _ids(n: int) -> list[str]:
    return [f"c{i}" for i in range(n)]


def _read_like_a_file(ids: list[str]) -> None:
    study = Study()
    for cid in ids:  # as schema.study_from_data does: a duplicate check, then append
        assert study.category(cid) is None
        study.categories.append(Category(cid, cid.upper(), "#000000"))
    for cid in ids:  # one look-up per highlight
        assert study.category(cid) is not None


def test_many_categories_load_in_linear_time():
    ratio = growth(_ids, _read_like_a_file, 3000)
    assert ratio < LINEAR, ratio


def test_the_first_of_duplicate_ids_wins():
    study = Study(categories=[Category("a", "First", "#000"), Category("a", "Second", "#111")])
    assert study.category("a").name == "First"
    assert study.category("b") is None


def test_index_follows_appends_and_replacements():
    study = Study(categories=[Category("a", "A", "#000")])
    assert study.category("b") is None
    study.categories.append(Category("b", "B", "#111"))
    assert study.category("b").name == "B"
    study.categories = [Category("c", "C", "#222")]  # replaced whole
    assert study.category("a") is None
    assert study.category("c").name == "C"
    study.categories.clear()  # shortened in place
    assert study.category("c") is None
    study.categories.append(Category("z", "Z", "#333"))
    assert study.category("z").name == "Z"
    study.categories[0] = Category("y", "Y", "#444")  # replaced in place: hit checked
    assert study.category("z") is None
    assert study.category("y").name == "Y"


def test_the_index_is_not_part_of_equality_or_repr():
    one, two = Study(id="s"), Study(id="s")
    one.created = two.created = one.modified = two.modified = "t"
    one.category("x")
    assert one == two
    assert "_category" not in repr(one)
