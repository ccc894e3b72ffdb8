"""What every editor step is: a compound widget over some of the interview's fields.

A step composes its own inputs from the interview, posts a `Changed` message (nested in the
step's class, carrying a field path and the new text) when the user edits one, and tells the
editor its label, its progress text, whether it is done and where the focus goes. The editor
knows nothing else about it, so adding a step is one widget and one line in `editor_steps`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from textual.message import Message
from textual.widget import Widget

from ...core.interview.rules import is_filled
from ..widgets.review_notes import ReviewNotes

if TYPE_CHECKING:
    from ...core.interview.model import Interview
    from ..app import QMApp
    from ..i18n import Texts


class Step(Widget):
    """One step of the editor; concrete steps also derive from a container (Vertical, …)."""

    fields: tuple[str, ...] = ()
    """The field paths this step edits (`name`, `answers.2`, `quote`, …)."""

    class Changed(Message):
        """The user changed the text of `field` (a path such as `answers.2`) to `value`."""

        def __init__(self, step: Step, field: str, value: str) -> None:
            super().__init__()
            self.step = step
            self.field = field
            self.value = value

        @property
        def control(self) -> Step:
            """The step that changed (for `@on(…, selector)`)."""
            return self.step

    def __init__(self, interview: Interview) -> None:
        super().__init__()
        self.interview = interview  # as it was when the editor opened; the editor holds the rest

    @property
    def qm(self) -> QMApp:
        """The app, typed."""
        return cast("QMApp", self.app)

    @property
    def t(self) -> Texts:
        """The UI texts."""
        return self.qm.t

    def on_mount(self) -> None:
        """Show the reviewers' comments on this step's fields under them (never exported)."""
        comments = [c for c in self.interview.review if self.shows_comment(c.field)]
        if comments:
            self.mount(ReviewNotes(comments))

    def shows_comment(self, field: str) -> bool:
        """Whether a review comment on `field` (`quote`, `answers.2.question` …) is shown here."""
        return any(field == f or field.startswith(f + ".") for f in self.fields)

    def label(self, t: Texts) -> str:
        """The step's name in the step list."""
        raise NotImplementedError

    def progress(self, t: Texts, number: int, count: int) -> str:
        """The status line's text while this step (number `number` of `count`) is shown."""
        raise NotImplementedError

    def done(self, interview: Interview, gaps: Iterable[str]) -> bool:
        """Whether the step is really complete (its tick in the step list), given the
        interview and its `gaps()`: by default, every field of the step is filled in."""
        if set(gaps) & set(self.fields):
            return False
        try:
            return all(is_filled(interview.text_of(f)) for f in self.fields)
        except IndexError:  # a question just removed; the steps are being rebuilt
            return False

    def enter(self, interview: Interview, first_visit: bool) -> Widget:
        """The step is being shown (with the current interview); returns where the focus goes."""
        raise NotImplementedError

    def current_field(self, focused: Widget | None) -> str | None:
        """The field being edited, for its history (F2); None when there is none."""
        return self.fields[0] if self.fields else None

    def external_field(self) -> str | None:
        """The long text this step lets the user edit in $EDITOR (F4), if any."""
        return None

    def set_field(self, field: str, value: str) -> None:
        """Put `value` into the field's widget, as an edit (it posts Changed and autosaves)."""
        raise NotImplementedError

    def changed(self, field: str, value: str) -> None:
        """Post this step's own `Changed` message, straight to the screen (the editor).

        It is sent on every keystroke; bubbling it through the switcher and the layout
        containers, which never handle it, would cost a message hop each.
        """
        self.screen.post_message(type(self).Changed(self, field, value))
