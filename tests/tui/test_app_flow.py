"""Pilot tests of the whole TUI flow: new interview, quote, export, edit, delete and restore."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList
from textual.events import Paste
from textual.widgets import DataTable, Input, TextArea

from qm_tui import cli
from qm_tui.core.database.store import InterviewStore
from qm_tui.tui.app import QMApp
from qm_tui.tui.dialogs.confirm import ConfirmScreen
from qm_tui.tui.screens.editor import EditorScreen
from qm_tui.tui.screens.interview_list import InterviewListScreen
from qm_tui.tui.screens.trash import TrashScreen
from qm_tui.tui.widgets.status_line import StatusLine

from ..conftest import (
    ANSWERS,
    SIZE,
    editor_of,
    history_opened,
    new_interview,
    notified,
    open_selected,
    sample,
    wait_for,
)


async def test_new_interview_typed_in_full_exports_like_the_cli(
    db_path: Path, tmp_path: Path
) -> None:
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Inga intervjuer ännu" in str(app.screen.query_one("#empty").render())
        ed = await new_interview(pilot)
        assert app.focused is ed.query_one("#field-name")
        await pilot.press(*"Åsa Öberg", "tab", *"vd", "tab", *"Växjö City", "tab", "tab")
        await pilot.press(*"Per Ek")
        assert app.focused is ed.query_one("#field-interviewer")
        for n, text in enumerate(ANSWERS, 1):
            await pilot.press("ctrl+n")
            assert ed.step == n
            assert app.focused is ed.query_one(f"#answer-{n - 1}")
            assert (
                ed.query_one(StatusLine)
                .query_one("#progress")
                .render()
                .plain.startswith(f"Fråga {n} av 5")
            )
            if n == 1:
                await pilot.press(*text)
            else:  # pasted, as from notes; typing all of it would only slow the test
                app.post_message(Paste(text))
                await pilot.pause()
        await pilot.press("ctrl+n")
        assert app.focused is ed.query_one("#field-quote")
        await pilot.press("tab", "2")  # the second sentence of the answers
        assert ed.interview.quote == "Det ger ett gemensamt mål att arbeta mot."
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert ed.step == ed.review_step
        assert "Allt är ifyllt" in str(ed.query_one("#warnings").render())
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: len(list((tmp_path / "export").glob("*"))) == 4)
        await pilot.pause()
        notes = [n.message for n in notified(app)]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InterviewListScreen)
        await pilot.pause()
        assert app.screen.query_one("#interviews", DataTable).row_count == 1
    stored = InterviewStore(db_path).get(1)
    assert stored.name == "Åsa Öberg"
    assert stored.organisation == "Växjö City"
    assert [a.answer for a in stored.answers] == ANSWERS
    assert stored.status == "complete"
    exported = sorted((tmp_path / "export").iterdir())
    assert [p.suffix for p in exported] == [".docx", ".html", ".md", ".txt"]
    assert any(all(str(p) in n for p in exported) for n in notes), notes  # each file named
    everything = tmp_path / "all"
    for fmt in ("md", "html", "txt", "docx"):  # the names `export --all` gives
        args = ["--db", str(db_path), "export", "--all", str(everything), "--format", fmt]
        assert cli.main(args) == 0
    assert sorted(p.name for p in everything.iterdir()) == [p.name for p in exported]
    exported = [p for p in exported if p.suffix in (".html", ".md")]
    cli_md = tmp_path / "cli.md"
    assert cli.main(["--db", str(db_path), "export", "1", "-o", str(cli_md)]) == 0
    assert exported[1].read_text(encoding="utf-8") == cli_md.read_text(encoding="utf-8")
    cli_html = tmp_path / "cli.html"
    assert (
        cli.main(["--db", str(db_path), "export", "1", "--format", "html", "-o", str(cli_html)])
        == 0
    )
    assert exported[0].read_text(encoding="utf-8") == cli_html.read_text(encoding="utf-8")


async def test_edit_an_existing_interview(db_path: Path) -> None:
    store = InterviewStore(db_path)
    store.add(sample("Anna Ek", "Gävle"))
    target = store.add(sample())
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#interviews", DataTable)
        assert table.row_count == 2
        await pilot.press("slash", *"nils")
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("enter", "enter")
        await pilot.pause()
        ed = editor_of(app)
        assert ed.interview_id == target
        await pilot.press("ctrl+n", "ctrl+n")
        area = ed.query_one("#answer-1", TextArea)
        assert app.focused is area
        assert area.cursor_location == area.document.end
        await pilot.press(*" Men nu blev det bättre!")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert ed.query_one(StatusLine).save_text.startswith("Sparad ")
        assert (
            InterviewStore(db_path)
            .get(target)
            .answers[1]
            .answer.endswith("Men nu blev det bättre!")
        )
        await pilot.press("ctrl+b", "ctrl+b")
        name = ed.query_one("#field-name", Input)
        name.value = "Nils-Petter Nilsson-Ek"
        await pilot.press("escape")
        await pilot.pause()
    assert InterviewStore(db_path).get(target).name == "Nils-Petter Nilsson-Ek"


async def test_history_restores_an_earlier_answer(db_path: Path) -> None:
    store = InterviewStore(db_path)
    target = store.add(sample())
    store.save(target, store.get(target).with_answer(0, "Andra versionen."))
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        await pilot.press("ctrl+n", *" Tredje.")
        await history_opened(pilot)
        await pilot.press("down", "enter")  # the oldest: the first version
        answer = ed.query_one("#answer-0", TextArea)
        await wait_for(pilot, lambda: answer.text == ANSWERS[0])
        await ed.flush()
    values = [v.value for v in InterviewStore(db_path).history(target, "answers.1")]
    assert "Andra versionen. Tredje." in values
    assert InterviewStore(db_path).get(target).answers[0].answer == ANSWERS[0]


async def test_delete_goes_to_the_trash_and_restores(db_path: Path) -> None:
    store = InterviewStore(db_path)
    store.add(sample("Anna Ek", "Gävle"))
    store.add(sample())
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        list_screen = app.screen
        assert isinstance(list_screen, InterviewListScreen)
        await wait_for(pilot, lambda: list_screen.loaded)
        table = list_screen.query_one("#interviews", DataTable)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")  # "Nej": nothing happens
        await wait_for(pilot, lambda: app.screen is list_screen)
        assert len(InterviewStore(db_path)) == 2
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("j")
        await wait_for(pilot, lambda: len(InterviewStore(db_path)) == 1 and table.row_count == 1)
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TrashScreen))
        trash = app.screen.query_one("#trash", DataTable)
        await wait_for(pilot, lambda: trash.row_count == 1)
        await pilot.press("r")
        await wait_for(pilot, lambda: trash.row_count == 0)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is list_screen and table.row_count == 2)
    assert len(InterviewStore(db_path)) == 2
    assert InterviewStore(db_path).trash() == []


async def test_export_from_the_list_writes_markdown(db_path: Path, tmp_path: Path) -> None:
    InterviewStore(db_path).add(sample())
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "loaded", False))
        await pilot.press("e")
        await wait_for(pilot, lambda: any("Exporterade" in n.message for n in notified(app)))
        files = list((tmp_path / "export").iterdir())
        assert [f.suffix for f in files] == [".md"]
        assert any(str(files[0]) in n.message for n in notified(app))


async def test_autosave_after_the_debounce(db_path: Path) -> None:
    target = InterviewStore(db_path).add(sample())
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        await pilot.press("ctrl+n", *" Åäö")
        status = ed.query_one(StatusLine)
        assert status.save_text == "Osparade ändringar"
        assert not InterviewStore(db_path).get(target).answers[0].answer.endswith("Åäö")
        await wait_for(pilot, lambda: status.save_text.startswith("Sparad "))
        assert InterviewStore(db_path).get(target).answers[0].answer.endswith(" Åäö")


async def test_continuous_typing_is_saved_at_least_every_second(db_path: Path) -> None:
    target = InterviewStore(db_path).add(sample())
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_selected(pilot)
        await pilot.press("ctrl+n")
        for _ in range(8):  # a keystroke every 0.3 s never lets the 0.8 s debounce expire
            await pilot.press("x")
            await pilot.pause(0.3)
        assert "xxx" in InterviewStore(db_path).get(target).answers[0].answer


async def test_untouched_new_interview_is_dropped_on_leaving(db_path: Path) -> None:
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert len(InterviewStore(db_path)) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InterviewListScreen)
    assert len(InterviewStore(db_path)) == 0
    assert InterviewStore(db_path).trash() == []


async def test_a_new_interview_with_only_another_set_chosen_is_dropped(db_path: Path) -> None:
    """Issue 23: choosing Frågor is not typing; leaving with escape left an empty interview."""
    from textual.widgets import Select

    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ed = await new_interview(pilot)
        chooser = ed.query_one("#question-set", Select)
        chooser.value = "qm-en"
        await wait_for(pilot, lambda: ed.interview.question_set == "qm-en")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewListScreen))
    assert len(InterviewStore(db_path)) == 0
    assert InterviewStore(db_path).trash() == []


async def test_quit_from_the_editor_saves_first(db_path: Path) -> None:
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Snabb", "ctrl+q")
        await pilot.pause()
    assert InterviewStore(db_path).get(1).name == "Snabb"


async def test_command_palette_lists_the_editor_keys(db_path: Path) -> None:
    InterviewStore(db_path).add(sample())
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_selected(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Nästa", "Föregående", "Spara", "Granska", "Exportera", "Tillbaka"):
            assert title in titles
        assert "Avsluta" in titles
        assert "Quit" not in titles


async def test_open_interview_from_the_command_palette(db_path: Path) -> None:
    store = InterviewStore(db_path)
    target = store.add(sample())
    store.add(sample("Anna Ek", "Gävle"))
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"nils-petter")
        await wait_for(pilot, lambda: bool(app.screen.query(CommandList)))
        await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EditorScreen))
        assert editor_of(app).interview_id == target
