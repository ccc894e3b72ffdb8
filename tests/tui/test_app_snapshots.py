"""Snapshot tests of the list, editor steps and the preview (SVGs in __snapshots__)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from qm_tui.core.database.store import InterviewStore
from qm_tui.tui.app import QMApp

from ..conftest import SIZE, sample, wait_for


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    # Spelling marks arrive from a thread with a dictionary of 279,000 words; pictures are kept
    # free of them (tests/tui/test_spelling_editor.py and test_spelling_tui.py test the marks).
    monkeypatch.setenv("QM_TUI_SPELLCHECK", "off")


def app_with_interviews(db_path: Path) -> QMApp:
    """An app over three fixed interviews (fixed dates and save times, so pixels are stable)."""
    store = InterviewStore(db_path)
    people = [
        ("Nils-Petter Nilsson", "Växjö City", "2026-03-14", 5),
        ("Åsa Öberg", "Örebro City 🎉", "2026-02-02", 3),
        ("", "Gävle Centrum", "2026-01-20", 0),
    ]
    for n, (name, organisation, date, answered) in enumerate(reversed(people)):
        iv = sample(name, organisation)
        for i in range(answered, 5):
            iv = iv.with_answer(i, "")
        stamp = f"2026-03-14T14:0{n}:12+01:00"
        iv = replace(iv, date=date, created=stamp, updated=stamp)
        iv = replace(iv, status="complete" if iv.is_complete() else "draft")
        store.add(iv)
    return QMApp(db_path=db_path, lang="sv")


async def _settle(pilot: Pilot[Any]) -> None:
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False
    # the review's spelling line arrives from a thread: wait for it
    spelling = [w for w in pilot.app.screen.query("#spelling") if w.region.area]
    await wait_for(pilot, lambda: all(str(w.render()) for w in spelling), timeout=60)
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def test_interview_list(snap_compare: Any, db_path: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.pause()
        await _settle(pilot)

    assert snap_compare(app_with_interviews(db_path), run_before=run_before, terminal_size=SIZE)


def test_editor_answer_step(snap_compare: Any, db_path: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+n", "ctrl+n")
        await _settle(pilot)

    assert snap_compare(app_with_interviews(db_path), run_before=run_before, terminal_size=SIZE)


def test_editor_quote_step(snap_compare: Any, db_path: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*["ctrl+n"] * 6, "tab")
        await _settle(pilot)

    assert snap_compare(app_with_interviews(db_path), run_before=run_before, terminal_size=SIZE)


def test_preview(snap_compare: Any, db_path: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("down", "enter")  # Åsa Öberg: answers 4 and 5 are empty
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await _settle(pilot)

    assert snap_compare(app_with_interviews(db_path), run_before=run_before, terminal_size=SIZE)


def test_editor_in_a_tiny_terminal(snap_compare: Any, db_path: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await _settle(pilot)

    assert snap_compare(app_with_interviews(db_path), run_before=run_before, terminal_size=(40, 12))


def test_editor_quote_step_at_80_columns(snap_compare: Any, db_path: Path) -> None:
    """The footer's main keys (next, previous, review, back, help) and the quote step fit."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*["ctrl+n"] * 6)
        await _settle(pilot)

    assert snap_compare(app_with_interviews(db_path), run_before=run_before, terminal_size=(80, 24))


def test_editor_boxes_step(snap_compare: Any, db_path: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+r", "ctrl+g", "ctrl+g")  # review, notes, boxes
        await _settle(pilot)

    assert snap_compare(app_with_interviews(db_path), run_before=run_before, terminal_size=SIZE)


def test_editor_notes_step_with_import_remarks(snap_compare: Any, db_path: Path) -> None:
    stamp = "2026-03-14T14:00:12+01:00"
    imported = replace(
        sample("Åsa Öberg", "Örebro City"),
        private_notes="Ring Åsa om bilden.\nKolla stavningen av [b]Örebro[/b].",
        import_warnings=("Rubriken FAKTA OM QM saknades.", "Ett stycke lades åt sidan."),
        notes="Foto: Kim Karlsson",
        created=stamp,
        updated=stamp,
    )
    InterviewStore(db_path).add(replace(imported, status="complete"))

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.press("ctrl+r", "ctrl+g")  # review, notes
        await _settle(pilot)

    app = QMApp(db_path=db_path, lang="sv")
    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)


def test_help_screen(snap_compare: Any, db_path: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("question_mark")
        await _settle(pilot)

    assert snap_compare(app_with_interviews(db_path), run_before=run_before, terminal_size=SIZE)
