"""Import a corrected article (docx, txt or md) onto an interview: path, per-field diff, save.

The same two core functions as `qm-tui update`: `plan_update_from_file` shows what would change,
`apply_update` saves it (each replaced value goes to the field's history). Everything shown from
the file, the store or an error is plain text.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from ..display import plain
from ..i18n import SV, Texts
from ..screens.base import QMModal
from ..widgets.plain_fields import PlainInput

if TYPE_CHECKING:
    from ...core.model import Interview
    from ...core.store import InterviewStore
    from ...core.update import UpdatePlan


def plan_text(plan: UpdatePlan, t: Texts) -> Text:
    """The plan as the dialog shows it: each changed field and its short diff, then warnings."""
    out = Text()
    if not plan.changes:
        out.append(t("update.none"))
    else:
        out.append(t("update.changes", n=len(plan.changes)) + "\n", style="bold")
        for change in plan.changes:
            out.append(f"{t.field_label(change.field)}: ", style="bold")
            out.append_text(plain(change.short_diff()))
            out.append("\n")
    if plan.warnings:
        out.append("\n" + t("update.warnings") + "\n", style="bold")
        for warning in plan.warnings:
            out.append_text(plain(f"⚠ {warning}\n"))
    out.rstrip()
    return out


def _unexpected(exc: Exception, path: Path) -> str:
    """An error no reader expected (a bug, or a file built to break one), in one line."""
    if isinstance(exc, RecursionError):
        return f"{path}: nested too deeply to read"
    first = str(exc).splitlines()[0] if str(exc) else ""
    return f"{path}: cannot be read ({type(exc).__name__}{': ' + first[:200] if first else ''})"


class UpdateScreen(QMModal[int]):
    """Ask for a corrected article, show its diff, save on confirmation; dismisses with the
    number of fields saved (0 when cancelled or nothing changed)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", SV["key.close"], id="update.close"),
        Binding("ctrl+s", "save", SV["update.save"], id="update.save"),
    ]

    def __init__(self, interview_id: int, who: str) -> None:
        super().__init__()
        self.interview_id = interview_id
        self.who = who
        self.plan: UpdatePlan | None = None
        self.base: Interview | None = None

    def compose(self) -> ComposeResult:
        t = self.qm.t
        with Vertical(id="dialog"):
            yield Static(plain(t("update.title", who=self.who)), id="update-title")
            yield Static(t("update.path"), markup=False, classes="update-label")
            yield PlainInput(id="update-path", placeholder="~/Dokument/profil.docx")
            with VerticalScroll(id="update-diff-box"):
                yield Static(id="update-diff", markup=False)
            with Horizontal(id="buttons"):
                yield Button(t("update.save"), variant="primary", id="update-save", disabled=True)
                yield Button(t("key.close"), id="update-cancel")

    def on_mount(self) -> None:
        self.query_one("#update-path", Input).focus()

    def _show(self, text: Text | str, ok: bool) -> None:
        box = self.query_one("#update-diff", Static)
        box.update(text if isinstance(text, Text) else plain(text))
        box.set_class(not ok, "-error")

    @on(Input.Changed, "#update-path")
    def _path_changed(self) -> None:
        self.plan = None  # a new path needs a new plan before anything is saved
        self.query_one("#update-save", Button).disabled = True

    @on(Input.Submitted, "#update-path")
    async def _path_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self.show_plan(event.value)

    async def show_plan(self, typed: str) -> None:
        """Read the article at `typed` and show what it would change."""
        from ...core.errors import QMError
        from ...core.update import plan_update_from_file

        t, qm = self.qm.t, self.qm
        if not typed.strip():
            self._show(t("update.empty_path"), ok=False)
            return
        path = Path(typed.strip()).expanduser()
        sets, interview_id = qm.question_sets, self.interview_id

        def plan(store: InterviewStore) -> tuple[Interview, UpdatePlan, Text]:
            current = store.get(interview_id)
            found = plan_update_from_file(current, path, sets)
            return current, found, plan_text(found, t)  # the diffs too, off the UI thread

        try:
            self.base, found, shown = await qm.run_store(plan)
        except Exception as exc:  # whatever a hostile file makes a reader raise: one message
            self.plan = None
            error = t.error(exc) if isinstance(exc, QMError | OSError) else _unexpected(exc, path)
            self._show(t("update.failed", error=error), ok=False)
            self.query_one("#update-save", Button).disabled = True
            return
        self.plan = found
        self._show(shown, ok=True)
        save = self.query_one("#update-save", Button)
        save.disabled = not found.changes
        if found.changes:
            save.focus()

    async def action_save(self) -> None:
        """Save the changes shown (ctrl+s or the button)."""
        from ...core.update import apply_update

        plan, base, interview_id = self.plan, self.base, self.interview_id
        if plan is None or not plan.changes:
            return

        def save(store: InterviewStore) -> int:
            apply_update(store, interview_id, plan, base=base)
            return len(plan.changes)

        saved = await self.store_call(save)
        if saved is not None:
            self.dismiss(saved)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(0)

    @on(Button.Pressed, "#update-save")
    async def _save_pressed(self) -> None:
        await self.action_save()

    @on(Button.Pressed, "#update-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
