"""What every qm-tui screen shares: keys, localized key texts, the store, and error reporting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.binding import Binding
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import ModalScreen, Screen

from ...core.errors import QMError
from ..i18n import SV, Texts

if TYPE_CHECKING:
    from ...core.store import InterviewStore
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


def localize_bindings(node: DOMNode, texts: Texts) -> None:
    """Give every binding with an id its description and tooltip in the UI language.

    Class-level BINDINGS carry the Swedish text; an id `area.name` maps to `key.name`.
    """
    bindings = node._bindings.key_to_bindings
    for keys, items in list(bindings.items()):
        if not any(b.id for b in items):
            continue
        localized = []
        for binding in items:
            if binding.id:
                name = binding.id.rsplit(".", 1)[-1]
                tip_key = f"key.{name}.tip"
                tooltip = texts(tip_key)
                binding = replace(
                    binding,
                    description=texts(f"key.{name}"),
                    tooltip=binding.tooltip if tooltip == tip_key else tooltip,
                )
            localized.append(binding)
        bindings[keys] = localized


def breakpoint_classes(screen: Screen[Any], size: Size) -> set[str]:
    """The breakpoint classes (`-narrow`, `-short`, ...) Textual gives `screen` at `size`:
    the screen's own breakpoints or else the app's, each picked by Textual's own rule."""
    app = screen.app
    found: set[str] = set()
    for own, default, dimension in (
        (screen.HORIZONTAL_BREAKPOINTS, app.HORIZONTAL_BREAKPOINTS, size.width),
        (screen.VERTICAL_BREAKPOINTS, app.VERTICAL_BREAKPOINTS, size.height),
    ):
        found |= screen._get_breakpoint_classes(dimension, (default if own is None else own) or [])
    return found


class _QMScreenMixin:
    """Localizes the screen's bindings on creation and gives typed access to the app.

    The breakpoint classes are set on creation too. Textual sets them on the screen's first
    Resize, which comes after its first frame: that frame was painted without them, and
    then the whole screen was restyled and painted again.
    """

    def __init__(self) -> None:
        super().__init__()
        screen = cast("Screen[Any]", self)
        localize_bindings(screen, self.qm.t)
        screen.add_class(*breakpoint_classes(screen, screen.app.size), update=False)

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

    async def action_quit(self) -> None:
        """Quit the app (the editor saves first)."""
        self.app.exit()


class QMModal(_QMScreenMixin, ModalScreen[ResultType]):
    """A modal dialog of the app."""
