"""The app's keys: how a binding is declared (its id, Swedish text and palette flag), the
list's and the editor's bindings (the screens bind them; the help lists them), and the key texts
in the UI language."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from textual.binding import ActiveBinding, Binding, BindingType

from .i18n import SV, Texts

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


# -- the list -----------------------------------------------------------------------------------

LIST_KEYS: list[BindingType] = [
    # Priority keys are handled as they arrive, so the keys typed right after them (queued,
    # as when typed fast or pasted) already find the field they were typed for: the new or
    # opened interview's name, the search box. In the search box they are characters.
    key("list", "new", "new", "n", priority=True),
    key("list", "open", "open", "enter", show=False, priority=True),  # in the help
    key("list", "search", "search", "slash", priority=True),
    key("list", "delete", "delete", "d"),
    # the footer shows what fits in 80 columns; t, s and f are in the help and the palette
    key("list", "trash", "trash", "t", show=False),
    key("list", "export_md", "export", "e"),
    key("list", "status", "cycle_status", "s", show=False),
    key("list", "filter", "cycle_filter", "f", show=False),
    key("list", "help", "help", "question_mark,f1"),
    Binding("escape", "leave_search", show=False),
    key("list", "quit", "quit", "q"),
]
# Issue 10: a corrected article (docx, txt or md) applied to the selected interview
LIST_KEYS += [key("list", "update", "update_from_file", "u", show=False)]  # in help, palette
# Issue 21: sharing (see `sharing`)
LIST_KEYS += [
    key("list", "sync", "sync", "g", show=False),
    key("list", "merge_copy", "merge_copy", "m", show=False),
]


# -- the editor ---------------------------------------------------------------------------------

_key = partial(key, "editor")  # the editor's bindings: `_key(name, action, keys, ...)`


# The editor's own tools, apart from the step keys (F-keys reach the app under tmux and screen).
# Priority keys: a field never gets them first (TextArea binds F6 to "select line" and F7 to
# "select all": the next key typed replaced the answer), and the palette lists them from there.
TOOL_KEYS: list[BindingType] = [
    _key("reset_boxes", "reset_boxes", "f5", show=False, priority=True),
    _key("set_status", "cycle_status", "f6", show=False, priority=True),
    _key("add_question", "add_question", "f8", show=False, priority=True),
    _key("remove_question", "remove_question", "f9", show=False, priority=True),
]


# The step keys are priority keys: the app handles them as they arrive and waits until the
# new step is shown, so keys typed right after them (fast, or queued) go into its field,
# not into the one just left.
EDITOR_KEYS: list[BindingType] = [
    _key("next", "next_step", "ctrl+n", priority=True),
    # ctrl+b is tmux's prefix and never arrives there; ctrl+g does (ctrl+b stays an alias)
    _key("prev", "prev_step", "ctrl+g,ctrl+b", priority=True),
    _key("save", "save", "ctrl+s", show=False, priority=True),
    _key("preview", "preview", "ctrl+r", priority=True),
    _key("export", "export", "ctrl+o", show=False, priority=True),
    # while a dropdown is open, escape closes it (a priority key, so the footer shows it in
    # the UI language, not the dropdown's own English "Dismiss menu"); otherwise it goes back
    _key("close_menu", "close_menu", "escape", palette=False, priority=True),
    _key("back", "back", "escape"),
    _key("quit", "quit", "ctrl+q", show=False),
    _key("history", "history", "f2", show=False, priority=True),
    _key("spelling", "spelling", "f7", show=False, priority=True),
    _key("editor", "external_editor", "f4", show=False, priority=True),
    *TOOL_KEYS,
]
# The form flow (huh/gum): tab past the last field of a step goes on to the next step,
# shift+tab before the first goes back; enter in a one-line field is tab. The footer shows
# the five keys that fit in 80 columns (next, previous, review, back, help); the rest are
# in the help (F1) and the palette.
EDITOR_KEYS += [
    _key("help", "app.help", "f1", priority=True),
    Binding("tab", "field_forward", show=False, priority=True),
    Binding("enter", "enter_in_field", show=False, priority=True),  # a one-line field
    Binding("shift+tab", "field_back", show=False, priority=True),
]
# Another window saved over this one's text: ctrl+l loads the saved version
EDITOR_KEYS += [_key("reload", "reload", "ctrl+l", show=False, priority=True)]
