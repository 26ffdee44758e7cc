"""A compact card's note preview: the opening of the note rendered inline."""

from desktop.domain.note_preview import PREVIEW_CHARS, note_excerpt, note_preview_html


def test_marks_become_inline_styles_and_task_boxes():
    note = ("**Check the number.** Official figures, *lower*, see `cap` and "
            "[DoD](https://defense.gov).\n\n- [ ] DoD press briefing\n- [x] Reuters\n")
    html = note_preview_html(note)
    assert "<strong>Check the number.</strong>" in html
    assert "<em>lower</em>" in html and "<code>cap</code>" in html
    assert '<a href="https://defense.gov"' in html
    assert "☐ DoD press briefing" in html and "☑ Reuters" in html
    assert "<p>" not in html and "<li>" not in html and "\n" not in html


def test_plain_notes_are_escaped_and_hostile_ones_stay_plain():
    assert note_preview_html("Plain words\nsecond line") == "Plain words second line"
    assert note_preview_html("a < b & c") == "a &lt; b &amp; c"
    assert note_preview_html("   \n\n") == ""
    assert "<script" not in note_preview_html("<script>alert(1)</script> hi")
    hostile = "[" * 13_000  # quadratic for python-markdown: the guard shows it plain
    assert len(note_preview_html(hostile)) <= PREVIEW_CHARS


def test_only_the_opening_lines_are_taken():
    note = "\n".join(f"line {i}" for i in range(1000))
    assert note_excerpt(note) == "line 0\nline 1\nline 2"
