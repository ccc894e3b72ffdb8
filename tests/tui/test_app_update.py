"""From the list, a corrected article (docx, txt or md) applied to the selected interview."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, Static

from qm_tui.core.database.store import InterviewStore
from qm_tui.core.publish.export import ExportOptions, render
from qm_tui.tui.app import QMApp
from qm_tui.tui.dialogs.update import UpdateScreen

from ..conftest import SIZE, notified, sample, wait_for


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
        notes = [n.message for n in notified(app)]
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


# -- a Word review: each tracked change its own row, comments kept ---------------------------


def _before_review(db_path: Path) -> int:
    import dataclasses

    from qm_tui.core.intake.importing import read_article_file, read_import
    from qm_tui.core.interview.questions import load_question_sets

    from ..data.make_review_docx import review_docx

    sets = load_question_sets()
    path = db_path.parent / "granskad.docx"
    path.write_bytes(review_docx())
    [iv], _, _ = read_import(read_article_file(path, sets), sets, "reject")
    return InterviewStore(db_path).add(dataclasses.replace(iv, review=(), import_warnings=()))


async def test_tracked_changes_are_rows_accepted_or_rejected_one_by_one(db_path: Path) -> None:
    from qm_tui.tui.dialogs.update import TrackedChangeList

    iid = _before_review(db_path)
    before = InterviewStore(db_path).get(iid)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_dialog(app, pilot, db_path.parent / "granskad.docx")
        rows = screen.query_one("#update-tracked", TrackedChangeList)
        assert rows.option_count == 6 and len(rows.selected) == 6  # all accepted at first
        assert app.focused is rows
        assert "borttaget 'ytterst positiv'" in str(rows.get_option_at_index(0).prompt)
        assert "4 fält ändras" in _diff(app)
        await pilot.press("r")  # reject all: only the comments are new
        await wait_for(pilot, lambda: "fält ändras" not in _diff(app))
        assert "3 nya kommentarer" in _diff(app)
        await pilot.press("space")  # accept the first row alone: the deletion
        await wait_for(pilot, lambda: "1 fält ändras" in _diff(app))
        assert "[-ytterst positiv-] för vår" in _diff(app)
        await pilot.press("down", "space")  # and the insertion
        await wait_for(pilot, lambda: "{+mycket positivt+}" in _diff(app))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, UpdateScreen))
        notes = [n.message for n in notified(app)]
        assert any(": 1 fält" in n and "3 nya kommentarer" in n for n in notes), notes
    after = InterviewStore(db_path).get(iid)
    assert after.answers[0].answer.endswith("vilket är mycket positivt för vår samverkan.")
    assert after.answers[1:] == before.answers[1:]  # the rejected changes left them alone
    assert [c.field for c in after.review] == ["quote", "quote", "facts.text"]


async def test_a_file_of_another_interview_is_saved_only_after_a_yes(
    db_path: Path, tmp_path: Path
) -> None:
    from qm_tui.tui.dialogs.confirm import ConfirmScreen

    store = InterviewStore(db_path)
    other = store.add(sample("Anna Berg", "Lunds City"))
    target = store.add(sample())  # the newest: selected first
    path = tmp_path / "anna.md"
    article = render(store.get(other), "md", ExportOptions(interview_id=other)).decode()
    path.write_text(article.replace("Lunds City", "Lunds Citysamverkan"), encoding="utf-8")
    before = db_path.read_bytes()
    app = QMApp(db_path=db_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await _open_dialog(app, pilot, path)
        assert f"exported from interview {other} (Anna Berg)" in _diff(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, UpdateScreen))
        assert db_path.read_bytes() == before
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: not isinstance(app.screen, (UpdateScreen, ConfirmScreen)))
    assert InterviewStore(db_path).get(target).organisation == "Lunds Citysamverkan"


async def test_the_editor_shows_review_comments_by_their_fields(db_path: Path) -> None:
    import dataclasses

    from qm_tui.core.interview.model import ReviewComment
    from qm_tui.tui.widgets.review_notes import ReviewNotes

    from ..conftest import editor_of

    comments = (
        ReviewComment("answers.2", "Anna", "2026-12-01", "Stämmer [b]det[/b]?"),
        ReviewComment("quote", "Anna", "2026-12-01", "Byt citat.", resolved=True),
    )
    InterviewStore(db_path).add(dataclasses.replace(sample(), review=comments))
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "loaded", False))
        await pilot.press("enter")
        await pilot.pause()
        editor = editor_of(app)
        await pilot.press("ctrl+n", "ctrl+n")  # the person step, then question 1, then 2
        await wait_for(pilot, lambda: bool(editor.current.query(ReviewNotes)))
        assert editor.current.fields == ("answers.2",)
        notes = editor.current.query_one(ReviewNotes)
        shown = str(notes.render())
        assert "svar 2: kommentar — Anna, 2026-12-01: Stämmer [b]det[/b]?" in shown
        assert "Byt citat." not in shown  # that one is on the quote's step


async def test_a_pdf_is_refused_in_the_ui_language(db_path: Path, tmp_path: Path) -> None:
    InterviewStore(db_path).add(sample())
    path = tmp_path / "granskad.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_dialog(app, pilot, path)
        assert _diff(app) == (
            f"Kunde inte läsa artikeln: {path}: en PDF kan inte läsas tillbaka; spara eller "
            "skicka den granskade artikeln som Word-dokument (.docx), eller kopiera texten till "
            "en .txt-fil"
        )
        assert screen.query_one("#update-save", Button).disabled
