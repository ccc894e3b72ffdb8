"""The person step: name, title, organisation, date and interviewer; the question set and the
status."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.validation import Function
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from ...core.interview.model import PERSON_FIELDS, Interview
from ...core.interview.rules import is_iso_date
from ...core.interview.status import STATUSES
from ..display import plain
from ..i18n import Texts
from ..widgets.plain_fields import PlainInput
from .base import Step


class PersonStep(Step, VerticalScroll):
    """Who was interviewed, when and by whom; focus starts in the name."""

    DEFAULT_CLASSES = "step person-step"

    fields = PERSON_FIELDS

    class Changed(Step.Changed):
        """A person field was edited (an invalid date is not reported)."""

    class SetChosen(Message):
        """The user chose question set `set_id` in the selector."""

        def __init__(self, set_id: str) -> None:
            super().__init__()
            self.set_id = set_id

    class StatusChosen(Message):
        """The user chose workflow status `status` in the selector."""

        def __init__(self, status: str) -> None:
            super().__init__()
            self.status = status

    def compose(self) -> ComposeResult:
        t = self.t
        for name in PERSON_FIELDS:
            yield Label(t(f"field.{name}"), classes="field-label")
            yield PlainInput(
                self.interview.text_of(name),
                id=f"field-{name}",
                validators=[Function(is_iso_date)] if name == "date" else None,
                valid_empty=False,
            )
        yield Static(t("date.invalid"), id="date-error")
        yield Label(t("field.question_set"), classes="field-label")
        # no blank choice: an interview always has a set (Textual's blank is "Select")
        yield Select(
            self._set_options(),
            value=self.interview.question_set,
            allow_blank=False,
            id="question-set",
        )
        yield Static(t("set.locked"), id="set-locked")
        yield Label(t("field.status"), classes="field-label")
        yield Select(
            [(t(f"status.{s}"), s) for s in STATUSES],
            value=self.interview.settled_status(),
            allow_blank=False,
            id="workflow-status",
        )

    def _set_options(self) -> list[tuple[Text, str]]:
        """Every loaded set (built-in and the user's), plus the interview's own if unknown.
        The titles are Rich Texts: a str prompt is parsed as markup (`[/]` in a title crashed)."""
        sets = self.qm.question_sets.ordered()
        options = [(plain(f"{qs.title} ({qs.id})"), qs.id) for qs in sets]
        if self.interview.question_set not in {qs.id for qs in sets}:
            options.append((plain(self.interview.question_set), self.interview.question_set))
        return options

    def show_state(self, interview: Interview) -> None:
        """Follow the interview: the set is locked once an answer is typed; the status shown
        is the one that will be saved."""
        locked = interview.answered > 0
        chooser: Select[str] = self.query_one("#question-set", Select)
        chooser.disabled = locked
        self.query_one("#set-locked").display = locked
        if chooser.value != interview.question_set:
            with chooser.prevent(Select.Changed):
                chooser.value = interview.question_set
        status: Select[str] = self.query_one("#workflow-status", Select)
        if status.value != interview.settled_status():
            with status.prevent(Select.Changed):
                status.value = interview.settled_status()

    def label(self, t: Texts) -> str:
        return t("step.person")

    def progress(self, t: Texts, number: int, count: int) -> str:
        return t("progress.person", steps=count)

    def enter(self, interview: Interview, first_visit: bool) -> Widget:
        self.show_state(interview)
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

    @on(Select.Changed, "#question-set")
    def _set_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str):
            self.screen.post_message(self.SetChosen(event.value))

    @on(Select.Changed, "#workflow-status")
    def _workflow_status_picked(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str):
            self.screen.post_message(self.StatusChosen(event.value))
