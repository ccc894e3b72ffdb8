"""The trash: deleted interviews, restorable with r or enter."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Footer, Header, Static

from ...core.database.store import Trashed
from ..display import plain
from ..keys import key
from .base import QMScreen


class TrashScreen(QMScreen):
    """Deleted interviews, most recently deleted first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("trash", "restore", "restore", "r"),
        key("trash", "back", "back", "escape"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Trashed] = []

    def compose(self) -> ComposeResult:
        t = self.qm.t
        yield Header()
        table: DataTable[Text] = DataTable(id="trash", cursor_type="row", zebra_stripes=True)
        table.add_column(t("trash.col.deleted"), key="deleted")
        table.add_column(t("list.col.date"), key="date")
        table.add_column(t("list.col.name"), key="name")
        table.add_column(t("list.col.organisation"), key="organisation")
        yield table
        yield Static(t("trash.empty"), id="empty")
        yield Footer()

    async def on_mount(self) -> None:
        self.sub_title = self.qm.t("trash.subtitle")
        await self.reload()

    async def reload(self) -> None:
        """Read the trash and show it."""
        self.items = await self.store_call(lambda store: store.trash()) or []
        table = self.query_one("#trash", DataTable)
        row = table.cursor_row
        table.clear()
        t = self.qm.t
        table.add_rows(
            (
                plain(item.deleted[:16].replace("T", " ")),
                plain(item.interview.date),
                plain(item.interview.name or t("noname")),
                plain(item.interview.organisation),
            )
            for item in self.items
        )
        if self.items:
            table.move_cursor(row=min(row, len(self.items) - 1), animate=False)
        table.display = bool(self.items)
        self.query_one("#empty").display = not self.items
        table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Restoring needs something to restore."""
        return bool(self.items) if action == "restore" else True

    @on(DataTable.RowSelected, "#trash")
    async def _row_selected(self) -> None:
        await self.action_restore()

    async def action_restore(self) -> None:
        """Bring the selected interview back to the list."""
        if not self.items:
            return
        table = self.query_one("#trash", DataTable)
        item = self.items[min(max(table.cursor_row, 0), len(self.items) - 1)]
        if await self.store_call(lambda store: store.restore(item.id)) is None:
            return
        name = item.interview.name or self.qm.t("noname")
        self.notify(self.qm.t("trash.restored", who=name))
        self.refresh_bindings()
        await self.reload()

    def action_back(self) -> None:
        """Back to the list."""
        self.dismiss()
