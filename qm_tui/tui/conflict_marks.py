"""Fields whose text won a merge conflict: named when the interview opens, and marked at the
field ("ändrad på två ställen, den andra versionen finns i F2") until it is edited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import Input, TextArea

from ..core.sync.merge import open_conflicts

if TYPE_CHECKING:
    from ..core.database.store import InterviewStore
    from .screens.editor import EditorScreen


class ConflictMarks:
    """The open merge conflicts of the interview in an editor."""

    def __init__(self, screen: EditorScreen) -> None:
        self.screen = screen
        self.fields: set[str] = set()

    async def load(self) -> None:
        """Find them (in the store thread) and name them in a notification."""
        interview_id = self.screen.interview_id

        def find(store: InterviewStore) -> list[str]:
            return open_conflicts(store.get(interview_id), store.history(interview_id))

        found = await self.screen.store_call(find)
        self.fields = set(found or ())
        if not self.fields:
            return
        t = self.screen.qm.t
        names = ", ".join(t.field_label(f) for f in sorted(self.fields))
        self.screen.notify(t("field.conflict.banner", fields=names), severity="warning", timeout=20)
        self.focused(self.screen.focused)

    def focused(self, widget: Widget | None) -> None:
        """A field got the focus: marked if its text won a conflict (the mark goes when its
        conflict is settled)."""
        if not isinstance(widget, Input | TextArea):
            return
        field = self.screen.current.current_field(widget)
        mark = self.screen.qm.t("field.conflict")
        if field in self.fields:
            widget.border_subtitle = mark
        elif widget.border_subtitle == mark:
            widget.border_subtitle = ""

    def settled(self, field: str) -> None:
        """The field was edited: the edit is the answer to the conflict."""
        if field in self.fields:
            self.fields.discard(field)
            self.focused(self.screen.focused)
