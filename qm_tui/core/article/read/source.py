"""An article file as read: its text for any choice of tracked changes, metadata hints, and
(for a Word file) the tracked changes and comments themselves."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from .docx import DocxContent
    from .tracked import Change

__all__ = ["ArticleFile"]


@dataclass
class ArticleFile:
    """What an article file holds, read once; `docx` is set for a Word file."""

    path: Path
    hints: dict[str, str] = field(default_factory=dict)
    plain: str = ""  # the text of a text file
    docx: DocxContent | None = None

    def text(self, accepted: Collection[int] | None = None) -> str:
        """The text with `accepted` tracked changes taken (None: all), the rest rejected."""
        return self.docx.text(accepted) if self.docx is not None else self.plain

    @property
    def identity(self) -> dict[str, str]:
        """The interview a Word file's properties name (`id`, `uid`, `updated`); a text file's
        front matter is read with its text (`Found.identity`)."""
        return dict(self.docx.identity) if self.docx is not None else {}

    @property
    def changes(self) -> list[Change]:
        """The tracked changes, in document order (none for a text file)."""
        return self.docx.tracked.changes if self.docx is not None else []
