"""A table whose documents are kept as compressed JSON bytes, parsed again on each access.

Parsed, a document costs about 1.4 times its JSON in Python objects. Packed, it is its JSON
compressed with LZ4 (about 700 MB/s) against a dictionary: the table's first document, which
holds what every interview repeats (the field names, the question texts). The interviews table
is held this way, so that a database in memory stays well under the size of its file. Each
document is kept as orjson writes it, so writing the file inserts its decompressed bytes
(indented for their depth in the TinyDB layout) as they are (`orjson.Fragment`) instead of
serialising every document again.

Outside a write, a document read from the table is a fresh copy: changing it changes nothing
stored. Inside a storage transaction (`begin()` .. `end()`) the table behaves as a dict: the
documents read or put stay live objects, changed in place if the caller likes, and are packed
at `end()`. A document orjson cannot write (a lone surrogate, an integer beyond 64 bits,
nesting deeper than 254, NaN) is kept as the object it is, and the full write reports it as it
always has.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Any

import lz4.block
import orjson

__all__ = ["PackedTable", "load"]

_INDENT = b"\n    "  # a document's lines sit two levels deep: tables, then documents
_DICTIONARY = 1 << 16  # LZ4 looks back at most 64 KiB


def _json(doc: Any) -> bytes | None:
    """`doc` as indented JSON, or None if orjson cannot write it as it is."""
    try:
        text = orjson.dumps(doc, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:
        return None
    if b"null" in text and orjson.loads(text) != doc:
        return None  # NaN or an infinity, which orjson writes as null: kept as they are read
    return text


def load(packed: bytes, dictionary: bytes) -> Any:
    """The document packed with `dictionary` (its table's)."""
    return orjson.loads(lz4.block.decompress(packed, dict=dictionary))


class PackedTable(MutableMapping[str, Any]):
    """Key -> document, each document held packed (compressed JSON, see `pack`)."""

    __slots__ = ("_docs", "_live", "dictionary")

    def __init__(self, docs: dict[str, Any] | None = None) -> None:
        self._docs: dict[str, bytes | Any] = {}
        self._live: dict[str, Any] | None = None  # inside a transaction: documents handed out
        self.dictionary = b""  # the first document packed: every packed one is read with it
        if docs:
            for key, doc in docs.items():
                self._docs[key] = self.pack(doc)

    def pack(self, doc: Any) -> bytes | Any:
        """`doc` compressed for this table; `doc` itself if orjson cannot write it."""
        text = _json(doc)
        if text is None:
            return doc
        if not self.dictionary:
            self.dictionary = text[-_DICTIONARY:]
        packed: bytes = lz4.block.compress(text, dict=self.dictionary)
        return packed

    def text(self, packed: bytes) -> bytes:
        """The JSON of a packed document as a full write puts it in the file: indented for its
        depth there (done here, on the rarer full write, rather than on every read)."""
        text: bytes = lz4.block.decompress(packed, dict=self.dictionary)
        return text.replace(b"\n", _INDENT)

    def __getitem__(self, key: str) -> Any:
        live = self._live
        if live is not None and key in live:
            return live[key]
        packed = self._docs[key]
        doc = load(packed, self.dictionary) if type(packed) is bytes else packed
        if live is not None:
            live[key] = doc
        return doc

    def __setitem__(self, key: str, doc: Any) -> None:
        if self._live is not None:
            self._docs[key] = None  # its place in the order; packed at `end()`
            self._live[key] = doc
        else:
            self._docs[key] = self.pack(doc)

    def __delitem__(self, key: str) -> None:
        del self._docs[key]
        if self._live is not None:
            self._live.pop(key, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._docs)

    def __len__(self) -> int:
        return len(self._docs)

    def __contains__(self, key: object) -> bool:
        return key in self._docs

    def __repr__(self) -> str:
        return f"PackedTable({len(self._docs)} documents)"

    def put(self, key: str, doc: Any) -> bytes | Any:
        """Store `doc` (outside a transaction) and return what is kept: its packed bytes, or
        the document itself where it cannot be packed."""
        packed = self._docs[key] = self.pack(doc)
        return packed

    def begin(self) -> None:
        """A transaction starts: documents read or put from now on stay live until `end()`."""
        if self._live is None:
            self._live = {}

    def end(self) -> None:
        """The transaction is over: pack the live documents as they are now."""
        live, self._live = self._live, None
        for key, doc in (live or {}).items():
            if key in self._docs:
                self._docs[key] = self.pack(doc)

    def packed_items(self) -> Iterator[tuple[str, bytes | Any]]:
        """(key, packed bytes) for every document; the document itself where it could not be
        packed (or is live in a transaction).

        The same bytes object stays in the table until that document is replaced, so callers
        can cache what they derive from a document by the identity of its bytes.
        """
        live = self._live or {}
        for key, packed in self._docs.items():
            yield key, live.get(key, packed)

    def fragments(self) -> dict[str, Any]:
        """The table for `orjson.dumps`: the documents' JSON text as fragments, inserted as
        they are."""
        fragment = orjson.Fragment
        live = self._live or {}
        return {
            k: live[k] if k in live else fragment(self.text(v)) if type(v) is bytes else v
            for k, v in self._docs.items()
        }


def default(obj: Any) -> Any:
    """orjson's `default`: a packed table is written as its fragments."""
    if isinstance(obj, PackedTable):
        return obj.fragments()
    raise TypeError(f"Type is not JSON serializable: {type(obj).__name__}")
