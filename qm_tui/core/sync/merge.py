"""Joining two copies of the database, interview by interview (by uid) and field by field.

Pure: tables in, tables and a report out; the store writes the result. The rules:

- a field changed on one side only takes that side's text. With a common ancestor (git gives
  one) "changed" means "differs from the ancestor"; without one, a side whose text the other
  side has in its history moved on from it;
- a field changed on both sides keeps the later change (by the `changed` times) and puts the
  other text in the field's history, marked as a conflict (the app shows it at the field);
- interviews on one side only are added (a new local id when the number is taken here);
- deleted on one side and untouched since on the other: deleted; edited after the deletion:
  kept, with a warning. A purged interview leaves a tombstone (uid -> times) so that no merge
  brings an unchanged copy of it back;
- histories are joined.

Everything is decided from the two inputs alone (no clock), so merging again changes nothing
and merging A into B gives the same interviews as B into A.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import QMError
from ..interview.model import DocumentError, Interview
from ..interview.status import AUTO_STATUSES
from .fields import QUESTIONS, answer_keys, key_of_path, keyed_texts, keyed_times, path_of_key
from .uids import assign_missing_uids

if TYPE_CHECKING:
    from ..database.store import Version
    from ..interview.model import Interview

__all__ = ["MergeError", "MergeResult", "merge_tables", "open_conflicts"]

Tables = dict[str, dict[str, Any]]
HISTORY_LIMIT = 100  # versions kept per field (as the store keeps)


class MergeError(QMError):
    """Copies that cannot be merged as they are; nothing is written."""


@dataclass
class MergeResult:
    """The merged tables (numbered as the local copy) and what the merge did to the local copy."""

    tables: Tables
    lines: list[str] = field(default_factory=list)  # one per interview changed here
    conflicts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    changed: bool = False

    def summary(self) -> str:
        """One line of counts."""
        c = self.counts
        updated = c.get("updated", 0) + c.get("restored", 0)
        deleted = c.get("deleted", 0) + c.get("removed", 0)
        return (
            f"{c.get('added', 0)} added, {updated} updated, {deleted} deleted, "
            f"{c.get('conflicts', 0)} conflict(s), {c.get('unchanged', 0)} unchanged"
        )


@dataclass
class _Copy:
    """One side's interview: where it is and what it holds."""

    key: str  # its id in that copy
    doc: dict[str, Any]  # normalised (`Interview.from_dict(...).to_dict()`)
    deleted: str | None  # when it went to the trash; None while live
    history: dict[str, Any]


