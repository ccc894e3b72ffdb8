"""Every key the editor documents does the documented thing from every kind of field.

Issue 23: TextArea binds F6 (select the line) and F7 (select all) itself, so in an answer F6 and
then a letter replaced the answer, and the command palette found neither "Byt status" nor
"Stavning" from there. Each documented key is pressed here from a one-line input, a dropdown, a
spell-checked text area (an answer) and a plain text area (the notes).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from qm_tui.core.database.store import InterviewStore
from qm_tui.tui import autosave
from qm_tui.tui.app import QMApp
from qm_tui.tui.dialogs.ask import AskScreen
from qm_tui.tui.dialogs.confirm import ConfirmScreen
from qm_tui.tui.dialogs.help import HelpScreen
from qm_tui.tui.dialogs.history import HistoryScreen
from qm_tui.tui.dialogs.spelling import SpellingDialog
from qm_tui.tui.i18n import Texts
from qm_tui.tui.screens.editor import EditorScreen
from qm_tui.tui.screens.interview_list import InterviewListScreen
from qm_tui.tui.steps import AnswerStep, NotesStep, PersonStep, ReviewStep

from ..conftest import SIZE, editor_of, new_interview, open_selected, sample, wait_for

T = Texts("sv")

# field kind -> (the step, the widget's selector)
FIELDS = {
    "input": (PersonStep, "#field-title"),
    "select": (PersonStep, "#workflow-status"),  # the set's is locked once answered
    "spell_text_area": (AnswerStep, "#answer-1"),
    "text_area": (NotesStep, "#field-private_notes"),
}


def documented_keys() -> list[str]:
    """The first key of every editor binding that the help (F1) lists (escape in an open
    dropdown has its own test)."""
    return [
        b.key.split(",")[0]
        for b in EditorScreen.BINDINGS
        if isinstance(b, Binding) and b.id is not None and b.id != "editor.close_menu"
    ]


def _step_index(ed: EditorScreen, kind: type) -> int:
    found = [i for i, s in enumerate(ed.steps) if isinstance(s, kind)]
    return found[1] if kind is AnswerStep else found[0]  # the second answer: not the first step


async def _focus(pilot: Pilot[None], ed: EditorScreen, kind: str) -> Widget:
    step_type, selector = FIELDS[kind]
    ed.step = _step_index(ed, step_type)
    await wait_for(pilot, lambda: bool(ed.current.query(selector)) and ed.current.display)
    widget = ed.current.query_one(selector)
    widget.focus()
    await wait_for(pilot, lambda: ed.focused is widget)
    return widget


def _text(widget: Widget) -> str:
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Input):
        return widget.value
    assert isinstance(widget, Select)
    return str(widget.value)


@contextlib.contextmanager
def _no_suspend() -> Iterator[None]:
    yield  # the test driver cannot hand the terminal over; the editor runs all the same


@pytest.mark.parametrize("kind", list(FIELDS))
@pytest.mark.parametrize("key", documented_keys())
async def test_each_documented_key_works_from_each_kind_of_field(
    key: str, kind: str, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(autosave, "SAVE_DELAY", 600.0)  # only ctrl+s (or leaving) saves
    monkeypatch.setattr(autosave, "MAX_SAVE_DELAY", 600.0)
    marker = tmp_path / "editor-ran"
    script = tmp_path / "editor.sh"
    script.write_text(f'#!/bin/sh\nprintf " (F4)" >> "$1"\ntouch {marker}\n')
    script.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(script))
    store = InterviewStore(db_path)
    store.add(sample())
    app = QMApp(db_path=db_path, lang="sv")
    notes: list[str] = []
    real_notify = app.notify

    def notify(message: str, **kwargs: object) -> None:
        notes.append(message)
        real_notify(message, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "notify", notify)
    monkeypatch.setattr(app, "suspend", _no_suspend)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        widget = await _focus(pilot, ed, kind)
        before, start = _text(widget), ed.step
        status_before = ed.interview.settled_status()
        if key == "ctrl+s":
            ed.set_field("interviewer", "Ny intervjuare")  # not a field of the kinds tested
            await wait_for(pilot, lambda: ed.autosave.dirty)
        if key == "ctrl+l":
            ed.saved_elsewhere = sample().with_text("title", "Från andra fönstret")
        await pilot.press(key)
        await pilot.pause()

        if key == "ctrl+n":
            assert ed.step == start + 1
        elif key == "ctrl+g":
            assert ed.step == max(0, start - 1)
            assert start == 0 or ed.step == start - 1
        elif key == "ctrl+s":
            await wait_for(pilot, lambda: not ed.autosave.dirty)
            assert store.get(1).interviewer == "Ny intervjuare"
        elif key == "ctrl+r":
            assert isinstance(ed.current, ReviewStep)
        elif key == "ctrl+o":
            await wait_for(pilot, lambda: any(n.startswith("Exporterade") for n in notes))
            assert list((tmp_path / "export").glob("*.md"))
        elif key == "escape":
            await wait_for(pilot, lambda: isinstance(app.screen, InterviewListScreen))
        elif key == "ctrl+q":
            await wait_for(pilot, lambda: app.return_code is not None or not app.is_running)
            return
        elif key == "f2":
            await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        elif key == "f7":
            spelling = (T("spelling.no_field"), "Stavningen", "Inga felstavade", "Ordlistan")
            await wait_for(
                pilot,
                lambda: (
                    isinstance(app.screen, SpellingDialog)
                    or any(n.startswith(spelling) for n in notes)
                ),
            )
            if kind == "spell_text_area":
                assert not any(n == T("spelling.no_field") for n in notes)
        elif key == "f4":
            if kind in ("spell_text_area", "text_area"):
                await wait_for(pilot, lambda: marker.exists() and _text(widget) == before + " (F4)")
            else:
                assert T("editor.no_field") in notes
        elif key == "f5":
            assert T("boxes.reset_done") in notes
        elif key == "f6":
            assert ed.interview.settled_status() != status_before
        elif key == "f8":
            assert isinstance(app.screen, AskScreen)
        elif key == "f9":
            if kind == "spell_text_area":
                assert isinstance(app.screen, ConfirmScreen)
            else:
                assert T("question.not_here") in notes
        elif key == "f1":
            assert isinstance(app.screen, HelpScreen)
        elif key == "ctrl+l":
            assert ed.interview.title == "Från andra fönstret"
        else:
            pytest.fail(f"no expectation for the documented key {key}")

        if isinstance(widget, TextArea) and widget.is_attached:
            assert widget.selection.is_empty, f"{key} selected text in the field"
        changes_it = key in ("f4", "ctrl+l") or (key == "f6" and kind == "select")
        if not changes_it and widget.is_attached:
            assert _text(widget) == before, f"{key} changed the field"


PALETTE_COMMANDS = ("Byt status", "Stavning", "Extern editor", "Historik", "Hjälp")


@pytest.mark.parametrize("kind", list(FIELDS))
async def test_the_palette_finds_the_editor_keys_from_each_kind_of_field(
    kind: str, db_path: Path
) -> None:
    InterviewStore(db_path).add(sample())
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        await _focus(pilot, ed, kind)
        titles = [c.title for c in app.get_system_commands(editor_of(app))]
        for title in PALETTE_COMMANDS:
            assert title in titles, f"{title} missing from the palette in a {kind}"


async def test_f6_then_a_letter_in_an_answer_keeps_the_answer(db_path: Path) -> None:
    """The issue's repro: ctrl+n to an answer, F6, X."""
    InterviewStore(db_path).add(sample())
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n", "f6", "X")
        await pilot.pause()
        answer = ed.interview.answers[3].answer
        assert answer.endswith("X") and len(answer) > 1
        assert ed.interview.settled_status() == "approved"
        assert not CommandPalette.is_open(app)


