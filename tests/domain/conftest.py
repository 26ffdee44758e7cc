"""Fixtures for the domain tests: the cross-checking sample study of the test_crosscheck_* modules.

Modules that define their own `study` fixture (test_commands, test_search, test_tags) override it.
"""

import pytest

from desktop.domain.crosscheck import Relation, Stance, Verdict
from desktop.domain.model import Citation, Document, Link
from tests.builders import study_with
from tests.domain.crosscheck_helpers import OLD, TEXT, WORDS, ref


@pytest.fixture
def study():
    """Four highlights h-beta..h-theta, three references, citations, and four links.

    h-beta  cites r-a (supports), r-b (contradicts), r-c (context)
    h-delta cites r-b (unclear), r-a (supports)
    h-zeta  cites r-b (supports, "again"), r-c (context), r-b (contradicts, "twice")
    h-theta cites nothing
    links: l-1 beta→delta, l-2 delta→zeta, l-3 zeta→beta, l-4 zeta→theta
    """
    s = study_with(Document(text=TEXT, title="Greek", id="d-1"), WORDS,
                   note="note on {phrase}", modified=OLD)
    s.highlights = {f"h-{h.quote.exact}": h for h in s.highlights.values()}
    for hid, h in s.highlights.items():
        h.id = hid
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
