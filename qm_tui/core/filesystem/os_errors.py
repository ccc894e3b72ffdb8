"""What a failed file operation means for the user: the one mapping of OS errors to words.

`error_kind` sorts an OSError into the kinds the app words in its own language
(`error.<what>.<kind>` in tui/i18n.py); `reason` is the English cause that the CLI and the
core's messages end with (`cannot read X: <reason>`).
"""

from __future__ import annotations

import errno
from typing import Literal

ErrorKind = Literal["disk_full", "permission", "other"]

_KINDS: dict[int, ErrorKind] = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.EROFS: "permission",
}


def error_kind(exc: OSError) -> ErrorKind:
    """`disk_full`, `permission` (also a read-only file system) or `other`."""
    return _KINDS.get(exc.errno or 0, "other")


def reason(exc: OSError, *, writing: bool = False) -> str:
    """The cause in a few English words: the system's own text, unless the disk is full or
    permission is denied (when `writing`, with the hint that the file or folder is read-only)."""
    kind = error_kind(exc)
    if kind == "disk_full":
        return "the disk is full"
    if kind == "permission":
        return "permission denied (read-only file or folder)" if writing else "permission denied"
    return exc.strerror or str(exc)
