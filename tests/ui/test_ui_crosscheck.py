"""Cross-checking on the real window: references with stance, verdicts, links, source."""

import json
import shutil
from dataclasses import replace

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices

from desktop.domain.crosscheck import Relation, Stance, Trust, Verdict
from desktop.domain.crosscheck_commands import AddReference
from desktop.domain.model import Reference
from desktop.storage.schema import VERSION
from desktop.ui.dialogs.crosscheck_dialogs import AttachChoice
from desktop.ui.notes.highlight_list import VERDICT_ROLE
from tests.ui import helpers as ui

TROOPS = "the 9,000 troops that are currently stationed in Iraq"
TIES = "ties to Iran"
PRETENDED = "pretended to fight ISIS"


def briefing() -> Reference:
    return Reference(
        url="https://www.defense.gov/News/Transcripts/",
        title="DoD press briefing",
        author="U.S. Department of Defense",
        published="2017-03-08",
        accessed="2026-11-26",
        excerpt="About 5,200 U.S. troops are authorized in Iraq.",
        note="Official cap, not a head count.",
    )


def attach(qtbot, win, ui, choice: AttachChoice) -> None:
    win.prompts.script("attach_reference", choice)
    ui.press(qtbot, win.reader, Qt.Key.Key_R, ui.CTRL | ui.SHIFT)


def test_reference_stance_and_verdict_story(qtbot, window, seed_copy, tmp_path):
    win = window(seed_copy)
    study, notes = win.session.study, win.notes
    detail = notes.card
    troops = ui.highlight(qtbot, win, TROOPS, 1)

    # Attach a new reference that contradicts the claim (Ctrl+Shift+R).
    ref = briefing()
    attach(qtbot, win, ui, AttachChoice(ref, True, Stance.CONTRADICTS, "Cap is 5,200."))
    assert list(study.references) == [ref.id]
    (citation,) = study.highlights[troops].citations
    assert (citation.reference_id, citation.stance, citation.comment) == (
        ref.id, Stance.CONTRADICTS, "Cap is 5,200.")
    item = detail.evidence.list.item(0).text()
    assert item.startswith("▼ contradicts: DoD press briefing") and "Cap is 5,200." in item
    assert detail.evidence.title.text() == "Sources (1)"  # the card counts them
    # The suggestion is shown, the user's verdict is untouched.
    assert detail.verdict.suggestion.isVisibleTo(detail)
    assert "Sources suggest: ⚖ Disputed?" in detail.verdict.suggestion.text()
    assert study.highlights[troops].verdict is Verdict.UNVERIFIED

    # Set the verdict in the box and type a rationale: one undo step for the typing.
    combo = detail.verdict.combo
    combo.setCurrentIndex(combo.findData(Verdict.DISPUTED.value))
    combo.activated.emit(combo.currentIndex())
    ui.type_text(qtbot, detail.verdict.rationale, "Official figures were lower")
    h = study.highlights[troops]
    assert (h.verdict, h.rationale) == (Verdict.DISPUTED, "Official figures were lower")
    assert detail.verdict.suggestion.text() == ""  # agrees with the sources now
    assert detail.verdict.suggestion.isVisibleTo(detail)  # its line kept: no layout jump
    depth = win.session.undo_stack.count()
    ui.type_text(qtbot, detail.verdict.rationale, ".")
    assert win.session.undo_stack.count() == depth  # merged into the same step

    # Seen at a glance: the gutter, the list and the summary say it in words.
    (badge,) = win.reader.gutter.badges()
    assert (badge.symbol, badge.label) == ("⚖", "Disputed")
    assert "Official figures were lower." in badge.tooltip
    assert notes.list.model().index(0, 0).data(VERDICT_ROLE) == "disputed"
    assert "1 of 1 claim checked" in notes.summary.text()
    assert "⚖ Disputed 1" in notes.summary.text()

    # Undo: choosing the verdict and typing its reason were one step, then the reference
    # (created and attached in one step) goes; redo restores both.
    qtbot.keyClick(win.reader, Qt.Key.Key_Z, ui.CTRL)
    assert (h.verdict, h.rationale) == (Verdict.UNVERIFIED, "")
    assert h.citations
    qtbot.keyClick(win.reader, Qt.Key.Key_Z, ui.CTRL)
    assert h.citations == [] and study.references == {}
    assert len(study.highlights) == 1
    for _ in range(2):
        qtbot.keyClick(win.reader, Qt.Key.Key_Z, ui.CTRL | ui.SHIFT)
    assert (h.verdict, h.rationale) == (Verdict.DISPUTED, "Official figures were lower.")
    assert len(h.citations) == 1 and ref.id in study.references


