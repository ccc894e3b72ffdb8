"""A one-line question in a modal dialog (the text of a new question, …)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from ..display import plain
from ..i18n import SV
from ..screens.base import QMModal
from ..widgets.plain_fields import PlainInput


class AskScreen(QMModal[str | None]):
    """Ask for one line of text; enter dismisses with it (None if blank), escape with None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", SV["key.close"], id="ask.close"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-dialog"):
            yield Static(plain(self.question), id="ask-question")
            yield PlainInput(id="ask-answer")

    @on(Input.Submitted, "#ask-answer")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = " ".join(event.value.split())
        self.dismiss(text or None)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)
