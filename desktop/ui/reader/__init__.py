"""The document as it is read: the text view and its painting, the verdict margin, the
minimap, find, document styles and tabs, themes and their colour arithmetic."""
