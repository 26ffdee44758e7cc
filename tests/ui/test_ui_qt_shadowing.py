"""No widget hides a Qt method under an attribute of the same name.

``self.size = QSpinBox()`` in a dialog makes ``dialog.size()`` fail far from the cause,
and type checkers reject it; the preferences dialog, the tag editor, the recent menu,
the references panel, the library dialogs and the main window all did. This reads
every class of desktop.ui that derives from a Qt class and checks what it assigns.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

from PySide6.QtCore import QObject

UI = Path(__file__).resolve().parents[2] / "desktop" / "ui"


def shadowed_names() -> list[str]:
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.name == "__init__.py":
            continue
        name = ".".join(path.relative_to(UI.parents[1]).with_suffix("").parts)
        module = importlib.import_module(name)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            cls = getattr(module, node.name, None)
            if not (inspect.isclass(cls) and issubclass(cls, QObject)):
                continue
            qt = [b for b in cls.__mro__ if b.__module__.startswith(("PySide6", "Shiboken"))]
            assigned = {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)
                        and isinstance(n.ctx, ast.Store)
                        and isinstance(n.value, ast.Name) and n.value.id == "self"}
            found += [f"{name}.{node.name}.{attr} hides {base.__name__}.{attr}"
                      for attr in sorted(assigned) for base in qt[:1] if hasattr(base, attr)]
    return found


def test_no_attribute_hides_a_qt_method(qapp):
    assert shadowed_names() == []
