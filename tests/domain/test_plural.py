"""One plural helper for every message that counts something."""

import re
from pathlib import Path

from desktop.domain.plural import plural

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"


def test_singular_plural_irregular_and_grouped():
    assert plural(1, "highlight") == "1 highlight"
    assert plural(0, "highlight") == "0 highlights"
    assert plural(2, "other address", "other addresses") == "2 other addresses"
    assert plural(1, "other address", "other addresses") == "1 other address"
    assert plural(12_345, "word") == "12,345 words"


def test_no_message_spells_out_a_plural_by_hand():
    hand_written = re.compile(r"""['"](?:s|es)['"] if [^\n]+ (?:!=|==|>) \d else|"""
                              r"""else ['"](?:s|es)['"]""")
    found = [f"{path.relative_to(DESKTOP)}:{n}" for path in DESKTOP.rglob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if hand_written.search(line)]
    assert found == []
