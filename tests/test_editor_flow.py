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

from .conftest import REFERENCE, SIZE, editor_of, open_selected, wait_for


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
