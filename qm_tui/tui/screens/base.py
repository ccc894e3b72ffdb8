"""What every qm-tui screen shares: keys, localized key texts, the store, and error reporting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar, cast

from textual.binding import ActiveBinding, Binding
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from ...core.errors import QMError
from ..i18n import SV, Texts

if TYPE_CHECKING:
    from ...core.database.store import InterviewStore
    from ..app import QMApp

ResultType = TypeVar("ResultType")
T = TypeVar("T")


_IN_PALETTE: set[str] = set()


def key(
    area: str,
    name: str,
    action: str,
    keys: str,
    *,
    show: bool = True,
    palette: bool = True,
    priority: bool = False,
) -> Binding:
    """A binding with id `area.name`, its Swedish text `key.name` and tooltip `key.name.tip`.

    `palette` also offers it in the command palette (Textual copies bindings into plain
    `Binding`s, so the flag is kept by id; see `in_palette`). `priority` makes it act before
    the focused widget is given the key (see Textual's `Binding.priority`).
    """
    binding_id = f"{area}.{name}"
    if palette:
        _IN_PALETTE.add(binding_id)
    return Binding(
        keys,
        action,
        SV[f"key.{name}"],
        tooltip=SV.get(f"key.{name}.tip", ""),
        id=binding_id,
        show=show,
        priority=priority,
    )


def in_palette(binding: Binding) -> bool:
    """True for a binding declared with `key(..., palette=True)`."""
    return binding.id in _IN_PALETTE


def localized(binding: Binding, texts: Texts) -> Binding:
    """`binding` with its description and tooltip in the UI language.

    Class-level BINDINGS carry the Swedish text; an id `area.name` maps to `key.name`.
    """
    if not binding.id:
        return binding
    name = binding.id.rsplit(".", 1)[-1]
    tip_key = f"key.{name}.tip"
    tooltip = texts(tip_key)
    return replace(
        binding,
        description=texts(f"key.{name}"),
        tooltip=binding.tooltip if tooltip == tip_key else tooltip,
    )


def localized_bindings(active: dict[str, ActiveBinding], texts: Texts) -> dict[str, ActiveBinding]:
    """The active bindings (as Textual's `Screen.active_bindings` gives them, which the footer,
    the key panel and the command palette show) in the UI language."""
    found = {}
    for key_name, (node, binding, enabled, _tooltip) in active.items():
        shown = localized(binding, texts)
        found[key_name] = ActiveBinding(node, shown, enabled, shown.tooltip)
    return found


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
