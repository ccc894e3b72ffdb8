"""The quote step: the pull quote, typed or picked from the sentences of the answers."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static, TextArea

from ...core.interview.model import Interview
from ...core.interview.quote import quote_candidates
from ...core.spelling import interview_words, question_set_words
from ..i18n import Texts
from ..widgets.quote_candidates import QuoteCandidates
from ..widgets.spell_text_area import SpellTextArea
from .base import Step


class QuoteStep(Step, Vertical):
    """The quote (multi-line, wrapped, spell-checked) above the candidate sentences.

    `1`–`9` picks one of the first nine sentences; the cursor keys and enter reach every one.
    """

    DEFAULT_CLASSES = "step quote-step"

    fields = ("quote",)

    class Changed(Step.Changed):
        """The quote was edited or picked."""

    def compose(self) -> ComposeResult:
        t = self.t
        # Static, not Label: the labels wrap in a narrow terminal instead of being cut off
        yield Static(t("field.quote"), classes="field-label", markup=False)
        qs = self.qm.question_sets.get(self.interview.question_set)
        yield SpellTextArea(
            self.interview.quote,
            id="field-quote",
            soft_wrap=True,
            tab_behavior="focus",
            placeholder=t("field.quote.placeholder"),
            lang=qs.lang if qs else "sv",
            known=interview_words(self.interview) | (question_set_words(qs) if qs else set()),
        )
        yield Static(
            t("quote.candidates"), id="candidates-label", classes="field-label", markup=False
        )
        yield QuoteCandidates(empty_text=t("quote.none"), id="candidates")

    @property
    def area(self) -> TextArea:
        """The quote's text area."""
        return self.query_one("#field-quote", TextArea)

    def label(self, t: Texts) -> str:
        return t("step.quote")

    def progress(self, t: Texts, number: int, count: int) -> str:
        return t("progress.quote", step=number, steps=count)

    def enter(self, interview: Interview, first_visit: bool) -> Widget:
        answers = (a.answer for a in interview.answers)
        self.query_one(QuoteCandidates).set_sentences(quote_candidates(answers))
        area = self.area
        if isinstance(area, SpellTextArea) and area.checker is not None:
            area.checker.add_known(interview_words(interview))
        if first_visit:
            # a reopened quote is read from its start, even in a field of two rows (40x12)
            area.move_cursor(area.document.start)
            area.scroll_home(animate=False)
        return area

    def external_field(self) -> str:
        return "quote"

    def set_field(self, field: str, value: str) -> None:
        area = self.area
        area.replace(value, area.document.start, area.document.end)

    @on(TextArea.Changed, "#field-quote")
    def _quote_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.changed("quote", event.text_area.text)

    @on(QuoteCandidates.Picked)
    def _picked(self, event: QuoteCandidates.Picked) -> None:
        event.stop()
        self.set_field("quote", event.text)
        area = self.area
        area.focus()
        area.move_cursor(area.document.end)
