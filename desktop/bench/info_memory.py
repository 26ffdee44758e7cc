"""``python -m desktop.bench.info_memory``: peak memory of ``crosslight info`` on big studies.

Builds study files of about 255 MB (the loader's cap is 256 MB) in a temporary folder
(never in the repository): one of 270,000 highlights on a 3 MB book, and one of four
documents of 60 MB text each. Runs ``python -m desktop info`` on each in a fresh process
and prints its time and peak resident memory (the child's VmHWM), against the
target of 1 GB. Reports only; always exits 0.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_MB = 1024
SIZE = 255 * 1024 * 1024


def _many_highlights(path: Path) -> None:
    import orjson

    from desktop.bench.data import make_study, make_text
    from desktop.storage.saving import encode_study_data
    from desktop.storage.schema import study_to_data

    data = study_to_data(make_study(make_text(3_200_000), 10_000))
    pattern = data["highlights"]
    each = len(orjson.dumps(pattern[0], option=orjson.OPT_INDENT_2)) * 1.15
    wanted = int((SIZE - 3_400_000) / each)
    highlights = []
    for i in range(wanted):
        h = copy.copy(pattern[i % len(pattern)])
        h["id"] = f"h-{i:032x}"
        highlights.append(h)
    data["highlights"] = highlights
    encoded = encode_study_data(data)
    path.write_bytes(encoded)


def _big_documents(path: Path) -> None:

    from desktop.bench.data import make_text
    from desktop.domain.digest import sha256_hex
    from desktop.domain.factory import new_study_for
    from desktop.domain.model import Document
    from desktop.storage.saving import encode_study_data
    from desktop.storage.schema import study_to_data

    text = make_text(60 * 1024 * 1024)
    study = new_study_for(Document(text="x", title="Big"))
    data = study_to_data(study)
    base = data["documents"][0]
    digest = sha256_hex(text.encode("utf-8"))
    data["documents"] = [dict(base, id=f"d-{i}", text=text, sha256=digest, title=f"Part {i}")
                         for i in range(4)]
    path.write_bytes(encode_study_data(data))



def _measure(path: Path) -> tuple[float, float, int]:
    """Time, peak memory (VmHWM: the high-water mark of this process image, which an
    exec starts afresh; ``ru_maxrss`` would carry the builder's own peak) and status."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    code = ("import runpy, sys\n"
            "sys.argv = ['crosslight', 'info', sys.argv[1]]\n"
            "try:\n"
            "    runpy.run_module('desktop', run_name='__main__')\n"
            "except SystemExit as end:\n"
            "    status = end.code or 0\n"
            "else:\n"
            "    status = 0\n"
            "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
            "print('PEAK', int(hwm.split()[1]), status, file=sys.stderr)\n")
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                         text=True, env=env, check=False)
    took = time.perf_counter() - t0
    line = next((x for x in out.stderr.splitlines() if x.startswith("PEAK")), "PEAK 0 1")
    _, peak_kb, status = line.split()
    return took, int(peak_kb) / 1024, int(status)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="crosslight-info-memory-") as tmp:
        for label, build in (("270k highlights", _many_highlights),
                             ("4 documents of 60 MB", _big_documents)):
            path = Path(tmp) / "big.crosslight"
            t0 = time.perf_counter()
            build(path)
            built = time.perf_counter() - t0
            took, peak, status = _measure(path)
            verdict = "ok" if peak <= TARGET_MB and status == 0 else "OVER"
            print(f"{label}: {path.stat().st_size / 2**20:.0f} MB file (built in {built:.0f} s); "
                  f"crosslight info {took:.1f} s, exit {status}, peak {peak:.0f} MB "
                  f"(target ≤ {TARGET_MB} MB) {verdict}")
            path.unlink()

    return 0


if __name__ == "__main__":
    sys.exit(main())
