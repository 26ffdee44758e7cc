"""Who made and last changed each object survives save and reopen; older files have none."""

from __future__ import annotations

from desktop.domain.anchoring import TextQuoteSelector
from desktop.domain.identity import UNKNOWN, Person, label_of
from desktop.domain.model import Category, Citation, Document, Highlight, Link, Reference, Study
from desktop.storage.saving import save_study
from desktop.storage.settings import Settings, identity
from desktop.storage.studyfile import load_study

RAHIMI = Person("A. Rahimi", "Factcheck Desk", "mailto:a@example.org")
LEE = Person("B. Lee")


def _study() -> Study:
    study = Study(categories=[Category("claim", "Claim", "#ff0000")])
    doc = Document("One claim and another claim.", "Doc", id="d-1")
    study.documents[doc.id] = doc
    ref = Reference(url="https://example.org", id="r-1", creator=LEE)
    study.references[ref.id] = ref
    first = Highlight(doc.id, TextQuoteSelector("One claim"), 0, 9, "claim", id="h-1",
                      creator=RAHIMI, editor=LEE,
                      citations=[Citation("r-1", id="c-1", creator=RAHIMI)])
    second = Highlight(doc.id, TextQuoteSelector("another claim"), 14, 27, "claim", id="h-2")
    study.highlights = {first.id: first, second.id: second}
    study.links["l-1"] = Link("h-1", "h-2", id="l-1", creator=LEE, editor=RAHIMI)
    return study


def test_people_and_stamps_survive_save_and_reopen(tmp_path):
    path = tmp_path / "s.crosslight"
    save_study(_study(), path)
    back = load_study(path).study
    assert back.highlights["h-1"].creator == RAHIMI
    assert back.highlights["h-1"].editor == LEE
    assert back.highlights["h-1"].citations[0].creator == RAHIMI
    assert back.highlights["h-1"].citations[0].created
    assert back.references["r-1"].creator == LEE and back.references["r-1"].editor is None
    assert back.links["l-1"].creator == LEE and back.links["l-1"].editor == RAHIMI
    assert back.highlights["h-2"].creator is None
    assert label_of(back.highlights["h-2"].creator) == UNKNOWN
    assert label_of(RAHIMI) == "A. Rahimi (Factcheck Desk)"


def test_identity_prefers_preferences_then_the_account(monkeypatch):
    monkeypatch.setattr("desktop.storage.host.full_name", lambda: "Account Name")
    assert identity(Settings()) == Person("Account Name")
    chosen = Settings(user_name=" A. Rahimi ", user_organisation="Desk", user_url="https://a.org")
    assert identity(chosen) == Person("A. Rahimi", "Desk", "https://a.org")
