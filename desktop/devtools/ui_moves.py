"""Where the flat desktop/ui modules went (issue #13), and a rewriter for other branches.

``python -m desktop.devtools.ui_moves PATH…`` rewrites ``desktop.ui.<old>`` module paths
in the given files (imports, monkeypatch targets, strings) to the rooms they live in
now; names that moved between modules are listed in ``MOVED_NAMES`` for a reader
to apply by hand. Delete this module once every branch has been merged.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

MODULES = {
    "desktop.ui.demo": "desktop.devtools.demo",
    "desktop.ui.demo_documents": "desktop.devtools.demo_documents",
    "desktop.ui.appearance_ops": "desktop.ui.controllers.appearance",
    "desktop.ui.autosave": "desktop.ui.controllers.autosave",
    "desktop.ui.window_ops": "desktop.ui.controllers.base",
    "desktop.ui.crosscheck_ops": "desktop.ui.controllers.crosscheck",
    "desktop.ui.document_ops": "desktop.ui.controllers.documents",
    "desktop.ui.drop_ops": "desktop.ui.controllers.drops",
    "desktop.ui.file_ops": "desktop.ui.controllers.files",
    "desktop.ui.format_ops": "desktop.ui.controllers.formats",
    "desktop.ui.help_ops": "desktop.ui.controllers.help",
    "desktop.ui.interchange_ops": "desktop.ui.controllers.interchange",
    "desktop.ui.safety_ops": "desktop.ui.controllers.safety",
    "desktop.ui.tag_ops": "desktop.ui.controllers.tags",
    "desktop.ui.background": "desktop.ui.core.background",
    "desktop.ui.import_worker": "desktop.ui.core.import_worker",
    "desktop.ui.key_names": "desktop.ui.core.key_names",
    "desktop.ui.label_styles": "desktop.ui.core.label_styles",
    "desktop.ui.qt_wrapping": "desktop.ui.core.qt_wrapping",
    "desktop.ui.session": "desktop.ui.core.session",
    "desktop.ui.swatches": "desktop.ui.core.swatches",
    "desktop.ui.crosscheck_dialogs": "desktop.ui.dialogs.crosscheck_dialogs",
    "desktop.ui.document_info": "desktop.ui.dialogs.document_info",
    "desktop.ui.preferences": "desktop.ui.dialogs.preferences",
    "desktop.ui.prompts": "desktop.ui.dialogs.prompts",
    "desktop.ui.safety_prompts": "desktop.ui.dialogs.safety_prompts",
    "desktop.ui.shortcuts_dialog": "desktop.ui.dialogs.shortcuts_dialog",
    "desktop.ui.update_report": "desktop.ui.dialogs.update_report",
    "desktop.ui.highlight_detail": "desktop.ui.notes.highlight_detail",
    "desktop.ui.highlight_list": "desktop.ui.notes.highlight_list",
    "desktop.ui.list_scope": "desktop.ui.notes.list_scope",
    "desktop.ui.note_editor": "desktop.ui.notes.note_editor",
    "desktop.ui.notes_pane": "desktop.ui.notes.pane",
    "desktop.ui.references_panel": "desktop.ui.notes.references_panel",
    "desktop.ui.search_panel": "desktop.ui.notes.search_panel",
    "desktop.ui.source_panel": "desktop.ui.notes.source_panel",
    "desktop.ui.tag_editor": "desktop.ui.notes.tag_editor",
    "desktop.ui.tag_filter": "desktop.ui.notes.tag_filter",
    "desktop.ui.bidi": "desktop.ui.reader.bidi",
    "desktop.ui.colormath": "desktop.ui.reader.colormath",
    "desktop.ui.document_styles": "desktop.ui.reader.document_styles",
    "desktop.ui.document_tabs": "desktop.ui.reader.document_tabs",
    "desktop.ui.find_bar": "desktop.ui.reader.find_bar",
    "desktop.ui.minimap": "desktop.ui.reader.minimap",
    "desktop.ui.themes": "desktop.ui.reader.themes",
    "desktop.ui.verdict_gutter": "desktop.ui.reader.verdict_gutter",
    "desktop.ui.reader": "desktop.ui.reader.view",
    "desktop.ui.accessibility": "desktop.ui.window.accessibility",
    "desktop.ui.actions": "desktop.ui.window.actions",
    "desktop.ui.document_status": "desktop.ui.window.document_status",
    "desktop.ui.main_window": "desktop.ui.window.main_window",
    "desktop.ui.recent_menu": "desktop.ui.window.recent_menu",
    "desktop.ui.status": "desktop.ui.window.status",
    "desktop.ui.window_state": "desktop.ui.window.window_state",
}

# Names that left their module (old module: name → new module: name).
MOVED_NAMES = {
    "desktop.ui.highlight_list.excerpt": "desktop.domain.display_text.excerpt",
    "desktop.ui.highlight_list.short_title": "desktop.domain.display_text.short_title",
    "desktop.ui.highlight_list.reference_line": "desktop.domain.display_text.reference_line",
    "desktop.ui.highlight_list.page_prefix": "desktop.domain.display_text.page_prefix",
    "desktop.ui.highlight_list.EXCERPT_CHARS": "desktop.domain.display_text.EXCERPT_CHARS",
    "desktop.ui.recent_menu.remember": "desktop.storage.recent.remember",
    "desktop.ui.recent_menu.recent_paths": "desktop.storage.recent.recent_paths",
    "desktop.ui.recent_menu.clear_recent": "desktop.storage.recent.clear_recent",
    "desktop.ui.main_window.SAFE_LINK_SCHEMES": "desktop.ui.controllers.links.SAFE_LINK_SCHEMES",
    "desktop.ui.appearance_ops.QUOTE_CHARS": "desktop.domain.display_text.TOOLTIP_QUOTE_CHARS",
    "desktop.ui.window_ops.WindowOps": "desktop.ui.controllers.base.Controller",
    "desktop.ui.file_ops.FileOps": "desktop.ui.controllers.files.FileController",
    "desktop.ui.safety_ops.SafetyOps": "desktop.ui.controllers.safety.SafetyController",
    "desktop.ui.crosscheck_ops.CrossCheckOps":
        "desktop.ui.controllers.crosscheck.CrossCheckController",
    "desktop.ui.interchange_ops.InterchangeOps":
        "desktop.ui.controllers.interchange.InterchangeController",
    "desktop.ui.tag_ops.TagOps": "desktop.ui.controllers.tags.TagController",
    "desktop.ui.help_ops.HelpOps": "desktop.ui.controllers.help.HelpController",
    "desktop.ui.format_ops.FormatOps": "desktop.ui.controllers.formats.FormatController",
    "desktop.ui.document_ops.DocumentOps": "desktop.ui.controllers.documents.DocumentController",
    "desktop.ui.drop_ops.DropHandler": "desktop.ui.controllers.drops.DropController",
    "desktop.ui.appearance_ops.AppearanceOps":
        "desktop.ui.controllers.appearance.AppearanceController",
}

# desktop.ui.reader was a module and is a room now: its new submodules are not old paths.
_READER_ROOM = "|".join(m.rsplit(".", 1)[1] for m in MODULES.values()
                        if m.startswith("desktop.ui.reader."))
_OLD = re.compile(r"desktop\.ui\.(" + "|".join(
    sorted((m.rsplit(".", 1)[1] for m in MODULES), key=len, reverse=True))
    + rf")\b(?!\.py)(?!\.(?:{_READER_ROOM})\b)")


def rewrite(text: str) -> str:
    """``text`` with every old module path replaced by its new one."""
    return _OLD.sub(lambda m: MODULES[m.group(0)], text)


def main(argv: list[str]) -> int:
    for name in argv:
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        new = rewrite(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"rewrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
