"""The review step: the article exactly as it will be exported, with warnings, and export."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Markdown, Static

from ...core.errors import QMError
from ...core.interview.model import Interview
from ...core.publish.export import ExportOptions, render
from ...core.spelling import check_interview, checker_for, enabled
from ..display import plain_str
from ..i18n import Texts
from .base import Step


def preview_markdown(interview: Interview) -> str:
    """The Markdown the preview shows: the `md` export's own bytes, without front matter
    (what `qm-tui export --format md --no-meta` writes)."""
    # the article keeps bidi overrides as typed; the preview is a terminal: escaped as the list
    return plain_str(render(interview, "md", ExportOptions(meta=False)).decode("utf-8"))


def warning_text(gap: str, t: Texts) -> str:
    """The review's warning for one of `Interview.gaps()`."""
    if gap.startswith("answers."):
        return t("review.warn.answer", n=gap.removeprefix("answers."))
    return t(f"review.warn.{gap}")


_STEP_FIELDS = frozenset(
    "name title organisation date interviewer quote answers facts contact private_notes".split()
)


class ReviewStep(Step, Vertical):
    """Warnings (not blocks) for what is missing, the rendered article, an export button."""

    DEFAULT_CLASSES = "step review-step"

    def compose(self) -> ComposeResult:
        # the warnings and the spelling list scroll in a box of their own, at most a third of
        # the height: the article always keeps most of it (issue 23)
        with VerticalScroll(id="review-notes"):
            yield Static(id="warnings")
            yield Static(id="spelling", markup=False)
        yield VerticalScroll(id="preview")
        yield Button(self.t("review.export"), id="export", variant="primary")

    def shows_comment(self, field: str) -> bool:
        """Comments on no field of another step (the article as a whole, the import's notes)."""
        return field.split(".")[0] not in _STEP_FIELDS

    def label(self, t: Texts) -> str:
        return t("step.review")

    def progress(self, t: Texts, number: int, count: int) -> str:
        return t("progress.review", step=number, steps=count)

    def done(self, interview: Interview, gaps: Iterable[str]) -> bool:
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
        t = self.t
        warnings = [warning_text(gap, t) for gap in interview.gaps()]
        box = self.query_one("#warnings", Static)
        box.update("\n".join(f"⚠ {w}" for w in warnings) if warnings else f"✔ {t('review.ok')}")
        box.set_class(bool(warnings), "-warning")
        self.run_worker(
            partial(self._check_spelling, interview), thread=True, group="spelling", exclusive=True
        )
        text = preview_markdown(interview.with_status())
        preview = self.query_one("#preview", VerticalScroll)
        found = preview.query(Markdown)
        if found:
            await found.first().update(text)
        else:
            await preview.mount(Markdown(text, id="article"))

    def _check_spelling(self, interview: Interview) -> None:
        """List every misspelt word of the article with its place (in a thread)."""
        t = self.t
        qs = self.qm.question_sets.get(interview.question_set)
        try:
            if not enabled():
                raise QMError("QM_TUI_SPELLCHECK=off")
            found = check_interview(interview, checker_for(interview, qs))
        except QMError as exc:
            text = t("review.spelling.off", error=exc)
        else:
            lines = [
                t(
                    "review.spelling.word",
                    word=m.word,
                    field=t.field_label(m.field),
                    line=m.line + 1,
                )
                for m in found
            ]
            text = t("review.spelling.found", n=len(found)) if found else t("review.spelling.ok")
            text = "\n".join([text, *lines])
        self.app.call_from_thread(self._show_spelling, plain_str(text))

    def _show_spelling(self, text: str) -> None:
        if self.is_mounted:
            self.query_one("#spelling", Static).update(text)
