"""Exporting an interview's article from the app: where the files go and how they are named."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .storage import atomic_write

if TYPE_CHECKING:
    from .model import Interview
    from .store import InterviewStore


def export_dir() -> Path:
    """`$QM_TUI_EXPORT_DIR`, else `qm-tui` in the user's documents folder."""
    override = os.environ.get("QM_TUI_EXPORT_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_documents_path

    return user_documents_path() / "qm-tui"


def export_article(
    store: InterviewStore,
    interview_id: int,
    interview: Interview,
    formats: Iterable[str],
    folder: Path,
    lang: str = "sv",
) -> list[Path]:
    """Write the article of `interview` (the editor's version of `interview_id`) in each format.

    Names come from `assign_filenames` over every stored interview, as `qm-tui export --all`
    gives them: exporting again replaces the interview's own files, and two interviews with
    the same date, name and organisation never overwrite each other. Raises StoreError.
    """
    from .article import render_html, render_markdown
    from .filenames import assign_filenames

    everyone = [(s.id, s.interview) for s in store.list() if s.id != interview_id]
    everyone.append((interview_id, interview))
    paths = []
    for fmt in formats:
        text = render_html(interview, lang=lang) if fmt == "html" else render_markdown(interview)
        path = folder / assign_filenames(everyone, fmt)[interview_id]
        atomic_write(path, text.encode("utf-8"))
        paths.append(path)
    return paths
