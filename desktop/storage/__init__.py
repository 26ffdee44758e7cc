"""Study files and documents on disk. Pure Python: never imports Qt."""
