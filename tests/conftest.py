"""Shared fixtures and helpers: every test gets its own database, config and export folders.

The app tests' helpers live here too (`sample`, `wait_for`, `open_selected`, `editor_of`) and
the `opened_editor` fixture; test modules never import from each other.
"""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import pytest

from qm_tui.core.interview.model import Interview
from qm_tui.core.interview.questions import QuestionSets, load_question_sets

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot

    from qm_tui.tui.app import QMApp
    from qm_tui.tui.screens.editor import EditorScreen

ROOT = Path(__file__).resolve().parent.parent  # the repository
DATA = ROOT / "tests" / "data"  # files the tests read (never anything outside the repository)
# The model article, as the association published it
REFERENCE = DATA / "vaxjo-profile.txt"

SIZE = (110, 34)  # the terminal size of the app tests
ANSWERS = [
    "Det skapar en gemenskap och en stolthet. Det ger ett gemensamt mål att arbeta mot.",
    "Inga större förändringar den här gången, vi har varit certifierade länge.",
    "Det är ett kvitto på att vi arbetar på rätt sätt och uppfyller de högsta kraven.",
    "Viktigt att säkerställa att man arbetar på rätt sätt, både strategiskt och operativt.",
    "Växjö har ambitionen att bli årets stadskärna och då är QM ett krav.",
]


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` runs two workers a core: an app test spends about a third of its time waiting
    (timers, the store thread, subprocesses), so one worker a core leaves the cores idle
    (on 2 cores: 3:26 for the suite instead of 4:00). PYTEST_XDIST_AUTO_NUM_WORKERS wins."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    if hasattr(os, "sched_getaffinity"):  # the cores this process may use (Linux)
        return 2 * len(os.sched_getaffinity(0))
    return 2 * (os.cpu_count() or 1)


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the user's real database, config and documents."""
    monkeypatch.setenv("QM_TUI_DB", str(tmp_path / "env-default.json"))
    monkeypatch.setenv("QM_TUI_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("QM_TUI_EXPORT_DIR", str(tmp_path / "export"))
    monkeypatch.delenv("ACCESSIBLE", raising=False)  # would start plain mode instead of the app


class Said(NamedTuple):
    """A notification as the app gave it to Textual."""

    message: str
    title: str
    severity: str
    markup: bool


@pytest.fixture(autouse=True)
def _record_notifications(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep each app's notifications as they are given, so a test can read them at once.

    Textual shows a notification only once its message has been handled, and drops it when it
    times out; recording at the call leaves a test nothing to wait for and no private list.
    """
    from textual.app import App

    show = App.notify

    def record(app: App[Any], message: str, **options: Any) -> None:
        said = Said(
            message,
            options.get("title", ""),
            options.get("severity", "information"),
            options.get("markup", True),
        )
        app.__dict__.setdefault("_test_said", []).append(said)
        show(app, message, **options)

    monkeypatch.setattr(App, "notify", record)


def notified(app: App[Any]) -> list[Said]:
    """Every notification `app` has given so far, oldest first."""
    return cast("list[Said]", app.__dict__.get("_test_said", []))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database path that does not exist yet."""
    return tmp_path / "qm.json"


@pytest.fixture
def sets() -> QuestionSets:
    """The built-in question sets."""
    return load_question_sets()


def sample(name: str = "Nils-Petter Nilsson", organisation: str = "Växjö City") -> Interview:
    """A filled-in interview."""
    iv = (
        load_question_sets()
        .default("sv")
        .new_interview(
            name=name,
            title="vd/centrumutvecklare",
            organisation=organisation,
            date="2026-03-14",
            interviewer="Pia Sandin",
            quote="Viktigt att säkerställa att man arbetar på rätt sätt.",
        )
    )
    for i, text in enumerate(ANSWERS):
        iv = iv.with_answer(i, text)
    return iv


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool], timeout: float = 5) -> None:
    """Pause until `condition()` holds (fails the test after `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


def editor_of(app: QMApp) -> EditorScreen:
    """The open editor screen."""
    from qm_tui.tui.screens.editor import EditorScreen

    screen = app.screen
    assert isinstance(screen, EditorScreen)
    return screen


async def _editor_from_the_list(pilot: Pilot[None], key: str) -> EditorScreen:
    """Press `key` on the list once its rows are read; returns the editor it opens."""
    from qm_tui.tui.screens.editor import EditorScreen
    from qm_tui.tui.screens.interview_list import InterviewListScreen

    app = cast("QMApp", pilot.app)
    await wait_for(pilot, lambda: isinstance(app.screen, InterviewListScreen) and app.screen.loaded)
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(app.screen, EditorScreen))
    return editor_of(app)


async def open_selected(pilot: Pilot[None]) -> EditorScreen:
    """Open the selected interview from the list (enter); returns the editor."""
    return await _editor_from_the_list(pilot, "enter")


async def new_interview(pilot: Pilot[None]) -> EditorScreen:
    """Start a new interview from the list (`n`); returns the editor."""
    return await _editor_from_the_list(pilot, "n")


async def history_opened(pilot: Pilot[None]) -> None:
    """Press F2 in the editor and wait until the field's versions are listed and have the
    focus (they are read in the store thread), so the next keys pick among them."""
    from textual.widgets import OptionList

    from qm_tui.tui.dialogs.history import HistoryScreen

    app = pilot.app
    await pilot.press("f2")
    await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
    options = app.screen.query_one("#versions", OptionList)
    await wait_for(pilot, lambda: options.option_count > 0 and options.has_focus)


class Opened(NamedTuple):
    """An app with the sample interview (id 1) open in its editor."""

    app: QMApp
    pilot: Pilot[None]
    editor: EditorScreen


@pytest.fixture
async def opened_editor(db_path: Path) -> AsyncIterator[Opened]:
    """The sample interview stored in `db_path` and opened in the editor (Swedish UI)."""
    from qm_tui.core.database.store import InterviewStore
    from qm_tui.tui.app import QMApp

    InterviewStore(db_path).add(sample())
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        yield Opened(app, pilot, await open_selected(pilot))
