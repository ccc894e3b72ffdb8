"""Autosave for the editor: debounced, in a thread, one save at a time, the latest text last.

Every change bumps a generation and (re)starts a short timer; when it fires, a snapshot goes to a
single save loop that writes it through the app's store thread. A newer snapshot waits for the
running save and then replaces it, so saves never race and the latest text is what ends stored.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.timer import Timer
from textual.worker import Worker

from ..core.errors import StoreError
from ..core.interview.model import Interview

if TYPE_CHECKING:
    from ..core.database.store import InterviewStore, SaveResult
    from .screens.base import QMScreen

SAVE_DELAY = 0.8  # seconds of quiet before a save
MAX_SAVE_DELAY = 1.0  # ...but never more than this after the first unsaved change
RETRY_DELAY = 5.0  # seconds between attempts after a failed save
CHECK_INTERVAL = 2.0  # seconds between looks for a version saved by another window


def clock(timestamp: str | None = None) -> str:
    """HH:MM:SS of an ISO timestamp (or of now)."""
    try:
        when = dt.datetime.fromisoformat(timestamp) if timestamp else dt.datetime.now()
    except ValueError:
        when = dt.datetime.now()
    return when.strftime("%H:%M:%S")


def _save(
    store: InterviewStore, *, interview_id: int, snapshot: Interview, base: Interview
) -> SaveResult:
    return store.save(interview_id, snapshot, base, readd=True)  # re-added if deleted elsewhere


class Autosave:
    """Saves what `snapshot()` returns, at most a second after a change; reports its state."""

    def __init__(
        self,
        screen: QMScreen,
        interview_id: int,
        interview: Interview,
        snapshot: Callable[[], Interview],
        show: Callable[[str, str], None],
    ) -> None:
        self.screen = screen
        self.interview_id = interview_id
        self.recreated = False  # saved under a new id after a deletion elsewhere
        self.base = interview  # the stored version the next save builds on
        self.error: str | None = None
        self._snapshot = snapshot
        self._show = show
        self._edit_gen = 0  # bumped on every change
        self._saved_gen = 0  # the change last written to the store
        self._pending: tuple[int, Interview] | None = None
        self._saving = False
        self._saver: Worker[None] | None = None
        self._timer: Timer | None = None
        self._retry: Timer | None = None
        self._first_unsaved: float | None = None
        self._saved_at = clock(interview.updated)
        self._shown = ""

    @property
    def dirty(self) -> bool:
        """True while the screen holds text the store does not have."""
        return self._edit_gen != self._saved_gen

    def changed(self) -> None:
        """Note a change: save after SAVE_DELAY of quiet, at most MAX_SAVE_DELAY after it."""
        self._edit_gen += 1
        now = time.monotonic()
        if self._first_unsaved is None:
            self._first_unsaved = now
        delay = max(0.05, min(SAVE_DELAY, self._first_unsaved + MAX_SAVE_DELAY - now))
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.screen.set_timer(delay, self.save_now, name="autosave")
        self.show_state()

    def stop(self) -> None:
        """Stop the timers (the screen is closing)."""
        for timer in (self._timer, self._retry):
            if timer is not None:
                timer.stop()
        self._timer = self._retry = None

    def save_now(self) -> None:
        """Start saving the current text (joins a running save instead of racing it)."""
        self.stop()
        self._first_unsaved = None
        if not self.dirty:
            return
        self._pending = (self._edit_gen, self._snapshot())
        if not self._saving:
            self._saving = True
            self._saver = self.screen.run_worker(
                self._save_loop(), group="save", exit_on_error=False
            )
        self.show_state()

    async def flush(self) -> bool:
        """Save now and wait; True when the store holds everything on screen."""
        self.save_now()
        while self._saving and self._saver is not None:
            try:
                await self._saver.wait()
            except Exception:
                break
        return not self.dirty

    async def _save_loop(self) -> None:
        qm = self.screen.qm
        try:
            while self._pending is not None:
                generation, snapshot = self._pending
                self._pending = None
                call = partial(
                    _save, interview_id=self.interview_id, snapshot=snapshot, base=self.base
                )
                try:
                    result = await qm.run_store(call)
                except StoreError as exc:
                    self._failed(exc)
                    return
                if result.readded:
                    self.interview_id, self.recreated = result.id, True
                    self.screen.notify(qm.t("save.recreated"), severity="warning", timeout=15)
                elif result.conflict:
                    self.screen.notify(qm.t("save.conflict"), severity="warning", timeout=15)
                self.base = result.interview
                self._saved_gen = max(self._saved_gen, generation)
                self._saved_at = clock()
                self.error = None
        finally:
            self._saving = False
            self.show_state()

    async def saved_elsewhere(self) -> Interview | None:
        """The stored version, when another window saved one over this window's last save.

        Only while nothing here is unsaved: with unsaved text, the next save wins (and says so),
        and it is the other window that learns its text lost.
        """
        if self._saving or self.dirty or self.error is not None:
            return None
        base, interview_id = self.base, self.interview_id

        def read(store: InterviewStore) -> Interview | None:
            doc = store.document(interview_id)
            return None if doc == base.to_dict() else store.get(interview_id)

        try:
            stored = await self.screen.qm.run_store(read)
        except StoreError:
            return None  # deleted elsewhere or unreadable: the next save says so
        if stored is None or self._saving or self.dirty or self.base is not base:
            return None
        return stored

    def take(self, stored: Interview) -> None:
        """Build the next save on `stored` (the screen now shows it)."""
        self.base = stored
        self._saved_at = clock(stored.updated)
        self.show_state()

    def _failed(self, exc: StoreError) -> None:
        message = self.screen.qm.t.error(exc)
        if message != self.error:
            self.screen.notify(
                self.screen.qm.t("save.failed", error=message, seconds=int(RETRY_DELAY)),
                severity="error",
                timeout=10,
            )
        self.error = message
        self._pending = None
        if self._retry is not None:
            self._retry.stop()
        self._retry = self.screen.set_timer(RETRY_DELAY, self.save_now, name="save-retry")

    def show_state(self) -> None:
        """Tell the status line: saved, unsaved, saving or failed."""
        t = self.screen.qm.t
        if self.error is not None:
            state, text = "error", t("save.error")
        elif self._saving:
            state, text = "saving", t("save.saving")
        elif self.dirty:
            state, text = "unsaved", t("save.unsaved")
        else:
            state, text = "saved", t("save.saved", time=self._saved_at)
        if text != self._shown:
            self._shown = text
            self._show(state, text)
