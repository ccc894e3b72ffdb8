"""The reviewers' comments on a step's fields, shown under them (plain text, never exported)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.widgets import Static

from ...core.intake.update_report import comment_line
from ..display import plain

if TYPE_CHECKING:
    from ...core.interview.model import ReviewComment
    from ..app import QMApp


class ReviewNotes(Static):
    """Each comment with its field, author and date; resolved ones dimmed."""

    DEFAULT_CSS = """
    ReviewNotes {
        height: auto;
        margin-top: 1;
        color: $text-warning;
    }
    """

    def __init__(self, comments: Sequence[ReviewComment]) -> None:
        super().__init__(markup=False, classes="review-notes")
        self.comments = tuple(comments)

    def on_mount(self) -> None:
        t = cast("QMApp", self.app).t
        out = Text(t("editor.review"), style="bold")
        for comment in self.comments:
            out.append("\n")
            words = {k: t(f"review.{k}") for k in ("comment", "reply", "resolved")}
            line = plain(f"{t.field_label(comment.field)}: {comment_line(comment, words)}")
            if comment.resolved:
                line.stylize("dim")
            out.append_text(line)
        self.update(out)
