"""The PDF page view: a standalone widget (it imports no other UI room)."""
