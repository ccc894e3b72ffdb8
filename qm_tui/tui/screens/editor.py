"""The interview editor: person, one step per question, the quote, then review and export.

Every change updates `self.interview` and tells the Autosave, which writes it within a second;
leaving or quitting waits for that save and asks before dropping text it could not store.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shlex
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.validation import Function
from textual.widget import Widget
from textual.widgets import Button, ContentSwitcher, Footer, Header, Input, Label, Static, TextArea

from ...core.controls import without_controls
from ...core.errors import StoreError
from ...core.model import PERSON_FIELDS, Interview
from ...core.quote import quote_candidates
from ..autosave import Autosave
from ..display import plain, plain_str
from ..i18n import SV
from ..messages import QuotePicked, StepChosen
from ..widgets.quote_candidates import QuoteCandidates
from ..widgets.status_line import StatusLine
from ..widgets.step_list import StepList
from .base import QMScreen

if TYPE_CHECKING:
    from ...core.store import InterviewStore


def valid_date(value: str) -> bool:
    """True for a YYYY-MM-DD date, the only form the store accepts."""
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def word_count(text: str) -> int:
    """Words in an answer."""
    return len(text.split())


def _key(name: str, action: str, key: str, show: bool = True) -> Binding:
    return Binding(
        key,
        action,
        SV[f"key.{name}"],
        tooltip=SV.get(f"key.{name}.tip", ""),
        id=f"editor.{name}",
        show=show,
    )


class EditorScreen(QMScreen):
    """Edit one interview: person, the answers, the quote, then review and export."""

    BINDINGS: ClassVar[list[BindingType]] = [
        _key("next", "next_step", "ctrl+n"),
        _key("prev", "prev_step", "ctrl+b"),
        _key("save", "save", "ctrl+s"),
        _key("preview", "preview", "ctrl+r"),
        _key("export", "export", "ctrl+o"),
        _key("back", "back", "escape"),
        _key("quit", "app.quit", "ctrl+q"),
        _key("history", "history", "f2", show=False),
        _key("editor", "external_editor", "f4", show=False),
    ]

    def __init__(self, interview_id: int, interview: Interview, is_new: bool = False) -> None:
        super().__init__()
        # Control characters cannot be shown in an input or published: the editor removes
        # them (saved like an edit, so the stored text stays in the history)
        self.interview = without_controls(interview)
        self._controls_removed = self.interview is not interview
        self.is_new = is_new
        self.step = 0
        self._template = interview
        self._visited: set[int] = set()
        self.autosave = Autosave(self, interview_id, interview, self._snapshot, self._show_save)

    # -- layout -----------------------------------------------------------------------------

    @property
    def questions(self) -> int:
        """How many questions the interview has."""
        return len(self.interview.answers)

    @property
    def quote_step(self) -> int:
        """Index of the quote step."""
        return self.questions + 1

    @property
    def review_step(self) -> int:
        """Index of the review step (the last)."""
        return self.questions + 2

    def compose(self) -> ComposeResult:
        t = self.qm.t
        iv = self.interview
        labels = [t("step.person")]
        labels += [t("step.question", n=n) for n in range(1, self.questions + 1)]
        labels += [t("step.quote"), t("step.review")]
        yield Header()
        with Horizontal(id="editor-body"):
            yield StepList(labels, id="steps")
            with ContentSwitcher(initial="step-0", id="switcher"):
                with VerticalScroll(id="step-0", classes="step person-step"):
                    for name in PERSON_FIELDS:
                        yield Label(t(f"field.{name}"), classes="field-label")
                        validators = [Function(valid_date)] if name == "date" else None
                        yield Input(
                            getattr(iv, name),
                            id=f"field-{name}",
                            validators=validators,
                            valid_empty=False,
                        )
                    yield Static(t("date.invalid"), id="date-error")
                for i, answer in enumerate(iv.answers):
                    with Vertical(id=f"step-{i + 1}", classes="step answer-step"):
                        yield Static(
                            plain(f"{i + 1}. {answer.question}"), classes="question", markup=False
                        )
                        yield TextArea(
                            answer.answer,
                            id=f"answer-{i}",
                            soft_wrap=True,
                            tab_behavior="focus",
                            classes="answer",
                        )
                        yield Static(self._words(answer.answer), id=f"words-{i}", classes="words")
                with Vertical(id=f"step-{self.quote_step}", classes="step quote-step"):
                    yield Label(t("field.quote"), classes="field-label")
                    yield Input(
                        iv.quote, id="field-quote", placeholder=t("field.quote.placeholder")
                    )
                    yield Label(t("quote.candidates"), id="candidates-label", classes="field-label")
                    yield QuoteCandidates(id="candidates")
                with Vertical(id=f"step-{self.review_step}", classes="step review-step"):
                    yield Static(id="warnings")
                    yield VerticalScroll(id="preview")
                    yield Button(t("review.export"), id="export", variant="primary")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self._set_title()
        self.query_one(StepList).set_done(self._done())
        self.autosave.show_state()
        self.show_step(0)
        if self._controls_removed:
            self.notify(self.qm.t("editor.controls_removed"), severity="warning", timeout=15)
            self.autosave.changed()

    def _words(self, text: str) -> str:
        n = word_count(text)
        return self.qm.t("words.one") if n == 1 else self.qm.t("words", n=n)

    def _set_title(self) -> None:
        iv = self.interview
        name = iv.name.strip() or self.qm.t("noname")
        self.sub_title = plain_str(
            f"{name} · {iv.organisation}" if iv.organisation.strip() else name
        )

    def _done(self) -> list[bool]:
        iv = self.interview
        return [
            bool(iv.name.strip()),
            *(bool(a.answer.strip()) for a in iv.answers),
            bool(iv.quote.strip()),
            iv.is_complete(),
        ]

    # -- steps ------------------------------------------------------------------------------

    def show_step(self, index: int) -> None:
        """Switch to step `index` and put the focus where typing continues."""
        index = max(0, min(index, self.review_step))
        self.step = index
        t = self.qm.t
        self.query_one("#switcher", ContentSwitcher).current = f"step-{index}"
        self.query_one(StepList).show_current(index)
        steps = self.review_step + 1
        if index == 0:
            progress = t("progress.person", steps=steps)
        elif index <= self.questions:
            progress = t("progress.question", n=index, total=self.questions)
        elif index == self.quote_step:
            progress = t("progress.quote", step=index + 1, steps=steps)
        else:
            progress = t("progress.review", step=index + 1, steps=steps)
        self.query_one(StatusLine).set_progress(progress)
        first_visit = index not in self._visited
        self._visited.add(index)
        target: Widget
        if index == 0:
            target = self.query_one("#field-name", Input)
        elif index <= self.questions:
            area = self.query_one(f"#answer-{index - 1}", TextArea)
            if first_visit:
                area.move_cursor(area.document.end)
            target = area
        elif index == self.quote_step:
            answers = (a.answer for a in self.interview.answers)
            self.query_one(QuoteCandidates).set_sentences(quote_candidates(answers))
            target = self.query_one("#field-quote", Input)
        else:
            self.run_worker(self.refresh_preview(), group="preview", exclusive=True)
            target = self.query_one("#preview")
        target.focus()

    def action_next_step(self) -> None:
        """Go to the next step."""
        self.show_step(self.step + 1)

    def action_prev_step(self) -> None:
        """Go to the previous step."""
        self.show_step(self.step - 1)

    def action_preview(self) -> None:
        """Show the article preview (the review step)."""
        self.show_step(self.review_step)

    @on(StepChosen)
    def _step_chosen(self, event: StepChosen) -> None:
        self.show_step(event.index)

    async def refresh_preview(self) -> None:
        """Render the article from the same Markdown as the export, with warnings."""
        from textual.widgets import Markdown

        from ...core.article import render_markdown

        t = self.qm.t
        iv = self.interview
        warnings = [t("review.warn.name")] if not iv.name.strip() else []
        warnings += [
            t("review.warn.answer", n=n)
            for n, a in enumerate(iv.answers, 1)
            if not a.answer.strip()
        ]
        warnings += [t("review.warn.quote")] if not iv.quote.strip() else []
        box = self.query_one("#warnings", Static)
        box.update("\n".join(f"⚠ {w}" for w in warnings) if warnings else f"✔ {t('review.ok')}")
        box.set_class(bool(warnings), "-warning")
        text = render_markdown(self._snapshot(), meta=False)
        preview = self.query_one("#preview", VerticalScroll)
        found = preview.query(Markdown)
        if found:
            await found.first().update(text)
        else:
            await preview.mount(Markdown(text, id="article"))

    # -- editing ----------------------------------------------------------------------------

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        widget_id = event.input.id or ""
        if not widget_id.startswith("field-"):
            return
        name = widget_id.removeprefix("field-")
        if name == "date":
            ok = valid_date(event.value)
            self.query_one("#date-error").display = not ok
            if not ok:
                return
        if getattr(self.interview, name) == event.value:
            return
        changes: dict[str, Any] = {name: event.value}
        self._changed(replace(self.interview, **changes))
        if name in ("name", "organisation"):
            self._set_title()

    @on(TextArea.Changed)
    def _answer_changed(self, event: TextArea.Changed) -> None:
        index = int((event.text_area.id or "answer-0").removeprefix("answer-"))
        text = event.text_area.text
        if self.interview.answers[index].answer == text:
            return
        self._changed(self.interview.with_answer(index, text))
        self.query_one(f"#words-{index}", Static).update(self._words(text))

    @on(QuotePicked)
    def _quote_picked(self, event: QuotePicked) -> None:
        field = self.query_one("#field-quote", Input)
        field.value = event.text
        field.focus()
        field.cursor_position = len(event.text)

    def _changed(self, interview: Interview) -> None:
        self.interview = interview
        self.query_one(StepList).set_done(self._done())
        self.autosave.changed()

    def set_field(self, name: str, value: str) -> None:
        """Put `value` into a field's widget (an undoable edit that autosaves like typing)."""
        if name.startswith("answers."):
            area = self.query_one(f"#answer-{int(name.split('.')[1]) - 1}", TextArea)
            area.replace(value, area.document.start, area.document.end)
        else:
            self.query_one(f"#field-{name}", Input).value = value

    # -- saving -----------------------------------------------------------------------------

    def _snapshot(self) -> Interview:
        iv = self.interview
        return replace(iv, status="complete" if iv.is_complete() else "draft")

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

    async def leave(self, quitting: bool) -> None:
        """Save and close (or quit); if the save fails, ask before dropping the text."""
        from ..dialogs.confirm import ConfirmScreen

        if await self.flush():
            await self._drop_if_untouched()
            self._close(quitting)
            return
        key = "save.quit_anyway" if quitting else "save.leave_anyway"
        question = self.qm.t(key, error=self.save_error or "?")

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
        iv = replace(self.interview, created=tpl.created, updated=tpl.updated, status=tpl.status)
        if iv != tpl:
            return

        def drop(store: InterviewStore) -> None:
            store.delete(self.interview_id)
            store.purge(self.interview_id)

        with contextlib.suppress(StoreError):
            await self.qm.run_store(drop)

    # -- export, history, external editor ---------------------------------------------------

    async def action_export(self) -> None:
        """Export the article as Markdown and HTML (and save)."""
        from ...core.export import APP_FORMATS, export_article, export_dir

        snapshot = self._snapshot()
        self.autosave.save_now()
        qm = self.qm
        lang = qm.question_sets.lang_of(snapshot.question_set)
        folder, interview_id = export_dir(), self.interview_id

        def export(store: InterviewStore) -> list[Path]:
            return export_article(store, interview_id, snapshot, APP_FORMATS, folder, lang)

        try:
            paths = await qm.run_store(export)
        except (StoreError, OSError) as exc:
            self.notify(qm.t("export.failed", error=exc), severity="error", timeout=10)
            return
        self.notify(qm.t("exported", paths="\n".join(str(p) for p in paths)), timeout=8)

    @on(Button.Pressed, "#export")
    async def _export_pressed(self) -> None:
        await self.action_export()

    def current_field(self) -> str | None:
        """The store's name for the field being edited (`answers.2`, `quote`, `name`, …)."""
        if 1 <= self.step <= self.questions:
            return f"answers.{self.step}"
        if self.step == self.quote_step:
            return "quote"
        if self.step == 0:
            focused = self.focused
            widget_id = focused.id if focused is not None and focused.id else ""
            return widget_id.removeprefix("field-") if widget_id.startswith("field-") else "name"
        return None

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

    def action_external_editor(self) -> None:
        """Edit the current answer in $VISUAL / $EDITOR."""
        if not 1 <= self.step <= self.questions:
            return
        t = self.qm.t
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        text = self.interview.answers[self.step - 1].answer
        fd, name = tempfile.mkstemp(prefix="qm-tui-", suffix=".md", text=True)
        path = Path(name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            try:
                with self.app.suspend():
                    subprocess.run([*shlex.split(editor), str(path)], check=False)
            except SuspendNotSupported:
                self.notify(t("editor.unsupported"), severity="warning")
                return
            except OSError as exc:
                self.notify(t("editor.failed", editor=editor, error=exc), severity="error")
                return
            edited = path.read_text(encoding="utf-8")
        finally:
            path.unlink(missing_ok=True)
        if not text.endswith("\n"):
            edited = edited.removesuffix("\n")
        if edited != text:
            self.set_field(f"answers.{self.step}", edited)
