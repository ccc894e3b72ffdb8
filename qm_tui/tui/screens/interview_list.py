"""The start screen: every interview, newest first, with incremental search."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Header, Input, Static

from ...core.summary import Summary, search
from ..display import plain
from ..i18n import Texts
from ..widgets.footer import QMFooter
from ..widgets.paged_table import PagedTable
from .base import QMScreen, key

if TYPE_CHECKING:
    from ...core.store import InterviewStore


FULL_READ_DELAY = 0.05  # seconds after painting the index's rows before the file is read


def _load_summaries(store: InterviewStore) -> list[Summary]:
    return store.summaries()


def _build_search_text(rows: list[Summary]) -> None:
    """Build every row's search text (in a thread, after the list is painted)."""
    for row in rows:
        _ = row.haystack


def who(row: Summary, t: Texts) -> str:
    """How an interview is named in messages: name and organisation."""
    name = row.name or t("noname")
    return f"{name} ({row.organisation})" if row.organisation else name


class InterviewListScreen(QMScreen):
    """The interviews, newest first; open, create, search, delete, export."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("list", "new", "new", "n"),
        key("list", "open", "open", "enter"),
        key("list", "search", "search", "slash"),
        key("list", "delete", "delete", "d"),
        key("list", "trash", "trash", "t"),
        key("list", "export_md", "export", "e"),
        Binding("escape", "leave_search", show=False),
        key("list", "quit", "quit", "q"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Summary] = []
        self.shown: list[Summary] = []
        self.loaded = False
        self.opening = False  # while an interview opens, keys meant for it must not act here
        self._skipped_shown: str | None = None
        self._query = ""  # the search (lowered) that `shown` was filtered by

    def compose(self) -> ComposeResult:
        t = self.qm.t
        yield Header()
        yield Input(placeholder=t("list.search"), id="search")
        table = PagedTable(id="interviews", cursor_type="row", zebra_stripes=True)
        table.add_column(t("list.col.date"), key="date", width=10)
        table.add_column(t("list.col.name"), key="name")
        table.add_column(t("list.col.organisation"), key="organisation")
        table.add_column(t("list.col.status"), key="status")
        table.add_column(t("list.col.progress"), key="progress")
        yield table
        yield Static(t("list.loading"), id="empty")
        yield Static(id="count")
        yield QMFooter()

    def on_mount(self) -> None:
        self.sub_title = self.qm.t("list.subtitle")
        self.add_class("-empty")
        self.query_one("#interviews").focus()
        first_rows, self.qm.first_rows = self.qm.first_rows, None
        if first_rows is None:
            self.reload()
            return
        # rows from the list index: painted now; the file is read once they are on screen
        # (parsing it holds the interpreter, which would hold back the first frame)
        self.rows = first_rows
        self.refilter()
        self.set_timer(FULL_READ_DELAY, self.reload)

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.reload()

    @property
    def table(self) -> PagedTable:
        """The table of interviews."""
        return self.query_one("#interviews", PagedTable)

    # -- loading and filtering ---------------------------------------------------------

    @work(exclusive=True, group="list")
    async def reload(self, select: int | None = None) -> None:
        """Read the interviews in a thread, then show them (keeping the selection)."""
        loaded = await self.store_call(
            lambda store: (_load_summaries(store), store.skipped_summary())
        )
        if loaded is None:
            return
        rows, skipped = loaded
        if skipped and skipped != self._skipped_shown:
            self._skipped_shown = skipped
            self.notify(self.qm.t("store.skipped", summary=skipped), severity="warning", timeout=15)
        if select is None:
            select = self.selected_id()
        first = not self.loaded
        self.rows = rows
        self.loaded = True
        self.refilter(select)
        self._prepare_search(rows)
        if first:  # a missing or stale list index is rebuilt from what was just read
            await self.store_call(lambda store: store.refresh_index())

    @work(thread=True, exclusive=True, group="search-text", description="search text")
    def _prepare_search(self, rows: list[Summary]) -> None:
        """Build the search text after the list is painted, not before (nor on the first key)."""
        _build_search_text(rows)

    def refilter(self, select: int | None = None, narrow: bool = False) -> None:
        """Show the rows matching the search box, keeping `select` selected if shown.

        Only the rows about to be seen are measured and added (a page at a time), so the list
        paints at once and typing in the search box stays responsive with many interviews.
        """
        t = self.qm.t
        query = self.query_one("#search", Input).value
        previous, self._query = self._query, query.lower().strip()
        # a longer query only narrows: search the rows shown for the shorter one
        pool = self.shown if narrow and previous and self._query.startswith(previous) else self.rows
        self.shown = search(pool, query) if self._query else self.rows
        index = next((i for i, r in enumerate(self.shown) if r.id == select), 0)
        self.table.show_rows(self.shown, self._cells, index)
        empty = self.query_one("#empty", Static)
        if not self.rows:
            empty.update(t("list.empty"))
        elif not self.shown:
            empty.update(Text(t("list.no_match", query=query)))
        self.set_class(not self.shown, "-empty")
        self.query_one("#count", Static).update(
            t("list.count", shown=len(self.shown), total=len(self.rows))
        )

    def _cells(self, r: Summary) -> tuple[str | Text, ...]:
        t = self.qm.t
        return (
            plain(r.date),
            plain(r.name) if r.name else Text(t("noname"), style="dim italic"),
            plain(r.organisation),
            t(f"status.{r.status}") if r.status in ("draft", "complete") else plain(r.status),
            f"{r.answered} / {r.questions}",
        )

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        if self.loaded:
            self.refilter(self.selected_id(), narrow=True)

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.table.focus()

    def selected(self) -> Summary | None:
        """The row under the cursor."""
        if not self.shown:
            return None
        return self.shown[min(max(self.table.cursor_row, 0), len(self.shown) - 1)]

    def selected_id(self) -> int | None:
        """The id of the interview under the cursor."""
        row = self.selected()
        return row.id if row else None

    # -- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Row actions only make sense on a row; grey them out otherwise."""
        if self.opening:
            return False
        if action in ("open", "delete", "export"):
            return self.selected() is not None
        return True

    def action_search(self) -> None:
        """Focus the search box."""
        self.query_one("#search", Input).focus()

    def action_leave_search(self) -> None:
        """Escape in the search box: clear it, then go back to the table."""
        search = self.query_one("#search", Input)
        if self.focused is search:
            search.value = ""
            self.table.focus()

    @on(DataTable.RowSelected, "#interviews")
    async def _row_selected(self) -> None:
        await self.action_open()

    async def action_new(self) -> None:
        """Create a new interview in the store right away and open it."""
        qm = self.qm
        self.opening = True
        interview = qm.question_sets.default(qm.lang).new_interview()
        new_id = await self.store_call(lambda store: store.add(interview))
        if new_id is None:
            self.opening = False
            return
        self.query_one("#search", Input).value = ""
        await self.open_interview(new_id, is_new=True)

    async def action_open(self) -> None:
        """Open the selected interview in the editor."""
        row = self.selected()
        if row is not None and not self.opening:
            self.opening = True
            await self.open_interview(row.id)

    async def open_interview(self, interview_id: int, is_new: bool = False) -> None:
        """Read an interview and open it in the editor."""
        from .editor import EditorScreen

        try:
            interview = await self.store_call(lambda store: store.get(interview_id))
        finally:
            self.opening = False
        if interview is None:
            return
        await self.qm.push_screen(EditorScreen(interview_id, interview, is_new=is_new))

    def action_delete(self) -> None:
        """Ask, then move the selected interview to the trash."""
        from ..dialogs.confirm import ConfirmScreen

        row = self.selected()
        if row is None:
            return
        t = self.qm.t
        question = t("list.delete_confirm", who=who(row, t))
        self.app.push_screen(ConfirmScreen(question), partial(self._delete_confirmed, row))

    async def _delete_confirmed(self, row: Summary, yes: bool | None) -> None:
        if not yes:
            return
        qm = self.qm

        def delete(store: InterviewStore) -> bool:
            store.delete(row.id)
            return True

        if not await self.store_call(delete):
            return
        self.notify(qm.t("list.deleted", who=who(row, qm.t)))
        index = self.shown.index(row) if row in self.shown else 0
        rest = [r for r in self.shown if r.id != row.id]
        following = rest[min(index, len(rest) - 1)].id if rest else None
        self.reload(select=following)

    def action_trash(self) -> None:
        """Show the trash."""
        from .trash import TrashScreen

        self.app.push_screen(TrashScreen())

    async def action_export(self) -> None:
        """Export the selected interview as Markdown into the export folder."""
        from ...core.controls import interview_has_controls
        from ...core.export import export_article, export_dir

        row = self.selected()
        if row is None:
            return
        interview_id, lang_of = row.id, self.qm.question_sets.lang_of

        def export(store: InterviewStore) -> tuple[list[str], bool]:
            interview = store.get(interview_id)
            lang = lang_of(interview.question_set)
            paths = export_article(store, interview_id, interview, ("md",), export_dir(), lang)
            return [str(p) for p in paths], interview_has_controls(interview)

        paths = await self.store_call(export, failed="export.failed")
        if paths is None:
            return
        names, had_controls = paths
        self.notify(self.qm.t("exported", paths="\n".join(names)), timeout=8)
        if had_controls:
            self.notify(self.qm.t("export.controls_removed"), severity="warning", timeout=10)
