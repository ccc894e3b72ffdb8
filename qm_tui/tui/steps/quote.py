"""The quote step: the pull quote, typed or picked from the sentences of the answers."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Label

from ...core.model import Interview
from ...core.quote import quote_candidates
from ..i18n import Texts
from ..widgets.quote_candidates import QuoteCandidates
from .base import Step


class QuoteStep(Step, Vertical):
    """The quote field above the candidate sentences (`1`–`9` or enter picks one)."""

    DEFAULT_CLASSES = "step quote-step"

    fields = ("quote",)

    class Changed(Step.Changed):
        """The quote was edited or picked."""

    def compose(self) -> ComposeResult:
        t = self.t
        yield Label(t("field.quote"), classes="field-label")
        yield Input(
            self.interview.quote, id="field-quote", placeholder=t("field.quote.placeholder")
        )
        yield Label(t("quote.candidates"), id="candidates-label", classes="field-label")
        yield QuoteCandidates(empty_text=t("quote.none"), id="candidates")

    def label(self, t: Texts) -> str:
        return t("step.quote")

    def progress(self, t: Texts, number: int, count: int) -> str:
        return t("progress.quote", step=number, steps=count)

    def enter(self, interview: Interview, first_visit: bool) -> Widget:
        answers = (a.answer for a in interview.answers)
        self.query_one(QuoteCandidates).set_sentences(quote_candidates(answers))
        return self.query_one("#field-quote", Input)

    def set_field(self, field: str, value: str) -> None:
        self.query_one("#field-quote", Input).value = value

    @on(Input.Changed, "#field-quote")
    def _quote_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.changed("quote", event.value)

    @on(QuoteCandidates.Picked)
    def _picked(self, event: QuoteCandidates.Picked) -> None:
        event.stop()
        field = self.query_one("#field-quote", Input)
        field.value = event.text
        field.focus()
        field.cursor_position = len(event.text)
