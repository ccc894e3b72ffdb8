"""The editor builds only the Person step at open and each other step when first shown."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Input, TextArea

from qm_tui.core.database.store import InterviewStore
from qm_tui.core.interview.questions import load_question_sets
from qm_tui.tui.app import QMApp
from qm_tui.tui.steps import AnswerStep, BoxesStep, PersonStep, Step
from qm_tui.tui.widgets.quote_candidates import QuoteCandidates
from qm_tui.tui.widgets.step_list import StepList

from ..conftest import Opened, open_selected, sample


async def test_only_the_person_step_is_built_at_open(opened_editor: Opened, db_path: Path) -> None:
    app, pilot, ed = opened_editor
    assert [type(s) for s in ed.query(Step)] == [PersonStep]
    assert ed.query_one(StepList).option_count == len(ed.steps)
    ed.set_field("answers.2", "Skrivet innan steget visats.")  # e.g. restored from F2
    ed.step = 2
    await pilot.pause()
    assert ed.query_one("#answer-1", TextArea).text == "Skrivet innan steget visats."
    assert app.focused is ed.query_one("#answer-1")
    assert len(ed.query(AnswerStep)) == 1  # only the step shown
    ed.step = 0
    await pilot.pause()
    ed.step = 2
    await pilot.pause()
    assert len(ed.query(AnswerStep)) == 1  # mounted once
    assert await ed.flush()  # saved like typing
    assert InterviewStore(db_path).get(1).answers[1].answer == "Skrivet innan steget visats."


async def test_f5_resets_boxes_never_shown_and_the_step_shows_them(db_path: Path) -> None:
    iv = sample()
    iv = replace(iv, facts=replace(iv.facts, heading="EGEN RUBRIK"))
    InterviewStore(db_path).add(iv)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        assert not ed.query(BoxesStep)
        await pilot.press("f5")
        await pilot.pause()
        assert await ed.flush()
        qs = load_question_sets().get("qm-sv")
        assert qs is not None
        assert InterviewStore(db_path).get(1).facts == qs.facts
        ed.step = next(i for i, s in enumerate(ed.steps) if isinstance(s, BoxesStep))
        await pilot.pause()
        assert ed.query_one("#box-facts-heading", Input).value == qs.facts.heading


async def test_shift_tab_into_a_step_never_shown_lands_on_its_last_field(
    opened_editor: Opened,
) -> None:
    app, pilot, ed = opened_editor
    boxes = next(i for i, s in enumerate(ed.steps) if isinstance(s, BoxesStep))
    ed.step = boxes
    await pilot.pause()
    assert app.focused is ed.query_one("#box-facts-heading")
    await pilot.press("shift+tab")  # back into the quote step, never shown so far
    await pilot.pause()
    await pilot.pause()
    assert ed.step == boxes - 1 and app.focused is ed.query_one(QuoteCandidates)


async def test_the_person_step_scrolls_to_its_lower_fields_on_a_short_terminal(
    db_path: Path,
) -> None:
    InterviewStore(db_path).add(sample())
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        person = ed.query_one(PersonStep)
        await pilot.press("tab", "tab", "tab", "tab", "tab")
        await pilot.pause()
        status = ed.query_one("#workflow-status")
        assert app.focused is status
        assert person.scroll_y > 0
        assert person.region.contains_region(status.region)


async def test_leaving_while_a_step_is_being_built_goes_back_cleanly(
    opened_editor: Opened,
) -> None:
    from qm_tui.tui.screens.interview_list import InterviewListScreen

    app, pilot, ed = opened_editor
    await pilot.press("ctrl+n", "ctrl+n", "escape")
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, InterviewListScreen)
    assert not ed.is_attached
