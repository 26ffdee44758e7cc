"""Team work's optional keys survive save and reopen; files without them open as before;
hostile values are refused with their place."""

from __future__ import annotations

import json

import pytest

from desktop.domain.crosscheck import Verdict
from desktop.domain.identity import Person
from desktop.domain.model import Review
from desktop.domain.revisions import content_rev, history
from desktop.storage.errors import StudyFileError
from desktop.storage.saving import save_study
from desktop.storage.studyfile import load_study
from tests.storage.test_identity_round_trip import _study

LEE = Person("B. Lee")


def test_revisions_reviews_tombstones_and_conflicts_round_trip(tmp_path):
    study = _study()
    h = study.highlights["h-1"]
    h.reviews = [Review(Verdict.FALSE, "no", LEE, "2026-12-03T10:00:00Z"),
                 Review(Verdict.DISPUTED, "ruled", None, "2026-12-04T10:00:00Z", "ruling")]
    study.deleted = {"h-9": ["0123456789abcdef"]}
    study.conflicts = [{"id": "h-1", "kind": "highlight", "field": "note",
                        "mine": "a", "theirs": "b"}]
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    back = load_study(path).study
    assert back.highlights["h-1"].reviews == h.reviews
    assert back.deleted == study.deleted and back.conflicts == study.conflicts
    assert back.highlights["h-1"].revs == [content_rev(h)]
    assert back.references["r-1"].revs == history(study.references["r-1"])
    assert back.links["l-1"].revs and back.highlights["h-1"].citations[0].revs
    # An edit appends a revision on the next save; an unchanged object keeps its list.
    back.highlights["h-1"].note = "changed"
    save_study(back, path)
    again = load_study(path).study
    assert again.highlights["h-1"].revs == [content_rev(h), content_rev(back.highlights["h-1"])]
    assert again.highlights["h-2"].revs == back.highlights["h-2"].revs


@pytest.mark.parametrize("where, value, message", [
    ("revs", ["nope"], "revs should hold revision stamps"),
    ("reviews", [{"value": "maybe"}], "reviews[0].value"),
    ("reviews", [{"value": "false", "kind": "vote"}], "reviews[0].kind"),
])
def test_hostile_team_keys_are_refused_with_their_place(tmp_path, where, value, message):
    path = tmp_path / "s.crosslight"
    save_study(_study(), path)
    data = json.loads(path.read_text("utf-8"))
    data["highlights"][0][where] = value
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(StudyFileError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_study(path)
