"""Dialogs of web capture: the address to open, the page ClaimReview is published at,
and the *Fill in* row of the reference dialogs (a pasted address, DOI or ISBN looked up
off the UI thread, cancellable, filling fields the user can still correct).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.core.label_styles import style_hint
from desktop.ui.core.web_task import WebTask


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("dialogError")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()  # no empty gap above the buttons until there is something to say
    return label


def _show_error(dialog: QDialog, label: QLabel, text: str) -> None:
    label.setText(text)
    label.show()
    _fit_height(dialog)


def _fit_height(dialog: QDialog) -> None:
    """As tall as the wrapped text needs at the dialog's width (Qt sizes a dialog for
    its labels' narrowest wrapping, which leaves a gap under them)."""
    layout = dialog.layout()
    width = max(dialog.width(), dialog.minimumWidth())
    if layout is not None and layout.hasHeightForWidth():
        dialog.resize(width, layout.heightForWidth(width))


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    if ok is not None:
        ok.setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class _AddressDialog(QDialog):
    """One address field under a sentence that says what it is for; ``problem`` names
    what is wrong with the address typed, shown above the buttons instead of closing."""

    def __init__(self, parent: QWidget | None, *, name: str, title: str, intro: str,
                 label: str, text: str, placeholder: str, ok_text: str) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Dialog")
        self.setWindowTitle(title)
        explained = QLabel(intro, self)
        explained.setWordWrap(True)
        buddy = QLabel(label, self)
        self.address = QLineEdit(text, self)
        self.address.setObjectName(f"{name}Edit")
        self.address.setPlaceholderText(placeholder)
        self.address.setClearButtonEnabled(True)
        buddy.setBuddy(self.address)
        self.error = _error_label(self)
        row = QHBoxLayout()
        row.addWidget(buddy)
        row.addWidget(self.address, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(explained)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, ok_text))
        self.setMinimumWidth(520)
        _fit_height(self)

    def problem(self) -> str | None:
        return None

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            _show_error(self, self.error, problem)
            return
        super().accept()

    def value(self) -> str:
        return self.address.text().strip()


class OpenAddressDialog(_AddressDialog):
    """File › Open Address…: one field for the page's address."""

    def __init__(self, suggested: str = "", parent: QWidget | None = None) -> None:
        super().__init__(
            parent, name="openAddress", title="Open Address",
            intro="Crosslight fetches the page, reads the article without the site "
            "around it, and keeps where and when it came from. PDFs, text and "
            "other documents open by their type.",
            label="&Address:", text=suggested, placeholder="https://… (or a DOI: 10.…)",
            ok_text="&Open")
        self.address.selectAll()

    def problem(self) -> str | None:
        from desktop.storage.web.address import parse_address
        from desktop.storage.web.errors import FetchError
        from desktop.storage.web.identifiers import parse_doi

        if parse_doi(self.address.text()) is not None:
            return None  # a DOI opens the page doi.org sends it to
        try:
            parse_address(self.address.text())
        except FetchError as err:
            return str(err)
        return None


class PublishAddressDialog(_AddressDialog):
    """The page the study's fact checks are published on (ClaimReview's ``url``)."""

    def __init__(self, current: str, why: str = "", parent: QWidget | None = None) -> None:
        super().__init__(
            parent, name="publishAddress", title="Publish Address",
            intro=why or ("ClaimReview names the web page your fact checks are published "
                          "on: each review's url is that address with #passage-N. Google "
                          "and other fact-check readers require it."),
            label="&Publish at:", text=current,
            placeholder="https://your-site.example/fact-checks/…", ok_text="&Save Address")

    def problem(self) -> str | None:
        from desktop.storage.exporters.report_model import safe_url

        url = self.address.text().strip()
        if not url:
            return "Give the address of the page the fact checks are published on."
        if safe_url(url) is None:
            return "The address must start with http:// or https://."
        return None


class FillInRow(QWidget):
    """“Look up: [address, DOI or ISBN] [Fill in]” and a line saying how it went.

    Fill in runs the look-up on a worker thread; while it runs the button reads Stop
    and cancels it. ``filled(draft)`` carries the ``ReferenceDraft`` to the dialog.
    """

    filled = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fillInRow")
        self.query = QLineEdit(self)
        self.query.setObjectName("lookupEdit")
        self.query.setPlaceholderText("Paste a web address, a DOI (10.…) or an ISBN")
        self.query.setClearButtonEnabled(True)
        self.query.setAccessibleName("Address, DOI or ISBN to look up")
        self.button = QPushButton("F&ill In", self)
        self.button.setObjectName("fillInButton")
        self.button.setToolTip("Look the address, DOI or ISBN up and fill in the fields; "
                               "you can correct them before saving")
        self.button.setAutoDefault(False)
        self.status = QLabel(self)
        self.status.setObjectName("fillInStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        style_hint(self.status)
        self.status.setContentsMargins(0, 2, 0, 2)
        self.status.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.query, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.task = WebTask(self)
        self.task.progressed.connect(self._progressed)
        self.task.succeeded.connect(self._succeeded)
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(lambda: self._say("Look-up cancelled."))
        self.task.finished.connect(lambda: self.button.setText("F&ill In"))
        self.button.clicked.connect(self.toggle)
        self.query.returnPressed.connect(self.start)
        self.failure = ""
        self.fallback: Callable[[], str] | None = None  # what to look up when left empty

    @property
    def running(self) -> bool:
        return self.task.running

    def toggle(self) -> None:
        if self.task.running:
            self.task.cancel()
        else:
            self.start()

    def start(self) -> None:
        from desktop.storage.web.actions import fill_in_reference, user_config
        from desktop.storage.web.errors import FetchError
        from desktop.storage.web.identifiers import recognise

        if self.task.running:
            return
        if not self.query.text().strip() and self.fallback is not None:
            self.query.setText(self.fallback())  # e.g. the address typed in the URL field
        text = self.query.text().strip()
        try:
            found = recognise(text)
        except FetchError as err:
            self._failed(str(err), err.kind)
            return
        self.failure = ""
        config = user_config()
        self._say(f"Looking up the {found.label}…")
        self.button.setText("&Stop")
        self.task.start(lambda progress, cancel: fill_in_reference(
            text, config=config, progress=progress, cancel=cancel))

    def cancel(self) -> None:
        self.task.cancel()

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _progressed(self, stage: str, done: int, total: int) -> None:
        amount = f" ({done * 100 // total}%)" if total > 0 else ""
        self._say(f"{stage}…{amount}")

    def _succeeded(self, draft: Any) -> None:
        self.filled.emit(draft)

    def _failed(self, message: str, _kind: str) -> None:
        self.failure = message
        self._say(message)

    def report(self, fields: list[str], sources: list[str]) -> None:
        """Say what was filled in and from where, for the user to check."""
        if not fields:
            self._say("Nothing was found to fill in.")
            return
        where = f" from {', '.join(sources)}" if sources else ""
        self._say(f"Filled in {', '.join(fields)}{where}. Check them before saving.")
