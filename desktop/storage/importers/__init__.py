"""Imports into a study: W3C Web Annotations, Hypothesis JSON, and references from BibTeX
or CSL-JSON (``any_format.read_import`` tells them apart by content).

Importers only read and plan: each returns the commands that would add what it found,
plus a summary and a report of what it could not carry over, so the caller applies
them as one undoable step. Each takes an optional ``progress.Work`` (progress callback
and cancel check) so it can run in a worker thread.
"""
