"""Errors whose message is fit to show a user as is."""


class StorageError(Exception):
    """A file could not be read or written; ``str(err)`` explains it in plain words."""


class StudyFileError(StorageError):
    """A study file is missing, unreadable, malformed or from an unknown version."""


class ChangedOnDiskError(StorageError):
    """Another program changed the file since it was read or written; nothing was saved."""


class DocumentError(StorageError):
    """A document cannot be opened as text."""


class OverBudgetError(StudyFileError):
    """A study file asks for more than a reader's budget allows (e.g. too many categories):
    not damaged, but refused before it could freeze the window."""
