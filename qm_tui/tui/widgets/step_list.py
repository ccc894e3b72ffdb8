"""The editor's list of steps, marking which are done and which are still empty."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

DONE = "✔"
EMPTY = "○"


class StepList(OptionList):
    """One option per editor step; selecting one (enter or click) posts `StepList.Chosen`."""

    DEFAULT_CSS = """
    StepList {
        width: 24;
        height: 1fr;
        border: none;
        border-right: solid $panel-lighten-2;
        padding: 0;
    }
    StepList:focus { border: none; border-right: solid $accent; }
    """

    class Chosen(Message):
        """The user chose step `index`."""

        def __init__(self, step_list: StepList, index: int) -> None:
            super().__init__()
            self.step_list = step_list
            self.index = index

        @property
        def control(self) -> StepList:
            """The step list the step was chosen in."""
            return self.step_list

    def __init__(self, labels: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._labels = labels
        self._done: list[bool] = [False] * len(labels)

    def on_mount(self) -> None:
        self.add_options(Option(self._prompt(i), id=f"step-{i}") for i in range(len(self._labels)))

    def set_labels(self, labels: list[str]) -> None:
        """Show another list of steps (the editor rebuilt its steps); marks start empty."""
        self._labels = labels
        self._done = [False] * len(labels)
        self.clear_options()
        self.add_options(Option(self._prompt(i), id=f"step-{i}") for i in range(len(labels)))

    def _prompt(self, index: int) -> Text:
        done = self._done[index]
        mark = Text(DONE if done else EMPTY, style="bold green" if done else "dim")
        return Text.assemble(mark, " ", self._labels[index])

    def set_done(self, done: list[bool]) -> None:
        """Mark steps done or empty; only changed rows are redrawn."""
        for index, (old, new) in enumerate(zip(self._done, done, strict=True)):
            if old != new:
                self._done[index] = new
                if self.option_count > index:
                    self.replace_option_prompt_at_index(index, self._prompt(index))

    def show_current(self, index: int) -> None:
        """Highlight the current step without posting Chosen."""
        if self.highlighted != index:
            self.highlighted = index

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self, event.option_index))
