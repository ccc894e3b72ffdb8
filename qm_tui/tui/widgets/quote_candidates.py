"""Sentences offered as the pull quote; 1–9 picks one with a single keystroke."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList

from ..display import plain
from ..messages import QuotePicked


class QuoteCandidates(OptionList):
    """An option list of sentences; enter or a digit posts QuotePicked."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(str(n), f"pick({n - 1})", f"Välj {n}", show=False) for n in range(1, 10)
    ]

    DEFAULT_CSS = """
    QuoteCandidates { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sentences: list[str] = []

    def set_sentences(self, sentences: list[str]) -> None:
        """Offer these sentences, numbered 1–9 for the first nine."""
        if sentences == self.sentences:
            return
        self.sentences = list(sentences)
        prompts = []
        for i, sentence in enumerate(self.sentences):
            number = f"{i + 1} " if i < 9 else "  "
            prompts.append(Text.assemble((number, "bold"), plain(sentence)))
        self.set_options(prompts)
        if self.sentences:
            self.highlighted = 0

    def action_pick(self, index: int) -> None:
        """Pick sentence `index`."""
        if 0 <= index < len(self.sentences):
            self.highlighted = index
            self.post_message(QuotePicked(self.sentences[index]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_pick(event.option_index)
