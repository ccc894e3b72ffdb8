"""The database file as a sequence of pieces, so a full write never holds a second copy of it.

`orjson.dumps` of the tables returns the whole file as one bytes object: with the interviews
packed (see `packed`), that object and the decompressed documents it is made of would double
the memory for the length of every full write. Here each packed document is decompressed only
when its turn comes. The bytes are exactly those of `storage.serialize`: TinyDB's layout,
indented by two spaces, åäö as themselves.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import orjson

from .errors import StoreError
from .packed import PackedTable

__all__ = ["file_pieces"]

_Plan = list[tuple[bytes, bytes | PackedTable, dict[str, bytes]]]


def file_pieces(tables: Mapping[str, Any]) -> Iterator[bytes]:
    """The file's bytes, in pieces. Everything that is not a packed document is serialised
    first, so that what cannot be written as JSON (a lone surrogate, an integer beyond 64 bits,
    nesting deeper than 254) raises StoreError before a piece is handed out."""
    plan: _Plan = []
    try:
        for name, table in tables.items():
            head = orjson.dumps(name)
            if isinstance(table, PackedTable):
                unpacked = {
                    key: _indented(doc, b"\n    ")
                    for key, doc in table.packed_items()
                    if type(doc) is not bytes
                }
                plan.append((head, table, unpacked))
            else:
                plan.append((head, _indented(table, b"\n  "), {}))
    except (orjson.JSONEncodeError, TypeError) as exc:
        raise StoreError(f"cannot save: the data cannot be written as JSON ({exc})") from None
    return _pieces(plan)


def _indented(value: Any, newline: bytes) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_INDENT_2).replace(b"\n", newline)


def _pieces(plan: _Plan) -> Iterator[bytes]:
    if not plan:
        yield b"{}\n"
        return
    yield b"{"
    for i, (head, body, unpacked) in enumerate(plan):
        yield (b",\n  " if i else b"\n  ") + head + b": "
        if not isinstance(body, PackedTable):
            yield body
        elif not len(body):
            yield b"{}"
        else:
            yield b"{"
            for j, (key, packed) in enumerate(body.packed_items()):
                doc = body.text(packed) if type(packed) is bytes else unpacked[key]
                yield (b",\n    " if j else b"\n    ") + orjson.dumps(key) + b": " + doc
            yield b"\n  }"
    yield b"\n}\n"
