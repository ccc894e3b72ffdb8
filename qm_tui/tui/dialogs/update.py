"""Import a corrected article (docx, txt or md) onto an interview: path, per-field diff, save.

The same core functions as `qm-tui update`: the file is read once (`read_article_file`), each
tracked change of a Word file is a row to accept or reject (space; `a` accepts all, `r` rejects
all), and the diff follows the choice (`plan_update_source`, in a thread). Saving applies the
chosen changes and keeps the file's comments in the interview's review list; a file that names
or looks like another interview is saved only after a yes. Everything shown from the file, the
store or an error is plain text.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, SelectionList, Static

from ...core.errors import QMError
from ...core.intake.importing import read_article_file
from ...core.intake.update_checks import other_interview, stale_warnings
from ...core.intake.update_report import comment_line, tracked_line
from ..dialogs.confirm import ConfirmScreen
from ..display import plain
from ..i18n import SV, Texts
from ..screens.base import QMModal
from ..widgets.plain_fields import PlainInput

if TYPE_CHECKING:
    from ...core.article.read.source import ArticleFile
    from ...core.database.store import InterviewStore
    from ...core.intake.update import UpdatePlan
    from ...core.interview.model import Interview


def plan_text(plan: UpdatePlan, t: Texts, warnings: tuple[str, ...] = ()) -> Text:
    """The plan as the dialog shows it: each changed field and its short diff, the comments
    new to the interview under their fields, then warnings."""
    out = Text()
    if not plan.saves:
        out.append(t("update.none"))
    elif plan.changes:
        out.append(t("update.changes", n=len(plan.changes)) + "\n", style="bold")
        for change in plan.changes:
            out.append(f"{t.field_label(change.field)}: ", style="bold")
            out.append_text(plain(change.short_diff()))
            out.append("\n")
    if plan.comments:
        out.append("\n" + t("update.comments", n=len(plan.comments)) + "\n", style="bold")
        for comment in plan.comments:
            out.append(f"{t.field_label(comment.field)}: ", style="bold")
            words = {k: t(f"review.{k}") for k in ("comment", "reply", "resolved")}
            out.append_text(plain(comment_line(comment, words)))
            out.append("\n")
    shown = (*warnings, *plan.warnings)
    if shown:
        out.append("\n" + t("update.warnings") + "\n", style="bold")
        for warning in shown:
            out.append_text(plain(f"⚠ {warning}\n"))
    out.rstrip()
    return out


def _unexpected(exc: Exception, path: Path) -> str:
    """An error no reader expected (a bug, or a file built to break one), in one line."""
    if isinstance(exc, RecursionError):
        return f"{path}: nested too deeply to read"
    first = str(exc).splitlines()[0] if str(exc) else ""
    return f"{path}: cannot be read ({type(exc).__name__}{': ' + first[:200] if first else ''})"


_Planned = tuple["Interview", "ArticleFile", "UpdatePlan", "str | None", tuple[str, ...], Text]


class TrackedChangeList(SelectionList[int]):
    """The file's tracked changes, one row each: checked is accepted."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept_all", SV["key.accept_all"], id="update.accept_all"),
        Binding("r", "reject_all", SV["key.reject_all"], id="update.reject_all"),
    ]

    def action_accept_all(self) -> None:
        """Accept every tracked change."""
        self.select_all()

    def action_reject_all(self) -> None:
        """Reject every tracked change."""
        self.deselect_all()


