"""InterviewStore: interviews in a TinyDB JSON file, with a trash and a per-field history.

Tables in the file (all plain TinyDB tables):
- `meta`: document 1 holds `schema` (the file format version) and `next_id` (ids are never reused).
- `interviews`: interview documents keyed by id.
- `trash`: deleted interviews, `{"deleted": timestamp, "interview": document}`, keyed by their id.
- `history`: per interview id, earlier values of changed fields, newest last, bounded.

Reads and writes take one path, through `AtomicJSONStorage`: reads see the file as it is (a
cache checked against it), every change is one locked read-modify-write of the whole file, written
atomically and in the file when the call returns. The file stays a plain TinyDB file that stock
TinyDB opens and writes.
"""

from __future__ import annotations

import builtins
import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import DocumentError, NotFoundError, StoreError
from ..interview.model import Interview, now_iso
from ..interview.summary import Summary
from ..sync.fields import stamp_save
from ..sync.merge import deep_copy
from ..sync.uids import assign_missing_uids, bury, legacy_uid, uids_in_use
from .json_storage import AtomicJSONStorage, NoChange, Tables

__all__ = [
    "FILE_SCHEMA",
    "InterviewStore",
    "NotFoundError",
    "SaveResult",
    "StoreError",
]

FILE_SCHEMA = 2  # 2: interviews carry `uid`, `changed` and `review` (0.2 wrote 1)
HISTORY_LIMIT = 100  # versions kept per field
HISTORY_SPACING = 60.0  # seconds: versions closer than this are folded into the newest


class Stored(NamedTuple):
    """An interview with its database id."""

    id: int
    interview: Interview


class Trashed(NamedTuple):
    """A deleted interview, restorable until purged."""

    id: int
    deleted: str
    interview: Interview


class Version(NamedTuple):
    """An earlier value of one field, as it was until `saved`."""

    field: str
    value: str
    saved: str
    conflict: bool = False  # the other side of a merge conflict (see `sync.merge`)


class SaveResult(NamedTuple):
    """The interview as saved, and whether another process had changed it in between.

    `id` is where it is stored: a new one when `save(readd=True)` found it deleted elsewhere
    (then `readded` is true).
    """

    interview: Interview
    conflict: bool
    id: int = 0
    readded: bool = False


def flatten(doc: dict[str, Any]) -> dict[str, str]:
    """Field path -> text for every editable text in a document (`answers.2`, `contact.email`)."""
    flat: dict[str, str] = {}
    for key, value in doc.items():
        if key == "changed":
            continue
        if isinstance(value, str):
            flat[key] = value
        elif key == "answers" and isinstance(value, list):
            for i, item in enumerate(value, 1):
                if isinstance(item, dict):
                    flat[f"answers.{i}"] = str(item.get("answer", ""))
        elif isinstance(value, dict):
            for sub, text in value.items():
                flat[f"{key}.{sub}"] = str(text)
    return flat


