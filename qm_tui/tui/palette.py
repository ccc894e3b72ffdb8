"""Command palette providers: "Öppna intervju …" by name or organisation, and "no matches" in
the UI language (Textual's own "No matches found" is English and has no setting)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from ..core.interview.summary import Summary
from .display import plain_str
from .screens.interview_list import InterviewListScreen, who

if TYPE_CHECKING:
    from textual.fuzzy import Matcher

    from .app import QMApp


def _rows(app: App[object]) -> list[Summary]:
    screen = app.screen_stack[0]
    return screen.rows if isinstance(screen, InterviewListScreen) else []


def _title(app: App[object], row: Summary) -> str:
    t = cast("QMApp", app).t
    return plain_str(f"{t('cmd.open_interview')}: {who(row, t)}")


class OpenInterviewProvider(Provider):
    """Command palette: "Öppna intervju …" by name or organisation."""

    def _rows(self) -> list[Summary]:
        return _rows(self.app)

    def _title(self, row: Summary) -> str:
        return _title(self.app, row)

    @staticmethod
    def _highlight(title: str, matcher: Matcher) -> Text:
        """The title with the matched letters styled, never parsed as markup (a name may hold
        `[b]`, which `Matcher.highlight` would parse)."""
        text = Text(title)
        _, offsets = matcher.fuzzy_search.match(matcher.query, title)
        for offset in offsets:
            if not title[offset].isspace():
                text.stylize("reverse", offset, offset + 1)
        return text

    async def _open(self, row: Summary) -> None:
        screen = self.app.screen_stack[0]
        if self.app.screen is not screen:
            return  # only from the list, not on top of an open editor
        if isinstance(screen, InterviewListScreen):
            await screen.open_interview(row.id)

    async def discover(self) -> Hits:
        for row in self._rows()[:20]:
            title = self._title(row)
            yield DiscoveryHit(Text(title), partial(self._open, row), text=title, help=_help(row))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for row in self._rows():
            title = self._title(row)
            score = matcher.match(title)
            if score > 0:
                shown = self._highlight(title, matcher)
                yield Hit(score, shown, partial(self._open, row), text=title, help=_help(row))


def _help(row: Summary) -> str:
    """The date under a hit; the palette parses help as markup, so brackets are escaped."""
    return escape(plain_str(row.date))


class NoMatchesProvider(Provider):
    """One line saying, in the UI language, that nothing matches: shown when none of the
    palette's commands (the same titles, matched the same way as the other providers do)
    matches, which also keeps Textual's English "No matches found" away."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app = self.app
        titles = [command.title for command in app.get_system_commands(self.screen)]
        titles += [_title(app, row) for row in _rows(app)]
        if any(matcher.match(title) > 0 for title in titles):
            return
        text = cast("QMApp", app).t("palette.no_matches", query=query)
        yield Hit(0.0, Text(plain_str(text), style="dim"), self._nothing, text=plain_str(text))

    async def _nothing(self) -> None:
        """Choosing the line only closes the palette."""