def _footer_text(app: QMApp) -> str:
    from textual.widgets import Footer

    footer = app.screen.query_one(Footer)
    return " ".join(str(w.render()) for w in footer.query("*") if not w.children)


async def test_no_english_in_an_open_dropdown_or_an_empty_palette(db_path: Path) -> None:
    """Issue 23: "esc Dismiss menu" in the footer, "Select" in Frågor, "No matches found"."""
    from textual.widgets import OptionList

    InterviewStore(db_path).add(sample())
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ed = await new_interview(pilot)
        chooser = ed.query_one("#question-set", Select)
        listed = chooser.query_one(OptionList)
        prompts = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert "Select" not in prompts and prompts
        chooser.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: chooser.expanded)
        await pilot.pause()
        footer = _footer_text(app)
        assert "Stäng listan" in footer and "Dismiss" not in footer
        await pilot.press("escape")  # closes the list, stays in the editor
        await wait_for(pilot, lambda: not chooser.expanded)
        assert app.screen is ed and app.focused is chooser
        assert "Tillbaka" in _footer_text(app)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: CommandPalette.is_open(app))
        await pilot.press(*"zzqxj")
        await wait_for(pilot, lambda: any("Inga" in t for t in _options(app)))
        assert _options(app) == ["Inga kommandon matchar ”zzqxj”"]
        await pilot.press("escape")
        await pilot.press("ctrl+p", *"stav")
        await wait_for(pilot, lambda: any("Stavning" in t for t in _options(app)))
        assert not any("Inga" in t for t in _options(app))


def _options(app: QMApp) -> list[str]:
    from textual.widgets import OptionList

    found = app.screen.query(OptionList)
    if not found:
        return []
    options = found.first()
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
