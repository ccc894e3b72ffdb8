"""Swedish typography for the published formats: ”…” quotes, – for a spaced hyphen, … for dots.

markdown-it-py's typographer does the work (its `smartquotes` rule with Swedish quote characters
and its `replacements` rule); the one rule it lacks, a hyphen between spaces as an en dash, is
added as a core rule beside them. Plain text (txt, docx) goes through the same rules as a single
text token, so every format sets the same text the same way. Markdown and the store keep the text
exactly as typed.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore

__all__ = ["SWEDISH_QUOTES", "add_spaced_hyphen_rule", "typeset", "wants_typography"]

# Double open, double close, single open, single close: Swedish uses the closing marks for both.
SWEDISH_QUOTES = "\u201d\u201d\u2019\u2019"
_SPACED_HYPHEN = re.compile(r"(?<=[ \u00a0])-(?=[ \u00a0])")


def wants_typography(lang: str, enabled: bool) -> bool:
    """Swedish typography applies to Swedish question sets unless it is turned off."""
    return enabled and lang.split("-")[0].lower() == "sv"


def _spaced_hyphen(state: StateCore) -> None:
    """Core rule: a hyphen with a space on each side becomes an en dash (`a - b` → `a – b`)."""
    if not state.md.options.typographer:
        return
    for block in state.tokens:
        if block.type != "inline" or "-" not in block.content:
            continue
        for tok in block.children or ():
            if tok.type == "text" and "-" in tok.content:
                tok.content = _SPACED_HYPHEN.sub("\u2013", tok.content)


def add_spaced_hyphen_rule(md: MarkdownIt) -> MarkdownIt:
    """Add the spaced-hyphen rule to a typographer-enabled parser, after `replacements`."""
    md.core.ruler.after("replacements", "spaced_hyphen", _spaced_hyphen)
    return md


@cache
def _plain_typographer() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("zero", {"typographer": True, "quotes": SWEDISH_QUOTES})
    return add_spaced_hyphen_rule(md.enable(["replacements", "smartquotes"]))


def typeset(text: str) -> str:
    """Plain `text` with Swedish typography, paragraph by paragraph; no Markdown is parsed."""
    if not text or not any(c in text for c in "\"'.-"):
        return text
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_core.replacements import replace
    from markdown_it.rules_core.smartquotes import smartquotes
    from markdown_it.token import Token

    md = _plain_typographer()
    tokens = []
    for para in text.split("\n\n"):
        inline = Token("inline", "", 0, content=para)
        inline.children = [Token("text", "", 0, content=para)]
        tokens.append(inline)
    state = StateCore("", md, {})
    state.tokens = tokens
    replace(state)
    _spaced_hyphen(state)
    smartquotes(state)
    return "\n\n".join(t.children[0].content for t in tokens if t.children)
