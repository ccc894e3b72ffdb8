"""The qm-tui Textual app: screens, global keys and the command palette.

The app is given an open store (the CLI opens it once, so a corrupt file stops before the
screen changes), or a path that it opens on first use. Every store call runs in a thread behind
one lock, so file I/O never blocks key handling and two calls never interleave.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar, cast

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen

from ..core.errors import QMError
from .display import plain_str
from .i18n import SV, Texts, detect_lang
from .keys import in_palette
from .screens.base import QMScreen
from .screens.interview_list import InterviewListScreen

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from ..core.database.store import InterviewStore
    from ..core.interview.questions import QuestionSet, QuestionSets

T = TypeVar("T")


def open_interview_provider() -> type[Provider]:
    """The "Öppna intervju …" palette provider, imported when the palette opens."""
    from .palette import OpenInterviewProvider

    return OpenInterviewProvider


def no_matches_provider() -> type[Provider]:
    """The palette's "no matches" line in the UI language, imported when the palette opens."""
    from .palette import NoMatchesProvider

    return NoMatchesProvider


PRELOAD_DELAY = 1.0  # seconds after start-up before the spelling dictionary is loaded


def _load_quietly(lang: str, after: threading.Lock) -> None:
    """Load a dictionary into the process cache; a failure is reported by the fields later.

    Waits until `after` (the store's lock) is free: the list's first full read of the database
    then never shares the processor, or the peak memory, with the dictionary's parse.
    """
    from ..core.spelling import load_dictionary

    with after:
        pass
    with contextlib.suppress(QMError):
        load_dictionary(lang)


class QMApp(App[None]):
    """Capture QM interviews and publish them as articles."""

    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {open_interview_provider, no_matches_provider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+q",
            "quit",
            SV["key.quit"],
            tooltip=SV["key.quit.tip"],
            id="app.quit",
            show=False,
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            SV["key.palette"],
            tooltip=SV["key.palette.tip"],
            id="app.palette",
            show=False,
            priority=True,
        ),
        Binding(
            "f1", "help", SV["key.help"], tooltip=SV["key.help.tip"], id="app.help", show=False
        ),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]  # noqa: RUF012

    def __init__(
        self,
        db_path: Path | None = None,
        lang: str | None = None,
        *,
        store: InterviewStore | None = None,
        question_set: str | None = None,
    ) -> None:
        """Work on `store`, or on the file `db_path`, opened in a thread on first use.

        `lang` is the interface language only; `question_set` (`--set`) the set new interviews
        start with, else `$QM_TUI_SET`, the config file or `qm-sv` (`chosen_set_id`).
        """
        if (store is None) == (db_path is None):
            raise TypeError("QMApp needs either store or db_path")
        self.lang = detect_lang(lang)
        self.t = Texts(self.lang)
        super().__init__()
        self.db_path = store.path if store is not None else Path(str(db_path))
        self.title = self.t("app.title")
        self._store = store
        self._store_lock = threading.Lock()
        self._question_sets: QuestionSets | None = None
        self.question_set_choice = question_set

    # -- the store -------------------------------------------------------------------------

    async def run_store(self, call: Callable[[InterviewStore], T]) -> T:
        """Run `call(store)` in a thread, one call at a time; StoreError propagates."""
        return await asyncio.to_thread(self._locked_store_call, call)

    def _locked_store_call(self, call: Callable[[InterviewStore], T]) -> T:
        with self._store_lock:
            if self._store is None:
                from ..core.database.store import InterviewStore

                self._store = InterviewStore(self.db_path)
            return call(self._store)

    @property
    def question_sets(self) -> QuestionSets:
        """The question sets, loaded on first use; each broken file is named in a notification."""
        if self._question_sets is None:
            from ..core.interview.questions import load_question_sets

            self._question_sets = load_question_sets()
            for error in self._question_sets.errors:
                self.notify(self.t("sets.skipped", error=error), severity="warning", timeout=15)
        return self._question_sets

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notify; every message is plain text (it may hold names, paths or errors), never markup.

        Screens and widgets notify through here too, so this is the one place for it.
        """
        super().notify(
            plain_str(message),
            title=plain_str(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def new_interview_set(self) -> QuestionSet:
        """The set `n` starts an interview with; QMError if the configured one is unknown."""
        return self.question_sets.for_new_interviews(self.question_set_choice)

    # -- spelling --------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.set_timer(PRELOAD_DELAY, self._preload_dictionary)

    def _preload_dictionary(self) -> None:
        """Load the default set's dictionary in a thread while the user is on the list, so the
        editor's first check never competes with its first paint (the load costs ~1 s of CPU)."""
        from ..core.spelling import enabled

        if enabled():
            try:
                lang = self.new_interview_set().lang
            except QMError:
                return  # the editor says why when an interview is started
            load = partial(_load_quietly, lang, self._store_lock)
            self.run_worker(load, thread=True, exit_on_error=False)

    # -- screens and keys ------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        """The interview list is the start screen."""
        return InterviewListScreen()

    async def action_quit(self) -> None:
        """Quit through the topmost full screen (under any dialog): the editor saves first."""
        screen = next(s for s in reversed(self.screen_stack) if isinstance(s, QMScreen))
        await screen.action_quit()

    def action_help(self) -> None:
        """Show every key (F1 everywhere; `?` on the list)."""
        from .dialogs.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_command_palette(self) -> None:
        """The command palette, with its prompt in the UI language."""
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            placeholder = self.t("palette.placeholder")
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    def action_help_quit(self) -> None:
        """ctrl+c does not quit (it copies); say in the UI language which key does."""
        for key_name, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(
                    self.t("quit.hint", keys=key_name),
                    title=self.t("quit.title"),
                    markup=False,
                )
                return

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The screen's palette keys first (in the UI language), then Textual's commands."""
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if binding.id and binding.id.endswith(".quit"):
                continue  # one "Avsluta" below, not one per screen as well
            if in_palette(binding) and binding.id not in seen:
                seen.add(str(binding.id))
                action = partial(self.run_action, binding.action, active.node)
                yield SystemCommand(binding.description, binding.tooltip, action)
        yield SystemCommand(self.t("key.quit"), self.t("key.quit.tip"), self.action_quit)
        for command in super().get_system_commands(screen):
            if command.title == "Quit":
                continue
            title, _, help_text = self.t(f"sys.{command.title}").partition("|")
            if not help_text:
                title, help_text = command.title, command.help
            yield SystemCommand(title, help_text, command.callback, command.discover)
