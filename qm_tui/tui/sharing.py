"""The list's sharing keys: sync through git, and join a sync folder's conflict copy.

The work runs in the store thread (one store call at a time, so no save of this app lands in
the middle); the screen is told what came in and what went out.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.sync.copies import conflict_copies
from ..core.sync.merge import MergeResult, merge_tables

if TYPE_CHECKING:
    from ..core.database.store import InterviewStore
    from .screens.interview_list import InterviewListScreen

SHOWN_LINES = 5  # lines of what came in shown in a notification


def _tell(
    screen: InterviewListScreen,
    text: str,
    timeout: float,
    conflicts: Sequence[str],
    warnings: Sequence[str],
) -> None:
    """What a sync or a merge did, its conflicts and its warnings, then the list read again."""
    screen.notify(text, timeout=timeout)
    if conflicts:
        screen.notify(
            screen.qm.t("merge.conflicts", n=len(conflicts)) + "\n" + _lines(conflicts),
            severity="warning",
            timeout=20,
        )
    for warning in warnings[:SHOWN_LINES]:
        screen.notify(warning, severity="warning", timeout=20)
    screen.reload()


def _lines(lines: Sequence[str]) -> str:
    shown = list(lines[:SHOWN_LINES])
    more = len(lines) - len(shown)
    return "\n".join(shown + ([f"… (+{more})"] if more > 0 else []))


async def sync_now(screen: InterviewListScreen) -> None:
    """Sync with git (the `g` key) and say what came in and what went out."""
    from ..core.sync.git import sync

    qm = screen.qm
    t = qm.t
    screen.notify(t("sync.running"), timeout=3)
    report = await screen.store_call(lambda store: sync(store.path), failed="sync.failed")
    if report is None:
        return
    text = t("sync.done", remote=report.remote, came=len(report.came_in), went=report.pushed)
    if report.came_in:
        text += "\n" + _lines(report.came_in)
    _tell(screen, text, 12, report.conflicts, report.warnings)


async def point_out_copies(screen: InterviewListScreen) -> None:
    """Once the list is read: a notification for each conflict copy beside the database."""
    copies = await screen.store_call(lambda store: conflict_copies(store.path))
    for copy in copies or []:
        screen.notify(screen.qm.t("copies.found", name=copy.name), severity="warning", timeout=30)


async def merge_copy(screen: InterviewListScreen) -> None:
    """Offer to join the first conflict copy beside the database (the `m` key)."""
    from .dialogs.confirm import ConfirmScreen

    t = screen.qm.t
    copies = await screen.store_call(lambda store: conflict_copies(store.path))
    if not copies:
        screen.notify(t("copies.none"), timeout=5)
        return
    copy = copies[0]

    async def confirmed(yes: bool | None) -> None:
        if yes:
            await _merge(screen, copy)

    screen.app.push_screen(ConfirmScreen(t("copies.confirm", name=copy.name)), confirmed)


async def _merge(screen: InterviewListScreen, copy: Path) -> None:
    from ..core.sync.source import read_copy

    t = screen.qm.t

    def merge(store: InterviewStore) -> MergeResult:
        other = read_copy(copy, database=store.path)
        found: list[MergeResult] = []

        def change(tables: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]] | None:
            found.append(merge_tables(tables, other, other_name=copy.name))
            return found[-1].tables if found[-1].changed else None

        store.rewrite(change)
        return found[-1]

    result = await screen.store_call(merge, failed="merge.failed")
    if result is None:
        return
    text = t("copies.merged", name=copy.name, summary=result.summary())
    if result.lines:
        text += "\n" + _lines(result.lines)
    _tell(screen, text, 15, result.conflicts, result.warnings)
