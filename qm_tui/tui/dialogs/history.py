"""Earlier versions of one field of an interview; enter restores the chosen one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ...core.database.store import Version
from ..display import plain, plain_str
from ..i18n import SV
from ..screens.base import QMModal


def when(saved: str) -> str:
    """`2026-11-27 14:03` from an ISO timestamp."""
    return saved[:16].replace("T", " ")


ROW_WIDTH = 70  # characters of a version shown in its row
LEAD = 24  # characters before the first difference, when it lies past the row's width


def row_preview(value: str, other: str | None, width: int = ROW_WIDTH) -> Text:
    """A version's row: its text on one line, cut to `width`, with the part that differs from
    `other` (a neighbouring version) marked; when that part lies past `width`, the row starts
    shortly before it, with an ellipsis."""
    flat = plain_str(" ".join(value.split()))  # escapes first: the offsets are the row's
    if not flat:
        return Text("–")
    theirs = plain_str(" ".join(other.split())) if other is not None else flat
    start = next(
        (i for i, (a, b) in enumerate(zip(flat, theirs, strict=False)) if a != b),
        min(len(flat), len(theirs)),
    )
    same_end = 0
    limit = min(len(flat), len(theirs)) - start
    while same_end < limit and flat[-1 - same_end] == theirs[-1 - same_end]:
        same_end += 1
    end = len(flat) - same_end
    # the window ends at the text's end if it can: as much context as fits, the mark in view
    offset = 0 if start < width - 8 else max(0, min(start - LEAD, len(flat) - width + 4))
    shown = flat[offset : offset + width]
    row = Text("…" if offset else "")
    row.append(shown)
    if flat != theirs:
        at = len(row) - len(shown) + start - offset
        if end > start:
            row.stylize("reverse", at, min(len(row), at + end - start))
        elif at <= len(row):  # only removed here: mark the place
            row = row[:at] + Text("▏", style="bold reverse") + row[at:]
    if offset + width < len(flat):
        row.append("…")
    return row


class HistoryScreen(QMModal[str | None]):
    """Pick an earlier version of a field; dismisses with its text, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", SV["key.close"], id="history.close"),
        Binding("enter", "restore", SV["key.restore"], id="history.restore", show=False),
    ]

    def __init__(self, interview_id: int, field: str) -> None:
        super().__init__()
        self.interview_id = interview_id
        self.field = field
        self.versions: list[Version] = []

    def compose(self) -> ComposeResult:
        t = self.qm.t
        with Vertical(id="dialog"):
            yield Label(t("history.title", field=t.field_label(self.field)), id="history-title")
            yield OptionList(id="versions")
            with VerticalScroll(id="version-text-box"):
                yield Static(id="version-text", markup=False)
            yield Label(t("history.hint"), id="history-hint")

    async def on_mount(self) -> None:
        field = self.field
        interview_id = self.interview_id
        self.versions = await self.store_call(lambda s: s.history(interview_id, field)) or []
        options = self.query_one("#versions", OptionList)
        if not self.versions:
            options.add_option(Option(self.qm.t("history.empty"), disabled=True))
            return
        for number, version in enumerate(self.versions):
            # each row shows where it differs from the row below it (the last: from the one
            # above), so versions that differ only at their end still look different
            neighbour = number + 1 if number + 1 < len(self.versions) else number - 1
            other = self.versions[neighbour].value if neighbour >= 0 else None
            saved = plain(when(version.saved), style="bold")
            # the other side of a merge conflict (see `conflict_marks`)
            mark = self.qm.t("history.other_copy") + "  " if version.conflict else ""
            row = Text.assemble(saved, "  ", plain(mark, style="bold"))
            row.append_text(row_preview(version.value, other))
            options.add_option(Option(row))
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionHighlighted, "#versions")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if 0 <= event.option_index < len(self.versions):
            self.query_one("#version-text", Static).update(
                plain(self.versions[event.option_index].value)
            )

    @on(OptionList.OptionSelected, "#versions")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._restore(event.option_index)

    def action_restore(self) -> None:
        """Restore the highlighted version."""
        index = self.query_one("#versions", OptionList).highlighted
        if index is not None:
            self._restore(index)

    def _restore(self, index: int) -> None:
        if 0 <= index < len(self.versions):
            version = self.versions[index]
            self.notify(self.qm.t("history.restored", time=when(version.saved)))
            self.dismiss(version.value)

    def action_close(self) -> None:
        """Close without restoring."""
        self.dismiss(None)
