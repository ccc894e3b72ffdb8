"""Sentences offered as the pull quote; 1–9 picks one with a single keystroke."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..display import plain
from ..i18n import SV


class QuoteCandidates(OptionList):
    """An option list of sentences; enter or a digit posts `QuoteCandidates.Picked`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(str(n), f"pick({n - 1})", f"{SV['key.pick']} {n}", show=False) for n in range(1, 10)
    ]

    DEFAULT_CSS = """
    QuoteCandidates { height: 1fr; }
    """

    class Picked(Message):
        """The user picked `text` as the pull quote."""

        def __init__(self, candidates: QuoteCandidates, text: str) -> None:
            super().__init__()
            self.candidates = candidates
            self.text = text

        @property
        def control(self) -> QuoteCandidates:
            """The list the sentence was picked from."""
            return self.candidates

    def __init__(self, *, empty_text: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.empty_text = empty_text
        self.sentences: list[str] | None = None

    def set_sentences(self, sentences: list[str]) -> None:
        """Offer these sentences, numbered 1–9 for the first nine (or say there are none)."""
        if sentences == self.sentences:
            return
        self.sentences = list(sentences)
        if not self.sentences:
            self.set_options([Option(Text(self.empty_text, style="dim italic"), disabled=True)])
            return
        prompts = []
        for i, sentence in enumerate(self.sentences):
            number = f"{i + 1} " if i < 9 else "  "
            prompts.append(Text.assemble((number, "bold"), plain(sentence)))
        self.set_options(prompts)
        self.highlighted = 0

    def action_pick(self, index: int) -> None:
        """Pick sentence `index`."""
        if self.sentences and 0 <= index < len(self.sentences):
            self.highlighted = index
            self.post_message(self.Picked(self, self.sentences[index]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_pick(event.option_index)
