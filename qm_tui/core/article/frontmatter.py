"""YAML front matter (`---` … `---`) for the Markdown article: the convention of Hugo, Jekyll,
Pandoc, Obsidian and most CMS importers.

Writing uses a small emitter for flat string fields: every value is a double-quoted YAML scalar,
so no value can turn into a number, a date, a boolean or syntax. It is checked against PyYAML in
the tests for arbitrary strings. Reading uses PyYAML's `safe_load` (hand-edited front matter may
use any YAML), loaded only when an article with front matter is read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from ..errors import ArticleError

__all__ = ["dump_front_matter", "split_front_matter", "yaml_string"]

_START = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# Plain words YAML 1.1 reads as booleans or null: as keys they are quoted.
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
_SHORT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}


def _plain(ch: str) -> bool:
    """Characters YAML lets stand for themselves inside a double-quoted scalar."""
    code = ord(ch)
    if 0x20 <= code <= 0x7E:
        return ch not in '"\\'
    return (
        0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF
    ) and ch not in "\u2028\u2029\ufeff"


def _escape(ch: str) -> str:
    short = _SHORT_ESCAPES.get(ch)
    if short is not None:
        return short
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def yaml_string(text: str) -> str:
    """`text` as a double-quoted YAML scalar on one line, read back exactly by any YAML parser."""
    # Every printable character but `"` and the backslash stands for itself (controls,
    # surrogates, U+2028, U+2029 and U+FEFF are not printable): so do most values.
    if text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    return '"' + "".join(ch if _plain(ch) else _escape(ch) for ch in text) + '"'


def dump_front_matter(fields: Mapping[str, str]) -> str:
    """The front matter block for flat string fields, `---` lines included."""
    lines = ["---"]
    for key, value in fields.items():
        plain = _KEY.fullmatch(key) and key.lower() not in _YAML_WORDS
        lines.append(f"{key if plain else yaml_string(key)}: {yaml_string(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(front matter as strings, the rest of the text); ({}, text) when there is none.

    Dates and numbers that hand-written YAML turns into other types come back as their text;
    nested values are ignored. A malformed block raises ArticleError.
    """
    start = _START.match(text)
    if start is None:
        return {}, text
    end = _END.search(text, start.end())
    if end is None:
        return {}, text

    import yaml

    try:
        data = yaml.safe_load(text[start.end() : end.start()])
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem", None) or "not valid YAML"
        raise ArticleError(f"the front matter is not valid YAML ({where})") from None
    except RecursionError:
        raise ArticleError("the front matter is nested too deeply") from None
    except (ValueError, OverflowError) as exc:  # parsed, but no value: 2026-02-30, 5,000 digits
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise ArticleError(
            f"the front matter holds a value that cannot be read ({reason}); "
            "put it in quotes to keep it as text"
        ) from None
    rest = text[end.end() :].lstrip("\r\n")
    if data is None:
        return {}, rest
    if not isinstance(data, dict):
        raise ArticleError("the front matter is not a list of 'key: value' lines")
    meta: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, bool) or value is None or isinstance(value, dict | list):
            continue
        if isinstance(value, dt.date | dt.datetime):
            value = value.isoformat()
        meta[_whole_characters(str(key))] = _whole_characters(str(value))
    return meta, rest


def _whole_characters(text: str) -> str:
    """`text` with the surrogate pairs YAML's `\\ud83d\\ude00` escapes give joined into one
    character; ArticleError for a lone surrogate, which no file can hold."""
    if text.isascii() or not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    try:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        lone = next(ch for ch in text if "\ud800" <= ch <= "\udfff")
        raise ArticleError(
            f"the front matter holds a lone surrogate (\\u{ord(lone):04x}), which is no character"
        ) from None
