"""The growth measure every linear-cost test relies on must still fail a quadratic cost
(it measures again only a ratio at or over ``LINEAR``, and keeps the smallest)."""

from desktop.bench.growth import LINEAR, growth


def test_a_quadratic_cost_fails_even_measured_three_times():
    def quadratic(items: list[int]) -> None:
        for a in items:
            for b in items:
                _ = a ^ b

    assert growth(lambda n: list(range(n)), quadratic, 300) >= LINEAR


def test_a_linear_cost_passes():
    assert growth(lambda n: list(range(n)), lambda items: sum(x * x for x in items),
                  20_000) < LINEAR
