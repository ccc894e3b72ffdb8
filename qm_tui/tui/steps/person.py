"""The person step: name, title, organisation, date and interviewer."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.validation import Function
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from ...core.model import PERSON_FIELDS, Interview
from ...core.rules import is_iso_date
from ..i18n import Texts
from .base import Step


class PersonStep(Step, VerticalScroll):
    """Who was interviewed, when and by whom; focus starts in the name."""

    DEFAULT_CLASSES = "step person-step"

    fields = PERSON_FIELDS

    class Changed(Step.Changed):
        """A person field was edited (an invalid date is not reported)."""

    def compose(self) -> ComposeResult:
        t = self.t
        for name in PERSON_FIELDS:
            yield Label(t(f"field.{name}"), classes="field-label")
            yield Input(
                self.interview.text_of(name),
                id=f"field-{name}",
                validators=[Function(is_iso_date)] if name == "date" else None,
                valid_empty=False,
            )
        yield Static(t("date.invalid"), id="date-error")

    def label(self, t: Texts) -> str:
        return t("step.person")

    def progress(self, t: Texts, number: int, count: int) -> str:
        return t("progress.person", steps=count)

    def enter(self, interview: Interview, first_visit: bool) -> Widget:
        return self.query_one("#field-name", Input)

    def current_field(self, focused: Widget | None) -> str | None:
        widget_id = focused.id if focused is not None and focused.id else ""
        return widget_id.removeprefix("field-") if widget_id.startswith("field-") else "name"

    def set_field(self, field: str, value: str) -> None:
        self.query_one(f"#field-{field}", Input).value = value

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        name = (event.input.id or "").removeprefix("field-")
        if name == "date":
            ok = is_iso_date(event.value)
            self.query_one("#date-error").display = not ok
            if not ok:
                return
        self.changed(name, event.value)
