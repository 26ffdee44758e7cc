"""The standalone page view: pages render off the UI thread, a drag selects characters,
keys extend, highlights sit on their characters, zoom keeps to the fit asked for."""

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from desktop.storage.formats.base import Source
from desktop.storage.formats.pdf import load_pdf
from desktop.ui.pdfview.layout import GUTTER
from desktop.ui.pdfview.page import PageRange, PageView
from tests.format_fixtures import make_pdf

PAGES = ["First page of the report\nThe second line", "Page two has the claim"]


@pytest.fixture
def view(qtbot):
    raw = make_pdf(PAGES)
    doc = load_pdf(Source(raw, "r.pdf"))
    widget = PageView()
    qtbot.addWidget(widget)
    widget.resize(700, 900)
    widget.show()
    widget.load(raw, "r.pdf", doc.pages)
    qtbot.waitUntil(lambda: widget.page_count == 2)
    qtbot.waitUntil(lambda: widget.page_is_ready(0) and 0 in widget.rendered_pages())
    yield widget, doc
    widget.stop()


def point_of(view, offset):
    """Viewport pixels at the middle of character ``offset`` of page 1."""
    box = view._boxes[0][offset]
    page = view.layout_.page_rect(0, view.viewport().width())
    z = view.zoom
    return QPoint(round(page.x() + (box[0] + box[2]) / 2 * z),
                  round(page.y() + (box[1] + box[3]) / 2 * z - view.verticalScrollBar().value()))


def test_drag_selects_the_characters_under_the_mouse(qtbot, view):
    view, doc = view
    start = doc.text.index("page")
    end = start + len("page of the")
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(view, start)
                     - QPoint(2, 0))
    qtbot.mouseMove(view.viewport(), point_of(view, end - 1) + QPoint(2, 0))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton,
                       pos=point_of(view, end - 1) + QPoint(2, 0))
    assert view.selection_range() == (start, end)
    assert view.selected_text() == "page of the"
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.selection_range() == (start, end + 1)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert view.selection_range()[1] > doc.text.index("\n")


def test_the_page_is_rendered_with_its_text(qtbot, view):
    view, doc = view
    scale, image = view._images[0]
    assert not image.isNull() and image.width() == round(612 * scale)
    at = point_of(view, doc.text.index("F"))
    shot = view.viewport().grab().toImage()
    inked = [shot.pixelColor(at.x() + dx, at.y() + dy).lightness()
             for dx in range(-4, 5) for dy in range(-4, 5)]
    assert min(inked) < 120  # the letter's ink, not blank paper


def test_zoom_fits_width_and_steps(qtbot, view):
    view, _ = view
    fitted = view.zoom
    assert abs(612 * fitted - (view.viewport().width() - 4 - 24 - GUTTER)) < 2
    view.zoom_by(1)
    assert view.zoom == pytest.approx(fitted * 1.2) and view.fit == ""
    view.fit_page()
    assert 792 * view.zoom <= view.viewport().height()
    qtbot.waitUntil(lambda: view._images[0][0] == view._scale())  # re-rendered sharp


def test_a_highlight_is_painted_on_its_characters(qtbot, view):
    view, doc = view
    start = doc.text.index("report")
    view.set_ranges([PageRange(start, start + 6, "#e0567a", "h1")])
    image = view.viewport().grab().toImage()
    at = point_of(view, start + 1)
    # Between letters: the category colour multiplied into white paper.
    pixel = image.pixelColor(at.x(), at.y() - 1)
    assert pixel.red() > pixel.blue() and pixel != Qt.GlobalColor.white
    # The same place without the highlight is paper or ink, not pink.
    view.set_ranges([])
    plain = view.viewport().grab().toImage().pixelColor(at.x(), at.y() - 1)
    assert plain != pixel
    assert view.key_at(QPointF(at)) is None


@pytest.mark.parametrize("pages", [40, 160])
def test_only_the_visible_pages_are_rendered_whatever_the_length(qtbot, pages):
    """n vs 4n pages: the same few pages are asked for (the visible ones, the next)."""
    raw = make_pdf([f"Page {n} text" for n in range(pages)])
    doc = load_pdf(Source(raw, "long.pdf"))
    widget = PageView()
    qtbot.addWidget(widget)
    widget.resize(700, 900)
    widget.show()
    asked: list[int] = []
    real = widget.pdf.render
    widget.pdf.render = lambda token, number, scale: (asked.append(number),
                                                      real(token, number, scale))
    widget.load(raw, "long.pdf", doc.pages)
    qtbot.waitUntil(lambda: widget.page_count == pages)
    qtbot.waitUntil(lambda: 0 in widget.rendered_pages())
    widget.verticalScrollBar().setValue(round(widget.layout_.tops[pages // 2]))
    qtbot.waitUntil(lambda: pages // 2 in widget.rendered_pages())
    assert set(asked) <= {0, 1, 2, pages // 2 - 1, pages // 2, pages // 2 + 1, pages // 2 + 2}
    assert len(widget.rendered_pages()) <= 8
    widget.stop()


def test_double_click_selects_a_word(qtbot, view):
    view, doc = view
    start = doc.text.index("report")
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(view, start + 2))
    assert view.selection_range() == (start, start + len("report"))
