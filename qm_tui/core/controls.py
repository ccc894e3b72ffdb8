"""Control characters in stored text: shown visibly on a terminal, removed from published text.

Stored text is data and may come from anywhere (an import, a hand-edited file). Two rules:

- `visible_controls` is the one rule for text sent to a terminal, used by the CLI and the TUI:
  C0 controls except newline and tab, DEL, the C1 range, lone surrogates and the bidi overrides
  of "Trojan Source" are written as escapes (`\\x1b`, `\\x9b`, `\\u202e`), so no stored text can
  retitle the terminal, write the clipboard (OSC 52) or reorder what the user reads.
- `remove_controls` is the rule for text that is published or stored: control characters other
  than newline and tab are removed (a CR line end becomes a newline).

Import-free (no Rich, no Textual), so the CLI can use it without start-up cost.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "BIDI_OVERRIDES",
    "has_controls",
    "json_safe",
    "remove_controls",
    "remove_controls_deep",
    "visible_controls",
]

# C0 except tab (09) and newline (0a), DEL, C1
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
BIDI_OVERRIDES = "\u202a-\u202e\u2066-\u2069"
_SURROGATES = "\ud800-\udfff"
_TERMINAL_UNSAFE = re.compile(f"[{_CONTROLS}{BIDI_OVERRIDES}{_SURROGATES}]")
_CONTROL = re.compile(f"[{_CONTROLS}]")
# what json.dumps(ensure_ascii=False) leaves raw but a terminal may act on
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{BIDI_OVERRIDES}{_SURROGATES}]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible_controls(text: str) -> str:
    """`text` safe to write to a terminal: unsafe characters become visible escapes.

    CRLF line ends count as newlines; everything else keeps its place and meaning.
    """
    if text.isprintable():  # the common case, checked in C
        return text
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return _TERMINAL_UNSAFE.sub(_escape, text)


def has_controls(text: str) -> bool:
    """True when `remove_controls` would change `text` (CR line ends aside)."""
    return _CONTROL.search(text.replace("\r", "\n")) is not None


def remove_controls(text: str) -> str:
    """`text` without control characters other than newline and tab; CR line ends become LF."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def remove_controls_deep(value: Any) -> Any:
    """`remove_controls` on every string in a JSON-shaped value (keys included)."""
    if isinstance(value, str):
        return remove_controls(value)
    if isinstance(value, list):
        return [remove_controls_deep(v) for v in value]
    if isinstance(value, dict):
        return {remove_controls_deep(k): remove_controls_deep(v) for k, v in value.items()}
    return value


def json_safe(text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) safe for a terminal, still valid.

    json.dumps escapes C0 itself; DEL, C1, bidi overrides and lone surrogates become `\\uXXXX`,
    which every JSON reader turns back into the same characters.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