class UpdateScreen(QMModal[tuple[int, int]]):
    """Ask for a corrected article, show its diff, save on confirmation; dismisses with the
    numbers of fields and of comments saved ((0, 0) when cancelled or nothing changed)."""

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
        self.source: ArticleFile | None = None
        self.problem: str | None = None  # why the file seems another interview's
        self.checks: tuple[str, ...] = ()  # warnings of the file's age

    def compose(self) -> ComposeResult:
        t = self.qm.t
        with Vertical(id="dialog"):
            yield Static(plain(t("update.title", who=self.who)), id="update-title")
            yield Static(t("update.path"), markup=False, classes="update-label")
            yield PlainInput(id="update-path", placeholder="~/Dokument/profil.docx")
            yield Static(t("update.tracked"), markup=False, id="update-tracked-label")
            yield TrackedChangeList(id="update-tracked")
            with VerticalScroll(id="update-diff-box"):
                yield Static(id="update-diff", markup=False)
            with Horizontal(id="buttons"):
                yield Button(t("update.save"), variant="primary", id="update-save", disabled=True)
                yield Button(t("key.close"), id="update-cancel")

    def on_mount(self) -> None:
        self._show_tracked(False)
        self.query_one("#update-path", Input).focus()

    def _show_tracked(self, shown: bool) -> None:
        self.query_one("#update-tracked", TrackedChangeList).display = shown
        self.query_one("#update-tracked-label", Static).display = shown

    def _show(self, text: Text | str, ok: bool) -> None:
        box = self.query_one("#update-diff", Static)
        box.update(text if isinstance(text, Text) else plain(text))
        box.set_class(not ok, "-error")

    @on(Input.Changed, "#update-path")
    def _path_changed(self) -> None:
        self.plan = self.source = None  # a new path needs a new plan before anything is saved
        self.query_one("#update-save", Button).disabled = True

    @on(Input.Submitted, "#update-path")
    async def _path_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self.show_plan(event.value)

    async def show_plan(self, typed: str) -> None:
        """Read the article at `typed` and show what it would change."""
        from ...core.intake.update import plan_update_source

        t, qm = self.qm.t, self.qm
        if not typed.strip():
            self._show(t("update.empty_path"), ok=False)
            return
        path = Path(typed.strip()).expanduser()
        sets, interview_id = qm.question_sets, self.interview_id

        def plan(store: InterviewStore) -> _Planned:
            current = store.get(interview_id)
            source = read_article_file(path, sets)
            planned = plan_update_source(current, source, sets)

            def lookup(other: int) -> Interview | None:
                try:
                    return store.get(other)
                except QMError:
                    return None

            problem = other_interview(interview_id, current, planned, lookup)
            stale = tuple(stale_warnings(planned, store.history(interview_id)))
            shown = plan_text(planned, t, self._warnings(problem, stale))  # off the UI thread
            return current, source, planned, problem, stale, shown

        try:
            self.base, self.source, found, self.problem, self.checks, shown = await qm.run_store(
                plan
            )
        except Exception as exc:  # whatever a hostile file makes a reader raise: one message
            self.plan = self.source = None
            error = t.error(exc) if isinstance(exc, QMError | OSError) else _unexpected(exc, path)
            self._show(t("update.failed", error=error), ok=False)
            self.query_one("#update-save", Button).disabled = True
            self._show_tracked(False)
            return
        self._fill_tracked(found)
        self._planned(found, shown)
        if found.saves:
            changes = self.query_one("#update-tracked", TrackedChangeList)
            (changes if found.tracked else self.query_one("#update-save", Button)).focus()

    def _fill_tracked(self, plan: UpdatePlan) -> None:
        changes = self.query_one("#update-tracked", TrackedChangeList)
        changes.clear_options()
        t = self.qm.t
        for where, change in plan.tracked:
            prompt = Text(f"{t.field_label(where)}: ", style="bold")
            prompt.append_text(plain(tracked_line(change, label=t(f"tracked.{change.label}"))))
            changes.add_option((prompt, change.index, True))
        if plan.tracked:
            changes.highlighted = 0  # space toggles the first row at once
        self._show_tracked(bool(plan.tracked))

    def _warnings(self, problem: str | None, stale: tuple[str, ...]) -> tuple[str, ...]:
        """What the dialog warns of besides the plan's own: another interview's file, its age."""
        other = (self.qm.t("update.other", problem=problem),) if problem is not None else ()
        return (*other, *stale)

    def _planned(self, plan: UpdatePlan, shown: Text) -> None:
        self.plan = plan
        self._show(shown, ok=True)
        self.query_one("#update-save", Button).disabled = not plan.saves

    @on(SelectionList.SelectedChanged, "#update-tracked")
    async def _choice_changed(self) -> None:
        """Plan again with the changes now accepted (in a thread; the last choice wins)."""
        self._replan()

    @work(exclusive=True, group="replan")
    async def _replan(self) -> None:
        from ...core.intake.update import plan_update_source

        source, base = self.source, self.base
        if source is None or base is None:
            return
        accepted = set(self.query_one("#update-tracked", TrackedChangeList).selected)
        sets = self.qm.question_sets
        t = self.qm.t
        warnings = self._warnings(self.problem, self.checks)

        def replan() -> tuple[UpdatePlan, Text]:
            planned = plan_update_source(base, source, sets, accepted)
            return planned, plan_text(planned, t, warnings)  # the diffs too, off the UI thread

        try:
            plan, shown = await asyncio.to_thread(replan)
        except Exception as exc:  # whatever a hostile file makes a reader raise: one message
            self.plan = None
            error = (
                t.error(exc)
                if isinstance(exc, QMError | OSError)
                else _unexpected(exc, source.path)
            )
            self._show(t("update.failed", error=error), ok=False)
            self.query_one("#update-save", Button).disabled = True
            return
        if self.source is source:
            self._planned(plan, shown)

    async def action_save(self) -> None:
        """Save the changes shown (ctrl+s or the button); asks first if the file seems to be
        another interview's."""
        if self.plan is None or not self.plan.saves:
            return
        if self.problem is None:
            await self._save()
            return

        async def answered(yes: bool | None) -> None:
            if yes:
                await self._save()

        question = self.qm.t("update.other_confirm", problem=self.problem)
        self.app.push_screen(ConfirmScreen(question), answered)

    async def _save(self) -> None:
        from ...core.intake.update import apply_update, plan_update_source

        source, base, interview_id = self.source, self.base, self.interview_id
        if source is None or base is None:
            return
        changes = self.query_one("#update-tracked", TrackedChangeList)
        accepted = set(changes.selected) if changes.option_count else None
        sets = self.qm.question_sets

        def save(store: InterviewStore) -> tuple[int, int]:
            # planned again with the choice as it is now, so what is saved is what was chosen
            plan = plan_update_source(base, source, sets, accepted)
            apply_update(store, interview_id, plan, base=base)
            return len(plan.changes), len(plan.comments)

        saved = await self.store_call(save)
        if saved is not None:
            self.dismiss(saved)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss((0, 0))

    @on(Button.Pressed, "#update-save")
    async def _save_pressed(self) -> None:
        await self.action_save()

    @on(Button.Pressed, "#update-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
