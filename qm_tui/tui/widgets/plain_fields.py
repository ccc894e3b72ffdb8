"""Input fields that never hold what a terminal would act on.

An input shows its text as it is, so a control character or a bidi override in it would reach the
terminal raw (ESC ]2;… retitles it, U+202E reorders what the user reads). Every way text enters
these fields (typing, pasting, loading, restoring a version, an external editor) goes through
`editable_text`, the core's one rule: such characters are left out.
"""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Input, TextArea
from textual.widgets.text_area import Edit, EditResult

from ...core.interview.controls import editable_text

__all__ = ["PlainInput", "PlainTextArea"]


class PlainInput(Input):
    """An Input whose value never holds control characters, line ends or bidi overrides."""

    def validate_value(self, value: str) -> str:
        """Every new value (typed, pasted or set) without what `editable_text` leaves out."""
        return editable_text(value).replace("\r", "").replace("\n", " ")


class PlainTextArea(TextArea):
    """A TextArea whose text never holds control characters (other than newline and tab) or
    bidi overrides: each edit and each loaded text is cleaned before it is applied."""

    def edit(self, edit: Edit) -> EditResult:
        """Apply `edit` with its text cleaned (so undo and redo see the cleaned text too)."""
        clean = editable_text(edit.text)
        return super().edit(edit if clean == edit.text else replace(edit, text=clean))

    def load_text(self, text: str) -> None:
        """Load `text`, cleaned (the history is cleared, as TextArea does)."""
        super().load_text(editable_text(text))
