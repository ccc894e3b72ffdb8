"""The `qm-tui` commands for sharing a database: `merge`, `sync` and git's `merge-driver`.

Like the rest of the CLI: only the domain core, one line per expected failure, nothing written
then. Stored text and paths are printed with control characters made visible.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .core.filesystem.atomic import atomic_write

if TYPE_CHECKING:
    import argparse

    from .core.sync.merge import MergeResult


def add_parsers(sub: Any) -> None:
    """The sharing commands, on the CLI's subcommand parser."""
    p = sub.add_parser(
        "merge",
        help="join another copy of the database (a colleague's, a backup, a sync conflict copy)",
    )
    p.add_argument("other", type=Path, metavar="OTHER", help="the other copy's database file")
    p.add_argument("--dry-run", action="store_true", help="only show what would change")
    sub.add_parser("sync", help="commit, fetch, merge and push the database in its git repository")
    p = sub.add_parser("merge-driver", help="used by git to merge the database (see 'sync')")
    p.add_argument("ancestor", type=Path, metavar="BASE", help="the common ancestor (git's %%O)")
    p.add_argument("ours", type=Path, metavar="OURS", help="this branch's; the result (%%A)")
    p.add_argument("theirs", type=Path, metavar="THEIRS", help="the other branch's (%%B)")


def print_report(result: MergeResult, *, dry_run: bool = False) -> None:
    """The merge's lines (stdout), conflicts and warnings (stderr), and its counts."""
    from .cli import _err, _say

    for line in result.lines:
        _say(("would be " if dry_run else "") + line)
    for line in result.conflicts:
        _err(
            f"qm-tui: conflict: {line}; kept the later change, the other is in the field's "
            "history (F2 in the app, 'qm-tui history ID')"
        )
    for line in result.warnings:
        _err(f"qm-tui: warning: {line}")
    tail = " (dry run: nothing was written)" if dry_run else ""
    print(f"Merged: {result.summary()}{tail}")


def cmd_merge(args: argparse.Namespace) -> int:
    from .cli import _store
    from .core.sync.merge import merge_tables
    from .core.sync.source import read_copy

    store = _store(args)
    other = read_copy(args.other, database=store.path)
    found: list[MergeResult] = []

    def change(tables: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]] | None:
        result = merge_tables(tables, other, other_name=str(args.other))
        found.append(result)
        return result.tables if result.changed and not args.dry_run else None

    store.rewrite(change)
    print_report(found[-1], dry_run=args.dry_run)
    from .core.sync.copies import is_conflict_copy

    if not args.dry_run and is_conflict_copy(store.path, args.other.name):
        from .cli import _say

        _say(f"Everything in {args.other} is in the database now: the copy can be removed.")
    return 0


def cmd_merge_driver(args: argparse.Namespace) -> int:
    """git's merge driver for the database file: merges THEIRS into OURS (with BASE, their
    common ancestor) and writes the result to OURS; exit 0 when merged."""
    from .core.database.json_storage import serialize
    from .core.interview.controls import visible_controls
    from .core.sync.git import DRIVER_SAYS
    from .core.sync.merge import merge_tables
    from .core.sync.source import read_copy

    ours = read_copy(args.ours, empty_ok=True)
    theirs = read_copy(args.theirs, empty_ok=True)
    base = read_copy(args.ancestor, empty_ok=True) if args.ancestor.exists() else {}
    result = merge_tables(ours, theirs, base or None, other_name="the other branch")
    # no journal token of an earlier qm-tui: a journal of its beside the file is never replayed
    # over the merged file
    result.tables.get("meta", {}).get("1", {}).pop("journal", None)
    atomic_write(args.ours, serialize(dict(result.tables)))
    lines = [*result.lines, *(f"conflict: {c}" for c in result.conflicts)]
    lines += [f"warning: {w}" for w in result.warnings]
    for line in lines:
        print(visible_controls(f"{DRIVER_SAYS}{line}"), file=sys.stderr)
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from .cli import _db_path, _say
    from .core.sync.git import sync

    for line in sync(_db_path(args)).lines():
        _say(line)
    return 0
