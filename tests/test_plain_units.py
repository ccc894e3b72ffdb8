"""Plain mode's pieces in-process: the commands, the texts, and a store that refuses to save."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from qm_tui.core.errors import StoreError
from qm_tui.core.questions import QuestionSets
from qm_tui.core.store import InterviewStore
from qm_tui.plain.commands import Command, UnknownCommand, read_command
from qm_tui.plain.prompts import Prompter
from qm_tui.plain.session import start_interview
from qm_tui.plain.texts import EN, SV


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/tillbaka", Command.BACK),
        ("  /BACK  ", Command.BACK),
        ("/hoppa", Command.SKIP),
        ("/läs", Command.READ),
        ("/las", Command.READ),
        ("/töm", Command.CLEAR),
        ("/klar", Command.DONE),
        ("/done", Command.DONE),
        ("/hjälp", Command.HELP),
        ("/?", Command.HELP),
        ("//hoppa", "/hoppa"),
        ("/usr/bin", "/usr/bin"),
        ("/ och /", "/ och /"),
        ("/", "/"),
        ("hoppa", "hoppa"),
        ("", ""),
    ],
)
def test_a_line_is_a_command_or_text(line: str, expected: Command | str) -> None:
    assert read_command(line) == expected


def test_an_unknown_command_is_refused() -> None:
    with pytest.raises(UnknownCommand, match="/hopa"):
        read_command("/hopa")


def test_every_message_exists_in_both_languages() -> None:
    assert SV.keys() == EN.keys()
    for key, text in SV.items():
        assert "\x1b" not in text and "\x1b" not in EN[key]


def test_a_store_that_refuses_every_save_loses_nothing(
    db_path: Path, sets: QuestionSets, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise StoreError(f"{db_path}: the disk is full")

    store = InterviewStore(db_path)
    monkeypatch.setattr(InterviewStore, "add", refuse)
    monkeypatch.setenv("QM_TUI_SPELLCHECK", "off")
    typed = "Anna\n\n\n\n\nEtt svar som inte får försvinna.\n\n/klar\n"
    out = io.StringIO()
    code = start_interview(
        store,
        sets,
        interview_id=None,
        set_id=None,
        lang="sv",
        prompter=Prompter(io.StringIO(typed), out),
    )
    assert code == 1
    text = out.getvalue()
    assert f"Kunde inte spara: {db_path}: the disk is full. Texten finns kvar" in text
    dumped = json.loads(text[text.index("{") :])
    assert dumped["name"] == "Anna"
    assert dumped["answers"][0]["answer"] == "Ett svar som inte får försvinna."
    assert len(InterviewStore(db_path)) == 0
