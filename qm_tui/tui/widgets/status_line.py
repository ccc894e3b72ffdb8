"""The editor's status line: where you are ("Fråga 2 av 5") and whether your text is saved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

SAVE_STATES = ("saved", "unsaved", "saving", "error")


class StatusLine(Horizontal):
    """Progress on the left, save state on the right."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        background: $panel;
        padding: 0 1;
    }
    StatusLine #progress {
        width: 1fr; color: $text; text-style: bold; text-wrap: nowrap; text-overflow: ellipsis;
    }
    StatusLine #save-state { width: auto; margin-left: 1; color: $text-muted; }
    StatusLine.-unsaved #save-state { color: $warning; }
    StatusLine.-saving #save-state { color: $text-muted; }
    StatusLine.-saved #save-state { color: $success; }
    StatusLine.-error #save-state { color: $error; text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        yield Label(id="progress")
        yield Label(id="save-state")

    def set_progress(self, text: str) -> None:
        """Show where the user is."""
        self.query_one("#progress", Label).update(text)

    def set_save_state(self, state: str, text: str) -> None:
        """Show the save state (one of SAVE_STATES) with its text."""
        for name in SAVE_STATES:
            self.set_class(name == state, f"-{name}")
        self.query_one("#save-state", Label).update(text)

    @property
    def save_text(self) -> str:
        """The save state as shown."""
        return str(self.query_one("#save-state", Label).content)
