"""The notes step: the interviewer's private notes, and what the import set aside or warned of."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, Static, TextArea

from ...core.interview.model import Interview
from ..display import plain_str
from ..i18n import Texts
from ..widgets.plain_fields import PlainTextArea
from .base import Step


def import_report(interview: Interview, t: Texts) -> Text | None:
    """The import's warnings and the text it set aside, as plain text (never markup); None
    when the interview has neither."""
    if not interview.import_warnings and not interview.notes.strip():
        return None
    out = Text()
    if interview.import_warnings:
        out.append(t("notes.import_warnings") + "\n", style="bold")
        for warning in interview.import_warnings:
            out.append(f"⚠ {plain_str(warning)}\n")
    if interview.notes.strip():
        out.append(t("notes.set_aside") + "\n", style="bold")
        out.append(plain_str(interview.notes))
    out.rstrip()
    return out


class NotesStep(Step, Vertical):
    """Private notes ("Anteckningar": searchable, never exported) above the import's report,
    which is read-only."""

    DEFAULT_CLASSES = "step notes-step"

    fields = ("private_notes",)

    class Changed(Step.Changed):
        """The private notes were edited."""

    def compose(self) -> ComposeResult:
        t = self.t
        yield Label(t("field.private_notes"), classes="field-label")
        yield PlainTextArea(
            self.interview.private_notes,
            id="field-private_notes",
            soft_wrap=True,
            tab_behavior="focus",
            classes="notes",
        )
        report = import_report(self.interview, t)
        if report is not None:
            yield Static(report, id="import-report", markup=False)

    def label(self, t: Texts) -> str:
        return t("step.notes")

    def progress(self, t: Texts, number: int, count: int) -> str:
        return t("progress.notes", step=number, steps=count)

    def enter(self, interview: Interview, first_visit: bool) -> Widget:
        area = self.query_one("#field-private_notes", TextArea)
        if first_visit:
            area.move_cursor(area.document.end)
        return area

    def external_field(self) -> str:
        return "private_notes"

    def set_field(self, field: str, value: str) -> None:
        area = self.query_one("#field-private_notes", TextArea)
        area.replace(value, area.document.start, area.document.end)

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.changed("private_notes", event.text_area.text)
