"""Spell checking wired into the editor: marks in the answers, F7, and the review's list."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from qm_tui.core.database.store import InterviewStore
from qm_tui.tui.app import QMApp
from qm_tui.tui.dialogs.spelling import SpellingDialog
from qm_tui.tui.widgets.spell_text_area import SpellTextArea

from ..conftest import SIZE, notified, open_selected, sample, wait_for


def _misspelt(db_path: Path) -> None:
    iv = sample().with_answer(1, "Vi har fått en tydligare samvrekan med fastighetsägarna.")
    InterviewStore(db_path).add(iv)


async def test_answers_mark_misspelt_words_and_know_the_interviews_own_words(
    db_path: Path,
) -> None:
    iv = sample().with_answer(1, "Nils-Petter och Växjö City fick en bättre samvrekan.")
    InterviewStore(db_path).add(iv)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = await open_selected(pilot)
        editor.step = 2  # a step is mounted when first shown
        await pilot.pause()
        area = editor.query_one("#answer-1", SpellTextArea)
        await wait_for(pilot, lambda: area.checked, timeout=60)
        assert [m.word for m in area.misspellings] == ["samvrekan"]
        # the name typed in the person step is known in the answers from then on
        editor.step = 0
        await pilot.pause()
        name = editor.query_one("#field-name")
        name.focus()
        await pilot.press("end", *" Zqxwerty")
        area.insert(" Zqxwerty")
        editor.step = 2
        await wait_for(pilot, lambda: area.checked, timeout=60)
        assert [m.word for m in area.misspellings] == ["samvrekan"]


async def test_f7_from_the_editor_lists_the_fields_words_and_enter_replaces(
    db_path: Path,
) -> None:
    _misspelt(db_path)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = await open_selected(pilot)
        editor.step = 2
        await pilot.pause()
        area = editor.query_one("#answer-1", SpellTextArea)
        await wait_for(pilot, lambda: area.checked, timeout=60)
        editor.set_focus(None)
        await pilot.pause()
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, SpellingDialog))
        dialog = app.screen
        assert isinstance(dialog, SpellingDialog)
        await wait_for(pilot, lambda: bool(dialog.query("OptionList")), timeout=30)
        # suggestions arrive from a worker
        await wait_for(pilot, lambda: None not in dialog.suggestions.values(), timeout=30)
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: "samverkan" in area.text, timeout=30)
        assert "samvrekan" not in area.text
        await wait_for(
            pilot, lambda: "samverkan" in InterviewStore(db_path).get(1).answers[1].answer
        )


async def test_f7_where_there_is_no_text_field_says_so(db_path: Path) -> None:
    _misspelt(db_path)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_selected(pilot)
        await pilot.press("f7")  # the person step has no answer field
        await pilot.pause()
        assert any("Stavningskontrollen gäller svaren" in str(n.message) for n in notified(app))


async def test_the_review_lists_every_misspelt_word_with_its_place(db_path: Path) -> None:
    _misspelt(db_path)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = await open_selected(pilot)
        await pilot.press("ctrl+r")
        box = editor.query_one("#spelling", Static)
        await wait_for(pilot, lambda: "Stavning" in str(box.render()), timeout=60)
        text = str(box.render())
        assert "1 ord att se över" in text and "samvrekan (svar 2, rad 1)" in text


async def test_qm_tui_spellcheck_off_turns_the_marks_off(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QM_TUI_SPELLCHECK", "off")
    _misspelt(db_path)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = await open_selected(pilot)
        editor.step = 2
        await pilot.pause()
        area = editor.query_one("#answer-1", SpellTextArea)
        await app.workers.wait_for_complete()  # whatever the editor started has run
        await pilot.pause()
        assert not area.spell_check and area.checker is None and area.misspellings == []
        await pilot.press("f7")
        await pilot.pause()
        assert not isinstance(app.screen, SpellingDialog)
        await pilot.press("ctrl+r")  # the review says the check is off instead of listing words
        box = editor.query_one("#spelling", Static)
        await wait_for(pilot, lambda: "avstängd" in str(box.render()), timeout=30)
        assert "samvrekan" not in str(box.render())
