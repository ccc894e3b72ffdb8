"""Reading a TinyDB file piece by piece, so that its whole text never sits in memory at once.

`json.loads` needs the file's whole text (as large as the file) beside the documents it builds:
with the documents packed as bytes (see `packed`), that text alone would be most of the peak.
Here the file is read in chunks, decoded incrementally, and the TinyDB layout
`{"table": {"key": {document}, ...}, ...}` is walked by hand, each document parsed by
`json.JSONDecoder.raw_decode`, then packed if its table is packed.

Only a file that is exactly such JSON is read this way; for anything else (empty, not UTF-8,
invalid, nested too deep, not tables of documents) `read_tables` returns None and the caller
reads the file the plain way, which gives the error message it always gave.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

from .files import open_regular_file

if TYPE_CHECKING:
    from .packed import PackedTable

__all__ = ["OnPacked", "read_tables"]

# called with (table name, table, key, what is kept, the document) for each packed document
OnPacked = Callable[[str, "PackedTable", str, Any, dict[str, Any]], None]

CHUNK = 1 << 20
AHEAD = 1 << 16  # text kept buffered ahead of a document before it is parsed
_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace, as `json` skips it
_decode = json.JSONDecoder().raw_decode


class _Incomplete(Exception):
    """The file ended (or did not parse) where the layout needs more: read it the plain way."""


class _Text:
    """The file's text from the current position on, read and decoded on demand."""

    def __init__(self, fd: int, size: int) -> None:
        self._fd = fd
        self._left = size  # never read beyond the size fstat gave (a growing file)
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self.buf = ""
        self.pos = 0

    def more(self) -> bool:
        """Read at least as much again as is buffered (so re-parsing stays linear); False at
        the end of the file."""
        if self._left <= 0:
            return False
        want = min(self._left, max(CHUNK, len(self.buf) - self.pos))
        chunk = os.read(self._fd, want)
        self._left = self._left - len(chunk) if chunk else 0
        text = self._decoder.decode(chunk, final=self._left <= 0)
        self.buf = self.buf[self.pos :] + text
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character after whitespace (consumed), or "" at the end of the file."""
        while True:
            self.pos = _SPACE.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise _Incomplete
        self.pos += 1

    def value(self) -> Any:
        """The JSON value at the position (an object or a string: both end in a closing
        character, so a value cut off by the buffer's end never parses)."""
        if len(self.buf) - self.pos < AHEAD:
            self.more()  # most documents then parse at the first try
        while True:
            try:
                value, self.pos = _decode(self.buf, self.pos)
                return value
            except ValueError:  # cut off by the buffer, or invalid: read on to find out
                if not self.more():
                    raise _Incomplete from None


def read_tables(
    path: str | os.PathLike[str], packed: Collection[str] = (), on_packed: OnPacked | None = None
) -> tuple[dict[str, Any] | None, os.stat_result]:
    """The tables of the TinyDB file at `path` (those named in `packed` as `PackedTable`s) and
    the file's stat; None for the tables when the file is not exactly TinyDB JSON.

    `on_packed` sees each document of a packed table while it is still parsed, so what is
    derived from it (the list's rows) costs no second parse.

    Opened as `files.read_regular_file` opens: non-blocking, regular files only (else
    NotRegularFileError), never read beyond the size it had when opened.
    """
    fd, st = open_regular_file(path)
    try:
        try:
            return _tables(_Text(fd, st.st_size), packed, on_packed), st
        except (_Incomplete, ValueError, RecursionError):
            # ValueError: a UnicodeDecodeError, or a number too long to convert
            return None, st
    finally:
        os.close(fd)


def _tables(text: _Text, packed: Collection[str], on_packed: OnPacked | None) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    text.expect("{")
    if text.peek() == "}":
        text.pos += 1
    else:
        while True:
            name = _key(text)
            text.expect("{")
            table: Any = _packed_table() if name in packed else {}
            tables[name] = table  # a repeated name replaces the table, as json.loads does
            if text.peek() == "}":
                text.pos += 1
            else:
                _documents(text, table, name, on_packed)
            if not _next(text):
                break
    if text.peek() != "":
        raise _Incomplete  # extra data after the tables
    return tables


def _documents(
    text: _Text, table: dict[str, Any] | PackedTable, name: str, on_packed: OnPacked | None
) -> None:
    """The documents of one table, up to and including its closing brace."""
    while True:
        key = _key(text)
        if text.peek() != "{":
            raise _Incomplete  # a document must be an object
        doc = text.value()
        if not isinstance(table, dict):  # a PackedTable
            kept = table.put(key, doc)
            if on_packed is not None:
                on_packed(name, table, key, kept, doc)
        else:
            table[key] = doc  # a repeated key keeps its place and takes the last value
        if not _next(text):
            return


def _packed_table() -> PackedTable:
    from .packed import PackedTable  # here: a read without packed tables never needs lz4

    return PackedTable()


def _key(text: _Text) -> str:
    """An object's key and the colon after it."""
    if text.peek() != '"':
        raise _Incomplete
    key = text.value()
    text.expect(":")
    return str(key)


def _next(text: _Text) -> bool:
    """After a member: True at a comma (another member follows), False at the closing brace."""
    char = text.peek()
    text.pos += 1
    if char == ",":
        return True
    if char == "}":
        return False
    raise _Incomplete
