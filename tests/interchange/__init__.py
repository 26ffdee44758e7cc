"""Tests are a package: helpers are imported as ``tests.<folder>.<module>``."""
