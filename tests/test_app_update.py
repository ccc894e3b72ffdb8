"""From the list, a corrected article (docx, txt or md) applied to the selected interview."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, Static

from qm_tui.core.export import ExportOptions, render
from qm_tui.core.store import InterviewStore
from qm_tui.tui.app import QMApp
from qm_tui.tui.dialogs.update import UpdateScreen

from .conftest import SIZE, sample, wait_for


def _diff(app: QMApp) -> str:
    return str(app.screen.query_one("#update-diff", Static).render())


async def _open_dialog(app: QMApp, pilot: object, path: Path) -> UpdateScreen:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await wait_for(pilot, lambda: getattr(app.screen, "loaded", False))
    await pilot.press("u")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, UpdateScreen)
    screen.query_one("#update-path", Input).value = str(path)
    await pilot.press("enter")
    await wait_for(pilot, lambda: bool(_diff(app)))
    return screen


async def test_a_corrected_article_is_shown_as_a_diff_and_saved(
    db_path: Path, tmp_path: Path
) -> None:
    iv = sample()
    InterviewStore(db_path).add(iv)
    article = render(iv, "txt", ExportOptions(typography=False)).decode("utf-8")
    old = "Inga större förändringar den här gången"
    corrected = article.replace(old, "Inga [b]stora[/b] förändringar den här gången")
    assert corrected != article
    path = tmp_path / "rättad.txt"
    path.write_text(corrected, encoding="utf-8")
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_dialog(app, pilot, path)
        shown = _diff(app)
        assert "1 fält ändras" in shown and "svar 2:" in shown
        assert "[b]stora[/b]" in shown  # plain text: markup in the file is shown, never run
        assert not screen.query_one("#update-save", Button).disabled
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, UpdateScreen))
        notes = [n.message for n in app._notifications]
        assert any("Uppdaterade Nils-Petter Nilsson (Växjö City): 1 fält" in n for n in notes), (
            notes
        )
    store = InterviewStore(db_path)
    assert store.get(1).answers[1].answer.startswith("Inga [b]stora[/b] förändringar")
    assert next(h.value for h in store.history(1) if h.field == "answers.2").startswith(old)


async def test_a_missing_file_is_one_message_in_the_ui_language_and_saves_nothing(
    db_path: Path, tmp_path: Path
) -> None:
    InterviewStore(db_path).add(sample())
    before = InterviewStore(db_path).get(1)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_dialog(app, pilot, tmp_path / "finns-inte.docx")
        assert _diff(app).startswith("Kunde inte läsa artikeln:")
        assert screen.query_one("#update-save", Button).disabled
        await pilot.press("ctrl+s", "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, UpdateScreen))
    assert InterviewStore(db_path).get(1) == before


async def test_an_unchanged_article_says_so(db_path: Path, tmp_path: Path) -> None:
    iv = sample()
    InterviewStore(db_path).add(iv)
    path = tmp_path / "samma.md"
    path.write_bytes(render(iv, "md", ExportOptions(interview_id=1)))
    app = QMApp(db_path=db_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_dialog(app, pilot, path)
        assert "The article changes nothing" in _diff(app)
        assert screen.query_one("#update-save", Button).disabled


def test_the_help_lists_the_update_key_in_the_ui_language() -> None:
    from qm_tui.tui.dialogs.help import help_text
    from qm_tui.tui.i18n import Texts

    sv, en = help_text(Texts("sv")).plain, help_text(Texts("en")).plain
    assert "  u " in sv and "Läs in en rättad artikel (docx, txt eller md)" in sv
    assert "Apply a corrected article" in en
    assert "ctrl+l" in sv and "Läs in den sparade versionen" in sv
