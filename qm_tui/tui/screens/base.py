"""What every qm-tui screen shares: the typed app, key texts in the UI language, the store,
and error reporting."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

from textual.binding import ActiveBinding
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from ...core.errors import QMError
from ..keys import localized_bindings

if TYPE_CHECKING:
    from ...core.database.store import InterviewStore
    from ..app import QMApp

ResultType = TypeVar("ResultType")
T = TypeVar("T")


class _QMScreenMixin:
    """Gives typed access to the app and runs store calls with their errors reported."""

    @property
    def qm(self) -> QMApp:
        """The app, typed."""
        return cast("QMApp", cast(DOMNode, self).app)

    async def store_call(
        self, call: Callable[[InterviewStore], T], *, failed: str = "error.store"
    ) -> T | None:
        """Run `call(store)` in the store thread; on an expected failure (a QMError, or an
        OSError from the file system) show the error notification `failed` and return None."""
        qm = self.qm
        try:
            return await qm.run_store(call)
        except (QMError, OSError) as exc:
            qm.notify(qm.t(failed, error=qm.t.error(exc)), severity="error", timeout=10)
            return None


class QMScreen(_QMScreenMixin, Screen[None]):
    """A full screen of the app."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's active bindings, described in the UI language."""
        return localized_bindings(super().active_bindings, self.qm.t)

    async def action_quit(self) -> None:
        """Quit the app (the editor saves first)."""
        self.app.exit()


class QMModal(_QMScreenMixin, ModalScreen[ResultType]):
    """A modal dialog of the app."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's active bindings, described in the UI language."""
        return localized_bindings(super().active_bindings, self.qm.t)
