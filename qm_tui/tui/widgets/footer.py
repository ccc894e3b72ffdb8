"""A Footer that rebuilds once for a burst of binding changes.

Textual's Footer recomposes after every change of the screen's bindings; at start-up focus,
mounting and the first rows change them several times in a row (five rebuilds of about 20 ms
each before the list settled). This one rebuilds once after the burst: the bindings it shows are
read when it rebuilds, so nothing is missed.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class QMFooter(Footer):
    """The key bar, rebuilt at most once per refresh."""

    _rebuild_pending = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Schedule one rebuild for every change until it runs."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()
