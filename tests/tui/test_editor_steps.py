"""The editor as state plus views: the step var, the steps' own messages, store injection."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import ContentSwitcher, Input, OptionList, TextArea

from qm_tui.core.database.store import InterviewStore
from qm_tui.core.interview.questions import load_question_sets
from qm_tui.tui.app import QMApp
from qm_tui.tui.screens.interview_list import InterviewListScreen
from qm_tui.tui.steps import (
    AnswerStep,
    BoxesStep,
    NotesStep,
    PersonStep,
    QuoteStep,
    ReviewStep,
    Step,
    editor_steps,
)
from qm_tui.tui.widgets.quote_candidates import QuoteCandidates
from qm_tui.tui.widgets.status_line import StatusLine
from qm_tui.tui.widgets.step_list import StepList

from ..conftest import SIZE, Opened, open_selected, sample, wait_for


def test_the_steps_follow_the_interview() -> None:
    steps = editor_steps(sample())
    kinds = [type(s) for s in steps]
    assert kinds == [PersonStep, *[AnswerStep] * 5, QuoteStep, BoxesStep, NotesStep, ReviewStep]
    assert [s.fields for s in steps[1:3]] == [("answers.1",), ("answers.2",)]


async def test_the_step_is_clamped_and_every_view_follows_it(opened_editor: Opened) -> None:
    app, pilot, ed = opened_editor
    ed.step = 99
    await pilot.pause()
    assert ed.step == ed.review_step == 9
    assert app.screen.query_one("#switcher", ContentSwitcher).current == "step-9"
    assert ed.query_one(StepList).highlighted == 9
    assert "Granska" in str(ed.query_one("#progress").render())
    ed.step = -3
    await pilot.pause()
    assert ed.step == 0 and app.focused is ed.query_one("#field-name")
    assert ed.query_one(StatusLine).query_one("#progress").render()


async def test_a_step_posts_its_own_changed_message_and_marks_follow(
    opened_editor: Opened,
) -> None:
    app, pilot, ed = opened_editor
    person = ed.query_one(PersonStep)
    message = PersonStep.Changed(person, "name", "x")
    assert isinstance(message, Step.Changed) and message.control is person
    assert message.handler_name == "on_person_step_changed"
    ed.query_one("#field-name", Input).value = ""
    await pilot.pause()
    assert ed.interview.name == "" and ed.interview.gaps() == ("name",)
    steps = ed.query_one(StepList)
    assert [steps._done[0], steps._done[-1]] == [False, False]
    assert app.screen.sub_title.startswith("(namnlös)")
    ed.set_field("name", "Åsa Öberg")
    await pilot.pause()
    assert ed.interview.name == "Åsa Öberg" and steps._done[0] and steps._done[-1]
    assert app.screen.sub_title == "Åsa Öberg · Växjö City"


async def test_step_list_chosen_is_nested_with_a_control(opened_editor: Opened) -> None:
    _, pilot, ed = opened_editor
    steps = ed.query_one("#steps", StepList)
    steps.post_message(StepList.Chosen(steps, 6))
    await pilot.pause()
    assert ed.step == 6 and StepList.Chosen(steps, 1).control is steps


async def test_quote_candidates_say_so_when_there_are_none(db_path: Path) -> None:
    blank = load_question_sets().default("sv").new_interview(name="Åsa")
    InterviewStore(db_path).add(blank)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        await pilot.press("ctrl+r", *["ctrl+b"] * 3)  # review, then back to the quote step
        await pilot.pause()
        candidates = ed.query_one(QuoteCandidates)
        assert candidates.option_count == 1
        assert "Inga meningar ännu" in str(candidates.get_option_at_index(0).prompt)
        candidates.action_pick(0)  # nothing to pick
        await pilot.pause()
        assert ed.query_one("#field-quote", TextArea).text == ""


async def test_picking_a_quote_posts_picked_to_the_quote_step(opened_editor: Opened) -> None:
    _, pilot, ed = opened_editor
    ed.step = 6
    await pilot.pause()
    candidates = ed.query_one(QuoteCandidates)
    assert candidates.sentences
    await pilot.press("tab", "2")
    await pilot.pause()
    assert ed.interview.quote == candidates.sentences[1]
    assert isinstance(candidates, OptionList)


async def test_the_app_works_on_a_store_it_is_given(db_path: Path) -> None:
    store = InterviewStore(db_path)
    store.add(sample())
    app = QMApp(store=store, lang="sv")
    assert app.db_path == db_path
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, InterviewListScreen)
        await wait_for(pilot, lambda: screen.loaded)
        ed = await open_selected(pilot)
        ed.set_field("answers.1", "Nytt svar.")
        await pilot.pause()
        assert await ed.flush()
    assert store.get(1).answers[0].answer == "Nytt svar."
    with pytest.raises(TypeError):
        QMApp()
    with pytest.raises(TypeError):
        QMApp(db_path, store=store)


async def test_the_editor_quits_by_its_own_action_after_saving(opened_editor: Opened) -> None:
    app, pilot, ed = opened_editor
    assert "quit" in {b.binding.action for b in ed.active_bindings.values()}
    ed.set_field("quote", "Sparas före avslut.")
    await pilot.pause()
    await pilot.press("ctrl+q")
    await wait_for(pilot, lambda: app.return_code is not None or not app.is_running)
    assert InterviewStore(app.db_path).get(1).quote == "Sparas före avslut."


def _ticks(ed: object) -> dict[str, bool]:
    from qm_tui.tui.screens.editor import EditorScreen

    assert isinstance(ed, EditorScreen)
    steps = ed.query_one(StepList)
    prompts = [str(steps.get_option_at_index(i).prompt) for i in range(steps.option_count)]
    return {p[2:]: p.startswith("✔") for p in prompts}


async def test_a_step_is_ticked_only_when_it_is_really_done(opened_editor: Opened) -> None:
    """Issue 23: "✔ Anteckningar" for empty notes, "✔ Person" with only the name filled."""
    _, pilot, ed = opened_editor
    await pilot.pause()
    ticks = _ticks(ed)
    assert ticks["Person"] and ticks["Fråga 1"] and not ticks["Anteckningar"]
    ed.set_field("interviewer", "")
    await pilot.pause()
    assert not _ticks(ed)["Person"]
    ed.set_field("interviewer", "Pia Sandin")
    ed.set_field("private_notes", "Ring Göran")
    ed.set_field("contact.email", " ")
    await pilot.pause()
    ticks = _ticks(ed)
    assert ticks["Person"] and ticks["Anteckningar"] and not ticks["Fakta/kontakt"]
