"""Plain mode's pieces in-process: the commands, the texts, and a store that refuses to save."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from qm_tui.core.database.store import InterviewStore
from qm_tui.core.errors import StoreError
from qm_tui.core.interview.questions import QuestionSets
from qm_tui.plain.commands import Command, UnknownCommand, read_command
from qm_tui.plain.prompts import Prompter
from qm_tui.plain.session import start_interview
from qm_tui.plain.texts import EN, SV

from ..conftest import sample


@pytest.fixture(autouse=True)
def _no_spelling(monkeypatch: pytest.MonkeyPatch) -> None:
    """No dictionary parsed in the background of these in-process sessions."""
    monkeypatch.setenv("QM_TUI_SPELLCHECK", "off")


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


class _OtherWindow(Prompter):
    """Lines from a script; before the line numbered `at`, `meanwhile` runs (another window)."""

    def __init__(self, lines: list[str], at: int, meanwhile: Callable[[], None]) -> None:
        super().__init__(io.StringIO("".join(line + "\n" for line in lines)), io.StringIO())
        self.asked = 0
        self.at = at
        self.meanwhile = meanwhile

    def ask(self, prompt: str = "") -> str | None:
        self.asked += 1
        if self.asked == self.at:
            self.meanwhile()
        return super().ask(prompt)


def test_a_change_made_elsewhere_meanwhile_is_named(db_path: Path, sets: QuestionSets) -> None:
    InterviewStore(db_path).add(sample())

    def edit_elsewhere() -> None:
        other = InterviewStore(db_path)
        other.save(1, other.get(1).with_text("title", "ändrad i appen"))

    io_ = _OtherWindow(["", "", "Ny organisation", "/klar"], 3, edit_elsewhere)
    code = start_interview(
        InterviewStore(db_path), sets, interview_id=1, set_id=None, lang="sv", prompter=io_
    )
    assert code == 0
    out = io_.stdout.getvalue()
    assert "Intervjun hade ändrats någon annanstans; din text sparades" in out
    assert "(qm-tui history 1)" in out
    assert InterviewStore(db_path).get(1).organisation == "Ny organisation"
    history = InterviewStore(db_path).history(1, "title")
    assert "ändrad i appen" in [v.value for v in history]  # the other version is kept


def test_an_interview_deleted_elsewhere_is_saved_anew(db_path: Path, sets: QuestionSets) -> None:
    InterviewStore(db_path).add(sample())
    io_ = _OtherWindow(["", "Ny titel", "/klar"], 2, lambda: InterviewStore(db_path).delete(1))
    code = start_interview(
        InterviewStore(db_path), sets, interview_id=1, set_id=None, lang="sv", prompter=io_
    )
    assert code == 0
    out = io_.stdout.getvalue()
    assert "Intervjun var raderad i ett annat fönster; texten sparades som intervju 2." in out
    assert "Fortsätt: qm-tui interview 2" in out
    assert InterviewStore(db_path).get(2).title == "Ny titel"
