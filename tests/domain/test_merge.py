"""Three-way merge of two copies of one study (``domain.merge``).

Two copies are made of one saved study, each edited by a different person with the
app's own commands, saved and read again (as files travel), then merged. Property tests
generate the edits: every change made on one side only survives, every object changed
on both sides is listed as a conflict, merging A into B equals merging B into A up to
conflict choices, and merging the same copy twice adds nothing.
"""

from __future__ import annotations

import re
from functools import cache

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.commands import AddHighlight, DeleteHighlight, SetHighlightNote, SetStudyNote
from desktop.domain.crosscheck import Relation, Stance, Verdict
from desktop.domain.crosscheck_commands import (
    AddLink,
    AddReference,
    AttachReference,
    DeleteLink,
    DeleteReference,
    EditReference,
    SetVerdict,
)
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.identity import Person
from desktop.domain.merge import (
    BOTH,
    MINE,
    THEIRS,
    MergeRefusedError,
    content_equal,
    merge_studies,
)
from desktop.domain.model import Citation, Document, Link, Reference
from desktop.domain.revisions import content_rev
from desktop.domain.stamping import Stamped
from desktop.storage.saving import encode_study
from desktop.storage.studyfile import study_from_json

TEXT = " ".join(f"word{i}" for i in range(60))
ANNA, BEN = Person("Anna"), Person("Ben")


def through_file(study):
    """A copy as a file carries it: saved (revisions stamped) and read back."""
    return study_from_json(orjson.loads(encode_study(study)), "copy").study


def base_study():
    doc = Document(text=TEXT, title="Doc", id="d-1")
    study = new_study_for(doc)
    for i in range(6):
        start = TEXT.index(f"word{i * 5} ")
        h = make_highlight(doc, start, start + len(f"word{i * 5}"), "claim")
        h.id, h.note = f"h-{i}", f"base note {i}"
        study.highlights[h.id] = h
    for i in range(3):
        study.references[f"r-{i}"] = Reference(title=f"Ref {i}", id=f"r-{i}")
    study.highlights["h-0"].citations.append(Citation("r-0", Stance.SUPPORTS, id="c-0"))
    study.links["l-0"] = Link("h-0", "h-1", Relation.SEE_ALSO, id="l-0")
    return through_file(study)


def run(study, command, person):
    Stamped(command, person).apply(study)


# --- edits, as the app makes them ---------------------------------------------------
def edit(study, op, person, tag):
    """Apply one generated edit; return (kind, id) of the object it touched, or None."""
    kind, n = op
    hids = sorted(study.highlights)
    if kind == "note" and hids:
        hid = hids[n % len(hids)]
        run(study, SetHighlightNote(hid, f"{tag} note {n}"), person)
        return ("highlight", hid)
    if kind == "verdict" and hids:
        hid = hids[n % len(hids)]
        run(study, SetVerdict(hid, list(Verdict)[1 + n % 5], f"{tag} {n}"), person)
        return ("highlight", hid)
    if kind == "add":
        doc = next(iter(study.documents.values()))
        words = [m.start() for m in re.finditer(r"\w{4,}", doc.text[:4000])]
        start = words[n % len(words)]
        h = make_highlight(doc, start, start + 4, "evidence")
        run(study, AddHighlight(h), person)
        return ("highlight", h.id)
    if kind == "delete" and hids:
        hid = hids[n % len(hids)]
        run(study, DeleteHighlight(hid), person)
        return ("highlight", hid)
    if kind == "reference":
        rid = sorted(study.references)[n % len(study.references)] if study.references else None
        if rid is None:
            return None
        from dataclasses import replace

        run(study, EditReference(replace(study.references[rid], title=f"{tag} {n}")), person)
        return ("reference", rid)
    if kind == "new-reference":
        ref = Reference(title=f"{tag} new {n}")
        run(study, AddReference(ref), person)
        return ("reference", ref.id)
    if kind == "cite" and hids and study.references:
        hid = hids[n % len(hids)]
        rid = sorted(study.references)[n % len(study.references)]
        citation = Citation(rid, Stance.CONTEXT)
        run(study, AttachReference(hid, citation), person)
        return ("citation", citation.id)
    if kind == "link" and len(hids) > 1:
        a, b = hids[n % len(hids)], hids[(n + 1) % len(hids)]
        run(study, AddLink(Link(a, b, Relation.ELABORATES)), person)
        return ("link", None)
    if kind == "unlink" and study.links:
        run(study, DeleteLink(sorted(study.links)[0]), person)
        return ("link", None)
    if kind == "study-note":
        run(study, SetStudyNote(f"{tag} study note {n}"), person)
        return ("study note", study.id)
    if kind == "delete-reference" and study.references:
        rid = sorted(study.references)[n % len(study.references)]
        run(study, DeleteReference(rid), person)
        return ("reference", rid)
    return None


