"""Undoable links between highlights: add and delete links, deleting a highlight takes its
links along and undo brings them back, and the `links_of` / `Link.other_end` queries."""

import pytest

from desktop.domain.changes import ChangeSet
from desktop.domain.commands import DeleteHighlight
from desktop.domain.crosscheck import Relation, Verdict
from desktop.domain.crosscheck_commands import AddLink, DeleteLink
from desktop.domain.model import Link
from tests.domain.crosscheck_helpers import Snapshot, assert_same, cite_ids

# -- AddLink / DeleteLink -------------------------------------------------------------------

@pytest.mark.parametrize("relation", list(Relation))
def test_add_link_apply_revert_apply(study, relation):
    before = Snapshot(study)
    link = Link("h-theta", "h-beta", relation, id="l-new")
    cmd = AddLink(link)
    expected = ChangeSet(links_changed=True, highlights_changed={"h-theta", "h-beta"})
    assert cmd.apply(study) == expected
    assert list(study.links) == ["l-1", "l-2", "l-3", "l-4", "l-new"]
    assert study.links["l-new"] is link
    assert link in study.links_of("h-beta") and link in study.links_of("h-theta")
    after = Snapshot(study)
    assert cmd.revert(study) == expected
    assert_same(study, before)
    assert cmd.apply(study) == expected
    assert_same(study, after)


def test_add_link_to_itself_raises(study):
    before = Snapshot(study)
    with pytest.raises(ValueError, match="itself"):
        AddLink(Link("h-beta", "h-beta", id="l-self")).apply(study)
    assert_same(study, before)


@pytest.mark.parametrize(
    ("source", "target"),
    [("h-beta", "h-missing"), ("h-missing", "h-beta"), ("h-gone", "h-missing")],
)
def test_add_link_to_missing_highlight_raises(study, source, target):
    before = Snapshot(study)
    with pytest.raises(ValueError, match="two existing highlights"):
        AddLink(Link(source, target, id="l-bad")).apply(study)
    assert_same(study, before)


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_delete_link_apply_revert_apply(study, index):
    before = Snapshot(study)
    lid = list(study.links)[index]
    link = study.links[lid]
    cmd = DeleteLink(lid)
    expected = ChangeSet(links_changed=True, highlights_changed={link.source_id, link.target_id})
    assert cmd.apply(study) == expected
    assert list(study.links) == [k for k in before.orders["links"] if k != lid]
    after = Snapshot(study)
    assert cmd.revert(study) == expected
    assert_same(study, before)
    assert study.links[lid] is link
    assert cmd.apply(study) == expected
    assert_same(study, after)


# -- DeleteHighlight and links --------------------------------------------------------------

@pytest.mark.parametrize(
    ("victim", "gone_links", "neighbours"),
    [
        ("h-beta", ["l-1", "l-3"], {"h-delta", "h-zeta"}),
        ("h-delta", ["l-1", "l-2"], {"h-beta", "h-zeta"}),
        ("h-zeta", ["l-2", "l-3", "l-4"], {"h-delta", "h-beta", "h-theta"}),
        ("h-theta", ["l-4"], {"h-zeta"}),
    ],
)
def test_delete_highlight_removes_and_restores_its_links(study, victim, gone_links, neighbours):
    before = Snapshot(study)
    links = dict(study.links)
    cited = {c.reference_id for c in study.highlights[victim].citations}
    cmd = DeleteHighlight(victim)
    changes = cmd.apply(study)
    assert changes == ChangeSet(
        highlights_removed={victim}, highlights_changed=neighbours, links_changed=True,
        references_changed=cited,
    )
    assert victim not in study.highlights
    assert list(study.links) == [k for k in links if k not in gone_links]
    assert study.links_of(victim) == []
    for link in study.links.values():  # no link is left dangling
        assert link.source_id in study.highlights and link.target_id in study.highlights
    for rid in cited:  # its citations no longer count as uses
        assert all(h.id != victim for h, _ in study.citations_of(rid))
    after = Snapshot(study)
    changes = cmd.revert(study)
    assert changes == ChangeSet(
        highlights_added={victim}, highlights_changed=neighbours, links_changed=True,
        references_changed=cited,
    )
    assert_same(study, before)
    assert list(study.links) == ["l-1", "l-2", "l-3", "l-4"]
    for lid, link in links.items():
        assert study.links[lid] is link
    cmd.apply(study)
    assert_same(study, after)
    cmd.revert(study)
    assert_same(study, before)


def test_delete_highlight_without_links_reports_no_link_change(study):
    DeleteLink("l-4").apply(study)
    before = Snapshot(study)
    cmd = DeleteHighlight("h-theta")
    assert cmd.apply(study) == ChangeSet(highlights_removed={"h-theta"})
    assert cmd.revert(study) == ChangeSet(highlights_added={"h-theta"})
    assert_same(study, before)


def test_delete_linked_highlights_in_turn_and_undo_in_reverse(study):
    before = Snapshot(study)
    first, second = DeleteHighlight("h-zeta"), DeleteHighlight("h-beta")
    first.apply(study)
    assert list(study.links) == ["l-1"]
    second.apply(study)
    assert study.links == {}
    second.revert(study)
    assert list(study.links) == ["l-1"]
    first.revert(study)
    assert_same(study, before)


def test_delete_highlight_keeps_verdict_and_citations_for_undo(study):
    cmd = DeleteHighlight("h-delta")
    cmd.apply(study)
    assert [h.id for h, _ in study.citations_of("r-b")] == ["h-beta", "h-zeta", "h-zeta"]
    cmd.revert(study)
    h = study.highlights["h-delta"]
    assert (h.verdict, h.rationale) == (Verdict.DISPUTED, "two sources disagree")
    assert cite_ids(study, "h-delta") == ["c-delta-0", "c-delta-1"]
    assert [h.id for h, _ in study.citations_of("r-b")] == [
        "h-beta", "h-delta", "h-zeta", "h-zeta"]


def test_links_of_both_directions_in_link_order(study):
    assert [k.id for k in study.links_of("h-beta")] == ["l-1", "l-3"]  # source of 1, target of 3
    assert [k.id for k in study.links_of("h-delta")] == ["l-1", "l-2"]
    assert [k.id for k in study.links_of("h-zeta")] == ["l-2", "l-3", "l-4"]
    assert [k.id for k in study.links_of("h-theta")] == ["l-4"]
    assert study.links_of("h-missing") == []
    for link in study.links_of("h-zeta"):
        assert link is study.links[link.id]


def test_link_other_end():
    link = Link("h-a", "h-b", Relation.CONTRADICTS)
    assert link.other_end("h-a") == "h-b"
    assert link.other_end("h-b") == "h-a"


def test_link_other_end_from_every_neighbour(study):
    for hid in study.highlights:
        for link in study.links_of(hid):
            other = link.other_end(hid)
            assert other != hid
            assert {hid, other} == {link.source_id, link.target_id}
