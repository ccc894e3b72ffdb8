"""A yes/no question in a modal dialog."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from ..display import plain
from ..i18n import SV
from ..screens.base import QMModal


class ConfirmScreen(QMModal[bool]):
    """Ask a question; dismisses with True for yes, False for no or escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,j", "answer(True)", SV["key.yes"], id="confirm.yes"),
        Binding("n,escape", "answer(False)", SV["key.no"], id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        t = self.qm.t
        with Vertical(id="dialog"):
            yield Static(plain(self.question), id="question")
            with Horizontal(id="buttons"):
                yield Button(t("key.yes"), variant="error", id="yes")
                yield Button(t("key.no"), variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        """Close the dialog with this answer."""
        self.dismiss(yes)