class InterviewStore:
    """Interviews, trash and history in one crash-safe TinyDB file."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        """Open (and read) the database at `path`; a side journal an earlier qm-tui left is
        folded into the file on the way."""
        self.path = Path(path)
        self._storage = AtomicJSONStorage(self.path)
        self.skipped: dict[str, str] = {}  # what the reads left out -> why
        tables = self._read()
        self._check_schema(tables)
        if tables or self.path.exists():
            self._fold_legacy()

    def _fold_legacy(self) -> None:
        try:
            self._storage.fold_legacy()
        except StoreError as exc:  # read-only, say: read with the journal applied, write later
            if not exc.code.startswith("save."):
                raise

    # -- reading -------------------------------------------------------------------------

    def _read(self) -> Tables:
        """The tables as stored now (shared with the storage's cache: never change them)."""
        return self._storage.read() or {}

    def _check_schema(self, tables: Tables) -> None:
        meta = tables.get("meta", {}).get("1", {})
        schema = meta.get("schema", FILE_SCHEMA) if isinstance(meta, dict) else None
        if type(schema) is not int or schema < 1:
            raise StoreError(
                f"{self.path}: the file schema (meta schema) is {str(schema)[:40]!r}, not a "
                f"version number; it was left as it is. Set it to {FILE_SCHEMA} if this is a "
                "qm-tui database."
            )
        if schema > FILE_SCHEMA:
            raise StoreError(
                f"{self.path} was written by a newer qm-tui (file schema {schema}); "
                "upgrade qm-tui to open it"
            )

    def documents(self) -> list[dict[str, Any]]:
        """All readable interview documents with `id`, newest first (by `updated`, then id).

        Documents of the wrong shape are left out and named in `skipped` (and left as they
        are in the file: no write ever drops them).
        """
        return [{**doc, "id": interview_id} for interview_id, doc in self._listed(self._read())]

    def _listed(self, tables: Tables) -> builtins.list[tuple[int, dict[str, Any]]]:
        """(id, document) of every readable interview, newest first (the stored dicts: never
        change them)."""
        listed: builtins.list[tuple[int, dict[str, Any]]] = []
        for key, doc in tables.get("interviews", {}).items():
            interview_id = _id_of(key)
            problem = "the id is not a number" if interview_id is None else _shape_problem(doc)
            if problem is not None or interview_id is None:
                self._skip(f"interview {_short(key)!r}", str(problem))
                continue
            listed.append((interview_id, doc))
        listed.sort(key=lambda item: (str(item[1].get("updated", "")), item[0]), reverse=True)
        return listed

    def summaries(self) -> builtins.list[Summary]:
        """Every readable interview as a list row, newest first (no full validation: cheap for
        thousands)."""
        return [Summary.from_document(doc, i) for i, doc in self._listed(self._read())]

    def list(self) -> builtins.list[Stored]:
        """All valid interviews, newest first (invalid ones are named in `skipped`)."""
        out = []
        for d in self.documents():
            try:
                out.append(Stored(d["id"], self._parse(d["id"], d)))
            except StoreError as exc:
                self._skip(f"interview {d['id']}", str(exc).rpartition(" is invalid: ")[2])
        return out

    def _skip(self, what: str, why: str) -> None:
        self.skipped[what] = why

    def skipped_summary(self) -> str | None:
        """One line naming what the last reads left out, or None when everything was read."""
        if not self.skipped:
            return None
        parts = "; ".join(f"{what}: {why}" for what, why in self.skipped.items())
        return f"{self.path}: skipped what could not be read (left as it is in the file): {parts}"

    def get(self, interview_id: int) -> Interview:
        """One interview; NotFoundError if there is none with that id."""
        return self._parse(interview_id, self.document(interview_id))

    def document(self, interview_id: int) -> dict[str, Any]:
        """One interview's raw document (without `id`)."""
        doc = self._read().get("interviews", {}).get(str(interview_id))
        if doc is None:
            raise NotFoundError(f"no interview with id {interview_id}")
        problem = _shape_problem(doc)
        if problem is not None:
            raise StoreError(f"{self.path}: interview {interview_id} is invalid: {problem}")
        return dict(doc)

    def __len__(self) -> int:
        return len(self._read().get("interviews", {}))

    def trash(self) -> builtins.list[Trashed]:
        """Deleted interviews, most recently deleted first."""
        items = []
        for key, entry in self._read().get("trash", {}).items():
            interview_id = _id_of(key)
            try:
                if interview_id is None:
                    raise StoreError("the id is not a number")
                if "interview" not in entry:
                    raise StoreError("it holds no interview")
                interview = self._parse(interview_id, entry["interview"])
            except StoreError as exc:
                self._skip(f"trash entry {_short(key)!r}", str(exc).rpartition(" is invalid: ")[2])
                continue
            items.append(Trashed(interview_id, str(entry.get("deleted", "")), interview))
        items.sort(key=lambda t: (t.deleted, t.id), reverse=True)
        return items

    def uids(self) -> set[str]:
        """The uids of every interview stored (live or trashed) or purged from this database."""
        return uids_in_use(self._read())

    def history(self, interview_id: int, field: str | None = None) -> builtins.list[Version]:
        """Earlier values of the interview's fields (or of one field), newest first."""
        per_field = self._read().get("history", {}).get(str(interview_id), {})
        if not isinstance(per_field, dict):
            self._skip(f"history of interview {interview_id}", "not an object of fields")
            per_field = {}
        versions = []
        for name, entries in per_field.items():
            if field is not None and name != field:
                continue
            if not isinstance(entries, builtins.list):
                self._skip(f"history of {name} in interview {interview_id}", "not a list")
                continue
            for v in entries:
                if isinstance(v, dict) and isinstance(v.get("value"), str):
                    saved = str(v.get("saved", ""))
                    versions.append(Version(name, v["value"], saved, v.get("conflict") is True))
                else:
                    what = f"history of {name} in interview {interview_id}"
                    self._skip(what, "an entry is not a version")
        versions.sort(key=lambda v: v.saved, reverse=True)
        return versions

    # -- writing -------------------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Tables]:
        """The storage's transaction on a file of a schema this qm-tui knows, written as this
        schema, with uids given first to interviews stored without one."""
        with self._storage.transaction() as tables:
            self._check_schema(tables)
            assign_missing_uids(tables)
            _stamp_schema(tables)
            yield tables

    def add(self, interview: Interview) -> int:
        """Store a new interview; returns its id."""
        return self.add_many([interview])[0]

    def add_many(self, interviews: Iterable[Interview]) -> builtins.list[int]:
        """Store several new interviews in one write; returns their ids in order.

        Every write stores the status the rule gives (`Interview.settled_status`), whoever made
        the interview (an import, a merge, a front matter that says `draft`)."""
        items = [interview.with_status() for interview in interviews]
        with self._transaction() as tables:
            self._check_schema(tables)
            ids = [self._insert(tables, self._writable(interview.to_dict())) for interview in items]
        return ids

    def save(
        self,
        interview_id: int,
        interview: Interview,
        base: Interview | None = None,
        *,
        readd: bool = False,
    ) -> SaveResult:
        """Overwrite an interview, keeping earlier values of changed fields in its history.

        `updated` is set to now. If `base` (the version the caller started from) differs from
        what is stored, another process changed it meanwhile: the save still happens (typed
        text wins and the other version stays in the history), and `conflict` says so.
        If the interview is gone (deleted in another window), NotFoundError; with `readd` the
        text is stored anew under a new id instead, in the same write, so nothing typed is lost.
        """
        saved = replace(interview.with_status(), updated=now_iso())
        new = self._writable(saved.to_dict())
        conflict = False
        with self._transaction() as tables:
            self._check_schema(tables)
            table = tables.get("interviews", {})
            old = table.get(str(interview_id))
            if old is None:
                if not readd:
                    raise NotFoundError(f"no interview with id {interview_id}")
                new = stamp_save(None, new, new["updated"])
                new_id = self._insert(tables, new)
                return SaveResult(_stamped(saved, new), conflict=True, id=new_id, readded=True)
            conflict = base is not None and old != base.to_dict()
            new = stamp_save(old, new, new["updated"])  # the uid kept, the fields' change times
            saved = _stamped(saved, new)
            if new == {**old, "updated": new["updated"]}:
                saved = self._parse(interview_id, old)
                raise NoChange
            self._record_history(tables, interview_id, old, new, keep=conflict)
            table[str(interview_id)] = new
        return SaveResult(saved, conflict, interview_id)

    def delete(self, interview_id: int) -> None:
        """Move an interview to the trash."""
        with self._transaction() as tables:
            doc = tables.get("interviews", {}).pop(str(interview_id), None)
            if doc is None:
                raise NotFoundError(f"no interview with id {interview_id}")
            tables.setdefault("trash", {})[str(interview_id)] = {
                "deleted": _now(),
                "interview": doc,
            }

    def restore(self, interview_id: int) -> Stored:
        """Bring an interview back from the trash: under its old id, or under a new one when
        that id has been taken meanwhile (by a stock TinyDB insert, a hand edit, a merge).

        An entry that holds no valid interview is refused and stays in the trash.
        """
        with self._transaction() as tables:
            entry = tables.get("trash", {}).get(str(interview_id))
            if entry is None:
                raise NotFoundError(f"no interview with id {interview_id} in the trash")
            doc = entry.get("interview")
            if not isinstance(doc, dict):
                raise StoreError(
                    f"{self.path}: trash entry {interview_id} holds no interview; left as it is"
                )
            interview = self._parse(interview_id, doc)  # before anything moves
            del tables["trash"][str(interview_id)]
            if str(interview_id) in tables.get("interviews", {}):
                new_id = self._insert(tables, doc)
                history = tables.get("history", {})
                if str(interview_id) in history and str(new_id) not in history:
                    history[str(new_id)] = history.pop(str(interview_id))
                return Stored(new_id, interview)
            tables.setdefault("interviews", {})[str(interview_id)] = doc
        return Stored(interview_id, interview)

    def purge(self, interview_id: int | None = None) -> int:
        """Delete for good one trashed interview (or all of them); returns how many."""
        with self._transaction() as tables:
            trash = tables.get("trash", {})
            keys = list(trash) if interview_id is None else [str(interview_id)]
            if interview_id is not None and str(interview_id) not in trash:
                raise NotFoundError(f"no interview with id {interview_id} in the trash")
            history = tables.get("history", {})
            bury(tables, keys, _now())  # tombstones: no merge brings them back
            for key in keys:
                del trash[key]
                history.pop(key, None)
        return len(keys)

    def rewrite(
        self, change: Callable[[dict[str, dict[str, Any]]], dict[str, dict[str, Any]] | None]
    ) -> bool:
        """One locked read-modify-write of the whole file, for a change to many documents (a
        merge): `change` gets plain copies of the tables as they are now and returns the
        tables to store (None: nothing is written). True if written."""
        written = False
        with self._storage.transaction() as tables:
            self._check_schema(tables)
            plain = deep_copy(tables)
            new = change(plain)
            if new is None:
                raise NoChange
            self._check_schema(dict(new))
            for name in [n for n in tables if n not in new]:
                del tables[name]
            tables.update(new)
            _stamp_schema(tables)
            written = True
        return written

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the write lock while a tool outside the store (git) reads and replaces the
        file: every save waits until it is done. Everything saved so far is in the file."""
        with self._storage.transaction():
            yield
            raise NoChange

    # -- helpers -------------------------------------------------------------------------

    def _insert(self, tables: Tables, doc: dict[str, Any]) -> int:
        """Store a document under the next id (ids are never reused); returns the id."""
        meta = self._meta(tables)
        new_id = int(meta["next_id"])
        taken = [_id_of(k) or 0 for t in ("interviews", "trash") for k in tables.get(t, {})]
        if taken and max(taken) >= new_id:  # added around qm-tui (stock TinyDB, a hand edit)
            new_id = max(taken) + 1
        meta["next_id"] = new_id + 1
        tables.setdefault("interviews", {})[str(new_id)] = doc
        return new_id

    def _meta(self, tables: Tables) -> dict[str, Any]:
        meta: dict[str, Any] = tables.setdefault("meta", {}).setdefault("1", {})
        meta.setdefault("schema", FILE_SCHEMA)
        used = [_id_of(k) or 0 for t in ("interviews", "trash") for k in tables.get(t, {})]
        if "next_id" not in meta:
            meta["next_id"] = max(used, default=0) + 1
        next_id = meta["next_id"]
        if type(next_id) is not int or not 0 < next_id < MAX_ID:
            # the counter keeps purged ids from coming back; never guess over a broken one
            raise StoreError(
                f"{self.path}: the id counter (meta next_id) is {str(next_id)[:40]!r}, not a "
                f"usable number; nothing was added. Set it to {max(used, default=0) + 1} or more."
            )
        return meta

    def _record_history(
        self,
        tables: Tables,
        interview_id: int,
        old: dict[str, Any],
        new: dict[str, Any],
        keep: bool = False,
    ) -> None:
        """Append the changed fields' old values; `keep` marks them never to be folded away
        (another process's version, overwritten in a conflict)."""
        before, after = flatten(old), flatten(new)
        per_field = tables.setdefault("history", {}).setdefault(str(interview_id), {})
        now = new["updated"]
        for name, value in before.items():
            if name in ("updated", "created") or after.get(name) == value:
                continue
            entries = per_field.setdefault(name, [])
            if not isinstance(entries, builtins.list):
                raise StoreError(
                    f"{self.path}: the history of {name} in interview {interview_id} is not a "
                    "list of versions; nothing was saved (fix or remove it in the file)"
                )
            last = entries[-1] if entries and isinstance(entries[-1], dict) else {}
            if last.get("value") == value:
                continue
            entry: dict[str, Any] = {"value": value, "saved": now}
            if keep:
                entry["kept"] = True
            if (
                len(entries) >= 2
                and all(isinstance(e, dict) for e in entries[-2:])  # never fold away odd entries
                and not entries[-1].get("kept")
                and _seconds_between(entries[-2], entries[-1]) < HISTORY_SPACING
            ):
                entries[-1] = entry
            else:
                entries.append(entry)
            del entries[:-HISTORY_LIMIT]

    def _writable(self, doc: dict[str, Any]) -> dict[str, Any]:
        """`doc`, if it can be written as JSON text; StoreError before any file is touched for
        text that cannot (a lone surrogate)."""
        import orjson

        try:
            orjson.dumps(doc)
        except orjson.JSONEncodeError as exc:
            raise StoreError(f"cannot save: the text cannot be written as JSON ({exc})") from None
        return doc

    def _parse(self, interview_id: int, doc: Any) -> Interview:
        try:
            interview = Interview.from_dict(doc)
        except DocumentError as exc:
            raise StoreError(f"{self.path}: interview {interview_id} is invalid: {exc}") from None
        if interview.uid:
            return interview
        # stored before uids: the uid its next write gives it (see `assign_missing_uids`)
        return replace(interview, uid=legacy_uid(interview_id, interview.created))


MAX_ID = 10**15  # ids are decimal keys; longer ones are refused before int() sees them


def _stamp_schema(tables: Tables) -> None:
    """Mark the file as written by this schema (an older qm-tui then asks to be upgraded
    instead of skipping every interview for its unknown fields)."""
    meta = tables.setdefault("meta", {}).setdefault("1", {})
    if isinstance(meta, dict):
        meta["schema"] = FILE_SCHEMA


def _id_of(key: str) -> int | None:
    """The interview id a table key stands for, or None for a key that is not one."""
    if not (key.isascii() and key.isdigit() and len(key) <= 15):
        return None
    value = int(key)
    return value if value > 0 and str(value) == key else None


def _short(key: str) -> str:
    return key if len(key) <= 20 else key[:20] + "…"


_TEXT_KEYS = (
    "question_set name title organisation date interviewer quote status created updated notes"
).split()


def _shape_problem(doc: Any) -> str | None:
    """Why a raw document cannot be listed (texts that are not text, …), or None.

    Cheaper than a full `Interview.from_dict`, which reading one interview still does.
    """
    if type(doc) is not dict:
        return "not an object"
    for key in _TEXT_KEYS:
        value = doc.get(key, "")
        if type(value) is not str:
            return f"{key!r} must be text, not {type(value).__name__}"
    answers = doc.get("answers", [])
    if type(answers) is not builtins.list:
        return "'answers' must be a list"
    for i, item in enumerate(answers, 1):
        if type(item) is not dict or any(type(v) is not str for v in item.values()):
            return f"answer {i} must be an object of texts"
    for box in ("facts", "contact"):
        value = doc.get(box, {})
        if type(value) is not dict or any(type(v) is not str for v in value.values()):
            return f"{box!r} must be an object of texts"
    return None


def _stamped(interview: Interview, doc: dict[str, Any]) -> Interview:
    """The interview with the uid and change times `stamp_save` gave its document."""
    changed = tuple(sorted(doc.get("changed", {}).items()))
    return replace(interview, uid=str(doc.get("uid", "")), changed=changed)


def _now() -> str:
    return now_iso()


def _seconds_between(a: dict[str, Any], b: dict[str, Any]) -> float:
    try:
        ta = dt.datetime.fromisoformat(str(a["saved"]))
        tb = dt.datetime.fromisoformat(str(b["saved"]))
    except (KeyError, ValueError):
        return HISTORY_SPACING
    return abs((tb - ta).total_seconds())
