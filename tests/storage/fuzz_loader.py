"""Fuzzing the study-file loader, and the corpus its regression test replays.

``python tests/storage/fuzz_loader.py --seed-corpus`` (re)writes the curated hostile
inputs in ``fuzz_corpus/``: ``ok-*`` files must load, ``bad-*`` files must be refused
with a StudyFileError. ``python tests/storage/fuzz_loader.py --seconds 300`` mutates
the corpus (byte flips, cuts, splices, JSON-level edits) and feeds each result to
``load_study``; an input that raises anything but StudyFileError is saved as
``crash-<hash>.crosslight``, one that takes over ``SLOW_S`` as ``slow-<hash>.crosslight``.
Commit those: ``test_fuzz_corpus.py`` replays every file in the corpus on each run.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Document
from desktop.storage.errors import StudyFileError
from desktop.storage.saving import encode_study
from desktop.storage.schema import READS, VERSION
from desktop.storage.studyfile import load_study

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "fuzz_corpus"
FIXTURE_V1 = HERE / "fixtures" / "study-v1.crosslight"
SLOW_S = 2.0
DEEP = 100_000


def base_study_bytes() -> bytes:
    doc = Document(
        text="Intro. گزارش 😀 claim here. More text; claim here again. 👩\u200d👩\u200d👧 end.",
        title="Fuzz base", id="d-fuzz",
    )
    study = new_study_for(doc)
    stamp = "2026-01-01T00:00:00Z"
    study.id, study.created, study.modified = "s-fuzz", stamp, stamp
    for n, (passage, category) in enumerate([("گزارش 😀", "claim"), ("claim here", "evidence")]):
        start = doc.text.index(passage)
        h = make_highlight(doc, start, start + len(passage), category)
        h.id, h.created, h.modified = f"h-{n}", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"
        h.note = f"note **{n}** [link](https://example.org)"
        study.highlights[h.id] = h
    study.note = "study note"
    doc.added = "2026-01-01T00:00:00Z"
    return encode_study(study)


def _edit(base: dict, edit) -> bytes:
    data = copy.deepcopy(base)
    edit(data)
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _set(path, value):
    def edit(data):
        node = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
    return edit


def curated() -> dict[str, bytes]:
    """Name -> content of every hand-made corpus file."""
    raw = base_study_bytes()
    data = json.loads(raw)
    pos = ("highlights", 0, "target", "selectors", 1)
    text_len = len(data["documents"][0]["text"])
    cases: dict[str, bytes] = {
        "ok-valid": raw,
        "ok-version-1": FIXTURE_V1.read_bytes(),
        "ok-utf8-bom": b"\xef\xbb\xbf" + raw,
        "ok-unknown-extra-keys": _edit(data, lambda d: d.update(future={"x": [1, 2]})),
        "ok-stale-position-reanchors": _edit(data, _set((*pos, "start"), 0)),
        "ok-unfindable-quote-is-orphan": _edit(
            data, _set(("highlights", 0, "target", "selectors", 0, "exact"), "not in text")),
        "bad-empty": b"",
        "bad-whitespace": b" \n\t ",
        "bad-truncated-10pc": raw[: len(raw) // 10],
        "bad-truncated-50pc": raw[: len(raw) // 2],
        "bad-truncated-last-byte": raw[:-2],
        "bad-nan": raw.replace(b'"version": %d' % VERSION, b'"version": NaN'),
        "bad-infinity-offset": raw.replace(b'"start": ', b'"start": Infinity, "x": ', 1),
        "bad-1e400": raw.replace(b'"start": ', b'"start": 1e400, "x": ', 1),
        "bad-huge-int-offset": _edit(data, _set((*pos, "start"), 2**70)),
        "bad-negative-offset": _edit(data, _set((*pos, "start"), -5)),
        "bad-float-offset": _edit(data, _set((*pos, "end"), 3.5)),
        "bad-offset-beyond-text": _edit(data, _set((*pos, "end"), text_len + 1)),
        "bad-offset-reversed": _edit(data, lambda d: d["highlights"][0]["target"]["selectors"][1]
                                     .update(start=9, end=3)),
        "bad-deep-array": b"[" * DEEP + b"]" * DEEP,
        "bad-deep-object": b'{"a":' * DEEP + b"1" + b"}" * DEEP,
        "bad-deep-inside-note": raw.replace(b'"note": "study note"',
                                            b'"note": ' + b"[" * DEEP + b"]" * DEEP, 1),
        "bad-invalid-utf8": raw.replace("گزارش".encode(), b"\xff\xfe\xfd", 1),
        "bad-overlong-utf8": raw.replace(b"study note", b"study \xc0\xafnote", 1),
        "bad-lone-surrogate": raw.replace(b"study note", b"study \\ud800 note", 1),
        "bad-utf16": raw.decode("utf-8").encode("utf-16"),
        "bad-binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + raw,
        "bad-nul-in-text": raw.replace(b"study note", b"study\x00note", 1),
        "bad-top-level-array": b"[" + raw + b"]",
        "bad-top-level-string": b'"crosslight-study"',
        "bad-not-a-study": b'{"format": "other", "version": 1}',
        "bad-newer-version": _edit(data, lambda d: d.update(version=VERSION + 1,
                                                            requires=READS + 1)),
        "ok-newer-version-it-can-read": _edit(data, lambda d: d.update(version=VERSION + 1,
                                                                       future={"x": 1})),
        "bad-version-string": _edit(data, lambda d: d.update(version="2")),
        "bad-missing-study": _edit(data, lambda d: d.pop("study")),
        "bad-missing-document-text": _edit(data, lambda d: d["documents"][0].pop("text")),
        "bad-study-is-list": _edit(data, lambda d: d.update(study=[])),
        "bad-highlights-is-object": _edit(data, lambda d: d.update(highlights={})),
        "bad-note-is-number": _edit(data, _set(("highlights", 0, "note"), 12)),
        "bad-sha-mismatch": _edit(data, lambda d: d["documents"][0].update(
            text=d["documents"][0]["text"] + "!")),
        "bad-duplicate-highlight-id": _edit(data, lambda d: d["highlights"][1].update(
            id=d["highlights"][0]["id"])),
        "bad-duplicate-document-id": _edit(data, lambda d: d["documents"].append(
            copy.deepcopy(d["documents"][0]))),
        "bad-duplicate-category-id": _edit(data, lambda d: d["categories"].append(
            copy.deepcopy(d["categories"][0]))),
        "bad-unknown-category": _edit(data, _set(("highlights", 0, "category"), "nope")),
        "bad-unknown-enum": _edit(data, _set(("highlights", 0, "verdict", "value"), "maybe")),
        "ok-tags-absent": _edit(data, lambda d: [h.pop("tags", None) for h in d["highlights"]]),
        "bad-tags-is-text": _edit(data, _set(("highlights", 0, "tags"), "economy")),
        "bad-tag-is-number": _edit(data, _set(("highlights", 0, "tags"), ["economy", 7])),
        # Layout keys of rendered documents: the source map and ruby readings.
        "ok-source-map-and-readings": _edit(data, lambda d: d["documents"][0].update(
            source_map=[[0, 0, 6], [7, 9, 5]], readings=[[7, 12, "gozāreš"]])),
        "bad-source-map-beyond-text": _edit(data, lambda d: d["documents"][0].update(
            source_map=[[0, 0, text_len + 1]])),
        "bad-source-map-overlapping": _edit(data, lambda d: d["documents"][0].update(
            source_map=[[5, 0, 6], [0, 9, 5]])),
        "bad-reading-is-number": _edit(data, lambda d: d["documents"][0].update(
            readings=[[0, 2, 7]])),
    }
    return cases


def write_seed_corpus() -> int:
    CORPUS.mkdir(exist_ok=True)
    for name, content in curated().items():
        (CORPUS / f"{name}.crosslight").write_bytes(content)
    return len(curated())


def classify(raw: bytes, scratch: Path) -> tuple[str, str]:
    """("ok"|"refused"|"crash"|"slow", detail) for loading ``raw`` as a study file."""
    scratch.write_bytes(raw)
    started = time.perf_counter()
    try:
        load_study(scratch)
        outcome, detail = "ok", ""
    except StudyFileError as err:
        outcome, detail = "refused", str(err)
    except Exception:
        return "crash", traceback.format_exc()
    if time.perf_counter() - started > SLOW_S:
        return "slow", f"{time.perf_counter() - started:.1f} s"
    return outcome, detail


TOKENS = [b"[", b"{", b"]", b"}", b'"', b"\\", b",", b":", b"-1", b"1e999", b"NaN", b"null",
          b"true", b"\\u0000", b"\\ud800", b"\xff", b"\xc3", b"\x00", b"9" * 40, b"[]", b"{}"]


def mutate(raw: bytes, rng: random.Random, corpus: list[bytes]) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 6)):
        if not data:
            data.extend(rng.choice(TOKENS))
            continue
        at = rng.randrange(len(data))
        kind = rng.randrange(6)
        if kind == 0:
            data[at] = rng.randrange(256)
        elif kind == 1:
            del data[at : at + rng.randint(1, 64)]
        elif kind == 2:
            data[at:at] = rng.choice(TOKENS)
        elif kind == 3:
            del data[at:]
        elif kind == 4:
            other = rng.choice(corpus)
            cut = rng.randrange(len(other) + 1)
            data[at:] = other[cut : cut + rng.randint(1, 4096)]
        else:
            chunk = data[at : at + rng.randint(1, 32)]
            data[at:at] = chunk * rng.randint(2, 50)
    return bytes(data)


def fuzz(seconds: float, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    corpus = [p.read_bytes() for p in sorted(CORPUS.glob("*.crosslight"))
              if p.stat().st_size < 1_000_000]
    counts = {"runs": 0, "ok": 0, "refused": 0, "crash": 0, "slow": 0}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "fuzz.crosslight"
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            raw = mutate(rng.choice(corpus), rng, corpus)
            outcome, detail = classify(raw, scratch)
            counts["runs"] += 1
            counts[outcome] += 1
            if outcome in ("crash", "slow"):
                name = f"{outcome}-{hashlib.sha256(raw).hexdigest()[:12]}.crosslight"
                (CORPUS / name).write_bytes(raw)
                print(f"{name}: {detail.strip().splitlines()[-1]}", file=sys.stderr)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed-corpus", action="store_true", help="rewrite the curated files")
    parser.add_argument("--seconds", type=float, default=0, help="fuzz for this long")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.seed_corpus:
        print(f"wrote {write_seed_corpus()} curated files to {CORPUS}")
    if args.seconds:
        print(fuzz(args.seconds, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
