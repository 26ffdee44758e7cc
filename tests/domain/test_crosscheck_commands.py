"""Undoable cross-checking edits: apply → revert → apply again leaves exact states."""

import copy
import dataclasses

import pytest

from desktop.domain.changes import ChangeSet
from desktop.domain.commands import DeleteHighlight
from desktop.domain.crosscheck import Relation, Stance, Trust, Verdict
from desktop.domain.crosscheck_commands import (
    AddLink,
    AddReference,
    AttachReference,
    DeleteLink,
    DeleteReference,
    DetachReference,
    EditCitation,
    EditReference,
    SetDocumentSource,
    SetVerdict,
)
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Citation, Document, Link, Reference, SourceAssessment

OLD = "2020-01-01T00:00:00Z"
TEXT = "Alpha beta gamma delta epsilon zeta eta theta iota kappa."
WORDS = ["beta", "delta", "zeta", "theta"]


def ref(rid, **fields):
    fields.setdefault("title", f"Title {rid}")
    return Reference(id=rid, created=OLD, modified=OLD, **fields)


@pytest.fixture
def study():
    """Four highlights h-beta..h-theta, three references, citations, and four links.

    h-beta  cites r-a (supports), r-b (contradicts), r-c (context)
    h-delta cites r-b (unclear), r-a (supports)
    h-zeta  cites r-b (supports, "again"), r-c (context), r-b (contradicts, "twice")
    h-theta cites nothing
    links: l-1 beta→delta, l-2 delta→zeta, l-3 zeta→beta, l-4 zeta→theta
    """
    doc = Document(text=TEXT, title="Greek", id="d-1")
    s = new_study_for(doc)
    for word in WORDS:
        start = TEXT.index(word)
        h = make_highlight(doc, start, start + len(word), "claim")
        h.id = f"h-{word}"
        h.modified = OLD
        h.note = f"note on {word}"
        s.highlights[h.id] = h
    s.references = {
        "r-a": ref("r-a", url="https://a.example/", author="A"),
        "r-b": ref("r-b", url="https://b.example/", excerpt="b excerpt"),
        "r-c": ref("r-c", note="c note"),
    }
    cites = {
        "h-beta": [("r-a", Stance.SUPPORTS, "a on beta"), ("r-b", Stance.CONTRADICTS, "b on beta"),
                   ("r-c", Stance.CONTEXT, "")],
        "h-delta": [("r-b", Stance.UNCLEAR, "b on delta"), ("r-a", Stance.SUPPORTS, "")],
        "h-zeta": [("r-b", Stance.SUPPORTS, "again"), ("r-c", Stance.CONTEXT, "c on zeta"),
                   ("r-b", Stance.CONTRADICTS, "twice")],
    }
    for hid, items in cites.items():
        s.highlights[hid].citations = [
            Citation(rid, stance, comment, id=f"c-{hid[2:]}-{i}")
            for i, (rid, stance, comment) in enumerate(items)
        ]
    for i, (a, b, rel) in enumerate(
        [("beta", "delta", Relation.SAME_CLAIM), ("delta", "zeta", Relation.CONTRADICTS),
         ("zeta", "beta", Relation.ELABORATES), ("zeta", "theta", Relation.SEE_ALSO)],
        start=1,
    ):
        s.links[f"l-{i}"] = Link(f"h-{a}", f"h-{b}", rel, id=f"l-{i}")
    s.highlights["h-delta"].verdict = Verdict.DISPUTED
    s.highlights["h-delta"].rationale = "two sources disagree"
    return s


def orders(study):
    """Every ordering dict equality ignores: library, links, highlights, citations."""
    return {
        "references": list(study.references),
        "links": list(study.links),
        "highlights": list(study.highlights),
        "citations": {h.id: [c.id for c in h.citations] for h in study.highlights.values()},
    }


class Snapshot:
    def __init__(self, study):
        self.data = dataclasses.asdict(study)
        self.orders = orders(study)


def assert_same(study, snap):
    assert orders(study) == snap.orders
    assert dataclasses.asdict(study) == snap.data


