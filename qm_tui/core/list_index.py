"""The list index: the list's rows in a small file beside the database, for a fast start-up.

`<db>.index` holds, newest first, one row per listed interview: id, date, name, organisation,
status, answered, questions, updated. The app paints its first page from it and reads the whole
database in a thread afterwards; the database stays the source of truth.

The index is written (not durably: it can always be rebuilt) after every full write of the
database and whenever a full read finds it missing or stale. It is used only when its stamp
matches the database as it is now: the file's inode, size, mtime and ctime, and the journal
token the database carries. Saves journaled since (by this or another process) are applied from
the journal's lines after the offset the index records. Anything else (no index, another stamp,
a journal that does not continue it, a file that is not a valid index) means "read the
database", never a guess.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import StoreError
from .rules import count_answered

if TYPE_CHECKING:
    from .summary import Summary

__all__ = ["index_path", "read_index", "row_of", "stamp_of", "write_index"]

VERSION = 1
Row = list[Any]  # [id, date, name, organisation, status, answered, questions, updated]
_TEXTS = (1, 2, 3, 4, 7)  # the row's positions that hold text


def index_path(db_path: Path) -> Path:
    """Where the index of the database at `db_path` lives (beside the file a link points to)."""
    target = Path(os.path.realpath(db_path))
    return target.with_name(target.name + ".index")


def stamp_of(st: os.stat_result) -> list[int]:
    """What identifies one version of the database file (a rename or chmod changes ctime)."""
    return [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def row_of(interview_id: int, doc: dict[str, Any]) -> Row:
    """The index row of a document that passed the store's shape check."""
    answers = doc.get("answers", [])
    return [
        interview_id,
        doc.get("date", ""),
        doc.get("name", ""),
        doc.get("organisation", ""),
        doc.get("status", "draft"),
        count_answered(str(a.get("answer", "")) for a in answers),
        len(answers),
        doc.get("updated", ""),
    ]


def write_index(
    db_path: Path, st: os.stat_result, token: str | None, offset: int, rows: list[Row]
) -> None:
    """Write the index of the database version `st` (with the journal read up to `offset`).

    A failure leaves no index or the old one, whose stamp no longer matches: never an error.
    """
    from .storage import atomic_write

    data = {
        "qm-tui-list-index": VERSION,
        "stamp": stamp_of(st),
        "token": token,
        "journal": offset,
        "rows": rows,
    }
    with contextlib.suppress(StoreError, OSError, ValueError):
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        atomic_write(index_path(db_path), text.encode(), durable=False)


def read_index(db_path: Path) -> list[Summary] | None:
    """The list's rows from the index if it describes the database as it is now, else None."""
    rows = read_rows(db_path)
    if rows is None:
        return None
    from .summary import Summary

    return [Summary(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]


def read_rows(db_path: Path) -> list[Row] | None:
    """The index's rows, with the journaled saves applied, or None when it cannot be used."""
    try:
        st = os.stat(db_path)
        with open(index_path(db_path), "rb") as fh:
            data = json.loads(fh.read())
    except (OSError, ValueError, RecursionError):
        return None
    if not (
        type(data) is dict
        and data.get("qm-tui-list-index") == VERSION
        and data.get("stamp") == stamp_of(st)
        and type(data.get("rows")) is list
        and type(data.get("journal")) is int
        and (data.get("token") is None or type(data.get("token")) is str)
    ):
        return None
    rows: list[Row] = data["rows"]
    if not all(_valid(row) for row in rows):
        return None
    changes = _journaled(db_path, data["token"], data["journal"])
    if changes is None:
        return None
    if changes:
        rows = _apply(rows, changes)
    return rows


def _valid(row: Any) -> bool:
    return (
        type(row) is list
        and len(row) == 8
        and type(row[0]) is int
        and row[0] > 0
        and type(row[5]) is int
        and type(row[6]) is int
        and all(type(row[i]) is str for i in _TEXTS)
    )


def _journaled(db_path: Path, token: str | None, offset: int) -> dict[str, Any] | None:
    """The interviews saved to the journal after `offset`, newest last; None if unusable."""
    target = Path(os.path.realpath(db_path))
    try:
        with open(target.with_name(target.name + ".journal"), "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        return {} if offset == 0 else None
    except OSError:
        return None
    header = data[: data.find(b"\n") + 1]  # empty without a complete first line
    try:
        first = json.loads(header) if header else None
    except ValueError:
        first = None
    if token is None or not isinstance(first, dict) or first.get("journal") != token:
        # a retired journal (or none for this version of the database): nothing continues it
        return {} if offset == 0 else None
    start = len(header)
    if offset > len(data) or 0 < offset < start or data[offset - 1 : offset] not in (b"", b"\n"):
        return None
    body = data[max(offset, start) :]
    changes: dict[str, Any] = {}
    for line in body[: body.rfind(b"\n") + 1].splitlines():  # complete lines only
        try:
            entry = json.loads(line)
        except (ValueError, RecursionError):
            return None
        if type(entry) is not dict or type(entry.get("interviews", {})) is not dict:
            return None
        changes.update(entry.get("interviews", {}))
    return changes


def _apply(rows: list[Row], changes: dict[str, Any]) -> list[Row]:
    """The rows with the journaled documents in place (a document of the wrong shape is left
    out, as the store leaves it out), newest first again."""
    from .store import _id_of, _shape_problem

    by_id = {row[0]: row for row in rows}
    for key, doc in changes.items():
        interview_id = _id_of(key)
        if interview_id is None:
            continue
        if doc is None or _shape_problem(doc) is not None:
            by_id.pop(interview_id, None)
        else:
            by_id[interview_id] = row_of(interview_id, doc)
    return sorted(by_id.values(), key=lambda r: (r[7], r[0]), reverse=True)
