"""Deterministic large inputs: a book-sized text, a study with many highlights, edits."""

from __future__ import annotations

import random
import re
from bisect import bisect_right
from dataclasses import dataclass

from desktop.domain.categories import DEFAULT_CATEGORIES
from desktop.domain.crosscheck import Verdict
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Document, Study

# A small vocabulary: repeated phrases make re-anchoring honestly hard.
_VOCABULARY = (
    "the of and to in a that he was it his with as had for on at by not her is which but "
    "from be they this all were so one have she you there no him said would when who "
    "what prince pierre andrew army moscow war peace countess natasha battle soldiers "
    "regiment emperor letter evening morning house room face eyes hand voice thought "
    "understood suddenly everything nothing himself herself old young little great long"
)
WORDS = tuple(_VOCABULARY.split())


def make_text(size: int, seed: int = 1) -> str:
    """About ``size`` characters of prose-like paragraphs (War and Peace is 3.2 MB)."""
    rng = random.Random(seed)
    paragraphs, total = [], 0
    while total < size:
        sentences = []
        for _ in range(rng.randint(2, 8)):
            words = rng.choices(WORDS, k=rng.randint(6, 24))
            sentences.append(" ".join(words).capitalize() + rng.choice(".....?!"))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:size]


def make_study(text: str, n_highlights: int, seed: int = 2) -> Study:
    """A study with ``n_highlights`` highlights spread over the text, a third with notes."""
    rng = random.Random(seed)
    document = Document(text=text, title="Benchmark book", source_path="/bench/book.txt")
    study = new_study_for(document)
    categories = [c[0] for c in DEFAULT_CATEGORIES]
    verdicts = list(Verdict)
    span = max(1, len(text) // n_highlights)
    for i in range(n_highlights):
        start = min(len(text) - 80, i * span + rng.randint(0, max(0, span - 60)))
        end = start + rng.randint(12, 70)
        while text[start].isspace():
            start += 1
        h = make_highlight(document, start, end, rng.choice(categories))
        if i % 3 == 0:
            h.note = f"Note {i}: check **this** against the other sources. " * rng.randint(1, 3)
        h.verdict = rng.choice(verdicts)
        study.highlights[h.id] = h
    return study


@dataclass(frozen=True, slots=True)
class Edit:
    at: int  # old offset
    removed: int
    inserted: int


def scattered_edits(text: str, fraction: float = 0.01, seed: int = 3) -> tuple[str, list[Edit]]:
    """Insert, delete or replace words at random places (``fraction`` of all words).

    Returns the new text and the edits in old-text order, so the true new position of
    any old offset is known (``true_position``) and re-anchoring can be scored.
    """
    rng = random.Random(seed)
    starts = [m.start() for m in re.finditer(r"\b\w", text)]
    chosen = sorted(rng.sample(starts, max(1, int(len(starts) * fraction))))
    edits, pieces, last = [], [], 0
    for at in chosen:
        if at < last:
            continue
        word = re.match(r"\w+ ?", text[at:])
        word_end = (word.end() if word else 1) + at
        kind = rng.random()
        if kind < 0.34:
            insert, removed = rng.choice(WORDS) + " ", 0
        elif kind < 0.67:
            insert, removed = "", word_end - at
        else:
            insert, removed = rng.choice(WORDS).upper() + " ", word_end - at
        pieces += [text[last:at], insert]
        edits.append(Edit(at, removed, len(insert)))
        last = at + removed
    pieces.append(text[last:])
    return "".join(pieces), edits


def true_position(edits: list[Edit], pos: int, starts: list[int] | None = None) -> int:
    """Where old offset ``pos`` went; inside a removed stretch, the edit's new start."""
    starts = starts if starts is not None else [e.at for e in edits]
    i = bisect_right(starts, pos)
    shift = 0
    for e in edits[:i]:
        if pos < e.at + e.removed:  # inside this edit's removed text
            return e.at + shift
        shift += e.inserted - e.removed
    return pos + shift


@dataclass(frozen=True, slots=True)
class Accuracy:
    precision: float  # of the highlights placed, how many are where the edits put them
    recall: float  # of all highlights, how many are placed right
    placed: int
    total: int
    mid_word: int = 0  # placements with an edge cutting a word the original did not cut


def cuts_word(text: str, at: int) -> bool:
    return 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum()


def score_placements(highlights, placements, edits: list[Edit], slack: int = 12,
                     old: str = "", new: str = "") -> Accuracy:
    """Score re-anchoring against the known edits: a wrong place is worse than an orphan,
    so precision is the figure that must stay at ~100%. With both texts, also count
    the placements whose edge cuts a word the original edge did not."""
    starts = [e.at for e in edits]
    placed = correct = mid_word = 0
    for h, p in zip(highlights, placements, strict=True):
        if p.start is None:
            continue
        placed += 1
        if new and ((cuts_word(new, p.start) and not cuts_word(old, h.start))
                    or (cuts_word(new, p.end) and not cuts_word(old, h.end))):
            mid_word += 1
        want = (true_position(edits, h.start, starts), true_position(edits, h.end, starts))
        if abs(p.start - want[0]) <= slack and abs(p.end - want[1]) <= slack:
            correct += 1
    total = len(highlights)
    return Accuracy(correct / placed if placed else 1.0, correct / total if total else 1.0,
                    placed, total, mid_word)
