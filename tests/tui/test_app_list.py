"""The list (issue 9): id, name and status in view, status set and filtered, search without
case or accents, escape, the cursor back on the interview left; help, palette and ctrl+c texts."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, Static

from qm_tui.core.database.store import InterviewStore
from qm_tui.tui.app import QMApp
from qm_tui.tui.dialogs.help import HelpScreen
from qm_tui.tui.screens.interview_list import InterviewListScreen

from ..conftest import SIZE, editor_of, notified, sample, wait_for


def _store(db_path: Path) -> list[int]:
    store = InterviewStore(db_path)
    anna = sample("Anna Östberg", "Ängelholms Citysamverkan")
    first = store.add(replace(anna, private_notes="Ring Göran", quote=""))  # a draft
    second = store.add(sample("Bo Ek", "Lund"))
    return [first, second]


def _list(app: QMApp) -> InterviewListScreen:
    screen = app.screen
    assert isinstance(screen, InterviewListScreen)
    return screen


def _names(app: QMApp) -> list[str]:
    return [r.name for r in _list(app).shown]


async def test_search_ignores_case_and_accents_and_escape_clears_it_from_the_table(
    db_path: Path,
) -> None:
    _store(db_path)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: _list(app).loaded)
        for query, expected in [("angelholm", ["Anna Östberg"]), ("OSTBERG", ["Anna Östberg"])]:
            await pilot.press("slash", *query)
            await pilot.pause()
            assert _names(app) == expected
            await pilot.press("escape")
            await pilot.pause()
            assert len(_names(app)) == 2
        # the private notes are searched too; enter goes to the table, escape still clears
        await pilot.press("slash", *"goran", "enter")
        await pilot.pause()
        assert _names(app) == ["Anna Östberg"] and app.focused is _list(app).table
        await pilot.press("escape")
        await pilot.pause()
        assert len(_names(app)) == 2 and app.screen.query_one("#search", Input).value == ""


async def test_the_list_shows_ids_and_statuses_and_sets_and_filters_them(db_path: Path) -> None:
    first, second = _store(db_path)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: _list(app).loaded)
        table = _list(app).table
        assert [str(c.label) for c in table.columns.values()][:3] == ["Id", "Namn", "Status"]
        assert table.get_row_at(0)[0] == str(second) and table.get_row_at(0)[2] == "klar"
        assert table.get_row_at(1)[0] == str(first) and table.get_row_at(1)[2] == "utkast"
        await pilot.press("s")
        await wait_for(pilot, lambda: InterviewStore(db_path).get(second).status == "approved")
        await wait_for(pilot, lambda: _list(app).table.get_row_at(0)[2] == "granskad")
        await pilot.press("f")  # only drafts
        await pilot.pause()
        assert [r.id for r in _list(app).shown] == [first]
        await pilot.press("f", "f")  # complete, then approved
        await pilot.pause()
        assert [r.id for r in _list(app).shown] == [second]
        assert "granskad" in str(app.screen.query_one("#count").render())
        await pilot.press("f", "f")  # published, then all again
        await pilot.pause()
        assert len(_list(app).shown) == 2


async def test_the_list_keeps_name_and_status_in_view_at_40_columns(db_path: Path) -> None:
    _store(db_path)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_for(pilot, lambda: _list(app).loaded)
        await pilot.pause()
        shown = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "Anna Östberg" in shown and "utkast" in shown


async def test_back_on_the_list_the_cursor_is_on_the_interview_left(db_path: Path) -> None:
    _store(db_path)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: _list(app).loaded)
        await pilot.press("n")
        await wait_for(pilot, lambda: not isinstance(app.screen, InterviewListScreen))
        new_id = editor_of(app).interview_id
        await pilot.press(*"Ny Person", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewListScreen))
        await wait_for(pilot, lambda: _list(app).selected_id() == new_id)
        # an older interview left after opening it: the cursor stays on it, not on the top row
        await pilot.press("down", "down", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, InterviewListScreen))
        opened = editor_of(app).interview_id
        assert opened != new_id
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewListScreen))
        await wait_for(pilot, lambda: _list(app).selected_id() == opened)
        assert isinstance(_list(app).table, DataTable)


async def test_help_on_question_mark_and_f1_lists_the_keys_in_swedish(db_path: Path) -> None:
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, file=io.StringIO(), record=True)
        console.print(app.screen.query_one("#help-text", Static).content)
        text = console.export_text()
        for expected in ("Listan", "Redigeraren", "ctrl+n", "ctrl+g", "Gå till föregående steg"):
            assert expected in text
        await pilot.press("escape")
        await pilot.press("n")
        await wait_for(pilot, lambda: not isinstance(app.screen, InterviewListScreen))
        await pilot.press("f1")  # in the editor too
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_prompt_ctrl_c_and_one_avsluta_in_swedish(db_path: Path) -> None:
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        (note,) = list(notified(app))
        assert note.title == "Vill du avsluta?" and note.message.startswith("Tryck ")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles.count("Avsluta") == 1
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder == "Sök kommandon …"


async def test_typing_a_search_keeps_the_row_only_while_it_is_on_the_first_page(
    db_path: Path,
) -> None:
    """Following a row further down would add every row above it on each key (slow with many
    interviews): there the cursor goes to the first match instead."""
    from qm_tui.tui.widgets.paged_table import PAGE_SIZE

    store = InterviewStore(db_path)
    store.add_many([sample(f"Person {n:03}", "Växjö City") for n in range(PAGE_SIZE + 60)])
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: _list(app).loaded)
        screen = _list(app)
        table = screen.table
        table.focus()
        for _ in range(5):
            await pilot.press("down")
        near = screen.selected_id()
        await pilot.press("slash", "p")  # every interview matches: the row is 6th of them
        await pilot.pause()
        assert screen.selected_id() == near and table.cursor_row == 5
        await pilot.press("escape")  # clears the search: all rows again, the row still 6th
        await pilot.pause()
        assert screen.selected_id() == near
        table.focus()
        await pilot.press("ctrl+end")  # the oldest interview, beyond the first page
        await pilot.pause()
        deep = screen.selected_id()
        assert table.cursor_row == PAGE_SIZE + 59
        await pilot.press("slash", "p")
        await pilot.pause()
        assert table.cursor_row == 0 and screen.selected_id() != deep
        assert table.loaded_rows <= PAGE_SIZE


async def test_keys_typed_right_after_slash_go_into_the_search_box(db_path: Path) -> None:
    """Typed fast (or pasted), the keys after `/` are queued before it is handled: they must not
    go to the table. In the search box `/` itself is a character."""
    from textual import events

    _store(db_path)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: _list(app).loaded)
        for character, name in [("/", "slash"), ("b", "b"), ("o", "o")]:
            app.post_message(events.Key(name, character))  # one burst, nothing in between
        await pilot.pause()
        search = app.screen.query_one("#search", Input)
        assert search.value == "bo" and app.focused is search
        assert _names(app) == ["Bo Ek"]
        await pilot.press("slash")
        assert search.value == "bo/"


async def test_a_search_that_matches_nothing_names_it_without_markup_or_raw_controls(
    db_path: Path,
) -> None:
    """The query is typed text: shown in the "no match" line as it is, without markup; the
    search box keeps no control character (ESC is removed as it is pasted)."""
    from textual.events import Paste
    from textual.widgets import Static

    _store(db_path)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: _list(app).loaded)
        await pilot.press("slash")
        app.post_message(Paste("x\x1b[31m[/][b]"))
        await pilot.pause()
        shown = str(app.screen.query_one("#empty", Static).render())
        assert "\x1b" not in shown and "”x[31m[/][b]”" in shown


async def test_s_on_the_list_follows_the_status_rule(db_path: Path) -> None:
    """Issue 23: `s` made an interview with two answers and no quote complete."""
    store = InterviewStore(db_path)
    half = sample("Cia Berg", "Kalmar")
    half = replace(half, quote="").with_answer(2, "").with_answer(3, "").with_answer(4, "")
    iv_id = store.add(half)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: _list(app).loaded)
        await pilot.press("s")  # draft -> approved: complete is skipped while text is missing
        await wait_for(pilot, lambda: InterviewStore(db_path).get(iv_id).status == "approved")
        await pilot.press("s", "s")  # approved -> published -> draft (not complete)
        await wait_for(pilot, lambda: InterviewStore(db_path).get(iv_id).status == "draft")
        await wait_for(pilot, lambda: _list(app).table.get_row_at(0)[2] == "utkast")


async def test_an_empty_status_filter_names_the_status(db_path: Path) -> None:
    """Issue 23: the empty message said `Inga intervjuer matchar ””.`"""
    _store(db_path)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: _list(app).loaded)
        await pilot.press("f", "f", "f", "f")  # drafts, complete, approved, published
        await pilot.pause()
        assert _list(app).shown == []
        empty = str(app.screen.query_one("#empty", Static).render())
        assert "publicerad" in empty and "””" not in empty
        await pilot.press("slash", *"Bo")
        await pilot.pause()
        empty = str(app.screen.query_one("#empty", Static).render())
        assert "publicerad" in empty and "”Bo”" in empty