def test_verdict_shortcut_and_menu(qtbot, window, seed_copy):
    win = window(seed_copy)
    hid = ui.highlight(qtbot, win, PRETENDED, 1)  # a claim: it takes a verdict
    qtbot.keyClick(win.reader, Qt.Key.Key_5, ui.CTRL | Qt.KeyboardModifier.AltModifier)
    assert win.session.study.highlights[hid].verdict is Verdict.OPINION
    qtbot.keyClick(win.reader, Qt.Key.Key_3, ui.CTRL | Qt.KeyboardModifier.AltModifier)
    assert win.session.study.highlights[hid].verdict is Verdict.FALSE
    qtbot.keyClick(win.reader, Qt.Key.Key_0, ui.CTRL | Qt.KeyboardModifier.AltModifier)
    assert win.session.study.highlights[hid].verdict is Verdict.UNVERIFIED
    menus = [a.text().replace("&", "") for a in win.menuBar().actions()]
    assert "Check" in menus


def test_one_reference_backs_several_highlights(qtbot, window, seed_copy):
    win = window(seed_copy)
    study = win.session.study
    troops = ui.highlight(qtbot, win, TROOPS, 1)
    ref = briefing()
    attach(qtbot, win, ui, AttachChoice(ref, True, Stance.CONTRADICTS, ""))
    ties = ui.highlight(qtbot, win, TIES, 1)
    attach(qtbot, win, ui, AttachChoice(study.references[ref.id], False, Stance.CONTEXT, "bg"))
    assert len(study.references) == 1
    uses = {h.id: c.stance for h, c in study.citations_of(ref.id)}
    assert uses == {troops: Stance.CONTRADICTS, ties: Stance.CONTEXT}
    panel = win.notes.references
    assert "cited by 2 highlights" in panel.items.list.item(0).text()

    # Edit the stance of one citation only.
    win.notes.select_highlight(ties)
    (cid,) = [c.id for c in study.highlights[ties].citations]
    win.prompts.script("edit_citation", (Stance.SUPPORTS, "now supports"))
    win.notes.card.evidence.list.setCurrentRow(0)
    qtbot.mouseClick(win.notes.card.evidence.edit, Qt.MouseButton.LeftButton)
    assert study.highlights[ties].citations[0].stance is Stance.SUPPORTS
    assert study.highlights[troops].citations[0].stance is Stance.CONTRADICTS
    assert win.prompts.dialog_calls[-1] == ("edit_citation", (ref.id, Stance.CONTEXT, "bg"))
    assert study.highlights[ties].citations[0].id == cid

    # Deleting it from the library asks first, naming where it is used; undo restores.
    panel.items.list.setCurrentRow(0)
    win.prompts.confirms.append(False)
    qtbot.mouseClick(panel.delete, Qt.MouseButton.LeftButton)
    assert ref.id in study.references
    _, message, _ = win.prompts.asked_confirm[-1]
    assert "attached to 2 highlights" in message and "the 9,000 troops" in message
    win.prompts.confirms.append(True)
    qtbot.mouseClick(panel.delete, Qt.MouseButton.LeftButton)
    assert study.references == {}
    assert all(not h.citations for h in study.highlights.values())
    assert panel.items.list.count() == 0
    win.session.undo_stack.undo()
    assert len(study.citations_of(ref.id)) == 2


def test_library_add_edit_and_find(qtbot, window, seed_copy):
    win = window(seed_copy)
    study, panel = win.session.study, win.notes.references
    ref = briefing()
    win.prompts.script("edit_reference", ref)
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    other = Reference(title="Reuters report", url="https://www.reuters.com/x")
    win.prompts.script("edit_reference", other)
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    assert [r.title for r in study.references.values()] == ["DoD press briefing",
                                                            "Reuters report"]
    qtbot.keyClicks(panel.find_edit, "reuters")
    visible = [panel.items.list.item(i).text() for i in range(panel.items.list.count())
               if not panel.items.list.item(i).isHidden()]
    assert len(visible) == 1 and visible[0].startswith("Reuters report")
    panel.find_edit.clear()

    panel.items.list.setCurrentRow(0)
    edited = replace(study.references[ref.id], title="DoD briefing, 8 March")
    win.prompts.script("edit_reference", edited)
    qtbot.mouseClick(panel.edit, Qt.MouseButton.LeftButton)
    assert study.references[ref.id].title == "DoD briefing, 8 March"
    assert study.references[ref.id].id == ref.id
    assert panel.items.list.item(0).text().startswith("DoD briefing, 8 March")
    win.session.undo_stack.undo()
    assert study.references[ref.id].title == "DoD press briefing"


