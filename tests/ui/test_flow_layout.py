"""The wrapping row (``ui/core/flow_layout``): its least width is its widest widget's,
it wraps onto more lines when narrow, and a line's spare width goes by stretch."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QPushButton, QWidget

from desktop.ui.core.flow_layout import FlowLayout


def make(qtbot) -> tuple[QWidget, FlowLayout, list[QPushButton]]:
    host = QWidget()
    qtbot.addWidget(host)
    flow = FlowLayout(host, spacing=4)
    buttons = [QPushButton(text, host) for text in ("Attach…", "Stance…", "Open Link", "Detach")]
    for i, button in enumerate(buttons):
        flow.add_widget(button, 1 if i == 0 else 0)
    return host, flow, buttons


def test_the_least_width_is_the_widest_widget(qtbot):
    _host, flow, _buttons = make(qtbot)
    items = [flow.itemAt(i) for i in range(flow.count())]
    assert flow.minimumSize().width() == max(i.minimumSize().width() for i in items)
    assert flow.minimumSize().width() * 2 < flow.sizeHint().width()  # not their sum


def test_it_wraps_when_narrow_and_stretches_a_line(qtbot):
    _host, flow, buttons = make(qtbot)
    one_line = flow.sizeHint().width()
    height = buttons[0].sizeHint().height()
    assert flow.heightForWidth(one_line) == height
    assert flow.heightForWidth(one_line - 10) == 2 * height + 4
    narrow = max(b.sizeHint().width() for b in buttons)
    assert flow.heightForWidth(narrow) == 4 * height + 3 * 4  # one a line
    flow.setGeometry(QRect(0, 0, one_line + 100, height))
    assert buttons[0].width() == buttons[0].sizeHint().width() + 100  # its stretch
    assert [b.y() for b in buttons] == [0, 0, 0, 0]
    flow.setGeometry(QRect(0, 0, one_line - 10, 2 * height + 4))
    assert buttons[-1].y() == height + 4 and buttons[-1].x() == 0


def test_hidden_widgets_take_no_room(qtbot):
    host, flow, buttons = make(qtbot)
    host.show()
    for button in buttons[1:]:
        button.hide()
    assert flow.sizeHint().width() == buttons[0].sizeHint().width()
