"""A TextArea that marks misspelt words as you type, and lists them with suggestions on F7.

Checking never runs on the UI thread: a change (re)starts a short timer, and when typing pauses
the text goes to a thread worker; the marks come back with the generation they were made for and
are dropped if the text has changed since. A mark is drawn only where the line still holds the
word it was made for, so an old mark never lands on the wrong letters. The dictionary is loaded
in a worker after the widget has first painted; without one the field works as a plain TextArea.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import var
from textual.timer import Timer
from textual.widgets import TextArea

from ...core.errors import QMError
from ...core.spelling import (
    Misspelling,
    SpellChecker,
    add_user_word,
    is_loaded,
    known_words,
    load_dictionary,
)
from ...core.spelling import (
    enabled as spelling_enabled,
)
from ..dialogs.spelling import SpellingChoice, SpellingDialog, spelling_text
from .plain_fields import PlainTextArea

CHECK_DELAY = 0.3  # seconds of quiet typing before the text is checked


LOAD_DELAY = 1.0  # seconds after mounting before a field loads a dictionary not yet loaded


class SpellTextArea(PlainTextArea):
    """A multi-line field with spell checking (a drop-in for TextArea)."""

    DEFAULT_CSS = """
    SpellTextArea > .spell-text-area--misspelt {
        text-style: underline;
        color: $error;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = TextArea.COMPONENT_CLASSES | {
        "spell-text-area--misspelt"
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "f7",
            "spelling",
            "Stavning",
            tooltip="Visa felstavade ord i fältet, med förslag",
            id="spelling.spelling",
            show=False,  # the editor's footer has room for its main keys only; F7 is in help
        ),
    ]

    spell_check: var[bool] = var(True, init=False)
    """Whether words are checked and marked (off: a plain TextArea)."""

    _reported: ClassVar[set[str]] = set()  # problems already shown once in this process

    class Checked(Message):
        """The field was checked; `misspellings` are its misspelt words now."""

        def __init__(self, area: SpellTextArea, misspellings: list[Misspelling]) -> None:
            super().__init__()
            self.area = area
            self.misspellings = misspellings

        @property
        def control(self) -> SpellTextArea:
            """The field that was checked."""
            return self.area

    def __init__(
        self,
        text: str = "",
        *,
        lang: str = "sv",
        known: Iterable[str] = (),
        checker: SpellChecker | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(text, **kwargs)  # type: ignore[arg-type]
        self.lang = lang
        self.known = frozenset(known)
        self.checker = checker
        self.misspellings: list[Misspelling] = []
        self._marks: dict[int, list[tuple[int, int, str]]] = {}
        self._generation = 0
        self._checked_generation = -1
        self._timer: Timer | None = None
        self.set_reactive(SpellTextArea.spell_check, spelling_enabled())

    @property
    def checked(self) -> bool:
        """True when the marks belong to the text as it is now (a check has come back)."""
        return self._checked_generation == self._generation

    # -- loading and checking --------------------------------------------------------------

    def on_mount(self) -> None:
        if self.checker is not None:
            self._schedule(0)
        elif is_loaded(self.lang):
            self.call_after_refresh(self._start_loading)
        else:
            # parsing a dictionary holds the GIL for about a second: let the screen paint and
            # settle first (the app normally preloads it while the list is shown)
            self.set_timer(LOAD_DELAY, self._start_loading)

    def _start_loading(self) -> None:
        if self.spell_check and self.checker is None:
            self.run_worker(self._load, thread=True, group="spell-load", exit_on_error=False)

    def _load(self) -> None:
        try:
            checker = SpellChecker(load_dictionary(self.lang), self.known | known_words())
        except QMError as exc:
            self.app.call_from_thread(self._report, str(exc))
            return
        self.app.call_from_thread(self.use_checker, checker)

    def use_checker(self, checker: SpellChecker | None) -> None:
        """Check with `checker` from now on (None: no checking)."""
        self.checker = checker
        self._schedule(0)

    def _report(self, problem: str) -> None:
        if problem not in self._reported:
            self._reported.add(problem)
            message = spelling_text(self.app, "unavailable", problem=problem)
            self.notify(message, severity="warning", markup=False, timeout=8)

    def watch_spell_check(self, on: bool) -> None:
        if on:
            if self.checker is None and self.is_mounted:
                self._start_loading()
            self._schedule(0)
        else:
            self._set_marks(self._generation, [])

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area is self:  # the message still bubbles to the screen
            self._generation += 1
            self._schedule(CHECK_DELAY)

    def _schedule(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if delay <= 0:
            self._start_check()
        else:
            self._timer = self.set_timer(delay, self._start_check, name="spell-check")

    def _start_check(self) -> None:
        checker = self.checker
        if checker is None or not self.spell_check:
            return
        job = partial(self._check, checker, self.text, self._generation)
        self.run_worker(job, thread=True, group="spell-check", exclusive=True)

    def _check(self, checker: SpellChecker, text: str, generation: int) -> None:
        found = checker.check(text)
        self.app.call_from_thread(self._set_marks, generation, found)

    def _set_marks(self, generation: int, found: list[Misspelling]) -> None:
        if generation != self._generation:
            return  # the text changed meanwhile; its own check is on the way
        marks: dict[int, list[tuple[int, int, str]]] = {}
        for miss in found:
            marks.setdefault(miss.line, []).append((miss.start, miss.end, miss.word))
        changed = marks != self._marks
        self._checked_generation = generation
        self.misspellings = found
        self._marks = marks
        if changed:
            self._line_cache.clear()  # TextArea caches rendered lines without our marks
            self.refresh()
        self.post_message(self.Checked(self, found))

    def get_line(self, line_index: int) -> Text:
        """The line with its misspelt words marked (TextArea's hook for extra styling)."""
        line = super().get_line(line_index)
        marks = self._marks.get(line_index)
        if marks:
            plain = line.plain
            style = self.get_component_rich_style("spell-text-area--misspelt", partial=True)
            for start, end, word in marks:
                if plain[start:end] == word:
                    line.stylize(style, start, end)
        return line

    # -- the F7 list -----------------------------------------------------------------------

    def action_spelling(self) -> None:
        """List this field's misspelt words with suggestions (enter replaces, a adds)."""
        checker = self.checker
        if checker is None or not self.spell_check:
            self.notify(spelling_text(self.app, "not_ready"), markup=False)
            return
        found = checker.check(self.text)
        self._set_marks(self._generation, found)
        if not found:
            self.notify(spelling_text(self.app, "none"), markup=False)
            return
        self.app.push_screen(SpellingDialog(checker, found), self._chosen)

    def _chosen(self, choice: SpellingChoice | None) -> None:
        if choice is None:
            return
        miss = choice.misspelling
        start, end = (miss.line, miss.start), (miss.line, miss.end)
        if choice.replacement is None:
            self.run_worker(partial(self._add_word, miss.word), thread=True, group="spell-words")
            return
        try:
            current = self.get_text_range(start, end)
        except ValueError:
            current = None
        if current == miss.word:
            self.replace(choice.replacement, start, end)

    def _add_word(self, word: str) -> None:
        try:
            add_user_word(word)
        except QMError as exc:
            self.app.call_from_thread(
                self.notify, str(exc), severity="error", markup=False, timeout=8
            )
            return
        self.app.call_from_thread(self._word_added, word)

    def _word_added(self, word: str) -> None:
        self.notify(spelling_text(self.app, "added", word=word), markup=False)
        for area in {self, *self.app.screen.query(SpellTextArea)}:  # the word may be anywhere
            if area.checker is not None:
                area.checker.add_known([word])
            area._schedule(0)
