"""The interview editor: state (the step shown, the interview) plus views (the steps).

`step` and `interview` are reactive: every path that changes them (keys, the step list, typing)
updates every view in `watch_step` / `watch_interview`. The steps themselves are compound widgets
(`..steps`); each posts its `Changed` message, and the editor applies it to the interview and
tells the Autosave, which writes it within a second. Leaving or quitting waits for that save
and asks before dropping text it could not store.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import Button, ContentSwitcher, Footer, Header, Input, Select

from ...core.errors import QMError, StoreError
from ...core.interview.controls import editable, editable_text
from ...core.interview.model import Interview
from ...core.publish.export import APP_FORMATS, export_article
from ...core.settings.locations import export_dir
from .. import autosave
from ..autosave import Autosave
from ..conflict_marks import ConflictMarks
from ..dialogs.ask import AskScreen
from ..dialogs.confirm import ConfirmScreen
from ..display import plain_str
from ..external_editor import edit_externally
from ..keys import EDITOR_KEYS
from ..steps import AnswerStep, BoxesStep, PersonStep, Step, editor_steps
from ..widgets.spell_text_area import SpellTextArea
from ..widgets.status_line import StatusLine
from ..widgets.step_list import StepList
from .base import QMScreen

if TYPE_CHECKING:
    from ...core.database.store import InterviewStore


STEP_READY_LIMIT = 2.0  # seconds a step key waits at most for its step to be shown


class EditorScreen(QMScreen):
    """Edit one interview: person, the answers, the quote, then review and export."""

    BINDINGS: ClassVar[list[BindingType]] = EDITOR_KEYS

    step: var[int] = var(0)
    """The index of the step shown."""

    interview: var[Interview] = var(lambda: Interview(question_set=""))
    """The interview as edited (the one given to the constructor, then every change)."""

    def __init__(self, interview_id: int, interview: Interview, is_new: bool = False) -> None:
        super().__init__()
        # Control characters and bidi overrides cannot be shown in an input (it would send them
        # to the terminal raw): the editor removes them (saved like an edit, so the stored
        # text stays in the history)
        original, interview = interview, editable(interview)
        self._controls_removed = interview is not original
        self.set_reactive(EditorScreen.interview, interview)
        self.is_new = is_new
        self.steps: list[Step] = editor_steps(interview)
        self._template = interview
        self._visited: set[int] = set()
        self._then_last_field = False
        self._step_shown = asyncio.Event()  # clear while a step is being mounted
        self._step_shown.set()
        self.autosave = Autosave(self, interview_id, interview, self._snapshot, self._show_save)
        self.saved_elsewhere: Interview | None = None
        """A version another window saved over this one's text (ctrl+l loads it)."""
        self.conflict_marks = ConflictMarks(self)

    @property
    def review_step(self) -> int:
        """Index of the review step (the last)."""
        return len(self.steps) - 1

    @property
    def current(self) -> Step:
        """The step shown."""
        return self.steps[self.step]

    def compose(self) -> ComposeResult:
        t = self.qm.t
        yield Header()
        with Horizontal(id="editor-body"):
            yield StepList([step.label(t) for step in self.steps], id="steps")
            # Only the first step is built at open; each other step is mounted the first
            # time it is shown (`watch_step`), from the interview as it is then
            for index, step in enumerate(self.steps):
                step.id = f"step-{index}"
            with ContentSwitcher(initial="step-0", id="switcher"):
                yield self.steps[0]
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.watch_interview(self.interview)
        self.autosave.show_state()
        self.watch_step(self.step)

        self.set_interval(autosave.CHECK_INTERVAL, self._look_for_other_saves, name="elsewhere")
        remarks = len(self.interview.import_warnings) + bool(self.interview.notes.strip())
        if remarks:
            self.notify(self.qm.t("notes.banner", n=remarks), severity="warning", timeout=15)
        if self._controls_removed:
            self.notify(self.qm.t("editor.controls_removed"), severity="warning", timeout=15)
            self.autosave.changed()
        self.run_worker(self.conflict_marks.load(), group="conflicts")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.conflict_marks.focused(event.widget)

    # -- state and views --------------------------------------------------------------------

    def validate_step(self, step: int) -> int:
        """Steps run from the person to the review; going past either end stays there."""
        return max(0, min(step, len(self.steps) - 1))

    def watch_step(self, index: int) -> None:
        """Show step `index`: switcher, step list, status line, and the focus where typing goes.

        A step not shown before is mounted first (from the current interview), then shown.
        """
        step = self.steps[index]
        if step.parent is None:
            step.interview = self.interview
            step.display = False
            mounting = self.query_one("#switcher", ContentSwitcher).mount(step)
            self._step_shown.clear()

            async def show_when_mounted() -> None:
                try:
                    await mounting
                    if self.is_attached and self.steps[self.step] is step:  # not left meanwhile
                        self._show(self.step)
                finally:
                    self._step_shown.set()

            self.call_next(show_when_mounted)
            return
        self._show(index)

    async def _step_ready(self) -> None:
        """Wait until the step shown is mounted and its field focused (a step is mounted the
        first time it is shown). Step keys wait for it before the app hands on the next key."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._step_shown.wait(), STEP_READY_LIMIT)

    def _show(self, index: int) -> None:
        step = self.steps[index]
        self.query_one("#switcher", ContentSwitcher).current = step.id
        self.query_one(StepList).show_current(index)
        progress = step.progress(self.qm.t, index + 1, len(self.steps))
        self.query_one(StatusLine).set_progress(progress)
        first_visit = index not in self._visited
        self._visited.add(index)
        # Focused at once, not with `Widget.focus` (which defers it behind the keys already
        # queued: a name typed right after `n` lost its first letters). Scrolled into view once
        # laid out: scrolling a step that is not laid out yet left an answer unwrapped.
        field = step.enter(self._snapshot(), first_visit)
        if self._then_last_field:  # shift+tab from the next step's first field
            self._then_last_field = False
            field = (self.step_fields() or [field])[-1]
        self.set_focus(field, scroll_visible=False)
        self.call_after_refresh(field.scroll_visible, animate=False)

    def watch_interview(self, interview: Interview) -> None:
        """Mark the steps done or empty, and name the interview in the header."""
        gaps = interview.gaps()
        self.query_one(StepList).set_done([step.done(interview, gaps) for step in self.steps])
        name = interview.name.strip() or self.qm.t("noname")
        org = interview.organisation
        self.sub_title = plain_str(f"{name} · {org}" if org.strip() else name)

    async def action_next_step(self) -> None:
        """Go to the next step."""
        self.step += 1
        await self._step_ready()

    async def action_prev_step(self) -> None:
        """Go to the previous step."""
        self.step -= 1
        await self._step_ready()

    async def action_preview(self) -> None:
        """Show the article preview (the review step)."""
        self.step = self.review_step
        await self._step_ready()

    # -- the form flow: tab, shift+tab and enter ---------------------------------------------

    def step_fields(self) -> list[Widget]:
        """The focusable fields of the step shown, in focus order (not the step itself)."""
        step = self.current
        return [
            w
            for w in self.focus_chain
            if w is not step and not isinstance(w, Step) and step in w.ancestors
        ]

    async def action_field_forward(self) -> None:
        """The next field; from the last field of a step, the next step."""
        fields, focused = self.step_fields(), self.focused
        if focused not in fields:
            self.focus_next()
        elif focused is fields[-1]:
            if self.step < self.review_step:
                await self.action_next_step()
            else:
                self.focus_next()
        else:
            self.set_focus(fields[fields.index(focused) + 1])  # at once, as in `_show`

    async def action_field_back(self) -> None:
        """The previous field; from the first field of a step, the previous step's last."""
        fields, focused = self.step_fields(), self.focused
        if focused not in fields:
            self.focus_previous()
        elif focused is fields[0] and self.step > 0:
            self._then_last_field = True  # once the step is shown (and mounted)
            await self.action_prev_step()
        else:
            self.set_focus(fields[fields.index(focused) - 1])  # at once, as in `_show`

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter goes on to the next field from a one-line field; elsewhere it is the widget's
        (a new line in an answer, a button press)."""
        if action == "enter_in_field":
            return isinstance(self.focused, Input)
        if action == "close_menu":
            return self._open_dropdown() is not None
        return True

    def _open_dropdown(self) -> Select[str] | None:
        """The dropdown whose list is open, if one is."""
        return next((s for s in self.query(Select) if s.expanded), None)

    def action_close_menu(self) -> None:
        """Close the open dropdown's list (escape), as the dropdown itself would."""
        dropdown = self._open_dropdown()
        if dropdown is not None:
            dropdown.expanded = False
            dropdown.focus()

    async def action_enter_in_field(self) -> None:
        """Enter in a one-line field goes on, as tab does."""
        await self.action_field_forward()

    @on(StepList.Chosen, "#steps")
    def _step_chosen(self, event: StepList.Chosen) -> None:
        self.step = event.index

    # -- editing ----------------------------------------------------------------------------

    @on(Step.Changed)
    def _step_changed(self, event: Step.Changed) -> None:
        event.stop()
        if self.interview.text_of(event.field) == event.value:
            return
        self.conflict_marks.settled(event.field)
        self.interview = self.interview.with_text(event.field, event.value)
        self.autosave.changed()

    def set_field(self, name: str, value: str) -> None:
        """Put `value` into a field's widget (an undoable edit that autosaves like typing);
        a step not mounted yet takes it from the interview when it is. Control characters and
        bidi overrides are left out (a restored version may hold them: `editable_text`)."""
        value = editable_text(value)
        step = next(s for s in self.steps if name in s.fields)
        if step.is_mounted:
            step.set_field(name, value)
        elif self.interview.text_of(name) != value:
            self._edited(self.interview.with_text(name, value))

    def current_field(self) -> str | None:
        """The store's name for the field being edited (`answers.2`, `quote`, `name`, …)."""
        return self.current.current_field(self.focused)

    # -- the interview's shape: question set, questions, boxes, status -----------------------

    def _edited(self, interview: Interview) -> None:
        """Take `interview` as the edited one and save it like typing."""
        self.interview = interview
        self.autosave.changed()

    async def rebuild_steps(self, index: int, focus: Widget | None = None) -> None:
        """Build the steps anew from the interview (its questions changed) and show step
        `index`; the person step is kept as it is, so a focus inside it stays put."""
        person = self.steps[0]
        steps = [person, *editor_steps(self.interview)[1:]]
        switcher = self.query_one("#switcher", ContentSwitcher)
        switcher.current = person.id
        with self.app.batch_update():
            await switcher.remove_children([s for s in self.steps[1:] if s.parent is not None])
            for number, step in enumerate(steps[1:], 1):
                step.id = f"step-{number}"  # each is mounted when first shown
            self.steps = steps
            self._visited = set()
            self.query_one(StepList).set_labels([step.label(self.qm.t) for step in steps])
        self.watch_interview(self.interview)
        index = self.validate_step(index)
        if self.step == index:
            self.watch_step(index)
        else:
            self.step = index
        if focus is not None:
            focus.focus()

    @on(PersonStep.SetChosen)
    async def _set_chosen(self, event: PersonStep.SetChosen) -> None:
        event.stop()
        if event.set_id == self.interview.question_set:
            return
        try:
            switched = self.qm.question_sets.switch(self.interview, event.set_id)
        except QMError as exc:
            self.notify(self.qm.t.error(exc), severity="warning")
            self.query_one(PersonStep).show_state(self.interview)
            return
        self._edited(switched)
        await self.rebuild_steps(self.step, focus=self.focused)

    def action_reset_boxes(self) -> None:
        """Put the question set's text back into the facts and contact boxes (F5)."""
        t = self.qm.t
        qs = self.qm.question_sets.get(self.interview.question_set)
        if qs is None:
            self.notify(t("boxes.unknown_set", set=self.interview.question_set), severity="warning")
            return
        boxes = next(step for step in self.steps if isinstance(step, BoxesStep))
        if boxes.is_mounted:
            boxes.reset_to(qs.with_boxes_reset(self.interview))
        else:
            self._edited(qs.with_boxes_reset(self.interview))
        self.notify(t("boxes.reset_done"))

    @on(PersonStep.StatusChosen)
    def _status_chosen(self, event: PersonStep.StatusChosen) -> None:
        event.stop()
        if event.status != self.interview.settled_status():
            self.set_status(event.status)

    def action_cycle_status(self) -> None:
        """Move the interview on to the next status of the publishing workflow (F6)."""
        self.set_status(self.interview.next_status())

    def set_status(self, status: str) -> None:
        """Give the interview workflow status `status`, saved like an edit; utkast and klar
        follow what is filled in, which the message says when it overrides the choice."""
        t = self.qm.t
        self._edited(self.interview.with_chosen_status(status))
        settled = self.interview.status
        self.query_one(PersonStep).show_state(self.interview)
        name = plain_str(self.interview.name.strip() or t("noname"))
        self.notify(t("list.status_set", who=name, status=t(f"status.{settled}")), markup=False)
        if settled != status:
            self.notify(t("status.auto", status=t(f"status.{settled}")), severity="warning")

    async def action_add_question(self) -> None:
        """Add a question after the current one (at the end outside the answers) (F8)."""
        current = self.current
        position = current.index + 1 if isinstance(current, AnswerStep) else None

        async def add(text: str | None) -> None:
            if text is None:
                return
            at = len(self.interview.answers) if position is None else position
            self._edited(self.interview.with_question(text, at))
            await self.rebuild_steps(at + 1)

        self.app.push_screen(AskScreen(self.qm.t("question.new")), add)

    def action_remove_question(self) -> None:
        """Remove the current question and its answer, asking first if it is answered (F9)."""
        t = self.qm.t
        current = self.current
        if not isinstance(current, AnswerStep):
            self.notify(t("question.not_here"))
            return
        index = current.index
        if len(self.interview.answers) <= 1:
            self.notify(t("question.last"), severity="warning")
            return

        async def remove(yes: bool | None = True) -> None:
            if yes:
                self._edited(self.interview.without_question(index))
                await self.rebuild_steps(min(index + 1, len(self.interview.answers)))

        if self.interview.answers[index].answer.strip():
            self.app.push_screen(ConfirmScreen(t("question.remove_confirm", n=index + 1)), remove)
        else:
            self.run_worker(remove(), group="questions")

    # -- saving -----------------------------------------------------------------------------

    def _snapshot(self) -> Interview:
        return self.interview.with_status()

    def _show_save(self, state: str, text: str) -> None:
        self.query_one(StatusLine).set_save_state(state, text)

    @property
    def interview_id(self) -> int:
        """The interview's id in the store."""
        return self.autosave.interview_id

    @property
    def save_error(self) -> str | None:
        """Why the last save failed, while it keeps failing."""
        return self.autosave.error

    async def flush(self) -> bool:
        """Save now and wait; True when the store holds everything on screen."""
        return await self.autosave.flush()

    async def action_save(self) -> None:
        """Save now (ctrl+s)."""
        await self.flush()

    # -- leaving ----------------------------------------------------------------------------

    async def action_back(self) -> None:
        """Save, then go back to the list."""
        await self.leave(quitting=False)

    async def action_quit(self) -> None:
        """Save, then quit the app."""
        await self.leave(quitting=True)

    async def leave(self, quitting: bool) -> None:
        """Save and close (or quit); if the save fails, ask before dropping the text."""
        if await self.flush():
            await self._drop_if_untouched()
            self._close(quitting)
            return
        question_key = "save.quit_anyway" if quitting else "save.leave_anyway"
        question = self.qm.t(question_key, error=self.save_error or "?")

        def answered(yes: bool | None) -> None:
            if yes:
                self._close(quitting)

        self.app.push_screen(ConfirmScreen(question), answered)

    def _close(self, quitting: bool) -> None:
        self.autosave.stop()
        if quitting:
            self.app.exit()
        else:
            self.dismiss()

    async def _drop_if_untouched(self) -> None:
        """A new interview left without typing anything is removed, not kept as clutter."""
        if not self.is_new or self.autosave.recreated:
            return
        tpl = self._template
        if self.interview.question_set != tpl.question_set:
            # another set chosen (Frågor) is no typing: compare with the new one's blank
            with contextlib.suppress(QMError):
                tpl = self.qm.question_sets.switch(tpl, self.interview.question_set)
        iv = replace(self.interview, created=tpl.created, updated=tpl.updated, status=tpl.status)
        if iv != tpl:
            return

        def drop(store: InterviewStore) -> None:
            store.delete(self.interview_id)
            store.purge(self.interview_id)

        with contextlib.suppress(StoreError):
            await self.qm.run_store(drop)

    # -- another window's save -------------------------------------------------------------

    async def _look_for_other_saves(self) -> None:
        """Tell this window when another one saved over its text, once per such version."""
        stored = await self.autosave.saved_elsewhere()
        if stored is None:
            return
        same = replace(self._snapshot(), updated=stored.updated, changed=stored.changed)
        if stored.to_dict() == same.to_dict():
            self.autosave.take(stored)  # the same text: nothing was lost
            return
        if self.saved_elsewhere is None or self.saved_elsewhere.updated != stored.updated:
            self.saved_elsewhere = stored
            self.notify(self.qm.t("save.lost"), severity="warning", timeout=30)

    def action_reload(self) -> None:
        """Load the version another window saved (ctrl+l); this window's text is in the history."""
        stored = self.saved_elsewhere
        if stored is None:
            return
        self.saved_elsewhere = None
        stored = editable(stored)
        self.autosave.take(stored)
        self.interview = stored
        for step in self.steps:
            if not step.is_mounted:
                step.interview = stored  # it is built from it when first shown
                continue
            for field in step.fields:
                with contextlib.suppress(KeyError, ValueError, IndexError):
                    step.set_field(field, stored.text_of(field))
        self.watch_step(self.step)

    # -- export, history, external editor ---------------------------------------------------

    async def action_export(self) -> None:
        """Export the article in every format (md, html, txt, docx), named as `export --all`
        names them (and save)."""
        snapshot = self._snapshot()
        # saved first and waited for: the article then names the version stored (`updated`),
        # which `update` compares with later changes, and matches what `qm-tui export` writes
        await self.autosave.flush()
        lang = self.qm.question_sets.lang_of(snapshot.question_set)
        folder, interview_id = export_dir(), self.interview_id

        def export(store: InterviewStore) -> list[Path]:
            return export_article(store, interview_id, snapshot, APP_FORMATS, folder, lang)

        paths = await self.store_call(export, failed="export.failed")
        if paths is not None:
            self.notify(self.qm.t("exported", paths="\n".join(str(p) for p in paths)), timeout=8)

    @on(Button.Pressed, "#export")
    async def _export_pressed(self) -> None:
        await self.action_export()

    def action_spelling(self) -> None:
        """List the misspelt words of the current step's text field, with suggestions (F7)."""
        areas = self.current.query(SpellTextArea)
        if not areas:
            self.notify(self.qm.t("spelling.no_field"))
            return
        area = areas.first()
        area.focus()
        area.action_spelling()

    async def action_history(self) -> None:
        """Show earlier versions of the current field; restoring one puts it back."""
        from ..dialogs.history import HistoryScreen

        field = self.current_field()
        if field is None:
            self.notify(self.qm.t("history.none_here"))
            return
        await self.flush()  # the text on screen becomes a version too, so nothing is lost

        def restore(value: str | None) -> None:
            if value is not None:
                self.set_field(field, value)

        self.app.push_screen(HistoryScreen(self.interview_id, field), restore)

    async def action_external_editor(self) -> None:
        """Edit the current long text (an answer) in $VISUAL / $EDITOR."""
        field = self.current.external_field()
        if field is None:
            self.notify(self.qm.t("editor.no_field"))
            return
        await self.flush()  # what was typed is stored before the terminal is handed over
        text = self.interview.text_of(field)
        edited = edit_externally(self.app, text, self.qm.t)
        if edited is not None and edited != text:
            self.set_field(field, edited)
