"""Every expected failure, worded for the user as one line (import-free so the CLI starts fast).

The CLI prints any `QMError` as one line and exits 1; the app shows it as an error notification.
Anything else is a bug.
"""


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


class NotFoundError(StoreError):
    """No interview (or trash entry) with that id."""


class ArticleError(QMError, ValueError):
    """Text that is not an article this tool can read; nothing is imported."""


class ImportFileError(QMError):
    """A file given to import that cannot be read as interviews; nothing is imported."""


class QuestionSetError(QMError, ValueError):
    """A question-set file that cannot be used (the other sets still load)."""


class ExportError(QMError):
    """An unknown format or an export folder that cannot be used; nothing is written."""


class UsageError(QMError):
    """A command line that cannot be carried out as given (a bad id, clashing options)."""