OPS = st.lists(
    st.tuples(st.sampled_from(["note", "verdict", "add", "delete", "reference", "new-reference",
                               "cite", "link", "unlink", "delete-reference", "study-note"]),
              st.integers(0, 40)),
    max_size=6,
)


def edited_copy(base, ops, person, tag):
    copy_ = through_file(base)
    touched = set()
    for op in ops:
        got = edit(copy_, op, person, tag)
        if got is not None and got[1] is not None:
            touched.add(got)
    return through_file(copy_), touched


def snapshot(study):
    return {("highlight", i): content_rev(h) for i, h in study.highlights.items()} | {
        ("reference", i): content_rev(r) for i, r in study.references.items()} | {
        ("study note", study.id): study.note}


def take_theirs(_c):
    return THEIRS


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS, OPS)
def test_property_one_sided_changes_survive_and_two_sided_ones_are_listed(ops_a, ops_b):
    check_two_copies(base_study(), ops_a, ops_b)


@cache
def _sample_file() -> bytes:
    from desktop.cli import SAMPLE_DOCUMENT
    from desktop.domain.sample_study import build_sample_study
    from desktop.storage.documents import load_document

    return encode_study(build_sample_study(load_document(SAMPLE_DOCUMENT)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS, OPS)
def test_property_two_copies_of_the_sample_study(ops_a, ops_b):
    """The issue's own case: the bundled sample study, worked through, then copied to
    two people who each edit it."""
    check_two_copies(study_from_json(orjson.loads(_sample_file()), "sample").study,
                     ops_a, ops_b)


def check_two_copies(base, ops_a, ops_b):
    a, touched_a = edited_copy(base, ops_a, ANNA, "anna")
    b, touched_b = edited_copy(base, ops_b, BEN, "ben")
    result = merge_studies(a, b)
    merged = result.study
    snap_base, snap_a, snap_b = snapshot(base), snapshot(a), snapshot(b)
    snap_m = snapshot(merged)
    conflicted = {c.key for c in result.conflicts}
    for key in set(snap_base) | set(snap_a) | set(snap_b):
        in_a, in_b = snap_a.get(key), snap_b.get(key)
        if key in conflicted:
            continue
        if key in touched_a and key not in touched_b:
            if in_a is not None:
                if key[0] == "reference" and key not in snap_m:
                    pytest.fail(f"{key} edited in A lost")
                assert snap_m.get(key) == in_a or key[0] == "reference", key
            elif key in snap_base and key not in touched_b:
                assert key not in snap_m, f"{key} deleted in A came back"
        elif key in touched_b and key not in touched_a:
            if in_b is not None:
                assert snap_m.get(key) == in_b or key[0] == "reference", key
            elif key in snap_base:
                # Deleted in B: gone, unless A still needs it (a reference cited in A).
                assert key not in snap_m or key[0] == "reference", f"{key} deleted in B came back"
        elif key not in touched_a and key not in touched_b:
            assert snap_m.get(key) == snap_base.get(key), key
        elif in_a != in_b:  # touched on both sides, ending different
            pytest.fail(f"{key} changed on both sides but not listed as a conflict")
    # No orphans: every citation has its reference, every link both ends.
    for h in merged.highlights.values():
        assert all(c.reference_id in merged.references for c in h.citations)
    for link in merged.links.values():
        assert link.source_id in merged.highlights and link.target_id in merged.highlights
    # Either order gives the same study, up to which side each conflict kept.
    other = merge_studies(b, a, take_theirs)
    assert {c.key for c in other.conflicts} == conflicted
    assert content_equal(merged, other.study)
    # Merging the same copy again adds nothing.
    again = merge_studies(through_file(merged), b)
    assert again.nothing_new, again.report()
    assert content_equal(again.study, merged)


def test_a_different_study_is_refused():
    other = base_study()
    other.id = "s-other"
    with pytest.raises(MergeRefusedError, match="not two copies of one study"):
        merge_studies(base_study(), other)


def test_different_highlights_on_each_side_and_one_note_on_both():
    base = base_study()
    a, b = through_file(base), through_file(base)
    edit(a, ("add", 7), ANNA, "anna")
    edit(b, ("add", 9), BEN, "ben")
    run(a, SetHighlightNote("h-2", "Anna's view"), ANNA)
    run(b, SetHighlightNote("h-2", "Ben's view"), BEN)
    run(b, SetHighlightNote("h-3", "only Ben"), BEN)
    a, b = through_file(a), through_file(b)
    result = merge_studies(a, b)
    assert len(result.study.highlights) == 8
    assert result.study.highlights["h-3"].note == "only Ben"
    assert [c.key for c in result.conflicts] == [("highlight", "h-2")]
    conflict = result.conflicts[0]
    assert "Anna's view" in conflict.mine and "Ben's view" in conflict.theirs
    assert conflict.choices == (MINE, THEIRS, BOTH)
    assert result.study.highlights["h-2"].note == "Anna's view"  # mine by default
    both = merge_studies(a, b, lambda c: BOTH).study.highlights["h-2"].note
    assert "Anna's view" in both and "Ben's view" in both
    assert merge_studies(a, b, take_theirs).study.highlights["h-2"].note == "Ben's view"
    assert result.added == {"highlight": [h for h in b.highlights if h not in base.highlights]}
    assert result.changed == {"highlight": ["h-3"]}


def test_deleted_on_one_side_edited_on_the_other_is_a_conflict():
    base = base_study()
    a, b = through_file(base), through_file(base)
    run(a, DeleteHighlight("h-1"), ANNA)  # the link l-0 goes with it
    run(b, SetHighlightNote("h-1", "Ben kept working on it"), BEN)
    result = merge_studies(through_file(a), through_file(b))
    assert ("highlight", "h-1") in {c.key for c in result.conflicts}
    assert "h-1" not in result.study.highlights  # mine (deleted) by default
    assert "l-0" not in result.study.links  # and no link is left dangling
    kept = merge_studies(through_file(a), through_file(b), take_theirs).study
    assert kept.highlights["h-1"].note == "Ben kept working on it"


def test_deleted_on_one_side_untouched_on_the_other_stays_deleted():
    base = base_study()
    a = through_file(base)
    run(a, DeleteHighlight("h-4"), ANNA)
    merged = merge_studies(through_file(base), through_file(a))
    assert "h-4" not in merged.study.highlights and merged.clean
    assert merged.deleted == {"highlight": ["h-4"]}


def test_verdicts_of_two_reviewers_are_both_kept():
    base = base_study()
    a, b = through_file(base), through_file(base)
    run(a, SetVerdict("h-0", Verdict.FALSE, "no"), ANNA)
    run(b, SetVerdict("h-0", Verdict.FALSE, "no"), BEN)
    result = merge_studies(through_file(a), through_file(b))
    reviews = result.study.highlights["h-0"].reviews
    assert sorted(r.by.name for r in reviews) == ["Anna", "Ben"]


def test_study_note_changed_on_one_side_merges_silently():
    base = base_study()
    b = through_file(base)
    run(b, SetStudyNote("Ben's summary"), BEN)
    result = merge_studies(through_file(base), through_file(b))
    assert result.study.note == "Ben's summary" and result.clean


def test_differing_document_texts_are_reported():
    base = base_study()
    b = through_file(base)
    b.documents["d-1"].text = TEXT.replace("word3 ", "WORD3 ")
    result = merge_studies(through_file(base), b)
    assert [(c.kind, c.field) for c in result.conflicts] == [("document", "text differs")]
    taken = merge_studies(through_file(base), b, take_theirs).study
    assert taken.documents["d-1"].text == b.documents["d-1"].text
    assert taken.documents["d-1"].versions[-1].text == TEXT  # kept, as a new version does


def test_crlf_file_from_another_platform_merges(tmp_path):
    base = base_study()
    raw = encode_study(base).replace(b"\n", b"\r\n")
    other = study_from_json(orjson.loads(raw), "windows copy").study
    assert merge_studies(base, other).nothing_new


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS, OPS, OPS)
def test_property_three_copies_in_any_order_agree_when_nothing_conflicts(ops_a, ops_b, ops_c):
    base = base_study()
    a, _ = edited_copy(base, ops_a, ANNA, "anna")
    b, _ = edited_copy(base, ops_b, BEN, "ben")
    c, _ = edited_copy(base, ops_c, Person("Cleo"), "cleo")
    ab = merge_studies(a, b)
    abc = merge_studies(through_file(ab.study), c)
    ac = merge_studies(a, c)
    acb = merge_studies(through_file(ac.study), b)
    if ab.clean and abc.clean and ac.clean and acb.clean:
        assert content_equal(abc.study, acb.study)


