"""The TUI under stress: huge pastes, tiny terminals, emoji, failing saves and a second window."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual.events import Paste
from textual.widgets import Input, Markdown, TextArea

from qm_tui.core.database.store import InterviewStore, StoreError
from qm_tui.core.errors import QMError
from qm_tui.tui import autosave as autosave_module
from qm_tui.tui.app import QMApp
from qm_tui.tui.dialogs.confirm import ConfirmScreen
from qm_tui.tui.screens.interview_list import InterviewListScreen
from qm_tui.tui.widgets.status_line import StatusLine

from ..conftest import SIZE, editor_of, new_interview, notified, open_selected, sample, wait_for


async def test_a_50000_character_paste(db_path: Path) -> None:
    target = InterviewStore(db_path).add(sample())
    text = ("Samverkan i Växjö 🎉 är stark. " * 2000)[:50_000]
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        await pilot.press("ctrl+n")
        area = ed.query_one("#answer-0", TextArea)
        area.clear()
        app.post_message(Paste(text))
        await pilot.pause()
        assert area.text == text
        assert ed.query_one("#words-0").render().plain == f"{len(text.split())} ord"
        await pilot.press(*"åäö")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert ed.query_one(Markdown)
        assert await ed.flush()
    assert InterviewStore(db_path).get(target).answers[0].answer == text + "åäö"


async def test_tiny_terminal_and_resizing(db_path: Path) -> None:
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        ed = await new_interview(pilot)
        assert not ed.query_one("#steps").display  # the step list gives way to the text
        await pilot.press(*"Åsa")
        for _ in range(ed.review_step):
            await pilot.press("ctrl+n")
            await pilot.press(*"Öl.")
            await pilot.pause()
        assert ed.step == ed.review_step
        await pilot.resize_terminal(110, 34)
        await pilot.pause()
        assert ed.query_one("#steps").display
        await pilot.resize_terminal(40, 12)
        await pilot.press(*["ctrl+b"] * 4)  # past the notes, boxes and quote steps
        await pilot.resize_terminal(20, 5)
        await pilot.pause()
        await pilot.resize_terminal(40, 12)
        await pilot.press(*"ÅÄÖ")
        assert await ed.flush()
    stored = InterviewStore(db_path).get(1)
    assert stored.name == "Åsa"
    assert stored.answers[4].answer == "Öl.ÅÄÖ"


async def test_emoji_and_swedish_letters_in_every_field(db_path: Path, tmp_path: Path) -> None:
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ed = await new_interview(pilot)
        for name in ("name", "title", "organisation", "interviewer"):
            ed.query_one(f"#field-{name}", Input).focus()
            app.post_message(Paste(f"Åsa 👩🏽‍💼 {name} ÄÖ"))
            await pilot.pause()
        for n in range(1, 6):
            await pilot.press("ctrl+n")
            app.post_message(Paste(f"Svar {n}: Ärligt talat 🚀 går det bra. Mycket bra å ö!"))
            await pilot.pause()
        await pilot.press("ctrl+n", "tab", "1")
        await pilot.press("ctrl+r", "ctrl+o")
        await pilot.pause()
        assert await ed.flush()
    stored = InterviewStore(db_path).get(1)
    assert stored.name == "Åsa 👩🏽‍💼 name ÄÖ"
    assert stored.quote == "Svar 1: Ärligt talat 🚀 går det bra."
    assert stored.answers[4].answer.startswith("Svar 5: Ärligt")
    md = next((tmp_path / "export").glob("*.md")).read_text(encoding="utf-8")
    assert "👩🏽‍💼" in md and "🚀" in md


async def test_a_failing_save_is_shown_retried_and_keeps_the_text(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = InterviewStore(db_path).add(sample())
    monkeypatch.setattr(autosave_module, "RETRY_DELAY", 0.3)
    real_save = InterviewStore.save
    failing = True

    def save(self: InterviewStore, *args: object, **kwargs: object) -> object:
        if failing:
            raise StoreError(f"cannot save to {db_path}: the disk is full")
        return real_save(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(InterviewStore, "save", save)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        await pilot.press("ctrl+n", *"Hej", "ctrl+s")
        await pilot.pause()
        status = ed.query_one(StatusLine)
        assert status.save_text == "Kunde inte spara – försöker igen"
        assert any(n.severity == "error" and "the disk is full" in n.message for n in notified(app))
        assert ed.query_one("#answer-0", TextArea).text.endswith("Hej")
        await pilot.press("escape")  # leaving asks instead of dropping the text
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is ed
        failing = False
        await wait_for(pilot, lambda: status.save_text.startswith("Sparad "))
    assert InterviewStore(db_path).get(target).answers[0].answer.endswith("Hej")


async def test_quitting_with_a_failing_save_asks_first(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    InterviewStore(db_path).add(sample())

    def save(self: InterviewStore, *args: object, **kwargs: object) -> object:
        raise StoreError("read-only file")

    monkeypatch.setattr(InterviewStore, "save", save)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_selected(pilot)
        await pilot.press("ctrl+n", *"x", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Avsluta ändå?" in app.screen.question
        await pilot.press("j")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_second_window_changing_the_same_interview_is_warned_about(
    db_path: Path,
) -> None:
    target = InterviewStore(db_path).add(sample())
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_selected(pilot)
        other = InterviewStore(db_path)  # the other window
        other.save(target, other.get(target).with_answer(0, "Från det andra fönstret."))
        await pilot.press("ctrl+n", *" Mitt tillägg.", "ctrl+s")
        await pilot.pause()
        warnings = [n for n in notified(app) if n.severity == "warning"]
        assert warnings and "Ett annat fönster" in warnings[0].message
    stored = InterviewStore(db_path)
    assert stored.get(target).answers[0].answer.endswith("Mitt tillägg.")
    history = [v.value for v in stored.history(target, "answers.1")]
    assert "Från det andra fönstret." in history


async def test_second_instance_saves_of_different_interviews_both_survive(db_path: Path) -> None:
    first = InterviewStore(db_path).add(sample("Anna Ek"))
    second = InterviewStore(db_path).add(sample("Bo Ek"))
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")  # newest first: "Anna Ek" is second
        await pilot.pause()
        assert editor_of(app).interview_id == first
        other = InterviewStore(db_path)
        other.save(second, other.get(second).with_answer(0, "Andra fönstret"))
        await pilot.press("ctrl+n", *"!", "escape")
        await pilot.pause()
        assert isinstance(app.screen, InterviewListScreen)
        assert not [n for n in notified(app) if n.severity == "warning"]
    stored = InterviewStore(db_path)
    assert stored.get(second).answers[0].answer == "Andra fönstret"
    assert stored.get(first).answers[0].answer.endswith("!")


async def test_english_interface(db_path: Path) -> None:
    app = QMApp(db_path=db_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "No interviews yet" in str(app.screen.query_one("#empty").render())
        ed = await new_interview(pilot)
        assert ed.interview.question_set == "qm-sv"  # the language never picks the questions
        await pilot.press("ctrl+n")
        assert ed.query_one(StatusLine).query_one("#progress").render().plain == ("Question 1 of 5")
        descriptions = {b.binding.description for b in ed.active_bindings.values()}
        assert {"Next", "Previous", "Save", "Preview", "Export", "Back", "Quit"} <= descriptions
        await pilot.pause()
        footer = {k.description for k in ed.query("FooterKey")}  # type: ignore[attr-defined]
        assert {"Next", "Previous", "Back"} <= footer and "Nästa" not in footer


async def test_the_set_option_chooses_the_questions_not_the_language(db_path: Path) -> None:
    app = QMApp(db_path=db_path, lang="sv", question_set="qm-en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert editor_of(app).interview.question_set == "qm-en"
        assert editor_of(app).sub_title == "(namnlös)"  # the interface stays Swedish


async def test_an_unknown_configured_set_is_one_message_and_nothing_is_created(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QM_TUI_SET", "qm-fi")
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, InterviewListScreen)
        (note,) = [n for n in notified(app) if n.severity == "error"]
        assert "okänd frågeuppsättning ”qm-fi” (från $QM_TUI_SET)" in note.message
    assert len(InterviewStore(db_path)) == 0


async def test_typing_into_an_interview_deleted_elsewhere_keeps_the_text(db_path: Path) -> None:
    target = InterviewStore(db_path).add(sample())
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_selected(pilot)
        InterviewStore(db_path).delete(target)  # another window deletes it
        await pilot.press("ctrl+n", *" Kvar!", "ctrl+s")
        await pilot.pause()
        ed = editor_of(app)
        assert ed.interview_id != target
        assert any("raderats i ett annat fönster" in n.message for n in notified(app))
    stored = InterviewStore(db_path)
    assert stored.get(ed.interview_id).answers[0].answer.endswith(" Kvar!")
    assert [t.id for t in stored.trash()] == [target]


KILL_CHILD = """
import asyncio, sys, time
from pathlib import Path
from qm_tui.tui.app import QMApp

async def main():
    app = QMApp(db_path=Path(sys.argv[1]), lang="sv")
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Åsa", "ctrl+n", *"Sista orden före kill")
        print("typed", flush=True)
        await asyncio.sleep(60)

asyncio.run(main())
"""


def _saved(db_path: Path, answer: str) -> bool:
    """Whether the file holds interview 1 with `answer` as its first answer."""
    try:
        return InterviewStore(db_path).get(1).answers[0].answer == answer
    except QMError:
        return False


@pytest.mark.slow
def test_kill_9_after_an_autosave_keeps_it(db_path: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", KILL_CHILD, str(db_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "typed"
        # the autosave reaches the file while the app runs on (no quit, no flush)
        deadline = time.monotonic() + 10
        while not _saved(db_path, "Sista orden före kill"):
            assert time.monotonic() < deadline, "the typed answer was never saved"
            time.sleep(0.05)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    stored = InterviewStore(db_path).get(1)
    assert stored.name == "Åsa"
    assert stored.answers[0].answer == "Sista orden före kill"