def test_links_navigate_both_ways(qtbot, window, seed_copy):
    win = window(seed_copy, size=(1100, 420))
    study, links = win.session.study, win.notes.card.links
    ties = ui.highlight(qtbot, win, TIES, 1)
    pretended = ui.highlight(qtbot, win, PRETENDED, 4)
    win.notes.select_highlight(ties)
    win.prompts.script("choose_link", (pretended, Relation.ELABORATES))
    ui.press(qtbot, win.reader, Qt.Key.Key_L, ui.CTRL)
    (link,) = study.links.values()
    assert (link.source_id, link.target_id, link.relation) == (ties, pretended,
                                                               Relation.ELABORATES)
    assert links.list.item(0).text() == f"→ elaborates: “{PRETENDED}”"
    assert win.notes.card.links.title.text() == "Links (1)"

    # Go to the other end, and from there back: the link shows from both sides.
    links.list.setCurrentRow(0)
    qtbot.mouseClick(links.go, Qt.MouseButton.LeftButton)
    assert win.notes.current_id() == pretended
    assert win.reader.flashing
    assert links.list.item(0).text() == f"← elaborates: “{TIES}”"
    links.list.setCurrentRow(0)
    qtbot.mouseClick(links.go, Qt.MouseButton.LeftButton)
    assert win.notes.current_id() == ties

    # Deleting one end removes the link; undo brings both back.
    ui.press(qtbot, win.reader, Qt.Key.Key_Delete)
    assert study.links == {}
    win.session.undo_stack.undo()
    assert list(study.links) == [link.id]


def test_source_panel_records_the_publisher(qtbot, window, seed_copy):
    win = window(seed_copy)
    panel = win.notes.source
    ui.press(qtbot, win.reader, Qt.Key.Key_I, ui.CTRL | ui.SHIFT)
    assert win.notes.tabs.currentWidget() is panel
    qtbot.keyClicks(panel.publisher, "ncr-iran")
    qtbot.keyClicks(panel.stance, "Iranian opposition")
    panel.trust.setCurrentIndex(panel.trust.findData(Trust.MIXED.value))
    panel.trust.activated.emit(panel.trust.currentIndex())
    ui.type_text(qtbot, panel.notes.editor, "An advocacy outlet.")
    source = win.session.document.source
    assert (source.publisher, source.stance, source.trust, source.notes) == (
        "ncr-iran", "Iranian opposition", Trust.MIXED, "An advocacy outlet.")
    assert win.session.undo_stack.count() == 1  # one merged edit of the source notes
    win.session.undo_stack.undo()
    assert win.session.document.source.publisher == ""
    assert panel.publisher.text() == ""


def test_filters_by_verdict_and_category(qtbot, window, seed_copy):
    win = window(seed_copy)
    notes = win.notes
    troops = ui.highlight(qtbot, win, TROOPS, 1)
    ui.highlight(qtbot, win, TIES, 1)
    quote = ui.highlight(qtbot, win, "Nujaba's leader", 3)
    win.notes.select_highlight(troops)
    qtbot.keyClick(win.reader, Qt.Key.Key_2, ui.CTRL | Qt.KeyboardModifier.AltModifier)
    combo = notes.verdict_filter
    combo.setCurrentIndex(combo.findData(Verdict.DISPUTED.value))
    combo.activated.emit(combo.currentIndex())
    assert [r["id"] for r in ui.rows(win)] == [troops]
    assert "Showing 1 of 3" in notes.summary.text()
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    cat = notes.category_filter
    cat.setCurrentIndex(cat.findData("quote"))
    cat.activated.emit(cat.currentIndex())
    assert [r["id"] for r in ui.rows(win)] == [quote]
    # Clicking a hidden highlight in the text clears the filters to show it.
    qtbot.mouseClick(win.reader.viewport(), Qt.MouseButton.LeftButton,
                     pos=ui.point_at(win, ui.span(win, TROOPS)[0] + 3))
    assert notes.current_id() == troops
    assert len(ui.rows(win)) == 3