def test_document_details_changed_on_one_side_merge_and_on_both_conflict():
    from desktop.domain.crosscheck_commands import SetDocumentMetadata

    base = base_study()
    a, b = through_file(base), through_file(base)
    run(b, SetDocumentMetadata("d-1", "https://news.example/a", "Ben's author", "2017-03-09"),
        BEN)
    result = merge_studies(through_file(a), through_file(b))
    assert result.clean and result.study.documents["d-1"].author == "Ben's author"
    run(a, SetDocumentMetadata("d-1", "", "Anna's author", ""), ANNA)
    result = merge_studies(through_file(a), through_file(b))
    assert [(c.kind, c.id) for c in result.conflicts] == [("document", "d-1")]
    assert result.study.documents["d-1"].author == "Anna's author"
    again = merge_studies(through_file(result.study), through_file(b))
    assert again.nothing_new


def test_a_quotation_in_a_conflict_is_quoted_once():
    from desktop.domain.merge import _describe_highlight

    doc = Document(text='He said "We stay," and left.', title="Doc", id="d-1")
    start = doc.text.index('"We')
    h = make_highlight(doc, start, start + len('"We stay,"'), "quote")
    assert _describe_highlight(h).startswith("“We stay,” (quote)")


def test_a_copy_from_another_platform_merges_both_ways(tmp_path):
    """Ben's copy was saved on Windows: CRLF line ends in the file and in his note, his
    own path to the document. It merges both ways, cleanly, and nothing is lost."""
    from dataclasses import replace

    from desktop.merge_cli import run as merge_files
    from desktop.storage.studyfile import load_study

    base = base_study()
    ben = through_file(base)
    run(ben, SetHighlightNote("h-2", "line one\r\nline two"), BEN)
    document = ben.documents["d-1"]
    ben.documents["d-1"] = replace(document, source_path="C:\\Users\\Ben\\Documents\\doc.txt")
    anna = through_file(base)
    anna.documents["d-1"] = replace(anna.documents["d-1"], source_path="/home/anna/doc.txt")
    run(anna, SetHighlightNote("h-3", "Anna's"), ANNA)
    mine, theirs = tmp_path / "anna.crosslight", tmp_path / "ben.crosslight"
    mine.write_bytes(encode_study(anna))
    theirs.write_bytes(encode_study(ben).replace(b"\n", b"\r\n"))
    out_ab, out_ba = tmp_path / "ab.crosslight", tmp_path / "ba.crosslight"
    assert merge_files(mine, theirs, out_ab, quiet=True) == 0
    assert merge_files(theirs, mine, out_ba, quiet=True) == 0
    ab, ba = load_study(out_ab).study, load_study(out_ba).study
    assert ab.highlights["h-2"].note == "line one\r\nline two"
    assert ab.highlights["h-3"].note == "Anna's"
    assert content_equal(ab, ba)
    assert ab.documents["d-1"].source_path == "/home/anna/doc.txt"  # each keeps its own


def test_the_same_passage_highlighted_by_two_people_keeps_both():
    """Different names, the same words: neither highlight is dropped as a duplicate."""
    base = base_study()
    anna, ben = through_file(base), through_file(base)
    start = TEXT.index("word7 ")
    for copy_, person in ((anna, ANNA), (ben, BEN)):
        run(copy_, AddHighlight(make_highlight(copy_.documents["d-1"], start, start + 5,
                                               "claim")), person)
    merged = merge_studies(through_file(anna), through_file(ben)).study
    mine = [h for h in merged.highlights.values() if h.start == start]
    assert sorted(h.creator.name for h in mine) == ["Anna", "Ben"]
