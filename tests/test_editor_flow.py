"""Issue 9's editor flow: the preview is the export, the quote step, keys that work everywhere."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownParagraph

from qm_tui.core.export import ExportOptions, render
from qm_tui.core.importing import read_import_file
from qm_tui.core.questions import load_question_sets
from qm_tui.core.store import InterviewStore
from qm_tui.tui.app import QMApp
from qm_tui.tui.widgets.quote_candidates import QuoteCandidates

from .conftest import REFERENCE, SIZE, open_selected, sample, wait_for


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


async def test_a_reopened_quote_wraps_and_shows_its_start_at_80_columns(db_path: Path) -> None:
    from qm_tui.tui.widgets.spell_text_area import SpellTextArea

    InterviewStore(db_path).add(sample().with_text("quote", LONG_QUOTE))
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ed = await open_selected(pilot)
        ed.step = 6
        await pilot.pause()
        area = ed.query_one("#field-quote", SpellTextArea)
        assert app.focused is area and area.soft_wrap
        assert area.text == LONG_QUOTE and area.cursor_location == area.document.end
        assert area.scroll_offset.y == 0 and area.scroll_offset.x == 0
        assert area.wrapped_document.height > 1  # wrapped over several rows
        assert area.size.height >= min(area.wrapped_document.height, 4)
        # the label wraps instead of being cut off
        label = ed.query_one("#candidates-label")
        assert label.size.height >= 2 and label.size.width <= 80
        # a new line in the quote is kept, and saved like typing
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
