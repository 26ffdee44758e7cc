"""The notes pane beside the reader: the highlights list and the selected highlight's
panel, editors, tags, references, source notes and Search Study."""
