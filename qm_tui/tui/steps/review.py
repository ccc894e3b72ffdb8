"""The review step: the article exactly as it will be exported, with warnings, and export."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Static

from ...core.model import Interview
from ..i18n import Texts
from .base import Step


def warning_text(gap: str, t: Texts) -> str:
    """The review's warning for one of `Interview.gaps()`."""
    if gap.startswith("answers."):
        return t("review.warn.answer", n=gap.removeprefix("answers."))
    return t(f"review.warn.{gap}")


class ReviewStep(Step, Vertical):
    """Warnings (not blocks) for what is missing, the rendered article, an export button."""

    DEFAULT_CLASSES = "step review-step"

    def compose(self) -> ComposeResult:
        yield Static(id="warnings")
        yield VerticalScroll(id="preview")
        yield Button(self.t("review.export"), id="export", variant="primary")

    def label(self, t: Texts) -> str:
        return t("step.review")

    def progress(self, t: Texts, number: int, count: int) -> str:
        return t("progress.review", step=number, steps=count)

    def done(self, gaps: Iterable[str]) -> bool:
        return not tuple(gaps)

    def current_field(self, focused: Widget | None) -> str | None:
        return None

    def set_field(self, field: str, value: str) -> None:
        raise KeyError(field)

    def enter(self, interview: Interview, first_visit: bool) -> Widget:
        self.run_worker(self.refresh_preview(interview), group="preview", exclusive=True)
        return self.query_one("#preview")

    async def refresh_preview(self, interview: Interview) -> None:
        """Render the article from the same Markdown as the export, with warnings."""
        from textual.widgets import Markdown

        from ...core.article import render_markdown

        t = self.t
        warnings = [warning_text(gap, t) for gap in interview.gaps()]
        box = self.query_one("#warnings", Static)
        box.update("\n".join(f"⚠ {w}" for w in warnings) if warnings else f"✔ {t('review.ok')}")
        box.set_class(bool(warnings), "-warning")
        text = render_markdown(interview.with_status(), meta=False)
        preview = self.query_one("#preview", VerticalScroll)
        found = preview.query(Markdown)
        if found:
            await found.first().update(text)
        else:
            await preview.mount(Markdown(text, id="article"))
