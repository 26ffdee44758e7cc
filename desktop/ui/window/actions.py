"""Every menu and toolbar action of the main window, declared in one place.

Actions carry their text, shortcut and tooltip here; the window only connects them.
Category actions are rebuilt when a study with other categories is opened.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QStyle, QWidget

from desktop.domain.crosscheck import Verdict
from desktop.domain.model import Category
from desktop.ui.core.swatches import color_icon

StdKey = QKeySequence.StandardKey


@dataclass
class Actions:
    open: QAction
    reopen_encoding: QAction
    save: QAction
    save_as: QAction
    close: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    copy: QAction
    select_all: QAction
    edit_note: QAction
    delete_highlight: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    about: QAction
    attach_reference: QAction
    link_passage: QAction
    add_reference: QAction
    show_references: QAction
    show_source: QAction
    markdown_source: QAction
    export_markdown: QAction
    export_html: QAction
    export_w3c: QAction
    export_claimreview: QAction
    export_csv: QAction
    import_w3c: QAction
    import_references: QAction
    merge_study: QAction
    rule_verdict: QAction
    merge_conflicts: QAction
    find: QAction
    find_next: QAction
    find_previous: QAction
    add_document: QAction
    remove_document: QAction
    update_document: QAction
    previous_versions: QAction
    reattach_highlight: QAction
    next_document: QAction
    previous_document: QAction
    edit_tags: QAction
    search_study: QAction
    document_info: QAction
    shortcuts: QAction
    open_sample: QAction
    # Web capture (issue #18) and ClaimReview's publish address (#16).
    open_address: QAction
    check_new_version: QAction
    archive_document: QAction
    paste_source: QAction
    publish_address: QAction
    pdf_text: QAction  # View › PDF as Text (checked) or as pages
    fit_width: QAction
    fit_page: QAction
    # The reading room (issue #17): side panels as toggles, as readers have them.
    toggle_notes: QAction
    toggle_search: QAction
    new_study: QAction  # File › New Study from Document
    new_empty_study: QAction  # File › New Empty Study


def _action(parent: QWidget, text: str, shortcuts=(), tip: str = "", icon=None) -> QAction:
    action = QAction(text, parent)
    if shortcuts:
        keys: list[QKeySequence] = []
        for s in shortcuts:
            keys.extend(QKeySequence.keyBindings(s) if isinstance(s, StdKey) else [QKeySequence(s)])
        action.setShortcuts(keys)
    if tip:
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        action.setStatusTip(tip)
    if icon is not None:
        action.setIcon(parent.style().standardIcon(icon))
    parent.addAction(action)
    return action


def _checkable(action: QAction) -> QAction:
    action.setCheckable(True)
    return action


def create_actions(window: QWidget, undo_group: QUndoGroup) -> Actions:
    sp = QStyle.StandardPixmap
    undo = undo_group.createUndoAction(window, "&Undo")
    undo.setShortcuts(QKeySequence.keyBindings(StdKey.Undo))
    redo = undo_group.createRedoAction(window, "&Redo")
    redo_keys = QKeySequence.keyBindings(StdKey.Redo)
    if QKeySequence("Ctrl+Y") not in redo_keys:
        redo_keys.append(QKeySequence("Ctrl+Y"))
    redo.setShortcuts(redo_keys)
    for action, name in ((undo, "Undo"), (redo, "Redo")):
        action.setProperty("commandName", name)  # its text names the step: "Undo Delete…"
        window.addAction(action)
    return Actions(
        open=_action(window, "&Open…", [StdKey.Open], "Open a study or a document",
                     sp.SP_DialogOpenButton),
        reopen_encoding=_action(window, "Reopen with E&ncoding…", [],
                                "Read the document again in another text encoding "
                                "(before highlighting)"),
        save=_action(window, "&Save", [StdKey.Save], "Save the study", sp.SP_DialogSaveButton),
        save_as=_action(window, "Save &As…", ["Ctrl+Shift+S"], "Save the study under a new name"),
        close=_action(window, "&Close Window", [StdKey.Close]),
        quit=_action(window, "&Quit", ["Ctrl+Q"]),
        undo=undo,
        redo=redo,
        copy=_action(window, "&Copy", [StdKey.Copy]),
        select_all=_action(window, "Select &All", [StdKey.SelectAll]),
        edit_note=_action(window, "Edit &Note", ["Ctrl+E"],
                          "Write a note on the selected highlight"),
        delete_highlight=_action(window, "&Delete Highlight", ["Del"],
                                 "Delete the selected highlight"),
        zoom_in=_action(window, "Zoom &In", [StdKey.ZoomIn, "Ctrl+="]),
        zoom_out=_action(window, "Zoom &Out", [StdKey.ZoomOut]),
        zoom_reset=_action(window, "&Actual Size", ["Ctrl+0"]),
        about=_action(window, "&About Crosslight"),
        attach_reference=_action(window, "Attach Re&ference…", ["Ctrl+Shift+R"],
                                 "Attach a source that supports or contradicts the highlight"),
        link_passage=_action(window, "&Link to Passage…", ["Ctrl+L"],
                             "Link the highlight to another passage"),
        add_reference=_action(window, "A&dd Reference to Library…", [],
                              "Add a source to the study's reference library"),
        show_references=_action(window, "&References", ["Ctrl+Shift+B"],
                                "Show the reference library"),
        show_source=_action(window, "Document &Source…", ["Ctrl+Shift+I"],
                            "Notes on who published the document"),
        markdown_source=_action(window, "View &Markdown Source…", ["Ctrl+U"],
                                "The Markdown file this document was rendered from, with "
                                "the selected highlight's passage selected"),
        export_markdown=_action(window, "&Markdown Report…", [],
                                "Write a report of the study as Markdown"),
        export_html=_action(window, "&HTML Report…", [],
                            "Write a report of the study as one printable web page"),
        export_w3c=_action(window, "&W3C Annotations…", [],
                           "Write the highlights as W3C Web Annotations (JSON-LD)"),
        export_claimreview=_action(window, "&ClaimReview…", [],
                                   "Write the checked claims as schema.org ClaimReview"),
        export_csv=_action(window, "C&SV of Highlights…", [],
                           "Write one row per highlight, for spreadsheets"),
        import_w3c=_action(window, "&W3C Annotations…", [],
                           "Add highlights from a W3C Web Annotation file (each to the "
                           "document it names, else to this one)"),
        import_references=_action(window, "&References from BibTeX/CSL-JSON…", [],
                                  "Add sources from a .bib or CSL-JSON file to the library"),
        merge_study=_action(window, "Mer&ge Study…", [],
                            "Take in another copy of this study (a colleague's): changes "
                            "on either side are combined, conflicts are shown"),
        merge_conflicts=_action(window, "Merge Con&flicts…", [],
                                "The conflicts a merge outside the app (git, crosslight merge) "
                                "recorded in this study: their versions, then mark resolved"),
        rule_verdict=_action(window, "R&ule Verdict as Editor", [],
                             "Make your verdict on the selected claim the published one "
                             "(the editor's ruling; reviewers' verdicts stay beside it)"),
        find=_action(window, "&Find in Document…", [StdKey.Find], "Find words in the document"),
        find_next=_action(window, "Find &Next", ["F3", "Ctrl+G"], "Go to the next match"),
        find_previous=_action(window, "Find &Previous", ["Shift+F3", "Ctrl+Shift+G"],
                              "Go to the previous match"),
        add_document=_action(window, "Add &Document to Study…", ["Ctrl+Shift+D"],
                             "Add another text document to this study"),
        remove_document=_action(window, "Re&move Document…", [],
                                "Remove the current document and its highlights from the study"),
        update_document=_action(window, "&Update from New Version…", [],
                                "Replace the text by a newer version and re-place the highlights"),
        previous_versions=_action(window, "&Previous Versions…", [],
                                  "Read the texts this document had before its updates"),
        reattach_highlight=_action(window, "Re-attach to &Selection", ["Ctrl+Shift+A"],
                                   "Place the selected orphaned highlight on the selected text"),
        next_document=_action(window, "&Next Document", ["Ctrl+PgDown"],
                              "Read the study's next document"),
        previous_document=_action(window, "Pre&vious Document", ["Ctrl+PgUp"],
                                  "Read the study's previous document"),
        edit_tags=_action(window, "Edit &Tags", ["Ctrl+T"],
                          "Tag the selected highlight (comma-separated, with completion)"),
        search_study=_action(window, "Search &Study…", ["Ctrl+Shift+F"],
                             "Search quotes, notes, tags and references across the study"),
        document_info=_action(window, "Document &Info…", ["Alt+Return", "Alt+Enter"],
                              "The document's file, size, versions and fingerprint; edit its "
                              "title, address, author and date"),
        shortcuts=_action(window, "&Keyboard Shortcuts", ["F1", "Ctrl+/"],
                          "List every command and its keys"),
        open_sample=_action(window, "Open &Sample Study", [],
                            "Open the bundled example article with sample highlights and checks"),
        open_address=_action(window, "O&pen Address…", ["Ctrl+Shift+O"],
                             "Fetch a web page by its address and read it as a new study"),
        check_new_version=_action(window, "Chec&k for New Version", [],
                                  "Fetch the document's web address again and take in its "
                                  "edits, re-placing the highlights"),
        archive_document=_action(window, "&Archive Page", [],
                                 "Keep a copy of the document's web page in the Internet "
                                 "Archive (an existing one is reused)"),
        paste_source=_action(window, "Attach &Pasted Source…", ["Ctrl+Shift+V"],
                             "Attach the web address, DOI or ISBN on the clipboard to the "
                             "selected highlight as a source"),
        publish_address=_action(window, "&Publish Address…", [],
                                "The web page the study's fact checks are published on "
                                "(ClaimReview needs it)"),
        pdf_text=_checkable(_action(window, "PDF as Te&xt", ["Ctrl+Shift+P"],
                                    "Show a PDF as its text instead of its pages")),
        fit_width=_action(window, "Fit &Width", [], "Zoom a PDF's pages to the width"),
        fit_page=_action(window, "Fit &Page", [], "Zoom a PDF to show a whole page"),
        toggle_notes=_checkable(_action(window, "&Notes Pane", ["F9"],
                                        "Show or hide the notes beside the text")),
        toggle_search=_checkable(_action(window, "Sea&rch Study Pane", ["F10"],
                                         "Show or hide Search Study")),
        new_study=_action(window, "Ne&w Study from Document…", [StdKey.New],
                          "Start a new study on a document"),
        new_empty_study=_action(window, "New Empt&y Study", ["Ctrl+Shift+N"],
                                "Start a study with no document yet: add documents, "
                                "references and a study note as you go"),
    )


def create_category_actions(window: QWidget, categories: list[Category]) -> dict[str, QAction]:
    """One action per category; the first nine get Ctrl+1…Ctrl+9."""
    actions = {}
    for number, category in enumerate(categories, start=1):
        keys = [f"Ctrl+{number}"] if number <= 9 else []
        action = _action(window, category.name, keys, f"Highlight the selection as {category.name}")
        action.setIcon(color_icon(category.color))
        action.setData(category.id)
        actions[category.id] = action
    return actions


def create_verdict_actions(window: QWidget) -> dict[Verdict, QAction]:
    """Verdicts for the selected highlight: Ctrl+Alt+0 unverified, Ctrl+Alt+1… the rest."""
    actions = {}
    for number, verdict in enumerate(Verdict):
        action = _action(window, f"{verdict.symbol}  {verdict.label}", [f"Ctrl+Alt+{number}"],
                         f"Set the verdict: {verdict.label}")
        action.setCheckable(True)
        actions[verdict] = action
    return actions


@dataclass
class LookActions:
    """Appearance: preferences, the theme (one of a group) and the overview strip."""

    preferences: QAction
    themes: dict[str, QAction]  # "system", "light", "dark", "sepia"
    show_minimap: QAction
    minimap_by_verdict: QAction


def create_look_actions(window: QWidget) -> LookActions:
    from desktop.ui.reader.themes import THEME_CHOICES, THEME_LABELS

    group = QActionGroup(window)
    group.setExclusive(True)
    themes = {}
    for name in THEME_CHOICES:
        tip = ("Follow the system's light or dark setting" if name == "system"
               else f"Use the {name.capitalize()} theme")
        action = _action(window, THEME_LABELS[name], [], tip)
        action.setCheckable(True)
        action.setData(name)
        group.addAction(action)
        themes[name] = action
    show_minimap = _action(window, "Show &Minimap", [],
                           "Show where the highlights are, beside the scroll bar")
    show_minimap.setCheckable(True)
    by_verdict = _action(window, "Minimap Colours by &Verdict", [],
                         "Colour the minimap by verdict instead of by category")
    by_verdict.setCheckable(True)
    preferences = _action(window, "Pr&eferences…", ["Ctrl+,"], "Theme and reading font")
    preferences.setMenuRole(QAction.MenuRole.PreferencesRole)  # the app menu on macOS
    return LookActions(
        preferences=preferences,
        themes=themes,
        show_minimap=show_minimap,
        minimap_by_verdict=by_verdict,
    )
