"""Child process for test_crash_safety: saves one study over and over until killed.

Usage: ``python crash_child.py STUDY``. Loads STUDY, prints ``ready``, then saves it
again and again with its note set to ``save N`` (N = 1, 2, …), as fast as it can,
printing ``saved N`` after each.
The parent kills it with SIGKILL at a random moment and checks what is left on disk.
"""

import sys
from pathlib import Path

from desktop.storage.saving import save_study
from desktop.storage.studyfile import load_study


def main() -> None:
    path = Path(sys.argv[1])
    study = load_study(path).study
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        study.note = f"save {n}"
        save_study(study, path, keep=0)  # the kills are aimed at the file's own write
        print(f"saved {n}", flush=True)  # lets the parent time a save on this machine


if __name__ == "__main__":
    main()
