"""Errors that reach the user as one line of text (kept import-free so the CLI starts fast)."""


class QMError(Exception):
    """A failure worded for the user; whatever was being changed is left as it was.

    The message is English (the CLI prints it). `code` and `params`, when given, let the app
    say the same in its own language: the text `error.<code>` filled in with `params`.
    """

    def __init__(self, message: str = "", *, code: str = "", **params: str) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class DocumentError(QMError, ValueError):
    """An interview document that does not follow the schema."""


class StoreError(QMError):
    """A storage problem, worded for the user; the database file is left untouched."""


class ArticleError(QMError, ValueError):
    """Text that is not an article this tool can read; nothing is imported."""


class ImportFileError(QMError):
    """A file given to import that cannot be read as interviews; nothing is imported."""