def merge_tables(
    local: Mapping[str, Mapping[str, Any]],
    other: Mapping[str, Mapping[str, Any]],
    ancestor: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    other_name: str = "the other copy",
) -> MergeResult:
    """Merge `other` into `local` (with their common `ancestor`, if known); MergeError for a
    copy that cannot be merged (an invalid interview, a uid twice)."""
    mine, theirs = _plain(local), _plain(other)
    base = _plain(ancestor) if ancestor is not None else None
    a_side, a_bad = _index(mine, "this database", strict=False)
    b_side, _ = _index(theirs, other_name, strict=True)
    try:
        o_side = _index(base, "the ancestor", strict=False)[0] if base is not None else {}
    except MergeError:  # an odd ancestor: merged as if there were none
        o_side = {}
    stones = _tombstones(mine)
    for uid, theirs_stone in _tombstones(theirs).items():
        stones[uid] = _later_stone(stones.get(uid), theirs_stone)

    result = MergeResult(tables={})
    for name, key in a_bad:
        where = "trash entry" if name == "trash" else "interview"
        result.warnings.append(f"{where} {key[:20]!r} here cannot be read: left as it is")
    out_live: dict[str, dict[str, Any]] = {}
    out_trash: dict[str, dict[str, Any]] = {}
    out_history: dict[str, Any] = {}
    placed: list[tuple[str, _Copy, str]] = []  # (uid, merged copy, its key here or "")
    label = {"here": "this database", "there": other_name}

    for uid in sorted(a_side.keys() | b_side.keys()):
        a, b = a_side.get(uid), b_side.get(uid)
        o = o_side.get(uid)
        stone = stones.get(uid)
        merged: _Copy | None
        if a is not None and b is not None:
            merged = _merge_copies(uid, a, b, o, result, label)
        else:
            one = a if a is not None else b
            assert one is not None
            where = "here" if a is not None else "there"
            merged = _one_sided(one, where, o, stone, result, label)
        if merged is None:
            if a is not None:
                result.lines.append(f"removed {a.key} {_name(a.doc)} (purged in {other_name})")
                result.counts["removed"] = result.counts.get("removed", 0) + 1
            continue
        placed.append((uid, merged, a.key if a is not None else ""))

    # ids: the local copy's stay; the other's keep their number when it is free and new here
    meta = dict(mine.get("meta", {}).get("1", {}))
    counter = meta.get("next_id", 1)
    if type(counter) is not int or counter < 1:
        raise MergeError(
            f"this database's id counter (meta next_id) is {str(counter)[:40]!r}, not a usable "
            "number; nothing was merged"
        )
    used = {key for _, _, key in placed if key} | {key for _, key in a_bad}
    next_id = _next_id(meta, mine)
    for uid, merged, key in sorted(placed, key=lambda p: (p[2] == "", _num(p[1].key), p[0])):
        if not key:
            wanted = _num(merged.key)
            free = str(wanted) not in used and wanted >= next_id
            key = str(wanted) if free else str(next_id)
            next_id = max(next_id, int(key) + 1)
            used.add(key)
        if merged.deleted is None:
            out_live[key] = merged.doc
        else:
            out_trash[key] = {"deleted": merged.deleted, "interview": merged.doc}
        if merged.history:
            out_history[key] = merged.history
        _report(result, key, uid, merged, a_side.get(uid), label)

    tables: Tables = {name: dict(t) for name, t in mine.items()}
    for (name, key), raw in a_bad.items():  # unreadable here: left exactly as it is
        (out_live if name == "interviews" else out_trash)[key] = raw
        if key in mine.get("history", {}):
            out_history[key] = mine["history"][key]
    tables["interviews"] = out_live
    tables["trash"] = out_trash
    tables["history"] = out_history
    kept = {uid for uid, _, _ in placed}
    stones = {uid: s for uid, s in stones.items() if uid not in kept}
    tables["tombstones"] = {str(n): stones[uid] for n, uid in enumerate(sorted(stones), 1)}
    for name in ("interviews", "trash", "history", "tombstones"):
        if not tables[name] and name not in mine:
            del tables[name]  # no empty tables the copy did not have
    meta["next_id"] = max(next_id, _next_id(meta, tables))
    meta["uids"] = True
    tables["meta"] = {**tables.get("meta", {}), "1": meta}
    result.tables = tables
    result.changed = tables != mine
    result.counts["unchanged"] = len(placed) - sum(
        result.counts.get(k, 0) for k in ("added", "updated", "deleted", "restored")
    )
    result.counts["conflicts"] = len(result.conflicts)
    return result


# -- one interview -------------------------------------------------------------------------


def _merge_copies(
    uid: str,
    a: _Copy,
    b: _Copy,
    o: _Copy | None,
    result: MergeResult,
    label: dict[str, str],
) -> _Copy | None:
    """Both copies have the interview (live or trashed)."""
    conflicts: list[str] = []
    if a.doc == b.doc and a.history == b.history:  # the usual case: not changed apart
        doc, history = a.doc, a.history
    else:
        doc, history, conflicts = _merge_docs(a, b, o)
    name = _name(doc)
    for path in conflicts:
        result.conflicts.append(f"{name} ({uid[:8]}): {path} changed in both copies")
    if a.deleted is not None and b.deleted is not None:
        return _Copy(a.key, doc, _latest(a.deleted, b.deleted), history)
    if a.deleted is None and b.deleted is None:
        return _Copy(a.key, doc, None, history)
    live, gone = (a, b) if a.deleted is None else (b, a)
    assert gone.deleted is not None
    if _edited_after(live, o, gone.deleted):
        where = label["there" if gone is b else "here"]
        result.warnings.append(
            f"{name} ({uid[:8]}) was deleted in {where} on {gone.deleted} but edited after "
            "that in the other copy: kept"
        )
        return _Copy(a.key, doc, None, history)
    return _Copy(a.key, doc, gone.deleted, history)


