"""Issue 9's editor flow: the preview is the export, the quote step, keys that work everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownParagraph

from qm_tui.core.database.store import InterviewStore
from qm_tui.core.intake.importing import read_import_file
from qm_tui.core.interview.questions import load_question_sets
from qm_tui.core.publish.export import ExportOptions, render
from qm_tui.tui.app import QMApp
from qm_tui.tui.widgets.quote_candidates import QuoteCandidates

from ..conftest import REFERENCE, SIZE, Opened, open_selected, sample, wait_for


async def test_the_preview_is_the_markdown_export_of_the_imported_profile(db_path: Path) -> None:
    (imported,), _ = read_import_file(REFERENCE, load_question_sets())
    InterviewStore(db_path).add(imported)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: bool(ed.query("#article")))
        article = ed.query_one("#article", Markdown)
        exported = render(ed.interview.with_status(), "md", ExportOptions(meta=False))
        assert article.source == exported.decode("utf-8")
        assert "\n>\n> Du hittar mer information" in article.source
        # ...and the KONTAKT box shows that blank line: the paragraphs are a row apart
        await wait_for(pilot, lambda: bool(article.query(MarkdownParagraph)))
        paragraphs = list(article.query(MarkdownParagraph))
        email = next(p for p in paragraphs if "pia.sandin@" in (p.source or ""))
        more = next(p for p in paragraphs if "Du hittar mer" in (p.source or ""))
        assert more.region.y > email.region.bottom


LONG_QUOTE = (
    "Början av citatet syns. "
    + "Det är ett kvitto på att vi arbetar på rätt sätt och uppfyller kraven. " * 3
    + "Slutet."
)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_a_reopened_quote_wraps_and_shows_its_start(
    db_path: Path, size: tuple[int, int]
) -> None:
    from qm_tui.tui.widgets.spell_text_area import SpellTextArea

    InterviewStore(db_path).add(sample().with_text("quote", LONG_QUOTE))
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        ed.step = 6
        await pilot.pause()
        area = ed.query_one("#field-quote", SpellTextArea)
        assert app.focused is area and area.soft_wrap
        assert area.text == LONG_QUOTE and area.cursor_location == (0, 0)
        await pilot.pause()
        assert area.scroll_offset.y == 0 and area.scroll_offset.x == 0
        assert area.wrapped_document.height > 1  # wrapped over several rows
        assert area.size.height >= min(area.wrapped_document.height, 2)
        # the label wraps instead of being cut off
        label = ed.query_one("#candidates-label")
        assert label.size.height >= 2 and label.size.width <= size[0]
        # a new line in the quote is kept, and saved like typing
        area.move_cursor(area.document.end)
        await pilot.press("enter", *"Ny rad")
        await wait_for(pilot, lambda: ed.interview.quote.endswith("Slutet.\nNy rad"))
        assert await ed.flush()
    assert InterviewStore(db_path).get(1).quote.endswith("Slutet.\nNy rad")


async def test_every_candidate_sentence_is_reachable(db_path: Path) -> None:
    iv = sample()
    for i in range(5):
        text = " ".join(f"Svar {i} mening nummer {n} är lagom lång." for n in range(3))
        iv = iv.with_answer(i, text)
    InterviewStore(db_path).add(iv)
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        ed.step = 6
        await pilot.pause()
        candidates = ed.query_one(QuoteCandidates)
        assert candidates.sentences is not None and len(candidates.sentences) == 15
        await pilot.press("tab", "9")
        assert ed.interview.quote == candidates.sentences[8]
        await pilot.press("tab", "home", *["down"] * 13, "enter")
        assert ed.interview.quote == candidates.sentences[13]
        assert app.focused is ed.query_one("#field-quote")
        prompts = [str(candidates.get_option_at_index(i).prompt) for i in (0, 8, 9)]
        assert prompts[0].startswith("1 ") and prompts[1].startswith("9 ")
        assert not prompts[2][0].isdigit()


async def test_tab_and_enter_run_through_the_fields_and_on_to_the_next_step(
    opened_editor: Opened,
) -> None:
    app, pilot, ed = opened_editor
    assert app.focused is ed.query_one("#field-name")
    await pilot.press("enter")  # a one-line field: enter is the next field
    assert app.focused is ed.query_one("#field-title")
    await pilot.press("tab", "enter", "tab")
    assert app.focused is ed.query_one("#field-interviewer")
    await pilot.press("tab")  # the set is locked (answers are typed): on to the status
    assert app.focused is ed.query_one("#workflow-status")
    await pilot.press("tab")  # the last field: on to question 1
    assert ed.step == 1 and app.focused is ed.query_one("#answer-0")
    await pilot.press("shift+tab")  # the first field: back to the person's last field
    await pilot.pause()
    assert ed.step == 0 and app.focused is ed.query_one("#workflow-status")
    await pilot.press("shift+tab", "shift+tab")
    assert app.focused is ed.query_one("#field-date")
    await pilot.press("enter", "enter")  # enter goes on from one-line fields only
    assert app.focused is ed.query_one("#workflow-status")
    await pilot.press("tab")
    assert ed.step == 1
    for n in range(2, 6):
        await pilot.press("tab")
        assert ed.step == n and app.focused is ed.query_one(f"#answer-{n - 1}")
    await pilot.press("tab")
    assert ed.step == 6 and app.focused is ed.query_one("#field-quote")
    await pilot.press("tab")
    assert ed.step == 6 and app.focused is ed.query_one(QuoteCandidates)
    await pilot.press("tab")
    assert ed.step == 7 and app.focused is ed.query_one("#box-facts-heading")
    await pilot.press("shift+tab")
    await pilot.pause()
    assert ed.step == 6 and app.focused is ed.query_one(QuoteCandidates)
    # the steps' keys still work, and no text was changed on the way
    await pilot.press("ctrl+g")
    assert ed.step == 5
    await pilot.press("ctrl+n")
    assert ed.step == 6
    assert [a.answer for a in ed.interview.answers] == [a.answer for a in sample().answers]


async def test_the_editor_footer_shows_the_main_keys_at_80_columns(db_path: Path) -> None:
    from textual.widgets import Footer

    InterviewStore(db_path).add(sample())
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        await pilot.pause()
        footer = ed.query_one(Footer)
        keys = [
            (k.key_display, k.description, k.region.right)
            for k in footer.query("FooterKey")  # type: ignore[attr-defined]
        ]
        shown = {description for _, description, _ in keys}
        assert {"Nästa", "Föregående", "Granska", "Tillbaka", "Hjälp"} <= shown
        assert all(right <= 80 for _, _, right in keys)
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
