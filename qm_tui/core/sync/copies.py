"""Conflict copies that sync folders leave beside the database when two machines changed it.

Dropbox `NAME (… conflicted copy …).json`, OneDrive `NAME-HOSTNAME.json`, Nextcloud
`NAME (conflicted copy YYYY-MM-DD HHMMSS).json`, Syncthing
`NAME.sync-conflict-YYYYMMDD-HHMMSS-ID.json`, Google Drive `NAME (1).json`. Each holds work
the database does not: `qm-tui merge COPY` joins it.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

__all__ = ["conflict_copies", "is_conflict_copy"]


def _patterns(stem: str, suffix: str) -> list[re.Pattern[str]]:
    name, ext = re.escape(stem), re.escape(suffix)
    return [
        re.compile(rf"{name} \([^()]*conflicted copy[^()]*\){ext}", re.IGNORECASE),  # Dropbox,
        # Nextcloud
        re.compile(rf"{name}\.sync-conflict-\d{{8}}-\d{{6}}-[A-Z0-9]+{ext}"),  # Syncthing
        re.compile(rf"{name} \(\d{{1,3}}\){ext}"),  # Google Drive
        # OneDrive: -HOSTNAME (a Windows computer name: upper case, at most 15 characters)
        re.compile(rf"{name}-[A-Z0-9][A-Z0-9-]{{0,14}}{ext}"),
    ]


def is_conflict_copy(db_path: Path, candidate: str) -> bool:
    """Whether a file name looks like a sync folder's conflict copy of the database."""
    if candidate == db_path.name:
        return False
    return any(p.fullmatch(candidate) for p in _patterns(db_path.stem, db_path.suffix))


def conflict_copies(db_path: Path) -> list[Path]:
    """The conflict copies beside the database (regular files only), sorted by name."""
    folder = db_path.parent
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    found = []
    for entry in entries:
        if not is_conflict_copy(db_path, entry.name):
            continue
        try:
            if stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode):
                found.append(folder / entry.name)
        except OSError:
            continue
    return sorted(found)
