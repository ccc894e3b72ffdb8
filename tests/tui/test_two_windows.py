"""Two windows on one database: the window whose text lost is told and can load the saved one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from textual.widgets import TextArea

from qm_tui.core.database.store import InterviewStore
from qm_tui.core.interview.model import Interview
from qm_tui.tui import autosave
from qm_tui.tui.app import QMApp

from ..conftest import SIZE, notified, open_selected, sample, wait_for


def _notes(app: QMApp) -> list[str]:
    return [n.message for n in notified(app)]


@pytest.fixture
def looks(monkeypatch: pytest.MonkeyPatch) -> Counter[autosave.Autosave]:
    """How often each editor's autosave has looked for a version saved elsewhere (every 0.1 s
    here): what a test waits on before it says that something was not reported."""
    monkeypatch.setattr(autosave, "CHECK_INTERVAL", 0.1)
    count: Counter[autosave.Autosave] = Counter()
    real = autosave.Autosave.saved_elsewhere

    async def counted(self: autosave.Autosave) -> Interview | None:
        count[self] += 1
        return await real(self)

    monkeypatch.setattr(autosave.Autosave, "saved_elsewhere", counted)
    return count


async def test_the_losing_window_is_told_and_loads_the_saved_version(
    db_path: Path, looks: Counter[autosave.Autosave]
) -> None:
    InterviewStore(db_path).add(sample())
    first, second = QMApp(db_path=db_path, lang="sv"), QMApp(db_path=db_path, lang="sv")
    async with first.run_test(size=SIZE) as p1, second.run_test(size=SIZE) as p2:
        await p1.pause()
        await p2.pause()
        ed1, ed2 = await open_selected(p1), await open_selected(p2)
        ed1.step = ed2.step = 1
        await p1.pause()
        await p2.pause()
        ed1.set_field("answers.1", "Första fönstrets svar.")
        await p1.pause()
        assert await ed1.flush()
        ed2.set_field("answers.1", "Andra fönstrets svar.")  # built on the old text: it wins
        await p2.pause()
        assert await ed2.flush()
        assert InterviewStore(db_path).get(1).answers[0].answer == "Andra fönstrets svar."
        await wait_for(p2, lambda: any("Ett annat fönster ändrade" in m for m in _notes(second)))
        # the first window's text lost: it is told, in its language, and ctrl+l loads the saved one
        await wait_for(p1, lambda: any("ctrl+l" in m for m in _notes(first)))
        assert ed1.saved_elsewhere is not None
        assert ed1.query_one("#answer-0", TextArea).text == "Första fönstrets svar."
        await p1.press("ctrl+l")
        await p1.pause()
        assert ed1.query_one("#answer-0", TextArea).text == "Andra fönstrets svar."
        assert ed1.interview.answers[0].answer == "Andra fönstrets svar."
        assert ed1.saved_elsewhere is None and not ed1.autosave.dirty
        # told once: no second warning for the same version, and typing on saves without conflict
        seen = looks[ed1.autosave]
        await wait_for(p1, lambda: looks[ed1.autosave] >= seen + 3)  # it looked three more times
        assert sum("ctrl+l" in m for m in _notes(first)) == 1
        await p1.press(*" Mer.")
        assert await ed1.flush()
        stored = InterviewStore(db_path)
        assert stored.get(1).answers[0].answer == "Andra fönstrets svar. Mer."
        olds = [h.value for h in stored.history(1) if h.field == "answers.1"]
        assert "Första fönstrets svar." in olds  # the lost text stays in the history
        assert sum("Ett annat fönster ändrade" in m for m in _notes(first)) == 0


async def test_an_unchanged_window_is_not_told_about_its_own_saves(
    db_path: Path, looks: Counter[autosave.Autosave]
) -> None:
    InterviewStore(db_path).add(sample())
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        ed.set_field("name", "Åsa Öberg")
        await pilot.pause()
        assert await ed.flush()
        seen = looks[ed.autosave]
        await wait_for(pilot, lambda: looks[ed.autosave] >= seen + 3)  # it looked three more times
        assert ed.saved_elsewhere is None
        assert not any("ctrl+l" in m for m in _notes(app))
