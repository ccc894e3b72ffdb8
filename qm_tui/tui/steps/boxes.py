"""The boxes step: the FAKTA and KONTAKT boxes printed after the interview, per interview."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, TextArea

from ...core.interview.model import Interview
from ..i18n import Texts
from ..widgets.plain_fields import PlainInput, PlainTextArea
from .base import Step

BOX_FIELDS = (
    "facts.heading",
    "facts.text",
    "contact.heading",
    "contact.name",
    "contact.title",
    "contact.email",
    "contact.note",
)
"""The box fields in screen order (field paths of `Interview.text_of`)."""

MULTI_LINE = frozenset(("facts.text", "contact.note"))
"""The box fields edited in a text area; the others are one-line inputs."""


def widget_id(path: str) -> str:
    """The id of a box field's widget (`box-facts-heading`)."""
    return "box-" + path.replace(".", "-")


def _path_of(wid: str | None) -> str | None:
    return next((p for p in BOX_FIELDS if widget_id(p) == wid), None)


class BoxesStep(Step, VerticalScroll):
    """The facts box (heading, text) and the contact box (heading, name, title, e-mail, note),
    with a button (and F5 in the editor) that puts back the question set's text."""

    DEFAULT_CLASSES = "step boxes-step"

    fields = BOX_FIELDS

    class Changed(Step.Changed):
        """A box field was edited (or reset)."""

    def compose(self) -> ComposeResult:
        t = self.t
        for path in BOX_FIELDS:
            yield Label(t(f"field.{path}"), classes="field-label")
            value = self.interview.text_of(path)
            if path in MULTI_LINE:
                yield PlainTextArea(
                    value, id=widget_id(path), soft_wrap=True, tab_behavior="focus", classes="box"
                )
            else:
                yield PlainInput(value, id=widget_id(path))
        yield Button(t("boxes.reset"), id="boxes-reset")

    def label(self, t: Texts) -> str:
        return t("step.boxes")

    def progress(self, t: Texts, number: int, count: int) -> str:
        return t("progress.boxes", step=number, steps=count)

    def enter(self, interview: Interview, first_visit: bool) -> Widget:
        return self.query_one(f"#{widget_id(BOX_FIELDS[0])}")

    def current_field(self, focused: Widget | None) -> str | None:
        return _path_of(focused.id if focused is not None else None) or BOX_FIELDS[0]

    def external_field(self) -> str:
        return "facts.text"

    def set_field(self, field: str, value: str) -> None:
        widget = self.query_one(f"#{widget_id(field)}")
        if isinstance(widget, TextArea):
            widget.replace(value, widget.document.start, widget.document.end)
        elif isinstance(widget, Input):
            widget.value = value

    def reset_to(self, defaults: Interview) -> None:
        """Put the boxes of `defaults` into every box field, each an undoable edit."""
        for path in BOX_FIELDS:
            if self._value(path) != defaults.text_of(path):
                self.set_field(path, defaults.text_of(path))

    def _value(self, path: str) -> str:
        widget = self.query_one(f"#{widget_id(path)}")
        if isinstance(widget, TextArea):
            return widget.text
        return widget.value if isinstance(widget, Input) else ""

    @on(Button.Pressed, "#boxes-reset")
    async def _reset_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.screen.run_action("reset_boxes")

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _edited(self, event: Input.Changed | TextArea.Changed) -> None:
        event.stop()
        widget = event.input if isinstance(event, Input.Changed) else event.text_area
        path = _path_of(widget.id)
        if path is not None:
            self.changed(path, self._value(path))
