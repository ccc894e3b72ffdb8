"""The help screen (`?` on the list, F1 everywhere): every key of the list and the editor."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ..i18n import SV, Texts
from ..keys import EDITOR_KEYS, LIST_KEYS
from ..screens.base import QMModal

KEY_NAMES = {"slash": "/", "question_mark": "?", "escape": "esc"}

# Keys that are conventions of the widgets, not bindings: (key text, UI text key).
EDITOR_CONVENTIONS = (
    ("tab", "help.tab"),
    ("shift+tab", "help.shift_tab"),
    ("enter", "help.enter"),
    ("1–9, enter", "help.pick"),
)
EVERYWHERE = (
    ("f1", "help.f1"),
    ("ctrl+p", "help.palette"),
    ("ctrl+q", "help.quit"),
)


def key_rows(bindings: Iterable[BindingType], t: Texts) -> list[tuple[str, str]]:
    """(keys, description) for every binding with an id, in the UI language."""
    rows = []
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.id:
            continue
        name = binding.id.rsplit(".", 1)[-1]
        keys = " / ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in binding.key.split(","))
        tip = t(f"key.{name}.tip")
        rows.append((keys, tip if tip != f"key.{name}.tip" else t(f"key.{name}")))
    return rows


def help_sections(t: Texts) -> list[tuple[str, list[tuple[str, str]]]]:
    """The help's sections: (title, [(keys, description), …])."""
    return [
        (t("help.list"), key_rows(LIST_KEYS, t)),
        (
            t("help.editor"),
            key_rows(EDITOR_KEYS, t) + [(k, t(v)) for k, v in EDITOR_CONVENTIONS],
        ),
        (t("help.everywhere"), [(k, t(v)) for k, v in EVERYWHERE]),
    ]


def help_text(t: Texts) -> Text:
    """The whole help as plain styled text (no markup is parsed)."""
    sections = help_sections(t)
    width = max(len(k) for _, rows in sections for k, _ in rows) + 2
    out = Text()
    for title, rows in sections:
        out.append(f"{title}\n", style="bold")
        for keys, what in rows:
            out.append(f"  {keys:<{width}}", style="bold")
            out.append(f"{what}\n")
        out.append("\n")
    out.rstrip()
    return out


def help_table(t: Texts) -> Group:
    """The help as shown: per section a table whose wrapped descriptions keep to their column
    (a hanging indent), the key columns of every section equally wide."""
    sections = help_sections(t)
    width = max(len(k) for _, rows in sections for k, _ in rows)
    parts: list[Text | Table] = []
    for number, (title, rows) in enumerate(sections):
        parts.append(Text(("\n" if number else "") + title, style="bold"))
        table = Table.grid(padding=(0, 2, 0, 0))
        table.add_column(width=0)  # with its padding: the indent under the title
        table.add_column(no_wrap=True, width=width, style="bold")
        table.add_column(ratio=1)
        for keys, what in rows:
            table.add_row("", Text(keys), Text(what))
        parts.append(table)
    return Group(*parts)


class HelpScreen(QMModal[None]):
    """Every key, grouped by where it works; escape, F1 or q closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q,question_mark", "close", SV["key.close"], id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        t = self.qm.t
        with Vertical(id="help-dialog"):
            yield Static(t("help.title"), id="help-title")
            with VerticalScroll(id="help-keys"):
                yield Static(help_table(t), id="help-text")

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
