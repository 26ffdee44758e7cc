"""The cross-checking dialogs themselves, filled in as a user would (never exec'd)."""

import pytest

from desktop.domain.crosscheck import Relation, Stance
from desktop.domain.model import Reference
from desktop.ui.dialogs.crosscheck_dialogs import (
    AttachReferenceDialog,
    CitationDialog,
    LinkDialog,
    ReferenceDialog,
)
from tests.builders import study_with

TEXT = "The group has ties to Iran. It pretended to fight ISIS. Nobody knows more."


@pytest.fixture
def study():
    study = study_with(TEXT, ["ties to Iran", "pretended to fight ISIS", "Nobody knows"],
                       title="t")
    for title in ("DoD briefing", "Reuters report"):
        r = Reference(title=title, url=f"https://example.org/{title.split()[0]}")
        study.references[r.id] = r
    return study


def test_reference_dialog_requires_a_web_address_or_title(qtbot):
    dialog = ReferenceDialog()
    qtbot.addWidget(dialog)
    assert dialog.accessed.text()  # today's date is filled in
    dialog.accept()
    assert dialog.result() == 0 and "title or a URL" in dialog.error.text()
    # "https://" and "http:x.org" have no host: the reports would leave them out.
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "ftp://x.org/a", "https://",
                "http:x.org"):
        dialog.url.setText(bad)
        dialog.accept()
        assert dialog.result() == 0 and "http" in dialog.error.text()
    dialog.url.setText(" https://www.reuters.com/world/ ")
    qtbot.keyClicks(dialog.title_edit, "Reuters")
    qtbot.keyClicks(dialog.author, "Reuters staff")
    dialog.published.setText("2017-03-09")
    dialog.excerpt.setPlainText("About 5,000 troops.")
    dialog.accept()
    assert dialog.result() == 1
    value = dialog.value()
    assert (value.url, value.title, value.author, value.published, value.excerpt) == (
        "https://www.reuters.com/world/", "Reuters", "Reuters staff", "2017-03-09",
        "About 5,000 troops.")


def test_reference_dialog_edits_keep_the_id(qtbot):
    original = Reference(title="Old", url="https://a.org")
    dialog = ReferenceDialog(original)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit Reference" and dialog.title_edit.text() == "Old"
    dialog.title_edit.setText("New")
    assert dialog.value().id == original.id and dialog.value().title == "New"


def test_attach_dialog_finds_chooses_and_creates(qtbot, study):
    h = next(iter(study.highlights.values()))
    dialog = AttachReferenceDialog(study, h)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    qtbot.keyClicks(dialog.find_edit, "reuters")
    hidden = [dialog.list.item(i).isHidden() for i in range(2)]
    assert hidden == [True, False]
    dialog.list.setCurrentRow(1)
    dialog.stance.setCurrentIndex(dialog.stance.findData(Stance.SUPPORTS.value))
    qtbot.keyClicks(dialog.comment, "confirms")
    choice = dialog.value()
    assert choice.reference.title == "Reuters report" and not choice.is_new
    assert (choice.stance, choice.comment) == (Stance.SUPPORTS, "confirms")

    new = Reference(title="Fresh source", url="https://new.org")
    dialog.set_new_reference(new)
    choice = dialog.value()
    assert choice.is_new and choice.reference is new


def test_attach_dialog_refuses_without_a_choice(qtbot, study):
    study.references.clear()
    dialog = AttachReferenceDialog(study, next(iter(study.highlights.values())))
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() == 0 and "Choose a reference" in dialog.error.text()


def test_link_dialog_lists_other_passages(qtbot, study):
    first, second, _third = study.highlights.values()
    dialog = LinkDialog(study, first)
    qtbot.addWidget(dialog)
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert len(texts) == 2 and not any("ties to Iran" in t for t in texts)
    dialog.accept()
    assert dialog.result() == 0 and "Choose the passage" in dialog.error.text()
    qtbot.keyClicks(dialog.find_edit, "pretended")
    dialog.list.setCurrentRow(0)
    dialog.relation.setCurrentIndex(dialog.relation.findData(Relation.CONTRADICTS.value))
    assert dialog.value() == (second.id, Relation.CONTRADICTS)


def test_citation_dialog_returns_stance_and_comment(qtbot, study):
    reference = next(iter(study.references.values()))
    dialog = CitationDialog(reference, Stance.CONTEXT, "bg")
    qtbot.addWidget(dialog)
    assert dialog.value() == (Stance.CONTEXT, "bg")
    dialog.stance.setCurrentIndex(dialog.stance.findData(Stance.CONTRADICTS.value))
    dialog.comment.clear()
    qtbot.keyClicks(dialog.comment, "no")
    assert dialog.value() == (Stance.CONTRADICTS, "no")
    assert dialog.stance.itemText(dialog.stance.currentIndex()).startswith("▼")
