"""Crosslight: a desktop app for critical reading."""

__version__ = "0.1.0"
