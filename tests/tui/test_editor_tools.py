"""The editor's tools around the answers: boxes, notes, the question set, questions, status."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from textual.widgets import Button, Input, Select, Static, TextArea

from qm_tui.core.article import render_markdown
from qm_tui.core.database.store import InterviewStore
from qm_tui.core.interview.questions import load_question_sets
from qm_tui.tui.app import QMApp
from qm_tui.tui.dialogs.ask import AskScreen
from qm_tui.tui.dialogs.confirm import ConfirmScreen
from qm_tui.tui.dialogs.help import help_text
from qm_tui.tui.i18n import Texts
from qm_tui.tui.steps import AnswerStep, BoxesStep, NotesStep, PersonStep
from qm_tui.tui.widgets.step_list import StepList

from ..conftest import (
    SIZE,
    Opened,
    new_interview,
    notified,
    open_selected,
    sample,
    wait_for,
)

USER_SET = """
id = "qm-kort"
title = "Kort intervju"
lang = "sv"
questions = ["Vad gör ni?", "Varför QM?"]

[facts]
heading = "FAKTA KORT"
text = "Kort fakta."

[contact]
heading = "KONTAKT KORT"
name = "Kim"
title = "Rådgivare"
email = "kim@example.se"
note = "Mer på webben."
"""


def _go(ed: object, kind: type) -> int:
    from qm_tui.tui.screens.editor import EditorScreen

    assert isinstance(ed, EditorScreen)
    index = next(i for i, s in enumerate(ed.steps) if isinstance(s, kind))
    ed.step = index
    return index


# -- (1) the facts and contact boxes ----------------------------------------------------------


async def test_the_boxes_are_edited_and_reset_to_the_set(
    opened_editor: Opened, db_path: Path
) -> None:
    app, pilot, ed = opened_editor
    _go(ed, BoxesStep)
    await pilot.pause()
    heading = ed.query_one("#box-facts-heading", Input)
    assert app.focused is heading and heading.value == "FAKTA OM QM"
    heading.value = ""
    await pilot.press(*"Om QM [b]")
    ed.query_one("#box-contact-email", Input).value = "ny@example.se"
    area = ed.query_one("#box-contact-note", TextArea)
    area.text = "Rad ett\nrad två"
    await pilot.pause()
    assert await ed.flush()
    stored = InterviewStore(db_path).get(1)
    assert stored.facts.heading == "Om QM [b]"
    assert stored.contact.email == "ny@example.se"
    assert stored.contact.note == "Rad ett\nrad två"
    assert "Om QM" in render_markdown(stored, meta=False)

    await pilot.press("f5")  # the key
    await pilot.pause()
    assert await ed.flush()
    qs = load_question_sets().get("qm-sv")
    assert qs is not None
    stored = InterviewStore(db_path).get(1)
    assert (stored.facts, stored.contact) == (qs.facts, qs.contact)
    assert heading.value == qs.facts.heading

    heading.value = "Ändrad"
    await pilot.pause()
    button = ed.query_one("#boxes-reset", Button)
    button.focus()  # the button (below the fields: focusing scrolls it into view)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert ed.interview.facts.heading == qs.facts.heading


# -- (2) private notes and the import's remarks -----------------------------------------------


async def test_private_notes_are_saved_and_never_exported(
    opened_editor: Opened, db_path: Path
) -> None:
    app, pilot, ed = opened_editor
    _go(ed, NotesStep)
    await pilot.pause()
    assert app.focused is ed.query_one("#field-private_notes", TextArea)
    assert not ed.query("#import-report")
    await pilot.press(*"Ring Åsa om bilden")
    assert await ed.flush()
    stored = InterviewStore(db_path).get(1)
    assert stored.private_notes == "Ring Åsa om bilden"
    assert "Ring Åsa" not in render_markdown(stored)


async def test_import_warnings_show_read_only_with_a_banner(db_path: Path) -> None:
    imported = replace(
        sample(),
        import_warnings=("Rubriken [b]saknades[/b]", "Ett stycke lades åt sidan"),
        notes="Fotnot som inte fick plats",
    )
    InterviewStore(db_path).add(imported)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        banners = [n for n in notified(app) if n.severity == "warning"]
        assert any("Anmärkningar från importen: 3" in n.message for n in banners)
        _go(ed, NotesStep)
        await pilot.pause()
        report = ed.query_one("#import-report", Static)
        text = str(report.render())
        assert "Rubriken [b]saknades[/b]" in text  # data, never markup
        assert "Fotnot som inte fick plats" in text
        assert not report.can_focus  # read-only


# -- (3) the question set -----------------------------------------------------------------------


async def test_the_set_selector_offers_every_set_and_rebuilds_the_steps(db_path: Path) -> None:
    user = Path(os.environ["QM_TUI_CONFIG_DIR"]) / "questions"
    user.mkdir(parents=True)
    (user / "kort.toml").write_text(USER_SET, encoding="utf-8")
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ed = await new_interview(pilot)
        chooser = ed.query_one("#question-set", Select)
        values = [value for _, value in chooser._options]
        assert {"qm-sv", "qm-en", "qm-kort"} <= set(values)
        assert chooser.value == "qm-sv" and not chooser.disabled
        await pilot.press(*"Kim")
        chooser.focus()
        chooser.value = "qm-kort"
        await pilot.pause()
        await pilot.pause()
        assert ed.interview.question_set == "qm-kort"
        assert [a.question for a in ed.interview.answers] == ["Vad gör ni?", "Varför QM?"]
        assert ed.interview.facts.heading == "FAKTA KORT"  # untouched boxes follow the set
        assert ed.interview.name == "Kim"
        answers = [step for step in ed.steps if isinstance(step, AnswerStep)]
        assert len(answers) == 2 and len(ed.steps) == 7
        assert ed.query_one(StepList).option_count == 7
        assert ed.step == 0 and app.focused is chooser  # the focus stays where it was
        assert not ed.query(AnswerStep)  # the new steps are mounted when first shown
        ed.step = 4
        await pilot.pause()
        assert ed.query_one(BoxesStep).query_one("#box-facts-heading", Input).value == "FAKTA KORT"
        ed.step = 1
        await pilot.pause()
        await pilot.press(*"Vi säljer.")
        assert await ed.flush()
        stored = InterviewStore(db_path).get(1)
        assert stored.question_set == "qm-kort" and stored.answers[0].answer == "Vi säljer."
        ed.step = 0
        await pilot.pause()
        assert chooser.disabled and ed.query_one("#set-locked").display


async def test_a_set_change_refused_by_the_core_says_why(opened_editor: Opened) -> None:
    app, pilot, ed = opened_editor
    chooser = ed.query_one("#question-set", Select)
    assert chooser.disabled  # the sample has answers
    assert ed.query_one("#set-locked").display
    ed.post_message(PersonStep.SetChosen("qm-en"))
    await pilot.pause()
    assert ed.interview.question_set == "qm-sv"
    assert any("kan inte bytas" in n.message for n in notified(app))


# -- (4) adding and removing questions ----------------------------------------------------------


async def test_a_question_is_added_after_the_current_one(
    opened_editor: Opened, db_path: Path
) -> None:
    app, pilot, ed = opened_editor
    ed.step = 2  # question 2
    await pilot.pause()
    await pilot.press("f8")
    await pilot.pause()
    assert isinstance(app.screen, AskScreen)
    await pilot.press(*"Vad tycker  kunderna?", "enter")
    await wait_for(pilot, lambda: len(ed.interview.answers) == 6)
    await pilot.pause()
    assert ed.interview.answers[2].question == "Vad tycker kunderna?"
    assert ed.step == 3 and isinstance(ed.current, AnswerStep) and ed.current.index == 2
    assert app.focused is ed.current.area
    await pilot.press(*"Nöjda.")
    assert await ed.flush()
    stored = InterviewStore(db_path).get(1)
    assert [a.answer for a in stored.answers][2] == "Nöjda."
    assert len(ed.steps) == 11 and ed.query_one(StepList).option_count == 11

    await pilot.press("f8", "escape")  # cancelled: nothing changes
    await pilot.pause()
    assert len(ed.interview.answers) == 6


async def test_removing_an_answered_question_asks_first(
    opened_editor: Opened, db_path: Path
) -> None:
    app, pilot, ed = opened_editor
    first = ed.interview.answers[1].question
    ed.step = 1
    await pilot.pause()
    await pilot.press("f9")
    await pilot.pause()
    assert isinstance(app.screen, ConfirmScreen)
    await pilot.press("n")
    await pilot.pause()
    assert len(ed.interview.answers) == 5
    await pilot.press("f9")
    await pilot.pause()
    await pilot.press("y")
    await wait_for(pilot, lambda: len(ed.interview.answers) == 4)
    await pilot.pause()
    assert ed.interview.answers[0].question == first
    assert ed.step == 1 and ed.current.fields == ("answers.1",)
    assert await ed.flush()
    assert len(InterviewStore(db_path).get(1).answers) == 4


async def test_an_empty_question_goes_at_once_and_the_last_stays(db_path: Path) -> None:
    qs = load_question_sets().get("qm-sv")
    assert qs is not None
    iv = qs.new_interview(name="Kim").with_question("Udda fråga?")
    for _ in range(5):
        iv = iv.without_question(0)
    InterviewStore(db_path).add(iv.with_question("Till?"))
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        ed.step = 1
        await pilot.pause()
        await pilot.press("f9")  # empty answer: no question asked
        await wait_for(pilot, lambda: len(ed.interview.answers) == 1)
        assert ed.interview.answers[0].question == "Till?"
        await pilot.press("f9")
        await pilot.pause()
        assert len(ed.interview.answers) == 1
        assert any("minst en fråga" in n.message for n in notified(app))
        ed.step = 0
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert any("Gå till en fråga" in n.message for n in notified(app))


# -- (5) the status ----------------------------------------------------------------------------


async def test_the_status_is_set_in_the_editor(opened_editor: Opened, db_path: Path) -> None:
    app, pilot, ed = opened_editor
    status = ed.query_one("#workflow-status", Select)
    assert status.value == "complete"
    await pilot.press("f6")
    await pilot.pause()
    assert status.value == "approved"
    assert await ed.flush()
    assert InterviewStore(db_path).get(1).status == "approved"
    status.value = "published"
    await pilot.pause()
    assert await ed.flush()
    assert InterviewStore(db_path).get(1).status == "published"
    await pilot.press("f6")  # round again: back to what is filled in
    await pilot.pause()
    assert status.value == "complete"
    status.value = "draft"  # complete interviews cannot be drafts: said, and kept
    await pilot.pause()
    assert status.value == "complete"
    assert any("Utkast och klar följer" in n.message for n in notified(app))
    assert await ed.flush()
    assert InterviewStore(db_path).get(1).status == "complete"


# -- (6) help ---------------------------------------------------------------------------------


def test_the_help_lists_the_new_keys() -> None:
    for lang, words in (
        ("sv", ("frågeuppsättningens text igen", "Byt status")),
        ("en", ("question set's text again", "Change the status")),
    ):
        text = help_text(Texts(lang)).plain
        for key in ("f5", "f6", "f8", "f9"):
            assert f"  {key} " in text
        assert all(word in text for word in words)
