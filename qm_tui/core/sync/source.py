"""Reading another copy of the database to merge (a colleague's file, a backup, a sync
conflict copy, git's versions): as guarded as reading the database itself, never written."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from ..database.store import FILE_SCHEMA
from ..filesystem.reading import NotRegularFileError, describe_file_type, read_regular_file
from .merge import MergeError

__all__ = ["MAX_COPY_BYTES", "read_copy"]

MAX_COPY_BYTES = 512 << 20  # far beyond a lifetime of interviews (a few MB per thousand)


def read_copy(
    path: Path, *, database: Path | None = None, empty_ok: bool = False
) -> dict[str, dict[str, Any]]:
    """The tables of the database copy at `path`; MergeError, in one line, for a path that is
    a link, a FIFO or a folder, the database itself, too large, not UTF-8 JSON, not a qm-tui
    database or written by a newer qm-tui. `empty_ok`: an empty file is an empty database
    (git gives one for a file both sides added)."""

    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise MergeError(f"{path}: no such file; nothing was merged") from None
    except OSError as exc:
        raise MergeError(f"cannot read {path}: {exc.strerror}; nothing was merged") from None
    if stat.S_ISLNK(st.st_mode):
        raise MergeError(
            f"{path} is a symbolic link; give the file itself to merge. Nothing was merged."
        )
    if not stat.S_ISREG(st.st_mode):
        kind = describe_file_type(st.st_mode)
        raise MergeError(f"{path} is {kind}, not a database file; nothing was merged")
    if database is not None and database.exists() and os.path.samefile(path, database):
        raise MergeError(f"{path} is this database itself; nothing to merge")
    if st.st_size > MAX_COPY_BYTES:
        raise MergeError(
            f"{path} is {st.st_size >> 20} MB, far larger than a qm-tui database can be "
            f"(at most {MAX_COPY_BYTES >> 20} MB); nothing was merged"
        )
    try:
        raw, _ = read_regular_file(path)
    except NotRegularFileError as exc:
        raise MergeError(f"{path} is {exc.strerror}; nothing was merged") from None
    except OSError as exc:
        raise MergeError(f"cannot read {path}: {exc.strerror}; nothing was merged") from None
    if not raw.strip():
        if empty_ok:
            return {}
        raise MergeError(f"{path} is empty, not a database; nothing was merged")
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise MergeError(f"{path}: its JSON is nested too deeply; nothing was merged") from None
    except UnicodeDecodeError:
        raise MergeError(f"{path} is not UTF-8 text, not a database; nothing was merged") from None
    except ValueError as exc:
        raise MergeError(
            f"{path} is not valid JSON ({exc}); it may be truncated or corrupt. Nothing was merged."
        ) from None
    if (
        not isinstance(data, dict)
        or not all(
            isinstance(t, dict) and all(isinstance(d, dict) for d in t.values())
            for t in data.values()
        )
        or not data.keys() & {"meta", "interviews", "trash"}
    ):
        raise MergeError(f"{path} is JSON but not a qm-tui database; nothing was merged")
    schema = data.get("meta", {}).get("1", {}).get("schema", FILE_SCHEMA)
    if not isinstance(schema, int) or schema > FILE_SCHEMA:
        raise MergeError(
            f"{path} was written by a newer qm-tui (file schema {str(schema)[:20]!r}); upgrade "
            "qm-tui to merge it. Nothing was merged."
        )
    return data
