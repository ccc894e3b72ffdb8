"""Writing articles into an export folder: only inside it, never through a link, never blocking.

Article names are predictable (`date-name-organisation.md`), so anyone who can write into the
export folder can plant something under such a name before the export runs:

- a symlink pointing outside the folder: the article replaces the link itself (a rename over
  the name), never the file it points to, so nothing outside the folder is written;
- a FIFO, a device or a socket: refused with one line before anything is written (opening a
  FIFO would wait for a reader for ever and freeze the app); one planted after the check is
  replaced by the rename, never opened;
- a folder or a read-only file: refused the same way.

Each file is written to an exclusive temp file in the folder (never through a link) and renamed
over its name: a crash leaves the old file or the new one. Not fsynced: exports can be redone.
`qm-tui export -o FILE` is different: a path the user names is followed and may be a FIFO
(`atomic_write`).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from ..errors import ExportError
from ..filesystem.atomic import new_temp_file, os_failure, write_bytes
from ..filesystem.os_errors import reason
from ..filesystem.reading import describe_file_type

__all__ = ["ExportFolder"]


class ExportFolder:
    """A folder articles are exported into, created if needed.

    An empty name (an unset shell variable in `export --all "$OUT"`) is refused rather than
    taken as the current folder. ExportError for a folder that cannot be used.
    """

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        if not os.fspath(folder).strip():
            raise ExportError(
                "the export folder name is empty (an unset variable?): name a folder, "
                "'.' for the current one",
                code="export.empty_folder",
            )
        self.folder = Path(folder)
        if self.folder.exists() and not self.folder.is_dir():
            raise ExportError(f"{self.folder} exists and is not a folder")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(f"cannot create {self.folder}: {reason(exc, writing=True)}") from None
        # the folder the user named may itself be a link (a synced folder): that is followed
        self._real = os.path.realpath(self.folder)

    def check(self, names: Iterable[str]) -> None:
        """ExportError for the first name that cannot be written (see the module's rules), so
        that a refused export writes nothing."""
        for name in names:
            self._existing_mode(name)

    def write(self, name: str, data: bytes) -> Path:
        """Replace `name` in the folder with `data` and return its path (the folder's own
        spelling). A symlink under that name is replaced, never followed."""
        mode = self._existing_mode(name)
        path = os.path.join(self._real, name)
        tmp: str | None = None
        try:
            fd, tmp = new_temp_file(self._real, name)
            try:
                write_bytes(fd, data)
                os.fchmod(fd, mode if mode is not None else 0o644)
            finally:
                os.close(fd)
            os.replace(tmp, path)  # replaces whatever holds the name now, never opens it
        except OSError as exc:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            raise os_failure("save", self.folder / name, exc) from exc
        return self.folder / name

    def _existing_mode(self, name: str) -> int | None:
        """The permission bits of the regular file `name` to keep, None for a new name or a link.
        ExportError for a name that is not a plain file name, or holds something not a file."""
        if not name or "/" in name or name in (".", "..") or "\0" in name:
            raise ExportError(f"cannot export to {name!r}: not a file name")
        shown = self.folder / name
        try:
            st = os.lstat(os.path.join(self._real, name))
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise os_failure("save", shown, exc) from exc
        if stat.S_ISLNK(st.st_mode):
            return None  # replaced by the article; what it points to is left alone
        if stat.S_ISREG(st.st_mode):
            if not st.st_mode & 0o222 or not os.access(
                os.path.join(self._real, name), os.W_OK, follow_symlinks=False
            ):
                raise ExportError(
                    f"cannot save to {shown}: the file is read-only",
                    code="save.read_only",
                    path=str(shown),
                )
            return stat.S_IMODE(st.st_mode)
        kind = describe_file_type(st.st_mode)
        raise ExportError(
            f"cannot export to {shown}: it is {kind}, not a regular file; remove it or export "
            "elsewhere",
            code="export.special",
            path=str(shown),
            kind=kind,
        )
