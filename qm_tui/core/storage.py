"""Atomic file writes: a temp file in the same folder, fsynced, renamed over the target.

A crash, a kill -9 or a full disk leaves the old file or the new one, never a mix. The database
(`json_storage`), exports and the spelling word list all write through here.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import StoreError

if TYPE_CHECKING:
    pass

__all__ = ["FolderWriter", "StoreError", "atomic_write", "os_failure"]

WRITE_BATCH = 1 << 20  # bytes gathered from the pieces of a file before each write


def _describe_os_error(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied (read-only file or folder)"
    return exc.strerror or str(exc)


def _reason_code(exc: OSError) -> str:
    """The kind of an OS error, for the app's translated message (`error.<what>.<kind>`)."""
    if exc.errno == errno.ENOSPC:
        return "disk_full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission"
    return "other"


def os_failure(what: str, path: Path, exc: OSError) -> StoreError:
    """`cannot <what> <path>: <reason>`, with a code and params for the app's own wording."""
    reason = _describe_os_error(exc)
    verb = {"save": "save to", "read": "read", "lock": "lock"}[what]
    message = f"cannot {verb} {path}: {reason}"
    if what == "lock":
        message += " (the folder must be writable to save)"
    code = f"{what}.{_reason_code(exc)}"
    return StoreError(message, code=code, path=str(path), reason=reason)


def atomic_write(
    path: Path, data: bytes | Iterable[bytes], *, durable: bool = True
) -> os.stat_result:
    """Replace `path` with `data` (bytes, or pieces of them) so that a crash leaves either the
    old or the new file.

    `durable` fsyncs the file and its folder, so the new file survives a power cut; exports,
    which can be redone, skip it (a thousand fsyncs cost more than rendering the articles).
    Returns the stat of the new file. On failure the temp file is removed, the old file is
    untouched, and StoreError says why.

    The temp file gets an unpredictable name and is created exclusively without following
    links (`_new_temp_file`), and its mode is set through its descriptor: a symlink planted
    in the folder can never redirect the write. A `path` that is a symlink keeps being one: the
    file it points to is replaced (as editors do). A `path` that exists and is not a regular
    file (`/dev/null`, a FIFO, `/dev/stdout`) is written as a stream, like a shell's `>`.
    """
    try:
        # the kernel follows the links (also /dev/stdout -> /proc/self/fd/1 -> a pipe)
        mode: int | None = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise os_failure("save", path, exc) from exc
    if mode is not None and not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise StoreError(f"cannot save to {path}: it is a folder")
        return _write_stream(path, data)
    target = Path(os.path.realpath(path))
    if mode is not None and (not mode & 0o222 or not os.access(target, os.W_OK)):
        # honoured even for root, who could otherwise replace a file marked read-only
        raise StoreError(
            f"cannot save to {path}: the file is read-only", code="save.read_only", path=str(path)
        )
    folder = target.parent
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = _new_temp_file(str(folder), target.name)
        try:
            _write_all(fd, data)
            os.fchmod(fd, mode & 0o777 if mode is not None else 0o644)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException as exc:  # also whatever making a piece raised
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise os_failure("save", path, exc) from exc
        raise
    if durable:
        _fsync_dir(folder)
    return target.stat()


class FolderWriter:
    """`atomic_write(folder / name, data, durable=False)` for many files into one folder.

    The folder is resolved and listed once, not per file: a name that was not in it is written
    as a new file (an exclusive temp file in the resolved folder, mode 0644, renamed over the
    name) without `atomic_write`'s per-file stat, realpath, mkdir and final stat. A name that
    was there (a file to replace, a symlink, a FIFO, a folder) goes through `atomic_write`
    itself, as do names that are not plain ASCII file names (a case-insensitive file system
    could hold them under another spelling). If a name appears between the listing and the
    write, the rename replaces it and never writes through it, as it would a link planted
    after `atomic_write`'s own stat.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._real = os.path.realpath(folder)
        try:
            self._taken: set[str] | None = {n.casefold() for n in os.listdir(self._real)}
        except OSError:  # not listable: every name takes the careful path
            self._taken = None

    def write(self, name: str, data: bytes) -> None:
        """Replace `folder / name` with `data`, atomically (not fsynced: exports can be redone)."""
        if not self._is_new(name):
            atomic_write(self.folder / name, data, durable=False)
            return
        tmp: str | None = None
        try:
            fd, tmp = _new_temp_file(self._real, name)
            try:
                _write_all(fd, data)
                os.fchmod(fd, 0o644)
            finally:
                os.close(fd)
            os.replace(tmp, os.path.join(self._real, name))
        except FileNotFoundError:  # the folder went away: atomic_write makes it again
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            atomic_write(self.folder / name, data, durable=False)
        except OSError as exc:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            raise os_failure("save", self.folder / name, exc) from exc
        if self._taken is not None:
            self._taken.add(name.casefold())

    def _is_new(self, name: str) -> bool:
        return (
            self._taken is not None
            and name.isascii()
            and name.isprintable()
            and "/" not in name
            and name not in ("", ".", "..")
            and name.casefold() not in self._taken
        )


_TEMP_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _new_temp_file(folder: str, name: str) -> tuple[int, str]:
    """`.name.<random>.tmp` in `folder`, created exclusively, never through a link (mode 0600).

    What `tempfile.mkstemp` does, without its imports (random, shutil) and per-call set-up; a
    name that is taken (by a file or a planted link) is passed over for another.
    """
    for _ in range(100):
        tmp = os.path.join(folder, f".{name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, _TEMP_FLAGS, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temp file name", folder)  # pragma: no cover


def _write_all(fd: int, data: bytes | Iterable[bytes]) -> None:
    if isinstance(data, bytes):
        _write_bytes(fd, data)
        return
    batch = bytearray()
    for piece in data:
        batch += piece
        if len(batch) >= WRITE_BATCH:
            _write_bytes(fd, batch)
            batch.clear()
    _write_bytes(fd, batch)


def _write_bytes(fd: int, data: bytes | bytearray) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _write_stream(path: Path, data: bytes | Iterable[bytes]) -> os.stat_result:
    """Write into an existing special file (device, FIFO, terminal) as a shell's `>` does."""
    if not isinstance(data, bytes):
        data = b"".join(data)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0))
        try:
            _write_all(fd, data)
            return os.fstat(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise StoreError(f"cannot write to {path}: {_describe_os_error(exc)}") from exc


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on directories
        pass
    finally:
        os.close(fd)
