"""F4: whatever $VISUAL / $EDITOR does, the app goes on and nothing is lost (issues 23, 24)."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from qm_tui.core.database.store import InterviewStore
from qm_tui.tui.app import QMApp
from qm_tui.tui.i18n import Texts
from qm_tui.tui.screens.editor import EditorScreen

from ..conftest import ANSWERS, SIZE, open_selected, sample, wait_for

T = Texts("sv")


def _script(tmp_path: Path, body: str) -> str:
    script = tmp_path / "editor.sh"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return str(script)


async def _f4(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, editor: str
) -> tuple[list[tuple[str, str]], str, bool]:
    """Press F4 in answer 1 with `editor` as $VISUAL: the notifications, the answer after,
    and whether the editor is still on screen."""
    monkeypatch.setenv("VISUAL", editor)
    InterviewStore(db_path).add(sample())
    app = QMApp(db_path=db_path, lang="sv")
    notes: list[tuple[str, str]] = []
    real_notify = app.notify

    def notify(message: str, **kwargs: object) -> None:
        notes.append((message, str(kwargs.get("severity", "information"))))
        real_notify(message, **kwargs)  # type: ignore[arg-type]

    @contextlib.contextmanager
    def suspend() -> Iterator[None]:
        yield  # the test driver cannot hand the terminal over; the editor runs all the same

    monkeypatch.setattr(app, "notify", notify)
    monkeypatch.setattr(app, "suspend", suspend)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        await pilot.press("ctrl+n")
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the app still takes keys
        await wait_for(pilot, lambda: not ed.autosave.dirty)
        still = isinstance(app.screen, EditorScreen)
        answer = InterviewStore(db_path).get(1).answers[0].answer
        assert ed.interview.answers[0].answer == answer
    return notes, answer, still


async def test_an_editor_that_edits_gives_back_its_text(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = _script(tmp_path, 'printf " Mer." >> "$1"')
    notes, answer, still = await _f4(db_path, monkeypatch, editor)
    assert answer == ANSWERS[0] + " Mer."
    assert still and not notes


async def test_a_missing_editor_is_named_and_the_app_goes_on(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes, answer, still = await _f4(db_path, monkeypatch, "/usr/bin/no-such-editor")
    assert still and answer == ANSWERS[0]
    assert notes == [(T("editor.missing", editor="/usr/bin/no-such-editor"), "error")]


async def test_an_editor_that_fails_leaves_the_text(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = _script(tmp_path, 'printf "kastat" > "$1"; exit 3')
    notes, answer, still = await _f4(db_path, monkeypatch, editor)
    assert still and answer == ANSWERS[0]
    assert notes == [(T("editor.exit", editor=editor, code=3), "error")]


async def test_an_unbalanced_quote_in_the_command_is_named(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes, answer, still = await _f4(db_path, monkeypatch, "vim '-c")
    assert still and answer == ANSWERS[0]
    ((message, severity),) = notes
    assert message.startswith("Kan inte läsa editorkommandot vim '-c") and severity == "error"


@pytest.mark.parametrize(
    "body",
    ['rm "$1"', 'rm "$1"; mkdir "$1"; echo x > "$1/inside"'],
    ids=["removed", "folder"],
)
async def test_an_editor_that_leaves_no_file_leaves_the_text_and_no_folder(
    body: str, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    notes, answer, still = await _f4(db_path, monkeypatch, _script(tmp_path, body))
    assert still and answer == ANSWERS[0]
    assert notes == [(T("editor.no_file"), "warning")]
    assert list(temp.iterdir()) == []


async def test_a_latin_1_file_is_read_as_latin_1_and_said(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = _script(tmp_path, "printf 'R\\344ksm\\366rg\\345s' > \"$1\"")
    notes, answer, still = await _f4(db_path, monkeypatch, editor)
    assert still and answer == "Räksmörgås"
    assert notes == [(T("editor.not_utf8"), "warning")]


async def test_escape_sequences_from_the_editor_are_removed(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = _script(tmp_path, "printf 'Hej\\033]2;kapad\\007 du\\r\\nrad 2' > \"$1\"")
    notes, answer, still = await _f4(db_path, monkeypatch, editor)
    assert still and answer == "Hej]2;kapad du\nrad 2"
    assert notes == [(T("editor.controls_removed_back"), "warning")]
