"""A study built in code for the export and import tests, and golden-file comparison.

The study has fixed ids and times so every export of it is byte-stable. It holds what
exports must get right: emoji and Persian text, Markdown and HTML in titles, quotes and
notes, a ``javascript:`` link, every verdict, references with and without an address,
links between passages, a passage spanning a line break, and an orphan.

Golden files live in ``golden/``; to regenerate them after an intended change run
``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/interchange`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop.domain.anchoring import TextQuoteSelector
from desktop.domain.categories import default_categories
from desktop.domain.crosscheck import Relation, Stance, Trust, Verdict
from desktop.domain.factory import make_highlight
from desktop.domain.identity import Person
from desktop.domain.model import (
    Citation,
    Document,
    Highlight,
    Link,
    Reference,
    SourceAssessment,
    Study,
)
from desktop.storage.exporters import ExportOptions

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
REPO = HERE.parents[1]
T0 = "2024-02-03T10:00:00Z"
T1 = "2024-02-04T11:30:00Z"

TEXT = (
    "Budget report 😀 on the city\n"
    "\n"
    "The mayor said spending *rose* by 40% in 2023. Critics say <b>nothing</b> changed.\n"
    "The council — «شورای شهر» — disputes the figure.\n"
    "\n"
    "- Spending rose by 40% again in 2024.\n"
    "= SUM(A1) is not a formula here.\n"
)
GOLDEN_NAMES = {  # export format → golden file
    "md": "study-report.md",
    "html": "study-report.html",
    "w3c": "study-annotations.jsonld",
    "claimreview": "study-claimreview.jsonld",
    "csv": "study-highlights.csv",
}
OPTIONS = ExportOptions(
    generated="2025-01-02T03:04:05Z",
    author="Rita Reviewer",
    review_url="https://checks.example.org/budget",
    identity=Person("Rita Reviewer", "Checks Desk", "https://checks.example.org/rita"),
)


def _highlight(doc: Document, hid: str, phrase: str, category: str, **fields) -> Highlight:
    at = doc.text.index(phrase)
    h = make_highlight(doc, at, at + len(phrase), category)
    h.id, h.created, h.modified = hid, T0, T1
    for name, value in fields.items():
        setattr(h, name, value)
    return h


def build_study() -> Study:
    doc = Document(
        text=TEXT,
        title="City budget 😀 <report>",
        source_path="/tmp/budget.txt",
        id="d-doc",
        added=T0,
        url="https://news.example.org/budget?id=7&x=1",
        author="Jane Reporter",
        published="2024-02-03",
        source=SourceAssessment(
            publisher="Example News",
            stance="local paper; *pro-council*",
            trust=Trust.HIGH,
            notes="# Owner\n\nOwned by [a trust](https://example.org/trust). "
            "<script>alert(1)</script>",
        ),
    )
    study = Study(
        id="s-study",
        title="Budget check «1» | *draft*",
        note="## Question\n\nDid spending rise? [bad link](javascript:alert(1))",
        created=T0,
        modified=T1,
        categories=default_categories(),
    )
    study.documents[doc.id] = doc
    refs = [
        Reference(url="https://stats.example.gov/budget-2023", title="City accounts 2023",
                  author="City Statistics Office", published="2024-01-15",
                  accessed="2024-02-01", excerpt="Spending rose 4%, not 40%.",
                  note="Official figures.", id="r-stats", created=T0, modified=T0),
        Reference(title="A book with *stars* and <tags>", author="Doe, J.",
                  id="r-book", created=T0, modified=T0),
        Reference(url="javascript:alert(1)", title="Dubious link", id="r-js",
                  created=T0, modified=T0),
    ]
    study.references = {r.id: r for r in refs}
    highlights = [
        _highlight(doc, "h-claim", "spending *rose* by 40% in 2023", "claim",
                   verdict=Verdict.FALSE, rationale="The accounts show 4%.",
                   tags=["budget", "Claim", "<b>markup</b>", "=formula"],
                   note="# Check\n\n**Off by ten.** See:\n\n- the accounts\n- the budget",
                   citations=[Citation("r-stats", Stance.CONTRADICTS, "4% not 40%", "c-1"),
                              Citation("r-book", Stance.SUPPORTS, "", "c-2"),
                              Citation("r-js", Stance.UNCLEAR, "", "c-3")]),
        _highlight(doc, "h-quote", "Critics say <b>nothing</b> changed.", "quote",
                   note="<script>alert('x')</script> unnamed critics"),
        _highlight(doc, "h-multi", "changed.\nThe council", "question",
                   verdict=Verdict.DISPUTED, rationale="Unclear who disputes what."),
        _highlight(doc, "h-persian", "«شورای شهر»", "evidence", verdict=Verdict.SUPPORTED,
                   rationale="Named body 😀", tags=["شهرداری", "budget"]),
        _highlight(doc, "h-opinion", "disputes the figure", "opinion",
                   verdict=Verdict.OPINION, rationale="  spaced  out "),
        _highlight(doc, "h-list", "Spending rose by 40% again in 2024.", "claim",
                   verdict=Verdict.MISLEADING, note="+1 for checking\n"),
        _highlight(doc, "h-formula", "= SUM(A1)", "claim", note="=HYPERLINK(\"x\")"),
        Highlight(document_id=doc.id, id="h-orphan", created=T0, modified=T1,
                  quote=TextQuoteSelector("a sentence that was removed", "before ", " after"),
                  start=None, end=None, category_id="claim", note="Lost, but kept."),
    ]
    study.highlights = {h.id: h for h in highlights}
    links = [
        Link("h-claim", "h-list", Relation.SAME_CLAIM, "l-same", created=T0, modified=T1),
        Link("h-quote", "h-multi", Relation.CONTRADICTS, "l-contra", created=T0, modified=T0),
    ]
    study.links = {link.id: link for link in links}
    return study


def fresh_study(text: str = TEXT) -> Study:
    """A new study on the same text (document ``d-new``) with no highlights: to import into."""
    study = Study(id="s-other", categories=default_categories())
    doc = Document(text=text, title="Budget", id="d-new")
    study.documents[doc.id] = doc
    return study


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with ``golden/name``; UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    assert path.exists(), f"missing golden file {path}; run with UPDATE_GOLDEN=1"
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, f"{name} differs from its golden file (UPDATE_GOLDEN=1 to accept)"


REPLY_TEXT = "Council replies: the budget grew by 4%, not 40%.\nA quiet second line.\n"
TWO_DOCUMENT_GOLDEN = {  # export format → golden file of the two-document study
    "md": "two-documents-report.md",
    "html": "two-documents-report.html",
    "w3c": "two-documents-annotations.jsonld",
    "claimreview": "two-documents-claimreview.jsonld",
    "csv": "two-documents-highlights.csv",
}


def build_two_document_study() -> Study:
    """The test study plus a second document, with its own address, author and date,
    a checked claim on it and a link across the two documents."""
    study = build_study()
    reply = Document(
        text=REPLY_TEXT,
        title="Council reply",
        source_path="/tmp/reply.txt",
        id="d-reply",
        added=T1,
        url="https://council.example.gov/reply",
        author="City Council",
        published="2024-02-05",
    )
    study.documents[reply.id] = reply
    h = _highlight(reply, "h-reply", "the budget grew by 4%, not 40%", "claim",
                   verdict=Verdict.SUPPORTED, rationale="Matches the accounts.")
    study.highlights[h.id] = h
    study.links["l-across"] = Link("h-reply", "h-claim", Relation.CONTRADICTS, "l-across",
                                   created=T0, modified=T1)
    return study
