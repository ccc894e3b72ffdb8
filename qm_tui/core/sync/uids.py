"""Every interview's uid, the name it has in every copy of the database.

A database written before uids gets them on its next write. An interview there gets a uid
derived from its id and creation time, so two copies of one old database name each interview
alike and can still be merged; a new interview gets a random one (`model.new_uid`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, MutableMapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..interview.model import new_uid

if TYPE_CHECKING:
    from ..interview.model import Interview

__all__ = [
    "assign_missing_uids",
    "bury",
    "legacy_uid",
    "tombstone_uids",
    "uids_for_import",
    "uids_in_use",
]

# the namespace of uids derived for interviews made before uids existed
_LEGACY = uuid.UUID("6f0b7c1e-8d47-4a43-9a1e-2f7b9d1c5e30")

Tables = MutableMapping[str, Any]  # table name -> table (key -> document)


def legacy_uid(interview_id: int | str, created: object) -> str:
    """The uid of an interview stored before uids: the same in every copy of that database."""
    return str(uuid.uuid5(_LEGACY, f"{interview_id} {created}"))


def assign_missing_uids(tables: Tables, *, every: bool = False) -> list[tuple[str, str]]:
    """Give every interview (live and in the trash) without a uid its `legacy_uid`; returns
    (table, key) of each document changed. Documents that are not objects are left alone.

    Done once per database: `meta`'s `uids` then says every interview has one (new ones get
    theirs at creation), so later writes need not read every document; `every` looks anyway.
    """
    meta = tables.get("meta", {}).get("1")
    if meta is not None and (
        not isinstance(meta, dict) or (meta.get("uids") is True and not every)
    ):
        return []  # done, or a broken meta document (the store refuses to write over it)
    changed: list[tuple[str, str]] = [("meta", "1")]
    interviews = tables.get("interviews", {})
    for key in list(interviews):
        doc = interviews[key]
        if isinstance(doc, dict) and "uid" not in doc:
            interviews[key] = {**doc, "uid": legacy_uid(key, doc.get("created", ""))}
            changed.append(("interviews", key))
    trash = tables.get("trash", {})
    for key in list(trash):
        entry = trash[key]
        doc = entry.get("interview") if isinstance(entry, dict) else None
        if isinstance(doc, dict) and "uid" not in doc:
            new_doc = {**doc, "uid": legacy_uid(key, doc.get("created", ""))}
            trash[key] = {**entry, "interview": new_doc}
            changed.append(("trash", key))
    tables.setdefault("meta", {})["1"] = {**(meta or {}), "uids": True}
    return changed


def uids_in_use(tables: Tables) -> set[str]:
    """The uids of the interviews stored (live or in the trash; `legacy_uid` for one stored
    before uids) and of those purged."""
    found: set[str] = set()
    for name in ("interviews", "trash"):
        for key, item in tables.get(name, {}).items():
            doc = item.get("interview") if name == "trash" and isinstance(item, dict) else item
            if isinstance(doc, dict):
                found.add(str(doc.get("uid") or legacy_uid(key, doc.get("created", ""))))
    return found | tombstone_uids(tables)


def tombstone_uids(tables: Tables) -> set[str]:
    """The uids of interviews purged from this database (see `merge.bury`)."""
    return {
        str(entry["uid"])
        for entry in tables.get("tombstones", {}).values()
        if isinstance(entry, dict) and "uid" in entry
    }


def uids_for_import(
    interviews: Iterable[Interview], used: set[str]
) -> tuple[list[Interview], list[str]]:
    """The interviews to import, each keeping its uid unless the database already has it
    (or had it: purged) or an earlier one of them has it; those get a new uid and a warning.
    An interview without a uid (a JSON document from elsewhere) gets a new one silently."""

    taken = set(used)
    out: list[Interview] = []
    warnings: list[str] = []
    for n, interview in enumerate(interviews, 1):
        if not interview.uid:
            interview = replace(interview, uid=new_uid())
        elif interview.uid in taken:
            warnings.append(
                f"imported interview {n} has uid {interview.uid}, which the database holds "
                "(or held); it was added as a new interview with a new uid (merge copies of one "
                "database with 'qm-tui merge' instead)"
            )
            interview = replace(interview, uid=new_uid())
        taken.add(interview.uid)
        out.append(interview)
    return out, warnings


def bury(tables: Tables, keys: list[str], now: str) -> None:
    """Before trashed interviews are purged: a tombstone for each (uid, when it was deleted,
    when purged), so no merge brings an unchanged copy back."""
    trash = tables.get("trash", {})
    stones = tables.get("tombstones")
    found = []
    for key in keys:
        entry = trash.get(key)
        doc = entry.get("interview") if isinstance(entry, dict) else None
        if isinstance(doc, dict) and isinstance(doc.get("uid"), str):
            found.append(
                {"uid": doc["uid"], "deleted": str(entry.get("deleted", now)), "purged": now}
            )
    if not found:
        return
    if stones is None:
        stones = tables["tombstones"] = {}
    taken = {int(k) for k in stones if k.isascii() and k.isdigit()}
    next_key = max(taken, default=0) + 1
    for stone in found:
        stones[str(next_key)] = stone
        next_key += 1
