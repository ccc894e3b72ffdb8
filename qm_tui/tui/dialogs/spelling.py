"""The F7 list: a field's misspelt words with suggestions; enter replaces, `a` adds the word.

Suggestions are searched in a thread worker, word by word, and appear as they are found, so the
list opens at once. The dialog only chooses; the field applies the choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.worker import get_current_worker

from ...core.spelling import Misspelling, SpellChecker
from ..display import plain

# The dialog's own UI text (kept here so the widget works in any app; the app's language wins).
TEXTS: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Stavning: {count} ord att se över",
        "hint": "enter ersätter · a lägger till i ordlistan · escape stänger",
        "line": "rad {line}",
        "searching": "söker förslag …",
        "no_suggestions": "inga förslag (a lägger till ordet i ordlistan)",
        "unavailable": "Stavningskontrollen är avstängd: {problem}",
        "not_ready": "Ordlistan laddas fortfarande; försök igen om en stund.",
        "none": "Inga felstavade ord i fältet.",
        "added": "”{word}” finns nu i din ordlista.",
        "key.close": "Stäng",
        "key.add": "Lägg till i ordlistan",
    },
    "en": {
        "title": "Spelling: {count} words to look at",
        "hint": "enter replaces · a adds to the word list · escape closes",
        "line": "line {line}",
        "searching": "looking for suggestions …",
        "no_suggestions": "no suggestions (a adds the word to the word list)",
        "unavailable": "Spell checking is off: {problem}",
        "not_ready": "The dictionary is still loading; try again in a moment.",
        "none": "No misspelt words in this field.",
        "added": "“{word}” is now in your word list.",
        "key.close": "Close",
        "key.add": "Add to word list",
    },
}


def spelling_text(app: App[object], key: str, **values: object) -> str:
    """A spelling UI string in the app's language (`app.lang`, Swedish by default)."""
    lang = getattr(app, "lang", "sv")
    text = TEXTS.get(lang, TEXTS["sv"]).get(key) or TEXTS["sv"][key]
    return text.format(**values) if values else text


@dataclass(frozen=True)
class SpellingChoice:
    """Replace `misspelling` with `replacement`, or (None) add its word to the word list."""

    misspelling: Misspelling
    replacement: str | None


class SpellingDialog(ModalScreen[SpellingChoice | None]):
    """Misspelt words of one field, each followed by its suggestions."""

    DEFAULT_CSS = """
    SpellingDialog { align: center middle; }
    SpellingDialog #spelling-box {
        width: 70; max-width: 100%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    SpellingDialog #spelling-list { height: auto; max-height: 20; }
    SpellingDialog #spelling-title { text-style: bold; }
    SpellingDialog #spelling-hint { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Stäng", id="spelling.close"),
        Binding("a", "add_word", "Lägg till i ordlistan", id="spelling.add"),
    ]

    def __init__(self, checker: SpellChecker, misspellings: list[Misspelling]) -> None:
        super().__init__()
        self.checker = checker
        self.misspellings = misspellings
        self.suggestions: dict[str, list[str] | None] = {m.word: None for m in misspellings}

    def compose(self) -> ComposeResult:
        t = self._t
        with Vertical(id="spelling-box"):
            yield Label(t("title", count=len(self.misspellings)), id="spelling-title")
            yield OptionList(id="spelling-list")
            yield Label(t("hint"), id="spelling-hint")

    def _t(self, key: str, **values: object) -> str:
        return spelling_text(self.app, key, **values)

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()
        self._suggest()

    def _fill(self) -> None:
        """(Re)build the list, keeping the highlighted row."""
        options = self.query_one(OptionList)
        highlighted = options.highlighted_option
        keep = highlighted.id if highlighted is not None else None
        options.clear_options()
        for i, miss in enumerate(self.misspellings):
            where = self._t("line", line=miss.line + 1)
            head = Text.assemble((miss.word, "bold"), "  ", (where, "dim"))
            options.add_option(Option(head, id=f"{i}:head", disabled=True))
            found = self.suggestions[miss.word]
            if found is None:
                options.add_option(Option(Text("  " + self._t("searching")), id=f"{i}:wait"))
            elif not found:
                options.add_option(Option(Text("  " + self._t("no_suggestions")), id=f"{i}:none"))
            for j, suggestion in enumerate(found or ()):
                # a suggestion may come from the user's word list: shown as data
                options.add_option(Option(Text.assemble("  → ", plain(suggestion)), id=f"{i}:{j}"))
        index = None
        if keep is not None:
            try:
                index = options.get_option_index(keep)
            except OptionDoesNotExist:  # its row is gone (the suggestions arrived)
                index = None
        if index is None:
            rows = range(options.option_count)
            index = next((n for n in rows if not options.get_option_at_index(n).disabled), None)
        options.highlighted = index

    @work(thread=True, exclusive=True, group="spelling-suggest")
    def _suggest(self) -> None:
        worker = get_current_worker()
        for word in list(self.suggestions):
            if worker.is_cancelled:
                return
            found = self.checker.suggest(word)
            self.app.call_from_thread(self._got, word, found)

    def _got(self, word: str, found: list[str]) -> None:
        self.suggestions[word] = found
        if self.is_attached:
            self._fill()

    def _row(self) -> tuple[Misspelling, str | None] | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        index, what = option.id.split(":")
        miss = self.misspellings[int(index)]
        found = self.suggestions[miss.word] or []
        return miss, (found[int(what)] if what.isdigit() else None)

    @on(OptionList.OptionSelected, "#spelling-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = self._row()
        if row is not None and row[1] is not None:
            self.dismiss(SpellingChoice(row[0], row[1]))

    def action_add_word(self) -> None:
        """Add the highlighted row's misspelt word to the user's word list."""
        row = self._row()
        if row is not None:
            self.dismiss(SpellingChoice(row[0], None))

    def action_close(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)
