"""A DataTable that holds many rows but measures and adds only the ones about to be seen.

A DataTable measures every cell it is given before it paints, so 10,000 rows cost seconds. This
one adds a first page, then the next page whenever the cursor or the scroll position (keys,
mouse wheel, scrollbar) comes within half a page of the last row added. For the very first
paint it can add just a screenful and the rest of the page once that has been painted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from textual.widgets import DataTable

PAGE_SIZE = 100  # rows added at a time
TOP_UP_DELAY = 0.03  # seconds after the first paint before the rest of its page is added


class PagedTable(DataTable[Any]):
    """A table of `rows`, added page by page as they come near the screen."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._source: Sequence[Any] = ()
        self._cells: Callable[[Any], Sequence[Any]] = tuple
        self.loaded_rows = 0  # how many of the rows are in the table
        self._topping_up = False  # a screenful is shown; the rest of its page follows the paint

    def show_rows(
        self,
        rows: Sequence[Any],
        cells: Callable[[Any], Sequence[Any]],
        cursor: int = 0,
        screenful: int = 0,
    ) -> None:
        """Show `rows` (`cells(row)` gives a row's cells), the cursor on row `cursor`.

        With `screenful`, only that many rows are measured before the next paint (when the
        cursor is among them) and the rest of the first page is added right after it.
        """
        self.clear()
        self._source, self._cells, self.loaded_rows = rows, cells, 0
        cursor = max(cursor, 0)
        self._topping_up = 0 < screenful < PAGE_SIZE and cursor < screenful
        if self._topping_up:
            self._add(min(len(rows), screenful))
            # a moment after the paint, so the frame reaches the terminal before more rows
            # are measured (the writer thread needs the interpreter too)
            self.call_after_refresh(self.set_timer, TOP_UP_DELAY, partial(self._top_up, rows))
        else:
            self.load_until(cursor + PAGE_SIZE - 1)
        if rows:
            self.move_cursor(row=min(cursor, len(rows) - 1), animate=False)

    def _add(self, end: int) -> None:
        start, self.loaded_rows = self.loaded_rows, end  # first: adding moves the cursor
        cells = self._cells
        self.add_rows(cells(row) for row in self._source[start:end])

    def _top_up(self, rows: Sequence[Any]) -> None:
        """The rest of the first page, after the screenful has been painted."""
        if rows is not self._source or not self._topping_up:
            return  # shown again meanwhile: that call added its own page
        self._topping_up = False
        end = min(len(rows), max(self.cursor_row, 0) + PAGE_SIZE)
        if end > self.loaded_rows:
            self._add(end)

    @property
    def total_rows(self) -> int:
        """How many rows the table holds, added or not."""
        return len(self._source)

    def load_until(self, index: int) -> None:
        """Add rows up to `index` (inclusive), a whole page at a time."""
        end = min(len(self._source), max(index + 1, self.loaded_rows))
        if end <= self.loaded_rows:
            return
        self._add(min(len(self._source), max(end, self.loaded_rows + PAGE_SIZE)))

    def _near_end(self, row: int) -> None:
        if self._topping_up:
            if row < self.loaded_rows - 1:
                return  # within the screenful: the rest of the page follows the paint
            self._top_up(self._source)  # a key or the wheel reached its end first: add now
        if row >= self.loaded_rows - PAGE_SIZE // 2 and self.loaded_rows < len(self._source):
            self.load_until(self.loaded_rows + PAGE_SIZE - 1)

    def watch_cursor_coordinate(self, old: Any, new: Any) -> None:
        """Add the next page when the cursor nears the last row added."""
        super().watch_cursor_coordinate(old, new)
        self._near_end(new.row)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Add the next page when scrolling (mouse wheel, scrollbar) nears the last row."""
        super().watch_scroll_y(old_value, new_value)
        bottom = int(new_value) + self.scrollable_content_region.height
        if bottom >= self.loaded_rows - PAGE_SIZE // 2 and self.loaded_rows < len(self._source):
            self.call_later(self._near_end, bottom)

    def action_scroll_bottom(self) -> None:
        """`ctrl+end`: the last row of all, not of the rows added so far."""
        self.load_until(len(self._source) - 1)
        super().action_scroll_bottom()