def cite_ids(study, hid):
    return [c.id for c in study.highlights[hid].citations]


# -- AddReference ---------------------------------------------------------------------------

def test_add_reference_apply_revert_apply(study):
    before = Snapshot(study)
    new = ref("r-new", url="https://new.example/", title="Новый 😀")
    cmd = AddReference(new)
    assert cmd.apply(study) == ChangeSet(references_changed={"r-new"})
    assert list(study.references) == ["r-a", "r-b", "r-c", "r-new"]
    assert study.references["r-new"] is new
    assert study.citations_of("r-new") == []
    after = Snapshot(study)
    assert cmd.revert(study) == ChangeSet(references_changed={"r-new"})
    assert_same(study, before)
    assert cmd.apply(study) == ChangeSet(references_changed={"r-new"})
    assert_same(study, after)
    assert study.references["r-new"] is new


def test_add_reference_duplicate_id_raises_and_changes_nothing(study):
    before = Snapshot(study)
    with pytest.raises(ValueError, match="duplicate reference id r-b"):
        AddReference(ref("r-b", title="impostor")).apply(study)
    assert_same(study, before)
    assert study.references["r-b"].title == "Title r-b"


# -- EditReference --------------------------------------------------------------------------

EDITED_FIELDS = dict(
    url="https://example.org/آزمون?q=😀",
    title="گزارش «نجبا» 😀",
    author="Ζωή Δ.",
    published="2024-02-29",
    accessed="2026-11-20",
    excerpt="“9,000 troops” — line one\nline two",
    note="**why** it matters",
)


def test_edit_reference_keeps_id_and_revert_restores_all_fields(study):
    original = dataclasses.asdict(study.references["r-b"])
    before = Snapshot(study)
    edited = Reference(id="r-b", created=OLD, modified=OLD, **EDITED_FIELDS)
    cmd = EditReference(edited)
    changes = cmd.apply(study)
    assert changes == ChangeSet(
        references_changed={"r-b"}, highlights_changed={"h-beta", "h-delta", "h-zeta"}
    )
    stored = study.references["r-b"]
    assert stored.id == "r-b"
    for name, value in EDITED_FIELDS.items():
        assert getattr(stored, name) == value, name
    assert stored.created == OLD
    assert stored.modified != OLD  # the edit time is recorded
    assert list(study.references) == ["r-a", "r-b", "r-c"]  # stays in place in the library
    assert edited.modified == OLD  # the command's own value is not mutated
    # citations still point at the same id, so every user sees the new title
    assert [h.id for h, _ in study.citations_of("r-b")] == ["h-beta", "h-delta", "h-zeta", "h-zeta"]
    assert cmd.revert(study) == ChangeSet(
        references_changed={"r-b"}, highlights_changed={"h-beta", "h-delta", "h-zeta"}
    )
    assert dataclasses.asdict(study.references["r-b"]) == original
    assert_same(study, before)
    cmd.apply(study)  # redo
    for name, value in EDITED_FIELDS.items():
        assert getattr(study.references["r-b"], name) == value, name
    assert study.references["r-b"].id == "r-b"
    cmd.apply(study)  # applied twice: the first old value is kept
    cmd.revert(study)
    assert dataclasses.asdict(study.references["r-b"]) == original
    assert_same(study, before)


def test_edit_reference_back_to_empty_fields(study):
    original = dataclasses.asdict(study.references["r-a"])
    cmd = EditReference(Reference(id="r-a", created=OLD))
    cmd.apply(study)
    r = study.references["r-a"]
    assert (r.url, r.title, r.author, r.note) == ("", "", "", "")
    assert r.display_title == "Untitled reference"
    cmd.revert(study)
    assert dataclasses.asdict(study.references["r-a"]) == original
    assert study.references["r-a"].display_title == "Title r-a"


def test_edit_uncited_reference_changes_no_highlight(study):
    new = ref("r-lonely")
    AddReference(new).apply(study)
    changes = EditReference(ref("r-lonely", title="x")).apply(study)
    assert changes == ChangeSet(references_changed={"r-lonely"})


