"""Shared by the test_crosscheck_* modules: sample data and exact-state snapshots.

A command must leave the study exactly as it found it after apply → revert, including the
orders that dict equality ignores, so every module compares through `Snapshot`/`assert_same`.
The `study` fixture these helpers describe lives in tests/domain/conftest.py.
"""

import dataclasses

from desktop.domain.model import Reference

OLD = "2020-01-01T00:00:00Z"
TEXT = "Alpha beta gamma delta epsilon zeta eta theta iota kappa."
WORDS = ["beta", "delta", "zeta", "theta"]


def ref(rid, **fields):
    fields.setdefault("title", f"Title {rid}")
    return Reference(id=rid, created=OLD, modified=OLD, **fields)


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
