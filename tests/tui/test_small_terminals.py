"""The article, the history and the update dialog stay readable at 80x24 and 40x12 (issue 23)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Button, Static

from qm_tui.core.database.store import InterviewStore
from qm_tui.core.interview.model import Interview
from qm_tui.core.publish.export import ExportOptions, render
from qm_tui.tui.app import QMApp
from qm_tui.tui.dialogs.history import HistoryScreen, row_preview
from qm_tui.tui.dialogs.update import UpdateScreen
from qm_tui.tui.screens.interview_list import InterviewListScreen

from ..conftest import ANSWERS, open_selected, sample, wait_for

TEN_WRONG = " Felstavt ordd, annat fell, trejde stavfell, fjarde mistag, femte skriivfel, orrd."


def _misspelt(words: int) -> Interview:
    iv = sample()
    extra = TEN_WRONG if words == 10 else " Ett enda fell här."
    return iv.with_answer(0, iv.answers[0].answer + extra)


def _visible(widget: Widget) -> int:
    """Rows of `widget` inside the screen."""
    return widget.region.intersection(widget.screen.region).height


@pytest.mark.parametrize(("size", "words"), [((80, 24), 10), ((40, 12), 1)])
async def test_the_review_gives_the_article_most_of_the_height(
    size: tuple[int, int], words: int, db_path: Path
) -> None:
    InterviewStore(db_path).add(_misspelt(words))
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        await pilot.press("ctrl+r")
        spelling = ed.query_one("#spelling", Static)
        await wait_for(pilot, lambda: "ord att se över" in str(spelling.render()), timeout=30)
        await pilot.pause()
        step = ed.current
        preview, notes = step.query_one("#preview"), step.query_one("#review-notes")
        assert _visible(preview) * 2 > _visible(step), (preview.region, step.region)
        assert _visible(preview) > _visible(notes) >= 1
        assert preview.region.bottom <= step.region.bottom


async def test_the_history_shows_versions_and_text_at_40x12(db_path: Path) -> None:
    store = InterviewStore(db_path)
    iv_id = store.add(sample())
    store.save(iv_id, store.get(iv_id).with_answer(0, ANSWERS[0] + " Mer."))
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await open_selected(pilot)
        await pilot.press("ctrl+n", "f2")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.pause()
        screen = app.screen
        await wait_for(pilot, lambda: bool(str(screen.query_one("#version-text").render())))
        assert _visible(screen.query_one("#versions")) >= 2
        assert _visible(screen.query_one("#version-text")) >= 2


async def test_the_update_dialog_shows_diff_and_buttons_at_40x12(
    db_path: Path, tmp_path: Path
) -> None:
    iv = sample()
    InterviewStore(db_path).add(iv)
    article = render(iv, "txt", ExportOptions(typography=False)).decode("utf-8")
    path = tmp_path / "rättad.txt"
    path.write_text(article.replace("Inga större", "Inga stora"), encoding="utf-8")
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "loaded", False))
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, UpdateScreen))
        await pilot.press(*str(path), "enter")
        screen = app.screen
        diff = screen.query_one("#update-diff", Static)
        await wait_for(pilot, lambda: "fält ändras" in str(diff.render()))
        await pilot.pause()
        assert _visible(screen.query_one("#update-diff-box")) >= 3
        for button in screen.query(Button):
            assert _visible(button) >= 1, button.id
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewListScreen))
    assert InterviewStore(db_path).get(1).answers[1].answer.startswith("Inga stora")


def test_history_rows_show_where_versions_differ_at_their_end() -> None:
    """Issue 23: two versions that differ only past the row's width looked the same."""
    long = ANSWERS[0] + " " + ANSWERS[1]
    newer, older = long + " Slut.", long
    rows = [row_preview(newer, older), row_preview(older, newer)]
    assert rows[0].plain != rows[1].plain
    assert rows[0].plain.startswith("…") and rows[0].plain.endswith("Slut.")
    (span,) = rows[0].spans
    assert rows[0].plain[span.start : span.end] == " Slut."
    assert "▏" in rows[1].plain  # the text removed there is marked
    short = row_preview("abc def", "abc xyz")
    assert short.plain == "abc def" and [(s.start, s.end) for s in short.spans] == [(4, 7)]
    assert row_preview("Samma", "Samma").spans == [] and row_preview("", None).plain == "–"
