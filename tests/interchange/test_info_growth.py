"""`crosslight info` counts each document's highlights in one pass over them: its cost
grows linearly with documents × highlights growing together (a scan per document made
5,000 documents × 50,000 highlights take 30 s)."""

from desktop.bench.growth import LINEAR, growth
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Document
from desktop.headless import study_info
from desktop.storage.opening import Opened


def _many(n: int) -> Opened:
    docs = [Document(f"Text number {i} of the study.", f"Doc {i}") for i in range(n // 10)]
    study = new_study_for(docs[0])
    for doc in docs[1:]:
        study.documents[doc.id] = doc
    for i in range(n):
        doc = docs[i % len(docs)]
        h = make_highlight(doc, 0, 4, "claim")
        if i % 3 == 0:
            h.start = h.end = None
        study.highlights[h.id] = h
    return Opened(study, None)


def test_info_is_linear_in_documents_times_highlights():
    ratio = growth(_many, study_info, 4000)
    assert ratio < LINEAR, ratio


def test_info_counts_each_documents_highlights_and_orphans():
    info = study_info(_many(70))
    assert [d["highlights"] for d in info["documents"]] == [10] * 7
    assert [d["orphans"] for d in info["documents"]] == [4, 3, 3, 4, 3, 3, 4]
    assert info["highlights"] == 70
    assert len(info["orphans"]) == 24
