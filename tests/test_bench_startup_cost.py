"""The instruction-count benchmark reports, and never fails for want of valgrind."""

from desktop.bench import startup_cost


def test_without_valgrind_it_says_so_and_exits_0(monkeypatch, capsys):
    monkeypatch.setattr(startup_cost.shutil, "which", lambda _name: None)
    assert startup_cost.main() == 0
    assert "valgrind is not installed" in capsys.readouterr().out


def test_reads_the_count_from_callgrind_output():
    stderr = "==123== Events    : Ir\n==123== Collected : 1271034567\n==123==\n"
    assert int(startup_cost.COUNT.search(stderr).group(1)) == 1271034567


def test_prints_both_counts_and_the_ratio(monkeypatch, capsys):
    monkeypatch.setattr(startup_cost.shutil, "which", lambda _name: "/usr/bin/valgrind")
    counts = {"bare": 500_000_000, "start": 1_250_000_000}
    monkeypatch.setattr(startup_cost, "instructions", counts.get)
    assert startup_cost.main() == 0
    out = capsys.readouterr().out
    assert "0.500 billion" in out and "1.250 billion" in out and "2.50×" in out
