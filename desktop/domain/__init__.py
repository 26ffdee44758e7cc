"""The study model, its commands and text anchoring. Pure Python: never imports Qt."""