def test_reference_links_open_only_web_addresses(qtbot, window, seed_copy, monkeypatch):
    win = window(seed_copy)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    panel = win.notes.references
    for url in ("javascript:alert(1)", "file:///etc/passwd"):
        win.session.execute(AddReference(Reference(title="bad", url=url)))
        panel.items.list.setCurrentRow(panel.items.list.count() - 1)
        qtbot.mouseClick(panel.open, Qt.MouseButton.LeftButton)
        title, message = win.prompts.errors[-1]
        assert title == "Link not opened" and url in message
    assert opened == []
    good = "https://www.defense.gov/News/Transcripts/?id=1&x=2"
    win.session.execute(AddReference(Reference(title="good", url=good)))
    panel.items.list.setCurrentRow(panel.items.list.count() - 1)
    win.prompts.confirms.extend([False, True])
    qtbot.mouseClick(panel.open, Qt.MouseButton.LeftButton)
    assert opened == []
    assert good in win.prompts.asked_confirm[-1][1]  # the full address is shown
    qtbot.mouseClick(panel.open, Qt.MouseButton.LeftButton)
    assert opened == [QUrl(good)]


def test_cross_checks_survive_save_and_reopen(qtbot, window, seed_copy, tmp_path):
    win = window(seed_copy)
    study = win.session.study
    troops = ui.highlight(qtbot, win, TROOPS, 1)
    ref = briefing()
    attach(qtbot, win, ui, AttachChoice(ref, True, Stance.CONTRADICTS, "lower"))
    qtbot.keyClick(win.reader, Qt.Key.Key_2, ui.CTRL | Qt.KeyboardModifier.AltModifier)
    ties = ui.highlight(qtbot, win, TIES, 1)
    win.prompts.script("choose_link", (troops, Relation.SEE_ALSO))
    ui.press(qtbot, win.reader, Qt.Key.Key_L, ui.CTRL)
    qtbot.keyClicks(win.notes.source.publisher, "ncr-iran")
    target = tmp_path / "checked.crosslight"
    win.prompts.save_paths.append(target)
    ui.press(qtbot, win.reader, Qt.Key.Key_S, ui.CTRL)
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == VERSION
    before = (
        {r.id: r for r in study.references.values()},
        {h.id: (h.verdict, h.rationale, h.citations) for h in study.highlights.values()},
        {k.id: k for k in study.links.values()},
        win.session.document.source,
    )
    win.close()

    again = window(target)
    s2 = again.session.study
    after = (
        dict(s2.references),
        {h.id: (h.verdict, h.rationale, h.citations) for h in s2.highlights.values()},
        dict(s2.links),
        again.session.document.source,
    )
    assert after == before
    assert again.session.document.source.publisher == "ncr-iran"
    again.notes.select_highlight(ties)
    assert again.notes.card.links.list.item(0).text().startswith("→ see also")
    assert [b.label for b in again.reader.gutter.badges()] == ["Disputed", "Unverified"]


def test_version_1_study_opens_and_saves_as_current(qtbot, window, tmp_path):
    fixture = tmp_path / "old.crosslight"
    shutil.copyfile(ui.REPO / "tests" / "storage" / "fixtures" / "study-v1.crosslight", fixture)
    win = window(fixture)
    study = win.session.study
    assert len(study.highlights) == 2 and study.references == {}
    assert all(h.verdict is Verdict.UNVERIFIED for h in study.highlights.values())
    assert win.prompts.errors == []
    ui.press(qtbot, win.reader, Qt.Key.Key_S, ui.CTRL)
    assert json.loads(fixture.read_text(encoding="utf-8"))["version"] == VERSION


def test_source_panel_offers_the_source_the_text_names(qtbot, window, seed_copy):
    win = window(seed_copy)
    panel = win.notes.source
    ui.click_tab(qtbot, win.notes.tabs, "Source")
    assert panel.use_named.isVisible()
    assert "“ncr-iran”" in panel.use_named.text()
    qtbot.mouseClick(panel.use_named, Qt.MouseButton.LeftButton)
    assert win.session.document.source.publisher == "ncr-iran"
    assert panel.publisher.text() == "ncr-iran"
    assert not panel.use_named.isVisible()
    win.session.undo_stack.undo()
    assert panel.use_named.isVisible()


def test_named_source_patterns():
    from desktop.ui.notes.source_panel import named_source

    assert named_source("Title\n\nSource » ncr-iran\nBody") == "ncr-iran"
    assert named_source("Title\nsource: Reuters \n") == "Reuters"
    assert named_source("Title\nNo source line here.\nThe source of power is...") is None
