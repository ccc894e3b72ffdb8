"""Stored text as the app shows it: never markup, control characters visible.

Names, answers, question-set text, paths and error messages are data. Every place that shows one
goes through `plain` (a Rich `Text`, which no widget parses as markup) or `plain_str`, both built
on the core's one terminal rule, `visible_controls`.
"""

from __future__ import annotations

from rich.text import Text

from ..core.interview.controls import visible_controls

__all__ = ["plain", "plain_str"]


def plain(text: str, style: str = "") -> Text:
    """`text` as a literal Rich Text: `[b]` stays `[b]`, ESC shows as `\\x1b`."""
    return Text(visible_controls(text), style=style, end="")


def plain_str(text: str) -> str:
    """`text` with control characters visible, for places that take a plain string."""
    return visible_controls(text)
