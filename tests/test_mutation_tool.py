"""The mutation-testing devtool makes valid, distinct mutants (the run itself is not
part of the suite: `python -m desktop.devtools.mutation` takes minutes per module)."""

import ast

from desktop.devtools.mutation import TARGETS, mutants, mutated

SOURCE = '''
def f(a, b):
    """Docstring is never mutated."""
    if a < b and not a == 3:
        return a + 1
    x = True
    return None
'''


def test_each_kind_of_mutant_is_made():
    found = [m.what for m in mutants(SOURCE)]
    assert "Lt → LtE" in found and "Eq → NotEq" in found
    assert "And → Or" in found and "not dropped" in found
    assert "Add → Sub" in found and "1 → 1 + 1" in found and "True → False" in found
    assert "return value → None" in found
    assert any(w.startswith("statement deleted") for w in found)
    assert not any("Docstring" in w for w in found)


def test_every_mutant_compiles_and_differs():
    base = ast.unparse(ast.parse(SOURCE))
    outputs = set()
    for m in mutants(SOURCE):
        out = mutated(SOURCE, m.index)
        compile(out, "<mutant>", "exec")
        assert out != base
        outputs.add(out)
    assert len(outputs) == len(mutants(SOURCE))


def test_the_five_core_modules_are_targets():
    assert set(TARGETS) == {"commands", "validate", "atomic", "anchoring", "reanchor"}
