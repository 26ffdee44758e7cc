"""``python -m desktop.devtools.mutation [MODULE …]``: mutation testing of core modules.

Each mutant changes one thing in a copy of the code — a comparison (``<`` → ``<=``,
``==`` → ``!=``, ``in`` → ``not in``…), arithmetic (``+`` → ``-``…), a boolean
operator (``and`` ↔ ``or``, a ``not`` dropped), a constant (``n`` → ``n + 1``,
``True`` ↔ ``False``), a return value (→ ``None``) or a whole statement (→ ``pass``)
— and runs the tests that cover the module against it. A mutant the tests do not
notice ("survived") marks an untested guard, or an equivalent change (listed by hand,
with reasons, in docs/mutation.md). Not part of the test suite: it takes minutes per
module.

    python -m desktop.devtools.mutation                 # the five core modules
    python -m desktop.devtools.mutation atomic --list   # what would be mutated
    python -m desktop.devtools.mutation anchoring --jobs 2
    python -m desktop.devtools.mutation atomic --mutants 0,8,21   # rerun survivors
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# Module → the tests that exercise it.
TARGETS: dict[str, tuple[str, list[str]]] = {
    "commands": ("desktop/domain/commands.py",
                 ["tests/domain/test_commands.py", "tests/domain/test_crosscheck_undo_sequence.py",
                  "tests/domain/test_document_commands.py",
                  "tests/domain/test_command_growth.py"]),  # slowest last: -x stops sooner
    "validate": ("desktop/storage/validate.py",
                 ["tests/storage/test_validate.py", "tests/storage/test_studyfile_errors.py",
                  "tests/storage/test_hostile_inputs.py",
                  "tests/storage/test_schema_v2_damaged.py"]),
    "atomic": ("desktop/storage/atomic.py",
               ["tests/storage/test_atomic.py", "tests/storage/test_files_hostile.py"]),
    "anchoring": ("desktop/domain/anchoring.py",
                  ["tests/domain/test_anchoring.py", "tests/domain/test_anchoring_budget.py",
                   "tests/domain/test_anchoring_limits.py"]),
    "reanchor": ("desktop/domain/reanchor.py",
                 ["tests/domain/test_reanchor.py", "tests/domain/test_reanchor_edges.py",
                  "tests/domain/test_reanchor_limits.py"]),
}

_COMPARE_SWAPS: dict[type, type] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In,
    ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}
_BINOP_SWAPS: dict[type, type] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv, ast.FloorDiv: ast.Mult,
    ast.Div: ast.Mult, ast.Mod: ast.FloorDiv, ast.BitOr: ast.BitAnd, ast.BitAnd: ast.BitOr,
}


@dataclass(frozen=True)
class Mutant:
    index: int
    line: int
    what: str


class _Mutator(ast.NodeTransformer):
    """Walks the tree in a fixed order; counts mutation points, or applies number
    ``target`` (``target`` < 0: only count and describe)."""

    def __init__(self, target: int = -1) -> None:
        self.target = target
        self.count = 0
        self.found: list[Mutant] = []
        self._in_annotation = False

    def _point(self, node: ast.AST, what: str) -> bool:
        index = self.count
        self.count += 1
        self.found.append(Mutant(index, getattr(node, "lineno", 0), what))
        return index == self.target

    # Skip what cannot matter: docstrings, annotations, imports.
    def visit_Import(self, node: ast.Import) -> ast.AST:
        return node

    def visit_ImportFrom(self, node: ast.ImportFrom) -> ast.AST:
        return node

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        if node.value is not None:
            node.value = self.visit(node.value)
        return node

    def visit_arg(self, node: ast.arg) -> ast.AST:
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        node.returns = node.returns  # annotations are not mutated
        node.body = self._body(node.body)
        node.decorator_list = [self.visit(d) for d in node.decorator_list]
        node.args = self.visit(node.args)
        return node

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        node.body = self._body(node.body)
        return node

    def _body(self, body: list[ast.stmt]) -> list[ast.stmt]:
        out: list[ast.stmt] = []
        for i, stmt in enumerate(body):
            value = stmt.value if isinstance(stmt, ast.Expr) else None
            if i == 0 and isinstance(value, ast.Constant) and isinstance(value.value, str):
                out.append(stmt)
                continue
            deletable = isinstance(stmt, ast.Expr | ast.Assign | ast.AugAssign | ast.Raise
                                   | ast.Return | ast.If | ast.For | ast.While | ast.With
                                   | ast.Try)
            if deletable and self._point(stmt, f"statement deleted: {ast.unparse(stmt)[:50]!r}"):
                out.append(ast.copy_location(ast.Pass(), stmt))
                continue
            out.append(self.visit(stmt))
        return out

    def visit_If(self, node: ast.If) -> ast.AST:
        node.test = self.visit(node.test)
        node.body = self._body(node.body)
        node.orelse = self._body(node.orelse)
        return node

    def visit_For(self, node: ast.For) -> ast.AST:
        node.iter = self.visit(node.iter)
        node.body = self._body(node.body)
        node.orelse = self._body(node.orelse)
        return node

    def visit_While(self, node: ast.While) -> ast.AST:
        node.test = self.visit(node.test)
        node.body = self._body(node.body)
        return node

    def visit_With(self, node: ast.With) -> ast.AST:
        node.items = [self.visit(i) for i in node.items]
        node.body = self._body(node.body)
        return node

    def visit_Try(self, node: ast.Try) -> ast.AST:
        node.body = self._body(node.body)
        for handler in node.handlers:
            handler.body = self._body(handler.body)
        node.orelse = self._body(node.orelse)
        node.finalbody = self._body(node.finalbody)
        return node

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        for i, op in enumerate(node.ops):
            swap = _COMPARE_SWAPS.get(type(op))
            if swap and self._point(node, f"{type(op).__name__} → {swap.__name__}"):
                node.ops[i] = swap()
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        swap = _BINOP_SWAPS.get(type(node.op))
        if swap and self._point(node, f"{type(node.op).__name__} → {swap.__name__}"):
            node.op = swap()
        return node

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        self.generic_visit(node)
        other = ast.Or if isinstance(node.op, ast.And) else ast.And
        if self._point(node, f"{type(node.op).__name__} → {other.__name__}"):
            node.op = other()
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, ast.Not) and self._point(node, "not dropped"):
            return node.operand
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        value = node.value
        if isinstance(value, bool):
            if self._point(node, f"{value} → {not value}"):
                return ast.copy_location(ast.Constant(not value), node)
        elif isinstance(value, int | float) and self._point(node, f"{value} → {value} + 1"):
            return ast.copy_location(ast.Constant(value + 1), node)
        return node

    def visit_Return(self, node: ast.Return) -> ast.AST:
        self.generic_visit(node)
        if node.value is not None and not (
                isinstance(node.value, ast.Constant) and node.value.value is None) \
                and self._point(node, "return value → None"):
            node.value = ast.Constant(None)
        return node


def mutants(source: str) -> list[Mutant]:
    mutator = _Mutator()
    mutator.visit(ast.parse(source))
    return mutator.found


def mutated(source: str, index: int) -> str:
    tree = _Mutator(index).visit(ast.parse(source))
    return ast.unparse(ast.fix_missing_locations(tree))


def _copy_repo(into: Path) -> None:
    for part in ("desktop", "tests", "pyproject.toml", "resources", "seeds"):
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, into / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, into / part)


def _unused_plugins(root: Path, tests: list[str]) -> list[str]:
    """``-p no:…`` for the pytest plugins none of ``tests`` uses: importing hypothesis's
    plugin alone costs more CPU than most of these test runs."""
    text = "".join((root / t).read_text(encoding="utf-8") for t in tests if (root / t).exists())
    unused = [plugin for plugin, word in (("hypothesispytest", "hypothesis"),
                                          ("pytestqt", "qtbot")) if word not in text]
    return [arg for plugin in unused for arg in ("-p", f"no:{plugin}")]


def _run_tests(root: Path, tests: list[str], timeout: float) -> str:
    env = dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM="offscreen",
               PYTHONDONTWRITEBYTECODE="1")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
             *_unused_plugins(root, tests),
             "-m", "not slow", *[t for t in tests if (root / t).exists()]],
            cwd=root, env=env, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return "killed (timeout)"
    return "survived" if done.returncode == 0 else "killed"


def run_module(name: str, jobs: int, timeout: float,
               only: set[int] | None = None) -> tuple[int, int, list[Mutant]]:
    rel, tests = TARGETS[name]
    source = (REPO / rel).read_text(encoding="utf-8")
    found = [m for m in mutants(source) if only is None or m.index in only]
    roots = [Path(tempfile.mkdtemp(prefix=f"crosslight-mutation-{name}-")) for _ in range(jobs)]
    for root in roots:
        _copy_repo(root)
    baseline = _run_tests(roots[0], tests, timeout * 3)
    if baseline != "survived":
        raise SystemExit(f"{name}: the tests fail before any mutation; fix them first.")
    survivors: list[Mutant] = []

    def one(job: int, mutant: Mutant) -> tuple[Mutant, str]:
        root = roots[job]
        (root / rel).write_text(mutated(source, mutant.index), encoding="utf-8")
        try:
            outcome = _run_tests(root, tests, timeout)
            print("." if outcome.startswith("killed") else "S", end="", file=sys.stderr,
                  flush=True)  # progress: a dot per killed mutant, S per survivor
            return mutant, outcome
        finally:
            (root / rel).write_text(source, encoding="utf-8")

    with ThreadPoolExecutor(jobs) as pool:
        chunks = [found[j::jobs] for j in range(jobs)]
        results = pool.map(lambda j: [one(j, m) for m in chunks[j]], range(jobs))
        for chunk in results:
            survivors += [m for m, outcome in chunk if outcome == "survived"]
    for root in roots:
        shutil.rmtree(root, ignore_errors=True)
    survivors.sort(key=lambda m: m.index)
    return len(found) - len(survivors), len(found), survivors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.devtools.mutation")
    parser.add_argument("modules", nargs="*", default=list(TARGETS), choices=list(TARGETS),
                        metavar="MODULE", help=", ".join(TARGETS))
    parser.add_argument("--list", action="store_true", help="only list the mutants")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per mutant")
    parser.add_argument("--mutants", default="",
                        help="comma-separated mutant numbers to rerun (e.g. last survivors)")
    args = parser.parse_args(argv)
    for name in args.modules:
        rel, _ = TARGETS[name]
        if args.list:
            for m in mutants((REPO / rel).read_text(encoding="utf-8")):
                print(f"{rel}:{m.line}: #{m.index} {m.what}")
            continue
        started = time.perf_counter()
        only = {int(i) for i in args.mutants.split(",") if i.strip()} or None
        killed, total, survivors = run_module(name, max(1, args.jobs), args.timeout, only)
        score = killed / total if total else 1.0
        print(f"{rel}: {killed}/{total} mutants killed ({score:.0%}) in "
              f"{time.perf_counter() - started:.0f} s")
        for m in survivors:
            print(f"  survived: line {m.line}: #{m.index} {m.what}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