def test_edit_unknown_reference_raises(study):
    before = Snapshot(study)
    with pytest.raises(KeyError):
        EditReference(ref("r-missing")).apply(study)
    assert_same(study, before)


# -- DeleteReference ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("rid", "users", "left"),
    [
        ("r-a", {"h-beta", "h-delta"},
         {"h-beta": ["c-beta-1", "c-beta-2"], "h-delta": ["c-delta-0"],
          "h-zeta": ["c-zeta-0", "c-zeta-1", "c-zeta-2"], "h-theta": []}),
        ("r-b", {"h-beta", "h-delta", "h-zeta"},
         {"h-beta": ["c-beta-0", "c-beta-2"], "h-delta": ["c-delta-1"],
          "h-zeta": ["c-zeta-1"], "h-theta": []}),
        ("r-c", {"h-beta", "h-zeta"},
         {"h-beta": ["c-beta-0", "c-beta-1"], "h-delta": ["c-delta-0", "c-delta-1"],
          "h-zeta": ["c-zeta-0", "c-zeta-2"], "h-theta": []}),
    ],
)
def test_delete_reference_everywhere_and_restore_in_place(study, rid, users, left):
    before = Snapshot(study)
    original_citations = {c.id: c for h in study.highlights.values() for c in h.citations}
    library = list(study.references)
    cmd = DeleteReference(rid)
    changes = cmd.apply(study)
    assert changes == ChangeSet(references_changed={rid}, highlights_changed=users)
    assert rid not in study.references
    assert list(study.references) == [r for r in library if r != rid]
    assert study.citations_of(rid) == []
    assert {h.id: cite_ids(study, h.id) for h in study.highlights.values()} == left
    after = Snapshot(study)
    assert cmd.revert(study) == ChangeSet(references_changed={rid}, highlights_changed=users)
    assert_same(study, before)  # reference at its library position, citations at their indices
    for h in study.highlights.values():
        for c in h.citations:
            assert c is original_citations[c.id]  # the very same objects come back
    assert cmd.apply(study) == ChangeSet(references_changed={rid}, highlights_changed=users)
    assert_same(study, after)
    cmd.revert(study)
    assert_same(study, before)


def test_delete_reference_cited_repeatedly_restores_exact_order(study):
    cited = [("x", "r-a"), ("y", "r-a"), ("z", "r-c"), ("w", "r-a"), ("v", "r-b")]
    study.highlights["h-theta"].citations = [Citation(r, id=f"c-{n}") for n, r in cited]
    before = Snapshot(study)
    cmd = DeleteReference("r-a")
    cmd.apply(study)
    assert cite_ids(study, "h-theta") == ["c-z", "c-v"]
    cmd.revert(study)
    assert cite_ids(study, "h-theta") == ["c-x", "c-y", "c-z", "c-w", "c-v"]
    assert_same(study, before)


def test_delete_uncited_reference(study):
    AddReference(ref("r-lonely")).apply(study)
    before = Snapshot(study)
    cmd = DeleteReference("r-lonely")
    assert cmd.apply(study) == ChangeSet(references_changed={"r-lonely"})
    assert list(study.references) == ["r-a", "r-b", "r-c"]
    assert cmd.revert(study) == ChangeSet(references_changed={"r-lonely"})
    assert_same(study, before)


def test_delete_reference_then_delete_another_undo_in_reverse(study):
    before = Snapshot(study)
    first, second = DeleteReference("r-b"), DeleteReference("r-a")
    first.apply(study)
    second.apply(study)
    assert list(study.references) == ["r-c"]
    assert cite_ids(study, "h-beta") == ["c-beta-2"]
    assert cite_ids(study, "h-delta") == []
    second.revert(study)
    first.revert(study)
    assert_same(study, before)


def test_delete_unknown_reference_raises(study):
    before = Snapshot(study)
    with pytest.raises(ValueError):
        DeleteReference("r-missing").apply(study)
    assert_same(study, before)


