"""What every qm-tui screen shares: localized key descriptions and access to the app."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar, cast

from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from ..i18n import Texts

if TYPE_CHECKING:
    from ..app import QMApp

ResultType = TypeVar("ResultType")


def localize_bindings(node: DOMNode, texts: Texts) -> None:
    """Give every binding with an id its description and tooltip in the UI language.

    Class-level BINDINGS carry the Swedish text; an id `area.name` maps to `key.name`.
    """
    bindings = node._bindings.key_to_bindings
    for key, items in list(bindings.items()):
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
        bindings[key] = localized


class _QMScreenMixin:
    """Localizes the screen's bindings on creation and gives typed access to the app."""

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(cast(DOMNode, self), self.qm.t)

    @property
    def qm(self) -> QMApp:
        """The app, typed."""
        return cast("QMApp", cast(DOMNode, self).app)


class QMScreen(_QMScreenMixin, Screen[None]):
    """A full screen of the app."""


class QMModal(_QMScreenMixin, ModalScreen[ResultType]):
    """A modal dialog of the app."""
