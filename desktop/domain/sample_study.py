"""The worked example on the bundled sample article, built without a window.

The demo (screenshots) and the example reports in ``docs/`` show the same study, so
both are made from the commands here.
"""

from __future__ import annotations

from desktop.domain.batch import Batch
from desktop.domain.commands import (
    AddHighlight,
    Command,
    SetHighlightNote,
    SetHighlightTags,
    SetStudyNote,
)
from desktop.domain.crosscheck import Relation, Stance, Trust, Verdict
from desktop.domain.crosscheck_commands import (
    AddLink,
    AddReference,
    AttachReference,
    SetDocumentMetadata,
    SetDocumentSource,
    SetVerdict,
)
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.identity import Person
from desktop.domain.model import Citation, Document, Link, Reference, SourceAssessment, Study

PASSAGES = (
    ("the 9,000 troops that are currently stationed in Iraq", "claim",
     "**Check the number.** Official figures in early 2017 were lower; find the "
     "Pentagon's count for March 2017.\n\n- [ ] DoD press briefing\n- [ ] Reuters"),
    ('"We will not allow the Americans to stay one day after the liberation of Mosul,"',
     "quote", "Who said it, and on which channel? The article names neither."),
    ("militia's ties to Iran are so deep", "evidence", ""),
    ("ties to Iran", "claim", "Well documented elsewhere; find an independent source."),
    ("pretended to fight ISIS", "opinion", "Loaded: asserts motive without evidence."),
    ("Everyone in the region knows", "opinion", ""),
    ("spends billions of dollars every year on its proxies", "claim", ""),
)
TAGS = {  # a reader's own threads through the article
    PASSAGES[0][0]: ["troops", "numbers"],
    "ties to Iran": ["Iran", "proxies"],
    "spends billions of dollars every year on its proxies": ["Iran", "proxies", "numbers"],
    "pretended to fight ISIS": ["ISIS"],
}
STUDY_NOTE = (
    "# What to check\n\nThe article comes from an Iranian opposition outlet; weigh its "
    "claims about Tehran's proxies against independent reporting."
)


def sample_commands(study: Study) -> list[Command]:
    """Highlights with notes, the study note, then the cross-checking of the first claims.

    Raises ValueError if the study's document is not the sample article.
    """
    document = study.main_document
    if document is None:
        raise ValueError("the study has no document")
    commands: list[Command] = []
    by_quote: dict[str, str] = {}
    for phrase, category, note in PASSAGES:
        at = document.text.index(phrase)
        highlight = make_highlight(document, at, at + len(phrase), category)
        commands.append(AddHighlight(highlight))
        if note:
            commands.append(SetHighlightNote(highlight.id, note))
        if phrase in TAGS:
            commands.append(SetHighlightTags(highlight.id, TAGS[phrase]))
        by_quote[phrase] = highlight.id
    commands.append(SetStudyNote(STUDY_NOTE))
    return commands + _cross_check(document, by_quote)


def _cross_check(document: Document, by_quote: dict[str, str]) -> list[Command]:
    troops = by_quote[PASSAGES[0][0]]
    briefing = Reference(
        url="https://www.defense.gov/News/Transcripts/",
        title="Department of Defense press briefing",
        author="U.S. Department of Defense",
        published="2017-03-08",
        excerpt="About 5,200 U.S. troops are authorized in Iraq.",
    )
    return [
        AddReference(briefing),
        AttachReference(troops, Citation(briefing.id, Stance.CONTRADICTS,
                                         "Official cap is about 5,200.")),
        SetVerdict(troops, Verdict.DISPUTED,
                   "Official figures were lower; the higher count is unsourced."),
        SetVerdict(by_quote["pretended to fight ISIS"], Verdict.OPINION,
                   "A claim about motives."),
        AddLink(Link(by_quote["ties to Iran"], by_quote["pretended to fight ISIS"],
                     Relation.ELABORATES)),
        SetDocumentSource(document.id, SourceAssessment(
            publisher="NCR-Iran (National Council of Resistance of Iran)",
            stance="Iranian opposition group; campaigns against the Islamic Republic",
            trust=Trust.MIXED,
            notes="Advocacy outlet: check its claims about Tehran against independent "
                  "reporting.",
        )),
        SetDocumentMetadata(document.id, url="", author="", published="2017-03-09"),
    ]


SAMPLE_READER = Person("Sample reader")
SAMPLE_TIME = "2017-03-10T09:00:00Z"  # fixed, so the example reports do not change daily


def build_sample_study(document: Document) -> Study:
    """A new study on ``document`` (the sample article) with the example applied, as
    the sample reader worked it through on one fixed day."""
    from desktop.domain.stamping import Stamped

    study = new_study_for(document)
    Stamped(Batch(sample_commands(study), "Sample"), SAMPLE_READER, SAMPLE_TIME).apply(study)
    return study