# -- AttachReference / DetachReference ------------------------------------------------------

def test_attach_reference_apply_revert_apply(study):
    before = Snapshot(study)
    citation = Citation("r-c", Stance.CONTRADICTS, "fresh", id="c-new")
    cmd = AttachReference("h-delta", citation)
    expected = ChangeSet(highlights_changed={"h-delta"}, references_changed={"r-c"})
    assert cmd.apply(study) == expected
    assert cite_ids(study, "h-delta") == ["c-delta-0", "c-delta-1", "c-new"]
    assert study.highlights["h-delta"].citations[-1] is citation
    after = Snapshot(study)
    assert cmd.revert(study) == expected
    assert_same(study, before)
    assert cmd.apply(study) == expected
    assert_same(study, after)


def test_attach_unknown_reference_raises_and_changes_nothing(study):
    before = Snapshot(study)
    cmd = AttachReference("h-theta", Citation("r-missing", Stance.SUPPORTS, id="c-x"))
    with pytest.raises(ValueError, match="unknown reference r-missing"):
        cmd.apply(study)
    assert_same(study, before)
    assert study.highlights["h-theta"].citations == []


def test_same_reference_on_two_highlights_with_own_stance_and_comment(study):
    AddReference(ref("r-new", title="Shared")).apply(study)
    on_beta = Citation("r-new", Stance.SUPPORTS, "backs the first", id="c-nb")
    on_theta = Citation("r-new", Stance.CONTRADICTS, "refutes the second", id="c-nt")
    AttachReference("h-beta", on_beta).apply(study)
    AttachReference("h-theta", on_theta).apply(study)
    uses = study.citations_of("r-new")
    assert [(h.id, c.id, c.stance, c.comment) for h, c in uses] == [
        ("h-beta", "c-nb", Stance.SUPPORTS, "backs the first"),
        ("h-theta", "c-nt", Stance.CONTRADICTS, "refutes the second"),
    ]
    assert uses[0][0] is study.highlights["h-beta"] and uses[0][1] is on_beta
    # editing one citation leaves the other alone
    edit = EditCitation("h-theta", "c-nt", Stance.CONTEXT, "only context")
    edit.apply(study)
    assert (on_theta.stance, on_theta.comment) == (Stance.CONTEXT, "only context")
    assert (on_beta.stance, on_beta.comment) == (Stance.SUPPORTS, "backs the first")
    edit.revert(study)
    assert (on_theta.stance, on_theta.comment) == (Stance.CONTRADICTS, "refutes the second")
    # detaching one keeps the other and the library entry
    detach = DetachReference("h-beta", "c-nb")
    detach.apply(study)
    assert [(h.id, c.id) for h, c in study.citations_of("r-new")] == [("h-theta", "c-nt")]
    assert "r-new" in study.references
    detach.revert(study)
    assert [(h.id, c.id) for h, c in study.citations_of("r-new")] == [
        ("h-beta", "c-nb"), ("h-theta", "c-nt")]
    # deleting the reference removes both, and undo returns both
    before = Snapshot(study)
    delete = DeleteReference("r-new")
    assert delete.apply(study) == ChangeSet(
        references_changed={"r-new"}, highlights_changed={"h-beta", "h-theta"})
    assert study.citations_of("r-new") == []
    assert cite_ids(study, "h-beta") == ["c-beta-0", "c-beta-1", "c-beta-2"]
    assert cite_ids(study, "h-theta") == []
    delete.revert(study)
    assert_same(study, before)


@pytest.mark.parametrize("index", [0, 1, 2])
def test_detach_reference_apply_revert_apply(study, index):
    before = Snapshot(study)
    ids = cite_ids(study, "h-zeta")
    victim = study.highlights["h-zeta"].citations[index]
    cmd = DetachReference("h-zeta", victim.id)
    expected = ChangeSet(highlights_changed={"h-zeta"}, references_changed={victim.reference_id})
    assert cmd.apply(study) == expected
    assert cite_ids(study, "h-zeta") == [c for c in ids if c != victim.id]
    after = Snapshot(study)
    assert cmd.revert(study) == expected
    assert_same(study, before)
    assert study.highlights["h-zeta"].citations[index] is victim
    assert cmd.apply(study) == expected
    assert_same(study, after)
    cmd.revert(study)
    assert_same(study, before)


