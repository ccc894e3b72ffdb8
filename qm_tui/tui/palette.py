"""Command palette provider: "Öppna intervju …" by name or organisation."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..core.summary import Summary
from .screens.interview_list import InterviewListScreen, who

if TYPE_CHECKING:
    from .app import QMApp


class OpenInterviewProvider(Provider):
    """Command palette: "Öppna intervju …" by name or organisation."""

    def _rows(self) -> list[Summary]:
        screen = self.app.screen_stack[0]
        return screen.rows if isinstance(screen, InterviewListScreen) else []

    def _title(self, row: Summary) -> str:
        app = cast("QMApp", self.app)
        return f"{app.t('cmd.open_interview')}: {who(row, app.t)}"

    async def _open(self, row: Summary) -> None:
        screen = self.app.screen_stack[0]
        if self.app.screen is not screen:
            return  # only from the list, not on top of an open editor
        if isinstance(screen, InterviewListScreen):
            await screen.open_interview(row.id)

    async def discover(self) -> Hits:
        for row in self._rows()[:20]:
            yield DiscoveryHit(self._title(row), partial(self._open, row), help=row.date)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for row in self._rows():
            title = self._title(row)
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._open, row), help=row.date)
