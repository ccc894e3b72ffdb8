"""An append-only journal beside the TinyDB file, so that a save costs only what it changed.

`<db>.journal` holds one JSON line per save: `{"table": {"key": document or null}}`, the
documents replaced (null: removed). Its first line names the database it continues,
`{"journal": TOKEN}`, where TOKEN is the `journal` field of the database's `meta` document:
every full write of the database (a compaction) puts a new token there, which retires the old
journal at once, so a journal is never replayed over a database that already holds it.

Readers replay complete lines only: a line without its newline is a save killed mid-append,
never acknowledged, and the next append cuts it off. Appends are fsynced before a save returns.
The database file itself stays plain TinyDB JSON; after compaction (a clean exit) it holds
everything and stock TinyDB reads it as it is.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from .errors import StoreError

Tables = dict[str, MutableMapping[str, Any]]
Changes = dict[str, dict[str, Any]]

__all__ = ["Journal", "new_token", "token_of"]


def new_token() -> str:
    """A fresh token for a database written in full."""
    import secrets  # here: `qm-tui list` never writes

    return secrets.token_hex(8)


def token_of(tables: Tables) -> str | None:
    """The token of the database these tables were read from (None: written without one)."""
    token = tables.get("meta", {}).get("1", {}).get("journal")
    return token if isinstance(token, str) else None


def apply(tables: Tables, changes: Changes) -> None:
    """Replace (or, for null, remove) the documents named in `changes`."""
    for table, docs in changes.items():
        target = tables.setdefault(table, {})
        for key, doc in docs.items():
            if doc is None:
                target.pop(key, None)
            else:
                target[key] = doc


class Journal:
    """The journal of one database file; `offset` is where the replayed lines end."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = db_path.with_name(db_path.name + ".journal")
        self.token: str | None = None  # the token of the lines read so far
        self.offset = 0
        self.entries = 0  # lines replayed since the token's header

    def size(self) -> int:
        """The journal's size in bytes (0 when there is none)."""
        try:
            return os.stat(self.path).st_size
        except FileNotFoundError:
            return 0
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {exc.strerror or exc}") from exc

    def replay(self, tables: Tables) -> None:
        """Apply every saved line that continues `tables` (freshly read from the database)."""
        self.token, self.offset, self.entries = token_of(tables), 0, 0
        self.catch_up(tables)

    def restart(self, tables: Tables) -> None:
        """The database was just written in full: no line of the old journal continues it."""
        self.token, self.offset, self.entries = token_of(tables), 0, 0

    def catch_up(self, tables: Tables) -> None:
        """Apply the lines appended since the last read (none from a retired journal)."""
        try:
            with open(self.path, "rb") as fh:
                if self.offset:
                    fh.seek(self.offset)
                data = fh.read()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {exc.strerror or exc}") from exc
        import orjson  # here, after the read: most reads find no journal (about 5 ms of imports)

        end = data.rfind(b"\n") + 1  # complete lines only
        position = self.offset
        for line in data[:end].splitlines(keepends=True):
            start, position = position, position + len(line)
            try:
                entry = orjson.loads(line)
            except orjson.JSONDecodeError:
                entry = None
            if start == 0:
                if not isinstance(entry, dict) or entry.get("journal") != self.token:
                    self.offset = 0
                    return  # a retired journal (or none for this database): nothing to do
                continue
            if not isinstance(entry, dict) or not all(isinstance(v, dict) for v in entry.values()):
                raise StoreError(
                    f"{self.path} is damaged at byte {start}; it was left as it is. Move it "
                    "aside to open the database without the saves it holds."
                )
            apply(tables, entry)
            self.entries += 1
        self.offset = position

    def append(self, tables: Tables, changes: Changes) -> None:
        """Write `changes` durably (the caller holds the lock and has caught up), then apply."""
        import orjson

        try:
            line = orjson.dumps(changes) + b"\n"
        except orjson.JSONEncodeError as exc:  # a lone surrogate, say: refused before writing
            raise StoreError(f"cannot save: the data cannot be written as JSON ({exc})") from None
        token = token_of(tables)
        if token is None:
            raise StoreError("the database has no journal token; write it in full first")
        try:
            if self.offset == 0 or self.token != token:
                header = orjson.dumps({"journal": token}) + b"\n"
                from .storage import atomic_write

                atomic_write(self.path, header + line)
                self.token, self.offset, self.entries = token, len(header) + len(line), 1
            else:
                fd = os.open(self.path, os.O_WRONLY)
                try:
                    os.ftruncate(fd, self.offset)  # a line torn by a killed save goes
                    view = memoryview(line)
                    at = self.offset
                    while view:
                        written = os.pwrite(fd, view, at)
                        view, at = view[written:], at + written
                    os.fsync(fd)
                finally:
                    os.close(fd)
                self.offset += len(line)
                self.entries += 1
        except (OSError, StoreError) as exc:
            with contextlib.suppress(OSError):
                if self.offset:
                    os.truncate(self.path, self.offset)
            cause = exc if isinstance(exc, OSError) else exc.__cause__
            if isinstance(cause, OSError):  # worded for the database the user knows
                from .storage import os_failure

                raise os_failure("save", self.db_path, cause) from exc
            raise
        apply(tables, changes)