def _one_sided(
    one: _Copy,
    where: str,
    o: _Copy | None,
    stone: dict[str, str] | None,
    result: MergeResult,
    label: dict[str, str],
) -> _Copy | None:
    """Only one copy has the interview: added, or gone for good if the other purged it."""
    other_side = label["there" if where == "here" else "here"]
    name = f"{_name(one.doc)} ({str(one.doc.get('uid', ''))[:8]})"
    if stone is not None:
        if not _edited_after(one, o, stone["deleted"]):
            return None
        result.warnings.append(
            f"{name} was deleted for good in {other_side} (deleted on {stone['deleted']}) but "
            f"edited after that in {label[where]}: kept"
        )
        return one
    if o is None:
        return one  # new on one side
    # the common ancestor had it and the other copy dropped it without a trace
    if keyed_texts(one.doc) == keyed_texts(o.doc):
        return None
    result.warnings.append(
        f"{name} is gone from {other_side} but was edited in {label[where]} since: kept"
    )
    return one


def _edited_after(copy_: _Copy, ancestor: _Copy | None, when: str) -> bool:
    """Whether the copy was edited after `when` (never, if it is as the common ancestor)."""
    if ancestor is not None and keyed_texts(copy_.doc) == keyed_texts(ancestor.doc):
        return False
    return _at(str(copy_.doc.get("updated", ""))) > _at(when)


def _merge_docs(
    a: _Copy, b: _Copy, o: _Copy | None
) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """The merged document, its merged history and the field paths that conflicted."""
    va, vb = keyed_texts(a.doc), keyed_texts(b.doc)
    vo = keyed_texts(o.doc) if o is not None else None
    ta, tb = _times(a), _times(b)  # only the times known: a field without one never changed
    ha, hb = _history_values(a), _history_values(b)
    losers: list[tuple[str, str, str, bool]] = []  # (key, text, saved, from_answer_gone)

    def decide(key: str) -> tuple[str, str]:
        """The field's merged text and its recorded change time ("" if neither side has one)."""
        x, y = va.get(key, ""), vb.get(key, "")
        rx, ry = ta.get(key, ""), tb.get(key, "")
        if key == "status" and {x, y} <= set(AUTO_STATUSES):
            x = y = AUTO_STATUSES[0]  # `draft` or `complete` follows the merged text
        if x == y:
            return x, _latest(rx, ry) if rx and ry else rx or ry
        if vo is not None and key in vo:
            if x == vo[key]:
                return y, ry
            if y == vo[key]:
                return x, rx
        else:
            # without an ancestor: the copy that has the other's text in its history moved on
            # from it; a copy with no recorded change to the field never changed it
            x_moved = (y in ha.get(key, ()), bool(rx))
            y_moved = (x in hb.get(key, ()), bool(ry))
            for x_did, y_did in zip(x_moved, y_moved, strict=True):
                if x_did != y_did:
                    return (x, rx) if x_did else (y, ry)
        tx, ty = rx or _fallback(a), ry or _fallback(b)
        won, lost = sorted([(tx, x, rx), (ty, y, ry)], key=lambda p: (_at(p[0]), p[0], p[1]))[::-1]
        losers.append((key, lost[1], won[0], False))
        return won[1], won[2]

    texts: dict[str, str] = {}
    times: dict[str, str] = {}
    for key in sorted((va.keys() | vb.keys()) - {QUESTIONS}):
        if key.startswith("answer:"):
            continue
        texts[key], times[key] = decide(key)
    texts[QUESTIONS], times[QUESTIONS] = decide(QUESTIONS)
    questions = [str(q) for q in json.loads(texts[QUESTIONS])]
    doc = _build(a.doc, b.doc, texts, questions)
    keys = answer_keys(doc)
    for n, key in enumerate(keys):
        if key in va and key in vb:
            text, when = decide(key)
        elif key in va:
            text, when = va[key], ta.get(key, "")
        else:
            text, when = vb.get(key, ""), tb.get(key, "")
        doc["answers"][n]["answer"] = text
        times[key] = when
    history = _join_histories(_remapped(a, doc), _remapped(b, doc))
    kept_texts = {str(e.get("value")) for es in history.values() for e in es if isinstance(e, dict)}
    for side, values in ((a, va), (b, vb)):  # answers to questions the merge dropped
        for key, text in values.items():
            dropped = key.startswith("answer:") and key not in keys and text.strip()
            if dropped and text not in kept_texts:  # not in a history (a removal keeps it)
                gone_at = times[QUESTIONS] or _latest(_fallback(a), _fallback(b))
                losers.append((path_of_key(side.doc, key) or key, text, gone_at, True))
    changed = {}
    for key in sorted(times):
        at = path_of_key(doc, key)
        if at is not None and times[key]:
            changed[at] = times[key]
    if changed:
        doc["changed"] = changed
    doc = _normalised(doc)
    conflicts = []
    for key, text, saved, gone in losers:
        path = key if gone else (path_of_key(doc, key) or key)
        entry = {"value": text, "saved": saved, "kept": True, "conflict": True}
        entries = history.setdefault(path, [])
        if not any(_same_entry(e, entry) for e in entries):
            conflicts.append(path)
        history[path] = _join_entries(entries, [entry])
    return doc, history, conflicts


