"""The import graph of ``desktop/``: no circles, controllers below the window, rooms in order.

The graph is read from the source with ``ast`` (nothing is imported). An edge is every
import a module runs when it is imported — its top-level statements and class bodies,
including the blocks under ``if TYPE_CHECKING:`` (a circle of type-only imports is
still a circle a reader has to untangle). Imports inside functions are lazy on purpose
(start-up loads only what the first window needs) and are left out of the circle test
of ``desktop/``; the circle test of ``desktop.ui`` and the room test count them too, so
a lazy import cannot reach up into a higher room.

Run ``python tests/test_import_graph.py`` to print the UI's room-to-room edges and any
circle, lazy imports included.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "desktop"

# The UI's rooms, lowest first: a room may import itself and the rooms before it.
ROOMS = ["core", "reader", "notes", "dialogs", "controllers", "window", "app"]
# Rooms that may import no other part of desktop.ui at all (a standalone widget).
STANDALONE = {"pdfview"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))
            if "__pycache__" not in p.parts}


def _imports_in(nodes: list[ast.stmt], lazy: bool) -> list[ast.Import | ast.ImportFrom]:
    """The import statements executed with these statements (``lazy``: also those in
    function bodies)."""
    found: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.AST] = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) and not lazy:
            continue
        else:
            stack.extend(ast.iter_child_nodes(node))
    return found


def imports_of(name: str, path: Path, known: set[str], lazy: bool = False) -> set[str]:
    """The modules of ``desktop`` that importing ``name`` imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in _imports_in(tree.body, lazy):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from package import module`` imports the module; else the names are in base.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                       for alias in node.names]
        for target in targets:
            while target and target not in known:  # ``import a.b.c`` of a name inside c
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


def graph(lazy: bool = False) -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports_of(name, path, known, lazy) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    out.append(sorted(component))
    return out


def room_of(module: str) -> str | None:
    """'controllers' for desktop.ui.controllers.files; None outside desktop.ui."""
    parts = module.split(".")
    if parts[:2] != ["desktop", "ui"] or len(parts) < 3:
        return None
    return parts[2]


def room_violations(edges: dict[str, set[str]]) -> list[str]:
    out = []
    for module, targets in sorted(edges.items()):
        room = room_of(module)
        if room is None:
            continue
        for target in sorted(targets):
            other = room_of(target)
            if other is None or other == room:
                continue
            if room in STANDALONE:
                out.append(f"{module} → {target} ({room} is standalone)")
            elif other in STANDALONE:
                continue  # any room may use a standalone widget
            elif room not in ROOMS or other not in ROOMS:
                out.append(f"{module} → {target}: add {room!r}/{other!r} to ROOMS")
            elif ROOMS.index(other) > ROOMS.index(room):
                out.append(f"{module} → {target} ({room} imports the higher room {other})")
    return out


# --- the tests ------------------------------------------------------------------------
def test_the_graph_is_read():
    edges = graph()
    assert "desktop.ui.core.session" in edges["desktop.ui.window.main_window"]
    assert "desktop.ui.window.main_window" in edges["desktop.ui.app"]
    # TYPE_CHECKING blocks count: prompts names the dialogs it opens there.
    assert "desktop.ui.dialogs.update_report" in edges["desktop.ui.dialogs.prompts"]
    # Lazy imports only when asked for.
    assert "desktop.ui.app" not in edges["desktop.cli"]
    assert "desktop.ui.app" in graph(lazy=True)["desktop.cli"]


def test_the_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_circles_in_desktop():
    found = cycles(graph())
    assert found == [], "import circles:\n" + "\n".join(" ↔ ".join(c) for c in found)


def test_no_circles_inside_the_ui_even_counting_lazy_imports():
    """Within desktop.ui a lazy import is no excuse for a circle either. (The one lazy
    circle left in desktop/ passes through desktop.cli: the Help menu's sample study
    takes its path from ``cli.SAMPLE_DOCUMENT``, and cli starts the UI lazily.)"""
    edges = graph(lazy=True)
    ui = {m: {t for t in targets if room_of(t)} for m, targets in edges.items() if room_of(m)}
    found = cycles(ui)
    assert found == [], "import circles:\n" + "\n".join(" ↔ ".join(c) for c in found)


def test_no_controller_imports_the_window():
    """Controllers get a WindowContext; none may import MainWindow or its room, not even
    lazily or for type hints."""
    edges = graph(lazy=True)
    bad = {module: sorted(t for t in targets if room_of(t) in ("window", "app"))
           for module, targets in edges.items() if room_of(module) == "controllers"}
    assert {m: t for m, t in bad.items() if t} == {}
    for path in (PACKAGE / "ui" / "controllers").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {alias.asname or alias.name for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) for alias in node.names}
        assert "MainWindow" not in names, path.name


def test_rooms_import_only_rooms_below_them():
    assert room_violations(graph(lazy=True)) == []


def test_the_room_check_can_fail():
    edges = {"desktop.ui.core.session": {"desktop.ui.window.main_window"},
             "desktop.ui.pdfview.page": {"desktop.ui.reader.view"},
             "desktop.ui.window.pdf_pages": {"desktop.ui.pdfview.page"}}
    assert len(room_violations(edges)) == 2  # the window may use the standalone page view


def test_no_module_is_left_in_the_flat_ui_package():
    """Every UI module lives in a room; only the start-up module sits beside them."""
    flat = sorted(p.name for p in (PACKAGE / "ui").glob("*.py"))
    assert flat == ["__init__.py", "app.py"]


if __name__ == "__main__":
    lazy_edges = graph(lazy=True)
    pairs: dict[tuple[str, str], int] = {}
    for module, targets in lazy_edges.items():
        for target in targets:
            a, b = room_of(module), room_of(target)
            if a and b and a != b:
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
    for (a, b), n in sorted(pairs.items()):
        print(f"{a:12} → {b:12} {n}")
    for label, edges in (("module-level", graph()), ("with lazy imports", lazy_edges)):
        found = cycles(edges)
        print(f"circles, {label}: {len(found)}")
        for component in found:
            print("  " + " ↔ ".join(component))
    sys.exit(0)
