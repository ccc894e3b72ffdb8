"""The one table of export formats, and writing articles into files.

Every place that exports — the CLI's `--format` choices and `export --all` file names, the app's
export from the editor and the list, the README's list — reads `FORMATS`. A format is a module
with `export(interview, options) -> bytes`; adding one is that module plus one line below.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..errors import ExportError, QMError
from ..interview.model import now_iso
from .export_folder import ExportFolder
from .filenames import Named, assign_filenames

if TYPE_CHECKING:
    from ..database.store import InterviewStore
    from ..interview.model import Interview

__all__ = [
    "APP_FORMATS",
    "FORMATS",
    "ExportOptions",
    "Format",
    "export_all",
    "export_article",
    "render",
]


@dataclass(frozen=True)
class ExportOptions:
    """How to render an article; each format reads the options that apply to it.

    - `lang`: the language of the interview's question set (`lang_of` its set);
    - `meta`: Markdown starts with YAML front matter (`--no-meta` leaves it out);
    - `typography`: Swedish typography in html, docx and txt for Swedish sets (`--no-typography`);
    - `fragment`: HTML is the `<article>` element alone, for pasting into a CMS (`--fragment`);
    - `interview_id`: the id written into the front matter, when known;
    - `template`: a .docx whose styles the Word export uses (default: `template.docx` in the
      config folder, when it exists).
    """

    lang: str = "sv"
    meta: bool = True
    typography: bool = True
    fragment: bool = False
    interview_id: int | None = None
    template: Path | None = None


class _Exporter(Protocol):
    def __call__(self, interview: Interview, options: ExportOptions) -> bytes: ...


@dataclass(frozen=True)
class Format:
    """One export format; `module` holds `export(interview, options) -> bytes`, loaded lazily."""

    name: str
    suffix: str
    mime: str
    description: str
    module: str

    def exporter(self) -> _Exporter:
        """The render function (its module is imported on first use, keeping start-up lean)."""
        exporter: _Exporter = importlib.import_module(self.module).export
        return exporter


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "md",
            ".md",
            "text/markdown",
            "Markdown, YAML front matter",
            "qm_tui.core.article.write.markdown",
        ),
        Format(
            "html", ".html", "text/html", "standalone HTML page", "qm_tui.core.article.write.html"
        ),
        Format(
            "txt",
            ".txt",
            "text/plain",
            "plain text in the profile layout",
            "qm_tui.core.article.write.txt",
        ),
        Format(
            "docx",
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word document with styles",
            "qm_tui.core.article.write.docx",
        ),
    )
}
APP_FORMATS = tuple(FORMATS)  # what the editor's export writes: every format


def get_format(name: str) -> Format:
    """The format called `name`; ExportError naming the known ones otherwise."""
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(FORMATS)
        raise ExportError(f"unknown article format {name!r} (known: {known})") from None


def render(interview: Interview, fmt: str, options: ExportOptions | None = None) -> bytes:
    """The article of `interview` in format `fmt`, as the bytes written to a file."""
    return get_format(fmt).exporter()(interview, options or ExportOptions())


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
    the same date, name and organisation never overwrite each other. The rules of
    `ExportFolder` hold (no write through a planted link, a FIFO refused). Raises QMError.
    """

    # names go oldest (lowest id) first, so only older interviews can take this one's name;
    # their summaries are enough (validating every interview cost seconds at 50,000)
    everyone: list[tuple[int, Named]] = [
        (s.id, s) for s in store.summaries() if s.id < interview_id
    ]
    everyone.append((interview_id, interview))
    interview = _as_saved(store, interview_id, interview)
    options = ExportOptions(lang=lang, interview_id=interview_id)

    target = ExportFolder(folder)
    formats = list(formats)
    names = [assign_filenames(everyone, get_format(fmt).suffix)[interview_id] for fmt in formats]
    target.check(names)
    return [
        target.write(name, render(interview, fmt, options))
        for fmt, name in zip(formats, names, strict=True)
    ]


def _as_saved(store: InterviewStore, interview_id: int, interview: Interview) -> Interview:
    """The editor's version with the `updated` of the version stored, when it is that one (the
    article names the version it was made from; `update` compares it with later changes)."""
    try:
        stored = store.get(interview_id)
    except QMError:
        return replace(interview, updated=now_iso())
    # the times are the store's own (`changed` is stamped by each save): the texts decide
    same = (
        replace(
            stored,
            created=interview.created,
            updated=interview.updated,
            changed=interview.changed,
        )
        == interview
    )
    return replace(interview, updated=stored.updated if same else now_iso())


def export_all(
    interviews: list[tuple[int, Interview]],
    folder: str | os.PathLike[str],
    fmt: str,
    options_for: Callable[[Interview], ExportOptions],
    include: Callable[[Interview], bool] | None = None,
) -> list[Path]:
    """Write every interview's article into `folder` (created if needed), one file each.

    With `include`, only the interviews it accepts are written; names are still handed out
    over all of them, so an interview's file name never depends on which others were written.
    Files can be made again, so they are written atomically but not fsynced. The rules of
    `ExportFolder` hold: a name holding a FIFO, a device or a folder is refused before anything
    is written; a planted link is replaced, never followed. An empty folder name is refused.
    """

    target = ExportFolder(folder)
    names = assign_filenames(interviews, get_format(fmt).suffix)
    chosen = [(i, iv) for i, iv in interviews if include is None or include(iv)]
    target.check(names[i] for i, _ in chosen)
    paths = []
    for interview_id, interview in chosen:
        options = replace(options_for(interview), interview_id=interview_id)
        paths.append(target.write(names[interview_id], render(interview, fmt, options)))
    return paths