def test_detach_changeset_names_the_reference(study):
    changes = DetachReference("h-beta", "c-beta-2").apply(study)
    assert changes.references_changed == {"r-c"}


# -- EditCitation ---------------------------------------------------------------------------

@pytest.mark.parametrize("stance", list(Stance))
def test_edit_citation_apply_revert_apply(study, stance):
    before = Snapshot(study)
    cmd = EditCitation("h-beta", "c-beta-1", stance, "new comment 😀")
    assert cmd.apply(study) == ChangeSet(highlights_changed={"h-beta"})
    c = study.highlights["h-beta"].citations[1]
    assert (c.id, c.reference_id, c.stance, c.comment) == (
        "c-beta-1", "r-b", stance, "new comment 😀")
    # the same reference cited elsewhere keeps its own stance and comment
    other = study.highlights["h-delta"].citations[0]
    assert (other.stance, other.comment) == (Stance.UNCLEAR, "b on delta")
    after = Snapshot(study)
    assert cmd.revert(study) == ChangeSet(highlights_changed={"h-beta"})
    assert_same(study, before)
    assert cmd.apply(study) == ChangeSet(highlights_changed={"h-beta"})
    assert_same(study, after)
    cmd.apply(study)  # twice: the original is kept, not the edited value
    cmd.revert(study)
    assert_same(study, before)


# -- SetVerdict -----------------------------------------------------------------------------

@pytest.mark.parametrize("verdict", list(Verdict))
def test_set_verdict_apply_revert_apply(study, verdict):
    before = Snapshot(study)
    cmd = SetVerdict("h-delta", verdict, f"because {verdict.value} ✔")
    assert cmd.apply(study) == ChangeSet(highlights_changed={"h-delta"})
    h = study.highlights["h-delta"]
    assert (h.verdict, h.rationale) == (verdict, f"because {verdict.value} ✔")
    after = Snapshot(study)
    assert cmd.revert(study) == ChangeSet(highlights_changed={"h-delta"})
    assert (h.verdict, h.rationale) == (Verdict.DISPUTED, "two sources disagree")
    assert_same(study, before)
    assert cmd.apply(study) == ChangeSet(highlights_changed={"h-delta"})
    assert_same(study, after)
    cmd.apply(study)
    cmd.revert(study)
    assert_same(study, before)


def test_set_verdict_on_unverified_highlight_reverts_to_unverified(study):
    h = study.highlights["h-theta"]
    assert (h.verdict, h.rationale) == (Verdict.UNVERIFIED, "")
    cmd = SetVerdict("h-theta", Verdict.FALSE, "the number is 5,000")
    cmd.apply(study)
    assert h.verdict.is_checked
    cmd.revert(study)
    assert (h.verdict, h.rationale) == (Verdict.UNVERIFIED, "")
    assert not h.verdict.is_checked


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


# -- queries: citations_of, links_of, Link.other_end ----------------------------------------

def test_citations_of(study):
    pairs = study.citations_of("r-b")
    assert [(h.id, c.id) for h, c in pairs] == [
        ("h-beta", "c-beta-1"), ("h-delta", "c-delta-0"),
        ("h-zeta", "c-zeta-0"), ("h-zeta", "c-zeta-2"),
    ]
    for h, c in pairs:
        assert h is study.highlights[h.id]
        assert c in h.citations and c.reference_id == "r-b"
    assert [(h.id, c.stance) for h, c in study.citations_of("r-a")] == [
        ("h-beta", Stance.SUPPORTS), ("h-delta", Stance.SUPPORTS)]
    assert study.citations_of("r-missing") == []
    AddReference(ref("r-lonely")).apply(study)
    assert study.citations_of("r-lonely") == []


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


