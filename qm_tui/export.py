"""Exporting an interview's article from the app: where the files go and how they are named."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .model import Interview
from .storage import atomic_write

FORMATS = ("md", "html")


def export_dir() -> Path:
    """`$QM_TUI_EXPORT_DIR`, else `qm-tui` in the user's documents folder."""
    override = os.environ.get("QM_TUI_EXPORT_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_documents_path

    return user_documents_path() / "qm-tui"


def export_article(
    interview: Interview, formats: Iterable[str], folder: Path, lang: str = "sv"
) -> list[Path]:
    """Write the article in each format into `folder`; returns the paths written.

    The names come from `article_filename` with nothing taken, so exporting the same interview
    again replaces its earlier files instead of piling up copies. Raises StoreError on failure.
    """
    from .article import render_html, render_markdown
    from .slug import article_filename

    paths = []
    for fmt in formats:
        text = render_html(interview, lang=lang) if fmt == "html" else render_markdown(interview)
        path = folder / article_filename(interview, fmt, set())
        atomic_write(path, text.encode("utf-8"))
        paths.append(path)
    return paths
