"""The paged table: a first page only, more as the cursor, keys or mouse wheel near the end."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult

from qm_tui.tui.widgets.paged_table import PAGE_SIZE, PagedTable

from ..conftest import wait_for

ROWS = [(f"rad {n}", f"Örebro {n}") for n in range(1_000)]


class TableApp(App[None]):
    def __init__(self, rows: list[tuple[str, str]] = ROWS) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = PagedTable(id="t", cursor_type="row")
        table.add_columns("a", "b")
        yield table

    def on_mount(self) -> None:
        self.query_one(PagedTable).show_rows(self.rows, tuple)


async def test_only_a_first_page_is_added() -> None:
    async with TableApp().run_test(size=(60, 20)) as pilot:
        table = pilot.app.query_one(PagedTable)
        assert table.loaded_rows == PAGE_SIZE == table.row_count
        assert table.total_rows == len(ROWS)


async def test_the_cursor_near_the_end_adds_the_next_page() -> None:
    async with TableApp().run_test(size=(60, 20)) as pilot:
        table = pilot.app.query_one(PagedTable)
        table.focus()
        for _ in range(PAGE_SIZE // 2 + 1):
            await pilot.press("down")
        assert table.loaded_rows == 2 * PAGE_SIZE
        assert table.get_row_at(table.cursor_row) == list(ROWS[table.cursor_row])


async def test_the_mouse_wheel_adds_pages_until_the_last_row() -> None:
    rows = ROWS[: 2 * PAGE_SIZE + PAGE_SIZE // 2]  # three pages, the last one half full
    async with TableApp(rows).run_test(size=(60, 20)) as pilot:
        table = pilot.app.query_one(PagedTable)
        for _ in range(len(rows)):
            table.post_message(events.MouseScrollDown(table, 5, 5, 0, 1, 0, False, False, False))
            if table.loaded_rows == len(rows) and table.scroll_y >= table.max_scroll_y > 0:
                break
            await pilot.pause()
        assert table.loaded_rows == len(rows)
        assert table.get_row_at(len(rows) - 1) == list(rows[-1])


async def test_ctrl_end_goes_to_the_last_row_of_all() -> None:
    async with TableApp().run_test(size=(60, 20)) as pilot:
        table = pilot.app.query_one(PagedTable)
        table.focus()
        await pilot.press("ctrl+end")
        assert table.cursor_row == len(ROWS) - 1


async def test_show_rows_replaces_and_keeps_a_cursor_beyond_the_first_page() -> None:
    async with TableApp().run_test(size=(60, 20)) as pilot:
        table = pilot.app.query_one(PagedTable)
        table.show_rows(ROWS[::-1], tuple, cursor=250)
        await pilot.pause()
        assert table.cursor_row == 250
        assert table.loaded_rows >= 251
        assert table.get_row_at(250) == list(ROWS[-251])


class ScreenfulApp(App[None]):
    """Shows a screenful first, as the list does for its first paint."""

    added_before_paint = 0

    def compose(self) -> ComposeResult:
        table = PagedTable(id="t", cursor_type="row")
        table.add_columns("a", "b")
        yield table

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        table.show_rows(ROWS, tuple, screenful=20)
        self.added_before_paint = table.row_count


async def test_a_screenful_first_then_the_rest_of_the_page_after_the_paint() -> None:
    async with ScreenfulApp().run_test(size=(60, 20)) as pilot:
        table = pilot.app.query_one(PagedTable)
        assert pilot.app.added_before_paint == 20
        await wait_for(pilot, lambda: table.loaded_rows > 20)
        assert table.loaded_rows == PAGE_SIZE == table.row_count
        assert table.get_row_at(PAGE_SIZE - 1) == list(ROWS[PAGE_SIZE - 1])


async def test_a_key_at_the_screenfuls_end_adds_the_page_at_once() -> None:
    async with ScreenfulApp().run_test(size=(60, 20)) as pilot:
        table = pilot.app.query_one(PagedTable)
        table.show_rows(ROWS, tuple, screenful=3)  # no pause: the top-up is still pending
        table.move_cursor(row=2)
        assert table.loaded_rows >= PAGE_SIZE
        await pilot.pause()
        await pilot.pause(0.2)
        assert table.row_count == table.loaded_rows and table.cursor_row == 2


async def test_a_screenful_is_not_used_for_a_cursor_beyond_it() -> None:
    async with ScreenfulApp().run_test(size=(60, 20)) as pilot:
        table = pilot.app.query_one(PagedTable)
        table.show_rows(ROWS, tuple, cursor=150, screenful=20)
        assert table.loaded_rows >= 151 and table.cursor_row == 150
