"""The editor's steps, in order: adding a step is its widget and one line in `editor_steps`."""

from __future__ import annotations

from ...core.interview.model import Interview
from .answer import AnswerStep
from .base import Step
from .boxes import BoxesStep
from .notes import NotesStep
from .person import PersonStep
from .quote import QuoteStep
from .review import ReviewStep

__all__ = [
    "AnswerStep",
    "BoxesStep",
    "NotesStep",
    "PersonStep",
    "QuoteStep",
    "ReviewStep",
    "Step",
    "editor_steps",
]


def editor_steps(interview: Interview) -> list[Step]:
    """The steps of the editor for `interview`, in order."""
    return [
        PersonStep(interview),
        *(AnswerStep(interview, i) for i in range(len(interview.answers))),
        QuoteStep(interview),
        BoxesStep(interview),
        NotesStep(interview),
        ReviewStep(interview),
    ]
