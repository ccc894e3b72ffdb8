"""Keys typed right after a key that changes what has the focus land where they were typed for.

Typed fast (or sent in one burst, as here), the keys after `n`, ctrl+n, tab or enter are queued
before that key has been handled. They went to the field being left, or were lost: the name
typed right after `n` lost its first letters, and an answer typed right after ctrl+n went into
the name.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from qm_tui.core.database.store import InterviewStore
from qm_tui.tui.app import QMApp
from qm_tui.tui.screens.editor import EditorScreen
from qm_tui.tui.screens.interview_list import InterviewListScreen

from ..conftest import SIZE, editor_of, sample, wait_for

_NAMES = {" ": "space", "\n": "enter", "\t": "tab"}


def burst(app: QMApp, *keys: str) -> None:
    """Post `keys` to the app in one go, nothing handled in between (as a paste-fast typist
    or a queued backlog). A key is a character, or a name such as ctrl+n."""
    for key in keys:
        if len(key) == 1:
            app.post_message(events.Key(_NAMES.get(key, key), key if key.isprintable() else None))
        else:
            app.post_message(events.Key(key, None))


def _answers(app: QMApp) -> list[str]:
    """The answers' texts in the open editor (none while the list is shown)."""
    if not isinstance(app.screen, EditorScreen):
        return []
    return [area.text for area in app.screen.query(TextArea) if area.has_class("answer")]


def _field(app: QMApp, name: str) -> str | None:
    """A one-line field's value in the open editor (None while the list is shown)."""
    if not isinstance(app.screen, EditorScreen):
        return None
    return app.screen.query_one(f"#field-{name}", Input).value


async def _list_loaded(pilot: Pilot[None], app: QMApp) -> None:
    await wait_for(pilot, lambda: isinstance(app.screen, InterviewListScreen) and app.screen.loaded)


async def test_a_name_typed_right_after_n_goes_into_the_new_interview(db_path: Path) -> None:
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await _list_loaded(pilot, app)
        burst(app, "n", *"Anna Berg", "\n", *"vd")
        await wait_for(pilot, lambda: _field(app, "title") == "vd")
        assert _field(app, "name") == "Anna Berg"


async def test_an_answer_typed_right_after_ctrl_n_goes_into_the_next_step(db_path: Path) -> None:
    """Each answer step is mounted the first time it is shown; the keys wait for it."""
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await _list_loaded(pilot, app)
        burst(app, "n", *"Anna", "ctrl+n", *"Svar ett", "\n", *"rad två", "ctrl+n", *"Svar två")
        await wait_for(pilot, lambda: _answers(app)[1:2] == ["Svar två"])
        assert _field(app, "name") == "Anna"
        assert _answers(app)[:2] == ["Svar ett\nrad två", "Svar två"]  # enter: a new line there
        burst(app, "ctrl+g", *" och mer")
        await wait_for(pilot, lambda: "".join(_answers(app)[:1]).endswith(" och mer"))
        assert _answers(app)[1] == "Svar två"


async def test_tab_from_the_last_field_of_a_step_takes_the_keys_along(db_path: Path) -> None:
    InterviewStore(db_path).add(sample())
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await _list_loaded(pilot, app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        editor = editor_of(app)
        person = editor.step_fields()
        editor.set_focus(person[-1])
        await pilot.pause()
        before = [w.value for w in person if isinstance(w, Input)]
        burst(app, "\t", *" Tillägg")
        await wait_for(pilot, lambda: " Tillägg" in "".join(_answers(app)[:1]))
        assert [w.value for w in person if isinstance(w, Input)] == before
        assert editor.step == 1


async def _typed(db_path: Path, keys: list[str], *, at_once: bool) -> tuple[object, ...]:
    """What the editor holds after `keys`, sent in one burst or one at a time with pauses."""
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await _list_loaded(pilot, app)
        if at_once:
            burst(app, *keys)
        else:
            for key in keys:
                await pilot.press(_NAMES.get(key, key))
                await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, EditorScreen))
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        await wait_for(pilot, editor._step_shown.is_set)
        await pilot.pause(0.2)
        fields = ("name", "title", "organisation")
        return editor.step, tuple(_field(app, f) for f in fields), tuple(_answers(app))


async def test_a_burst_of_keys_does_what_the_same_keys_typed_slowly_do(tmp_path: Path) -> None:
    """Across steps, fields, tab and shift+tab both ways, enter in one-line fields and answers."""
    keys = [
        "n", *"Anna", "\n", *"vd", "\t", *"Växjö", "ctrl+n", *"Svar ett", "\n", *"två",
        "ctrl+n", *"Andra", "shift+tab", *" mer", "\t", *" och", "ctrl+g", "ctrl+g", "shift+tab",
        *"x",
    ]  # fmt: skip
    slow = await _typed(tmp_path / "slow.json", keys, at_once=False)
    fast = await _typed(tmp_path / "fast.json", keys, at_once=True)
    assert fast == slow
    assert slow[1][:2] == ("Anna", "vd") and "Svar ett\ntvå" in slow[2][0]