def test_new_objects_get_distinct_prefixed_ids():
    a, b = Reference(), Reference()
    assert a.id != b.id and a.id.startswith("r-")
    assert Citation("r-1").id.startswith("c-")
    assert Citation("r-1").stance is Stance.UNCLEAR
    assert Link("h-1", "h-2").id.startswith("l-")
    assert Link("h-1", "h-2").relation is Relation.SEE_ALSO


def test_reference_display_title():
    assert Reference(title="T", url="https://u").display_title == "T"
    assert Reference(url="https://u").display_title == "https://u"
    assert Reference().display_title == "Untitled reference"


# -- SetDocumentSource ----------------------------------------------------------------------

@pytest.mark.parametrize("trust", list(Trust))
def test_set_document_source_apply_revert_apply(study, trust):
    doc = study.documents["d-1"]
    original = SourceAssessment("Old Press", "centre", Trust.MIXED, "old notes")
    doc.source = original
    before = Snapshot(study)
    new = SourceAssessment("خبرگزاری 😀", "state-run", trust, "funded by …")
    cmd = SetDocumentSource("d-1", new)
    assert cmd.apply(study) == ChangeSet(source_changed=True)
    assert doc.source == new
    assert doc.source.trust is trust
    assert doc.source is not new  # the study holds its own copy
    after = Snapshot(study)
    assert cmd.revert(study) == ChangeSet(source_changed=True)
    assert doc.source == SourceAssessment("Old Press", "centre", Trust.MIXED, "old notes")
    assert_same(study, before)
    assert cmd.apply(study) == ChangeSet(source_changed=True)
    assert_same(study, after)
    assert doc.source.trust is trust
    cmd.apply(study)
    cmd.revert(study)
    assert_same(study, before)


def test_set_document_source_from_empty_reverts_to_empty(study):
    doc = study.documents["d-1"]
    assert doc.source.is_empty
    cmd = SetDocumentSource("d-1", SourceAssessment(publisher="P", trust=Trust.HIGH))
    cmd.apply(study)
    assert not doc.source.is_empty
    cmd.apply(study)
    cmd.revert(study)
    assert doc.source == SourceAssessment()
    assert doc.source.is_empty
    assert doc.source.trust is Trust.UNKNOWN


def test_set_source_of_unknown_document_raises(study):
    before = Snapshot(study)
    with pytest.raises(KeyError):
        SetDocumentSource("d-missing", SourceAssessment(publisher="x")).apply(study)
    assert_same(study, before)


# -- a whole session: many commands undone in reverse order ---------------------------------

def test_many_commands_undone_in_reverse_restore_the_start(study):
    start = copy.deepcopy(study)
    start_orders = orders(study)
    commands = [
        AddReference(ref("r-new", title="new")),
        AttachReference("h-theta", Citation("r-new", Stance.SUPPORTS, "x", id="c-t")),
        EditCitation("h-beta", "c-beta-0", Stance.CONTRADICTS, "changed"),
        SetVerdict("h-beta", Verdict.MISLEADING, "cherry-picked"),
        AddLink(Link("h-theta", "h-delta", Relation.ELABORATES, id="l-5")),
        DeleteLink("l-2"),
        DeleteReference("r-a"),
        DetachReference("h-zeta", "c-zeta-1"),
        EditReference(ref("r-b", title="renamed")),
        SetDocumentSource("d-1", SourceAssessment("P", "S", Trust.LOW, "N")),
        DeleteHighlight("h-delta"),
        DeleteReference("r-new"),
    ]
    for cmd in commands:
        cmd.apply(study)
    end = Snapshot(study)
    assert "h-delta" not in study.highlights
    assert list(study.links) == ["l-3", "l-4"]
    assert list(study.references) == ["r-b", "r-c"]
    for cmd in reversed(commands):
        cmd.revert(study)
    assert study == start
    assert orders(study) == start_orders
    for cmd in commands:  # redo everything
        cmd.apply(study)
    assert_same(study, end)
