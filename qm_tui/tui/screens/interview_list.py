"""The start screen: every interview, newest first, with incremental search."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Footer, Header, Input, Static

from ...core.errors import QMError
from ...core.interview.controls import interview_has_controls
from ...core.interview.status import STATUSES
from ...core.interview.summary import Summary, search
from ..display import plain
from ..i18n import Texts
from ..keys import LIST_KEYS
from ..widgets.paged_table import PAGE_SIZE, PagedTable
from ..widgets.plain_fields import PlainInput
from .base import QMScreen

if TYPE_CHECKING:
    from ...core.database.store import InterviewStore
    from .editor import EditorScreen


NAME_WIDTH = 28  # longer names are cut in the table (with …), so the status stays in view
NARROW_NAME_WIDTH = 16  # below 72 columns: id, name and status fit in 40


def _shorten(text: str, width: int = NAME_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


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

    AUTO_FOCUS = "#interviews"  # the table, at once (not the search box first: one footer less)
    BINDINGS: ClassVar[list[BindingType]] = LIST_KEYS

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Summary] = []
        self.shown: list[Summary] = []
        self.loaded = False
        self.opening = False  # while an interview opens, keys meant for it must not act here
        self._skipped_shown: str | None = None
        self.status_filter: str | None = None  # show only this status (None: all)
        self._left: EditorScreen | None = None  # the editor last opened, to come back to its row
        self._copies_looked_for = False
        self._query = ""  # the search (lowered) that `shown` was filtered by

    def compose(self) -> ComposeResult:
        t = self.qm.t
        yield Header()
        yield PlainInput(placeholder=t("list.search"), id="search")
        table = PagedTable(id="interviews", cursor_type="row", zebra_stripes=True)
        # Id, name and status first, so that they stay visible down to 40 columns.
        table.add_column(t("list.col.id"), key="id")
        table.add_column(t("list.col.name"), key="name")
        table.add_column(t("list.col.status"), key="status")
        table.add_column(t("list.col.date"), key="date", width=10)
        table.add_column(t("list.col.organisation"), key="organisation")
        table.add_column(t("list.col.progress"), key="progress")
        yield table
        yield Static(t("list.loading"), id="empty")
        yield Static(id="count")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.qm.t("list.subtitle")
        self.add_class("-empty")  # "Läser in …" until the rows are read
        self.reload(screenful=self.app.size.height)

    def on_screen_resume(self) -> None:
        if self.loaded:
            left, self._left = self._left, None
            # back from the editor: the cursor goes to the interview left (also a new one)
            self.reload(select=left.interview_id if left is not None else None)

    def on_resize(self) -> None:
        narrow = self.app.size.width < 72
        if self.loaded and narrow != getattr(self, "_narrow", narrow):
            self.refilter(self.selected_id())  # names are cut to another width
        self._narrow = narrow

    @property
    def table(self) -> PagedTable:
        """The table of interviews."""
        return self.query_one("#interviews", PagedTable)

    # -- loading and filtering ---------------------------------------------------------

    @work(exclusive=True, group="list")
    async def reload(self, select: int | None = None, screenful: int = 0) -> None:
        """Read the interviews in a thread, then show them (keeping the selection); with
        `screenful`, the rest of the first page is added after the first paint."""
        loaded = await self.store_call(lambda store: (store.summaries(), store.skipped_summary()))
        if loaded is None:
            return
        rows, skipped = loaded
        if skipped and skipped != self._skipped_shown:
            self._skipped_shown = skipped
            self.notify(self.qm.t("store.skipped", summary=skipped), severity="warning", timeout=15)
        if select is None:
            select = self.selected_id()
        self.rows = rows
        self.loaded = True
        self.refilter(select, screenful=screenful)
        self._prepare_search(rows)
        if not self._copies_looked_for:  # once: sync folders' conflict copies beside the file
            self._copies_looked_for = True
            from ..sharing import point_out_copies

            await point_out_copies(self)

    @work(thread=True, exclusive=True, group="search-text", description="search text")
    def _prepare_search(self, rows: list[Summary]) -> None:
        """Build the search text after the list is painted, not before (nor on the first key)."""
        _build_search_text(rows)

    def refilter(
        self,
        select: int | None = None,
        narrow: bool = False,
        screenful: int = 0,
        follow: int | None = None,
    ) -> None:
        """Show the rows matching the search box, keeping `select` selected if shown.

        Only the rows about to be seen are measured and added (a page at a time), so the list
        paints at once and typing in the search box stays responsive with many interviews.
        With `follow`, `select` stays selected only among the first `follow` rows; further
        down the cursor goes to the first row.
        """
        t = self.qm.t
        query = self.query_one("#search", Input).value
        wanted = self.status_filter
        previous, self._query = self._query, query.lower().strip()
        if narrow and previous and self._query.startswith(previous):
            pool = self.shown  # a longer query only narrows: search the rows shown already
        else:
            pool = [r for r in self.rows if r.status == wanted] if wanted else self.rows
        self.shown = search(pool, query) if self._query else pool
        index = next((i for i, r in enumerate(self.shown) if r.id == select), 0)
        if follow is not None and index >= follow:
            index = 0
        self.table.show_rows(self.shown, self._cells, index, screenful)
        empty = self.query_one("#empty", Static)
        if not self.rows:
            empty.update(t("list.empty"))
        elif not self.shown:
            status = t(f"status.{wanted}") if wanted else ""
            if wanted and self._query:
                message = t("list.no_match_status", query=query, status=status)
            elif wanted:
                message = t("list.no_status", status=status)
            else:
                message = t("list.no_match", query=query)
            empty.update(plain(message))
        self.set_class(not self.shown, "-empty")
        count = t("list.count", shown=len(self.shown), total=len(self.rows))
        if wanted:
            count += f" · {t('key.filter')}: {t(f'status.{wanted}')}"
        self.query_one("#count", Static).update(Text(count))

    def _cells(self, r: Summary) -> tuple[str | Text, ...]:
        t = self.qm.t
        width = NAME_WIDTH if self.app.size.width >= 72 else NARROW_NAME_WIDTH
        return (
            str(r.id),
            plain(_shorten(r.name, width)) if r.name else Text(t("noname"), style="dim italic"),
            t(f"status.{r.status}") if r.status in STATUSES else plain(r.status),
            plain(r.date),
            plain(r.organisation),
            f"{r.answered} / {r.questions}",
        )

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        # The row under the cursor stays selected while it is on the first page of matches.
        # Following it further down would add (and measure, ~0.1 ms each) every row above it
        # on each key: clearing a search at 10,000 interviews took 150-500 ms that way.
        if self.loaded:
            self.refilter(self.selected_id(), narrow=True, follow=PAGE_SIZE)

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
        if action in ("search", "new", "open") and self._typing_in_search():
            return False  # in the search box `/` and `n` are characters, enter ends the search
        if action in ("open", "delete", "export", "cycle_status", "update_from_file"):
            return self.selected() is not None
        return True

    def _typing_in_search(self) -> bool:
        """The search box has the focus (the palette then does not offer these keys either:
        Textual checks an action again when the palette runs it)."""
        return self.focused is self.query_one("#search", Input)

    def action_search(self) -> None:
        """Focus the search box, at once (`Widget.focus` defers it behind the keys already
        queued, which then went to the table and were lost)."""
        self.set_focus(self.query_one("#search", Input))

    def action_leave_search(self) -> None:
        """Escape: clear the search (in the box or from the table) and go back to the table."""
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
        self.table.focus()

    def action_cycle_filter(self) -> None:
        """Show only drafts, then complete, approved, published interviews, then all again."""
        order: list[str | None] = [None, *STATUSES]
        self.status_filter = order[(order.index(self.status_filter) + 1) % len(order)]
        if self.loaded:
            self.refilter(self.selected_id())

    async def action_cycle_status(self) -> None:
        """Move the selected interview on to the next status of the publishing workflow."""
        row = self.selected()
        if row is None:
            return

        def change(store: InterviewStore) -> str:
            stored = store.get(row.id)
            status = stored.next_status()  # the editor's rule: see Interview.with_chosen_status
            store.save(row.id, stored.with_chosen_status(status))
            return status

        status = await self.store_call(change)
        if status is None:
            return  # the failure was shown
        t = self.qm.t
        self.notify(t("list.status_set", who=who(row, t), status=t(f"status.{status}")))
        self.reload(select=row.id)

    async def action_sync(self) -> None:
        """Sync the database through its git repository (commit, fetch, merge, push)."""
        from ..sharing import sync_now

        await sync_now(self)

    async def action_merge_copy(self) -> None:
        """Offer to join a sync folder's conflict copy of the database."""
        from ..sharing import merge_copy

        await merge_copy(self)

    def action_help(self) -> None:
        """Show every key of the list and the editor."""
        from ..dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen())

    @on(DataTable.RowSelected, "#interviews")
    async def _row_selected(self) -> None:
        await self.action_open()

    async def action_new(self) -> None:
        """Create a new interview in the store right away and open it."""
        qm = self.qm
        try:
            interview = qm.new_interview_set().new_interview()
        except QMError as exc:
            qm.notify(qm.t.error(exc), severity="error", markup=False, timeout=10)
            return
        self.opening = True
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
        self._left = EditorScreen(interview_id, interview, is_new=is_new)
        await self.qm.push_screen(self._left)

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

    def action_update_from_file(self) -> None:
        """Ask for a corrected article, show its diff and save it onto the selected interview."""
        from ..dialogs.update import UpdateScreen

        row = self.selected()
        if row is None:
            return
        t = self.qm.t
        name = who(row, t)

        def done(saved: tuple[int, int] | None) -> None:
            fields, comments = saved or (0, 0)
            if fields or comments:
                kept = f" {t('update.saved_comments', n=comments)}" if comments else ""
                self.notify(t("update.saved", who=name, n=fields) + kept, timeout=8)
                self.reload(select=row.id)

        self.app.push_screen(UpdateScreen(row.id, name), done)

    def action_trash(self) -> None:
        """Show the trash."""
        from .trash import TrashScreen

        self.app.push_screen(TrashScreen())

    async def action_export(self) -> None:
        """Export the selected interview as Markdown into the export folder."""
        from ...core.publish.export import export_article
        from ...core.settings.locations import export_dir

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
