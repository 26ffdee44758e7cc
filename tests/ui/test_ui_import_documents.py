"""File › Import › W3C Annotations in a study of two documents: each annotation goes
on the document its target names, the rest on the open one, as one undo step."""

from __future__ import annotations

import json

from desktop.domain.model import text_sha256
from tests.ui.test_ui_documents import FIRST_PHRASE, SECOND_PHRASE, add_second


def test_import_places_each_annotation_on_its_document(qtbot, window, seed_copy, tmp_path):
    win = window(seed_copy)
    first_id = win.session.document.id
    second_id = add_second(win, tmp_path)
    second_text = win.session.study.documents[second_id].text
    win.document_tabs.setCurrentIndex(0)
    assert win.session.document.id == first_id

    def annotation(number: int, source: str, exact: str) -> dict:
        return {"id": f"https://tool.example/a/{number}", "type": "Annotation",
                "bodyValue": f"note {number}",
                "target": {"source": source,
                           "selector": {"type": "TextQuoteSelector", "exact": exact}}}

    path = tmp_path / "notes.jsonld"
    path.write_text(json.dumps([
        annotation(1, f"urn:sha256:{text_sha256(second_text)}", SECOND_PHRASE),
        annotation(2, "https://nowhere.example/page", FIRST_PHRASE),
    ]), encoding="utf-8")
    steps = win.session.undo_stack.count()
    win.prompts.script("import_path", path)
    win.menu_actions.import_w3c.trigger()

    placed = {h.note: (h.document_id, h.quote.exact, h.is_orphan)
              for h in win.session.study.highlights.values()}
    assert placed == {"note 1": (second_id, SECOND_PHRASE, False),
                      "note 2": (first_id, FIRST_PHRASE, False)}
    title, message = win.prompts.infos[-1]
    assert title == "Annotations imported" and "By document:" in message
    assert win.session.undo_stack.count() == steps + 1
    win.menu_actions.undo.trigger()
    assert not win.session.study.highlights
