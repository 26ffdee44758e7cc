"""Document-format behaviour of the window: opening documents in the background and
File > Reopen with Encoding.

Reopening rereads the source file with an encoding the user picks, replacing the text
as one undoable step. It is allowed only while the document has no highlights: their
offsets and quotes were taken from the old text, and a different decoding changes every
character, so there is nothing to carry them across by.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.content_commands import ReplaceDocumentContent
from desktop.domain.factory import new_study_for
from desktop.storage.formats import TEXT_MEDIA_TYPES
from desktop.storage.opening import Opened
from desktop.ui.import_worker import load_document_in_background

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class FormatOps:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def open_document(self, path: Path) -> Opened | None:
        """A new study around the document at ``path`` (None: error shown or cancelled)."""
        document = load_document_in_background(self.window, path, self.window.prompts)
        return None if document is None else Opened(new_study_for(document), None)

    def reopen_with_encoding(self) -> bool:
        window = self.window
        document = window.session.document
        prompts = window.prompts
        title = "Reopen with Encoding"
        if document.media_type not in TEXT_MEDIA_TYPES or not document.source_path:
            prompts.info(title, "Only text documents (text, Markdown, web pages) opened from "
                         "a file have an encoding to choose.")
            return False
        count = sum(1 for h in window.session.study.highlights.values()
                    if h.document_id == document.id)
        if count:
            prompts.info(title, (
                f"This document already has {count} highlight{'s' if count != 1 else ''}. "
                "Reading it with another encoding would change the text under them, so it "
                "can only be done before highlighting.\n\nTo start again, open the file "
                "anew (File > Open) and choose the encoding before you highlight."))
            return False
        path = Path(document.source_path)
        encoding = prompts.choose_encoding(path.name, document.encoding)
        if encoding is None:
            return False
        new = load_document_in_background(window, path, prompts, encoding,
                                          error_title="Could not reopen")
        if new is None:
            return False
        derived = bool(document.title) and document.title in document.text[:1000]
        window.session.execute(ReplaceDocumentContent(document.id, new, keep_title=not derived))
        from desktop.storage.formats.text import encoding_label

        window.statusBar().showMessage(
            f"Reopened {path.name} as {encoding_label(encoding)}", 5000)
        return True