def _build(
    a: dict[str, Any], b: dict[str, Any], texts: dict[str, str], questions: list[str]
) -> dict[str, Any]:
    """A document with the merged texts and questions (answers filled in by the caller)."""
    doc: dict[str, Any] = {"schema": a.get("schema", 1), "uid": a["uid"]}
    for key, text in texts.items():
        if key == QUESTIONS:
            continue
        head, _, sub = key.partition(".")
        if sub:
            doc.setdefault(head, {})[sub] = text
        else:
            doc[key] = text
    doc["answers"] = [{"question": q, "answer": ""} for q in questions]
    doc["created"] = _earliest(str(a.get("created", "")), str(b.get("created", "")))
    doc["updated"] = _latest(str(a.get("updated", "")), str(b.get("updated", "")))
    warnings_a, warnings_b = a.get("import_warnings", []), b.get("import_warnings", [])
    if warnings_a or warnings_b:
        by_age = sorted(
            [
                (_at(str(d.get("updated", ""))), json.dumps(w), w)
                for d, w in ((a, warnings_a), (b, warnings_b))
            ]
        )
        doc["import_warnings"] = by_age[-1][2]
    return doc


def _normalised(doc: dict[str, Any]) -> dict[str, Any]:
    """The document as the model writes it, with the status the merged text gives (one copy's
    `draft` beside the other's last answer is `complete`)."""
    return Interview.from_dict(doc).with_status().to_dict()


# -- times and histories -------------------------------------------------------------------


def _at(when: str) -> tuple[str, str]:
    """A time as something to compare: in UTC when it is ISO 8601 with an offset (copies on
    machines in other time zones compare right), then as written."""
    try:
        moment = dt.datetime.fromisoformat(when)
    except ValueError:
        return ("", when)
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return (moment.isoformat(), when)


def _latest(x: str, y: str) -> str:
    return max(x, y, key=_at)


def _earliest(x: str, y: str) -> str:
    return min(x, y, key=_at)


def _fallback(c: _Copy) -> str:
    """When a field with no recorded change time last changed: at creation, as far as known."""
    return str(c.doc.get("created", ""))


def _times(c: _Copy) -> dict[str, str]:
    """Field key -> when it last changed: `changed`, else the field's newest history entry (the
    time its current text replaced the one before)."""
    times = keyed_times(c.doc)
    for path, entries in c.history.items():
        key = key_of_path(c.doc, path)
        if key is None or key in times or not isinstance(entries, list):
            continue
        saved = [str(e.get("saved", "")) for e in entries if isinstance(e, dict)]
        if saved:
            times[key] = max(saved, key=_at)
    return times


