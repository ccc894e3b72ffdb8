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

from ...core.store import Version
from ..display import plain
from ..i18n import SV, Texts
from ..screens.base import QMModal


def field_label(field: str, t: Texts) -> str:
    """How a field is named in the UI (`answers.2` → `svar 2`)."""
    if field.startswith("answers."):
        n, _, rest = field.split(".", 1)[1].partition(".")
        return t("history.field.question" if rest else "history.field.answer", n=n)
    label = t(f"field.{field}")
    return label.split(" (")[0] if label != f"field.{field}" else field


def when(saved: str) -> str:
    """`2026-11-27 14:03` from an ISO timestamp."""
    return saved[:16].replace("T", " ")


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
            yield Label(t("history.title", field=field_label(self.field, t)), id="history-title")
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
        for version in self.versions:
            preview = " ".join(version.value.split())[:70] or "–"
            saved = plain(when(version.saved), style="bold")
            options.add_option(Option(Text.assemble(saved, "  ", plain(preview))))
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
