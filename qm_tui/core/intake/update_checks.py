"""Before an article is applied: is it this interview's, and is it older than what it changes?

A file names the interview it was exported from (Markdown front matter `id`/`uid`, the Word
file's identifier property); a file without that is checked by its content: another person's
name together with mostly other answers. The version it was exported from (`updated`) is
compared with the history of each field it would change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..interview.search import fold

if TYPE_CHECKING:
    from ..database.store import Version
    from ..interview.model import Interview
    from .update import UpdatePlan

__all__ = ["other_interview", "stale_warnings"]

_ALIKE = 0.5  # share of words two answers must have in common to count as the same answer


def _words(text: str) -> set[str]:

    return set(fold(text).split())


def _alike(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    return not (wa or wb) or len(wa & wb) / max(1, len(wa | wb)) >= _ALIKE


def _who(interview_id: int, iv: Interview | None) -> str:
    if iv is None:
        return f"interview {interview_id}"
    name = " ".join(iv.name.split())[:60]
    return f"interview {interview_id} ({name})" if name else f"interview {interview_id}"


def other_interview(
    interview_id: int,
    current: Interview,
    plan: UpdatePlan,
    lookup: Callable[[int], Interview | None],
) -> str | None:
    """Why the article is another interview's (one line naming it), or None if it is this one.

    The uid decides when both the file and the interview have one; else the id the file
    names; else the content: another name and most answers different.
    """
    identity = dict(plan.identity)
    uid = getattr(current, "uid", "")
    this = _who(interview_id, current)
    raw = identity.get("id", "")
    named = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 15 else None
    if identity.get("uid") and isinstance(uid, str) and uid:
        if identity["uid"] == uid:
            return None
        other = lookup(named) if named is not None and named != interview_id else None
        if named is not None and other is not None and getattr(other, "uid", "") == identity["uid"]:
            return f"the file was exported from {_who(named, other)}, not {this}"
        return f"the file is another interview's (uid {identity['uid'][:40]}), not {this}"
    if named is not None and named != interview_id:
        return f"the file was exported from {_who(named, lookup(named))}, not {this}"
    new = plan.interview
    if not _alike(current.name, new.name) and current.name.strip():
        pairs = [
            (old.answer, after.answer)
            for old, after in zip(current.answers, new.answers, strict=False)
            if old.answer.strip()
        ]
        differ = sum(1 for a, b in pairs if not _alike(a, b))
        if pairs and differ * 2 > len(pairs):
            name = " ".join(new.name.split())[:60]
            return (
                f"the file is about {name!r} with {differ} of {len(pairs)} answers different: "
                f"not {_who(interview_id, current)}"
            )
    return None


def _when(stamp: str) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.astimezone()


def stale_warnings(plan: UpdatePlan, history: list[Version]) -> list[str]:
    """One warning per field the article changes that was changed after the file's export."""
    exported = _when(dict(plan.identity).get("updated", ""))
    if exported is None:
        return []
    changed = {c.field for c in plan.changes}
    later: dict[str, str] = {}
    for version in history:
        saved = _when(version.saved)
        if version.field in changed and saved is not None and saved > exported:
            later[version.field] = max(later.get(version.field, ""), version.saved)
    return [
        f"{field} was changed ({saved}) after this file was exported ({exported.isoformat()}); "
        "applying it replaces that change (the replaced text goes to the history)"
        for field, saved in later.items()
    ]
