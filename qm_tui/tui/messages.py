"""Custom messages posted by qm-tui's widgets."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class StepChosen(Message):
    """The user chose a step in the editor's step list."""

    index: int


@dataclass
class QuotePicked(Message):
    """The user picked a sentence as the pull quote."""

    text: str