def _history_values(c: _Copy) -> dict[str, set[str]]:
    """Field key -> every earlier text of the field in this copy."""
    values: dict[str, set[str]] = {}
    for path, entries in c.history.items():
        key = key_of_path(c.doc, path)
        if key is None or not isinstance(entries, list):
            continue
        found = values.setdefault(key, set())
        found.update(str(e["value"]) for e in entries if isinstance(e, dict) and "value" in e)
    return values


def _remapped(c: _Copy, doc: dict[str, Any]) -> dict[str, Any]:
    """A copy's history with answer paths moved to where those answers are in `doc`."""
    out: dict[str, Any] = {}
    for path, entries in c.history.items():
        key = key_of_path(c.doc, path)
        new_path = (path_of_key(doc, key) if key is not None else None) or path
        if new_path in out:
            out[new_path] = _join_entries(out[new_path], entries)
        else:
            out[new_path] = copy.deepcopy(entries)
    return out


def _join_histories(x: dict[str, Any], y: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for path in sorted(x.keys() | y.keys()):
        out[path] = _join_entries(x.get(path, []), y.get(path, []))
    return out


def _entry_key(entry: Any) -> tuple[str, str, str]:
    if not isinstance(entry, dict):
        return ("", "", json.dumps(entry, sort_keys=True, default=str))
    return (str(entry.get("saved", "")), str(entry.get("value", "")), "")


def _same_entry(x: Any, y: Any) -> bool:
    return _entry_key(x) == _entry_key(y)


def _join_entries(x: Any, y: Any) -> list[Any]:
    """The union of two lists of versions (the same version once, its marks joined), oldest
    first, the newest HISTORY_LIMIT kept. Two equal lists stay as they are."""
    if x == y and isinstance(x, list):
        return list(x)
    joined: dict[tuple[str, str, str], Any] = {}
    for entry in [*(x if isinstance(x, list) else [x]), *(y if isinstance(y, list) else [y])]:
        key = _entry_key(entry)
        seen = joined.get(key)
        if seen is None:
            joined[key] = copy.deepcopy(entry)
        elif isinstance(seen, dict) and isinstance(entry, dict):
            for mark in ("kept", "conflict"):
                if entry.get(mark):
                    seen[mark] = True
    return [joined[k] for k in sorted(joined)][-HISTORY_LIMIT:]


# -- reading the tables --------------------------------------------------------------------


def _plain(tables: Mapping[str, Mapping[str, Any]]) -> Tables:
    """A deep copy as plain dicts, with uids given to interviews stored before uids."""
    plain = deep_copy(tables)
    assign_missing_uids(plain, every=True)
    return plain


def deep_copy(tables: Mapping[str, Mapping[str, Any]]) -> Tables:
    """Plain dict copies of the tables and everything in them (through JSON: much faster than
    `copy.deepcopy` for a few thousand interviews)."""
    import orjson

    plain = {str(name): dict(table.items()) for name, table in tables.items()}
    try:
        copied: Tables = orjson.loads(orjson.dumps(plain))
    except (orjson.JSONEncodeError, TypeError):  # a lone surrogate, a huge integer: the slow way
        copied = copy.deepcopy(plain)
    return copied


def _index(
    tables: Tables, where: str, *, strict: bool
) -> tuple[dict[str, _Copy], dict[tuple[str, str], Any]]:
    """uid -> the copy's interview (live or trashed); and (table, key) -> each unreadable
    document or trash entry (MergeError for those when `strict`)."""
    found: dict[str, _Copy] = {}
    bad: dict[tuple[str, str], Any] = {}
    history = tables.get("history", {})
    items: list[tuple[str, Any, str | None, Any]] = [
        (k, d, None, d) for k, d in tables.get("interviews", {}).items()
    ]
    for k, entry in tables.get("trash", {}).items():
        doc = entry.get("interview") if isinstance(entry, dict) else None
        when = str(entry.get("deleted", "")) if isinstance(entry, dict) else ""
        items.append((k, doc, when, entry))
    for key, doc, deleted, raw in items:
        try:
            if not key.isdigit() or key.startswith("0"):
                raise DocumentError("the id is not a number")
            normal = Interview.from_dict(doc).to_dict()
        except DocumentError as exc:
            if strict:
                raise MergeError(
                    f"{where}: interview {key[:20]!r} cannot be read ({exc}); nothing was merged"
                ) from None
            bad["interviews" if deleted is None else "trash", key] = raw
            continue
        uid = normal["uid"]
        if uid in found:
            raise MergeError(
                f"{where}: interviews {found[uid].key} and {key} have the same uid {uid}; "
                "nothing was merged (give one of them a new uid, or delete it)"
            )
        per_field = history.get(key, {})
        found[uid] = _Copy(key, normal, deleted, per_field if isinstance(per_field, dict) else {})
    return found, bad


def _tombstones(tables: Tables) -> dict[str, dict[str, str]]:
    stones: dict[str, dict[str, str]] = {}
    for entry in tables.get("tombstones", {}).values():
        if isinstance(entry, dict) and isinstance(entry.get("uid"), str):
            stone = {k: str(entry.get(k, "")) for k in ("uid", "deleted", "purged")}
            stones[entry["uid"]] = _later_stone(stones.get(entry["uid"]), stone)
    return stones


def _later_stone(x: dict[str, str] | None, y: dict[str, str]) -> dict[str, str]:
    if x is None:
        return y
    return {
        "uid": y["uid"],
        "deleted": _latest(x["deleted"], y["deleted"]),
        "purged": _latest(x["purged"], y["purged"]),
    }


def _num(key: str) -> int:
    return int(key) if key.isdigit() else 0


def _next_id(meta: dict[str, Any], tables: Mapping[str, Mapping[str, Any]]) -> int:
    used = [_num(k) for t in ("interviews", "trash") for k in tables.get(t, {})]
    counter = meta.get("next_id")
    counter = counter if type(counter) is int and counter > 0 else 1
    return max(counter, max(used, default=0) + 1)


def _name(doc: Mapping[str, Any]) -> str:
    name = " ".join(str(doc.get("name", "")).split()) or "(no name)"
    org = " ".join(str(doc.get("organisation", "")).split())
    return f"{name}, {org}" if org else name


def _report(
    result: MergeResult,
    key: str,
    uid: str,
    merged: _Copy,
    before: _Copy | None,
    label: dict[str, str],
) -> None:
    """A line for an interview the merge changes here."""
    counts = result.counts
    name = _name(merged.doc)
    where = "the trash" if merged.deleted is not None else "the interviews"
    if before is None:
        result.lines.append(f"added {key} {name} (from {label['there']}, to {where})")
        counts["added"] = counts.get("added", 0) + 1
        return
    if before.deleted is None and merged.deleted is not None:
        result.lines.append(f"deleted {key} {name} (deleted in {label['there']})")
        counts["deleted"] = counts.get("deleted", 0) + 1
        return
    if before.deleted is not None and merged.deleted is None:
        result.lines.append(f"restored {key} {name} (edited in {label['there']})")
        counts["restored"] = counts.get("restored", 0) + 1
        return
    if before.doc == merged.doc:
        return
    old, new = keyed_texts(before.doc), keyed_texts(merged.doc)
    paths = [path_of_key(merged.doc, k) or k for k in sorted(new) if old.get(k) != new[k]]
    if paths:
        result.lines.append(f"updated {key} {name}: {', '.join(paths)}")
        counts["updated"] = counts.get("updated", 0) + 1


def open_conflicts(interview: Interview, versions: Iterable[Version]) -> list[str]:
    """The field paths whose text won a merge conflict that no edit has settled since: a
    version marked as the conflict's other side, saved when the field last changed or later."""
    changed = dict(interview.changed)
    found = {
        v.field for v in versions if v.conflict and _at(v.saved) >= _at(changed.get(v.field, ""))
    }
    return sorted(found)
