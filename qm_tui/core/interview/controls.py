"""Control characters in stored text: shown visibly on a terminal, removed from published text.

Stored text is data and may come from anywhere (an import, a hand-edited file). Two rules:

- `visible_controls` is the one rule for text sent to a terminal, used by the CLI and the TUI:
  C0 controls except newline and tab, DEL, the C1 range, lone surrogates and the bidi overrides
  of "Trojan Source" are written as escapes (`\\x1b`, `\\x9b`, `\\u202e`), so no stored text can
  retitle the terminal, write the clipboard (OSC 52) or reorder what the user reads.
- `remove_controls` is the rule for text that is published or imported: control characters
  other than newline and tab are removed (CR is kept as a line end; articles make it newline).

Import-free (no Rich, no Textual), so the CLI can use it without start-up cost.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .model import Interview

if TYPE_CHECKING:
    from .model import Interview

__all__ = [
    "BIDI_OVERRIDES",
    "editable",
    "editable_text",
    "has_controls",
    "interview_has_controls",
    "json_safe",
    "remove_controls",
    "remove_controls_deep",
    "visible_controls",
    "without_controls",
]

# C0 except tab (09) and newline (0a), DEL, C1
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
BIDI_OVERRIDES = "\u202a-\u202e\u2066-\u2069"
_SURROGATES = "\ud800-\udfff"
_TERMINAL_UNSAFE = re.compile(f"[{_CONTROLS}{BIDI_OVERRIDES}{_SURROGATES}]")
# what is removed from published and imported text: as above, but a CR (a line end) is kept
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# the same characters, for `in` tests: one C-level search per character is several times faster
# than the regex over a long text that holds none (the common case)
_CONTROL_CHARS = tuple(
    chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))
)
# what a field of the app cannot hold: it would show the character raw (no escape can be shown
# inside an editable field without changing its text)
_NOT_EDITABLE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI_OVERRIDES}]")
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
    """True when `remove_controls` would change `text`."""
    return not text.isprintable() and _CONTROL.search(text) is not None


def remove_controls(text: str) -> str:
    """`text` without control characters other than newline, tab and CR (a line end)."""
    if text.isprintable():  # no control character is printable; checked in C, stops early
        return text
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


def without_controls(interview: Interview) -> Interview:
    """The interview with `remove_controls` applied to every text (the same object if clean)."""

    doc = interview.to_dict()
    clean = remove_controls_deep(doc)
    return interview if clean == doc else Interview.from_dict(clean)


def editable_text(text: str) -> str:
    """`text` as a field of the app holds it: without control characters (newline, tab and CR
    kept) and without bidi overrides, which an input field would send to the terminal raw.
    The one rule for every way text enters a field: loading, pasting, restoring, importing."""
    if text.isprintable():
        return text
    return _NOT_EDITABLE.sub("", text)


def editable(interview: Interview) -> Interview:
    """The interview with `editable_text` applied to every text (the same object if clean)."""

    doc = interview.to_dict()
    clean = _deep(doc, editable_text)
    return interview if clean == doc else Interview.from_dict(clean)


def _deep(value: Any, clean: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [_deep(v, clean) for v in value]
    if isinstance(value, dict):
        return {_deep(k, clean): _deep(v, clean) for k, v in value.items()}
    return value


def interview_has_controls(interview: Interview) -> bool:
    """True when some text of the interview holds characters `remove_controls` removes."""
    text = "\n".join(_texts(interview.to_dict()))  # a newline is no control: joining adds none
    return any(c in text for c in _CONTROL_CHARS)


def _texts(value: Any) -> list[str]:
    """Every string in a JSON-shaped value."""
    texts: list[str] = []
    _collect(value, texts)
    return texts


def _collect(value: Any, texts: list[str]) -> None:
    if isinstance(value, str):
        texts.append(value)
        return
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, list):
        return
    for item in value:
        if isinstance(item, str):
            texts.append(item)
        elif isinstance(item, (dict, list)):
            _collect(item, texts)


def json_safe(text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) safe for a terminal, still valid.

    json.dumps escapes C0 itself; DEL, C1, bidi overrides and lone surrogates become `\\uXXXX`,
    which every JSON reader turns back into the same characters.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
