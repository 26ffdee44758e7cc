"""Imports into a study: W3C Web Annotations, and references from BibTeX or CSL-JSON.

Importers only read and plan: each returns the commands that would add what it found
(plus a summary of what it skipped), so the caller applies them as one undoable step.
"""
