"""An answer step: one question, large, and a multi-line answer with a word count."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static, TextArea

from ...core.interview.model import Interview
from ...core.spelling import interview_words, question_set_words
from ..display import plain
from ..i18n import Texts
from ..widgets.spell_text_area import SpellTextArea
from .base import Step


def word_count(text: str) -> int:
    """Words in an answer."""
    return len(text.split())


class AnswerStep(Step, Vertical):
    """Question `index` (from 0) of the interview and its answer."""

    DEFAULT_CLASSES = "step answer-step"

    class Changed(Step.Changed):
        """The answer was edited."""

    def __init__(self, interview: Interview, index: int) -> None:
        super().__init__(interview)
        self.index = index
        self.fields = (f"answers.{index + 1}",)

    def compose(self) -> ComposeResult:
        answer = self.interview.answers[self.index]
        i = self.index
        yield Static(plain(f"{i + 1}. {answer.question}"), classes="question", markup=False)
        qs = self.qm.question_sets.get(self.interview.question_set)
        yield SpellTextArea(
            answer.answer,
            id=f"answer-{i}",
            soft_wrap=True,
            tab_behavior="focus",
            classes="answer",
            lang=qs.lang if qs else "sv",
            known=interview_words(self.interview) | (question_set_words(qs) if qs else set()),
        )
        yield Static(self._words(answer.answer), id=f"words-{i}", classes="words")

    def _words(self, text: str) -> str:
        n = word_count(text)
        return self.t("words.one") if n == 1 else self.t("words", n=n)

    @property
    def area(self) -> TextArea:
        """The answer's text area."""
        return self.query_one(f"#answer-{self.index}", TextArea)

    def label(self, t: Texts) -> str:
        return t("step.question", n=self.index + 1)

    def progress(self, t: Texts, number: int, count: int) -> str:
        return t("progress.question", n=self.index + 1, total=len(self.interview.answers))

    def enter(self, interview: Interview, first_visit: bool) -> Widget:
        area = self.area
        if isinstance(area, SpellTextArea) and area.checker is not None:
            area.checker.add_known(interview_words(interview))  # a name typed since opening
        if first_visit:
            area.move_cursor(area.document.end)
        return area

    def external_field(self) -> str:
        return self.fields[0]

    def set_field(self, field: str, value: str) -> None:
        area = self.area
        area.replace(value, area.document.start, area.document.end)

    @on(TextArea.Changed)
    def _answer_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        text = event.text_area.text
        self.query_one(f"#words-{self.index}", Static).update(self._words(text))
        self.changed(self.fields[0], text)
