"""Errors that reach the user as one line of text (kept import-free so the CLI starts fast)."""


class QMError(Exception):
    """A failure worded for the user; whatever was being changed is left as it was."""


class DocumentError(QMError, ValueError):
    """An interview document that does not follow the schema."""


class StoreError(QMError):
    """A storage problem, worded for the user; the database file is left untouched."""


class ArticleError(QMError, ValueError):
    """Text that is not an article this tool can read; nothing is imported."""


class ImportFileError(QMError):
    """A file given to import that cannot be read as interviews; nothing is imported."""
