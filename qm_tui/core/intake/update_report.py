"""What `update` (and `import`) print: per field, the change, then the reviewer's tracked
changes and comments that lie in it, each with author and date."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..article.read.tracked import Change
    from ..interview.model import ReviewComment
    from .update import UpdatePlan

__all__ = ["comment_line", "marks_by_field", "report_lines", "tracked_line"]

_SHOWN = 120


def _short(text: str, width: int = _SHOWN) -> str:
    text = " / ".join(part.strip() for part in text.splitlines() if part.strip())
    return text if len(text) <= width else text[: width - 1] + "…"


def _by(author: str, date: str) -> str:
    who = " ".join(author.split()) or "unknown author"
    return f"{who}, {date}" if date else who


def tracked_line(change: Change, accepted: bool | None = None, label: str = "") -> str:
    """`inserted 'mycket positivt' — Anna Berg, 2026-12-01T10:00:00Z` (and what was chosen);
    `label` words the kind of change in another language."""
    chosen = "" if accepted is None else (" [accepted]" if accepted else " [rejected]")
    kind = label or change.label
    return f"{kind} {_short(change.text)!r} — {_by(change.author, change.date)}{chosen}"


def comment_line(comment: ReviewComment, words: Mapping[str, str] | None = None) -> str:
    """`comment — Anna Berg, 2026-12-01: Kan ni byta citatet? (resolved)`; replies say so.
    `words` gives `comment`, `reply` and `resolved` in another language."""
    say = {"comment": "comment", "reply": "reply", "resolved": "resolved", **(words or {})}
    kind = say["reply"] if comment.reply else say["comment"]
    state = f" ({say['resolved']})" if comment.resolved else ""
    return f"{kind} — {_by(comment.author, comment.date)}: {_short(comment.text, 400)}{state}"


def marks_by_field(
    tracked: tuple[tuple[str, Change], ...], comments: tuple[ReviewComment, ...]
) -> dict[str, tuple[list[Change], list[ReviewComment]]]:
    """Tracked changes and comments grouped by the field they lie in, in document order."""
    out: dict[str, tuple[list[Change], list[ReviewComment]]] = {}
    for where, change in tracked:
        out.setdefault(where, ([], []))[0].append(change)
    for comment in comments:
        out.setdefault(comment.field, ([], []))[1].append(comment)
    return out


def report_lines(plan: UpdatePlan, accept: bool | None = True) -> list[str]:
    """Each changed field with its one-line diff, and under each field the tracked changes
    (marked accepted or rejected as `accept` says) and the new comments lying in it."""
    marks = marks_by_field(plan.tracked, plan.comments)
    lines = []
    for change in plan.changes:
        lines.append(f"{change.field}: {change.short_diff()}")
        lines += _marks(marks.pop(change.field, ([], [])), accept)
    for where, group in marks.items():
        lines.append(f"{where}: (no change to the text)" if group[0] else f"{where}:")
        lines += _marks(group, accept)
    return lines


def _marks(group: tuple[list[Change], list[ReviewComment]], accept: bool | None) -> list[str]:
    changes, comments = group
    return [f"  {tracked_line(c, accept)}" for c in changes] + [
        f"  {comment_line(c)}" for c in comments
    ]
