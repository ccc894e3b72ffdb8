"""Side files of qm-tui 0.2, folded into the database and removed.

qm-tui 0.2 kept saves in `<db>.journal` (one JSON line per save after a header naming the
database's `meta.journal` token) until its next full write, and a list index in `<db>.index`.
A database left with a journal (the app killed before its clean exit) opens here with every
journaled save applied; the next write puts them in the file and removes both side files.

A side file that is not a regular file (a planted symlink, a FIFO) is never read, only removed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..filesystem.reading import open_regular_file, read_up_to

__all__ = ["fold_legacy_files", "legacy_files"]

Tables = dict[str, MutableMapping[str, Any]]
SUFFIXES = (".journal", ".index")
MAX_JOURNAL = 256 << 20  # 0.2 folded its journal into the file at 8 MiB


def _side(target: Path, suffix: str) -> Path:
    return target.with_name(target.name + suffix)


def legacy_files(target: Path) -> bool:
    """True when a side file of qm-tui 0.2 lies beside the database file `target`."""
    return any(os.path.lexists(_side(target, suffix)) for suffix in SUFFIXES)


def fold_legacy_files(target: Path, tables: Tables, *, remove: bool = False) -> Tables:
    """`tables` with the journal's saves applied (or, with `remove`, the side files removed)."""
    if remove:
        for suffix in SUFFIXES:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(_side(target, suffix))  # a link itself, never what it points to
        return tables
    raw = _read_journal(_side(target, ".journal"))
    if raw:
        _replay(raw, tables, _side(target, ".journal"))
    return tables


def _read_journal(path: Path) -> bytes:
    try:
        fd, st = open_regular_file(path, follow_links=False)
    except OSError:  # missing, a symlink (ELOOP), a FIFO, unreadable: nothing of ours to fold
        return b""
    try:
        if st.st_size > MAX_JOURNAL:
            raise StoreError(
                f"{path} is larger than any journal qm-tui 0.2 wrote; it was left as it is. "
                "Move it aside to open the database without it."
            )
        return read_up_to(fd, st.st_size)
    finally:
        os.close(fd)


def _replay(raw: bytes, tables: Tables, path: Path) -> None:
    """Apply every complete line after a header that names these tables' journal token."""
    import orjson

    token = tables.get("meta", {}).get("1", {}).get("journal")
    end = raw.rfind(b"\n") + 1  # a line without its newline was never acknowledged
    position = 0
    for number, line in enumerate(raw[:end].splitlines(keepends=True)):
        start, position = position, position + len(line)
        try:
            entry = orjson.loads(line)
        except orjson.JSONDecodeError:
            entry = None
        if number == 0:
            if not isinstance(token, str) or not isinstance(entry, dict):
                return
            if entry.get("journal") != token:
                return  # a retired journal: the file already holds all of it
            continue
        if not isinstance(entry, dict) or not all(
            isinstance(docs, dict)
            and all(doc is None or isinstance(doc, dict) for doc in docs.values())
            for docs in entry.values()
        ):
            raise StoreError(
                f"{path} is damaged at byte {start}; it was left as it is. Move it "
                "aside to open the database without the saves it holds."
            )
        for table, docs in entry.items():
            target = tables.setdefault(table, {})
            for key, doc in docs.items():
                if doc is None:
                    target.pop(key, None)
                else:
                    target[key] = doc
