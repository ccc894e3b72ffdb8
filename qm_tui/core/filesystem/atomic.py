"""Atomic file writes: a temp file in the same folder, fsynced, renamed over the target.

A crash, a kill -9 or a full disk leaves the old file or the new one, never a mix. The database
(`json_storage`), exports and the spelling word list all write through here.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from ..errors import StoreError
from .os_errors import error_kind, reason

__all__ = ["StoreError", "atomic_write", "new_temp_file", "os_failure", "write_bytes"]


def os_failure(what: str, path: Path, exc: OSError) -> StoreError:
    """`cannot <what> <path>: <reason>`, with a code and params for the app's own wording."""
    why = reason(exc, writing=what != "read")
    verb = {"save": "save to", "read": "read", "lock": "lock"}[what]
    message = f"cannot {verb} {path}: {why}"
    if what == "lock":
        message += " (the folder must be writable to save)"
    return StoreError(message, code=f"{what}.{error_kind(exc)}", path=str(path), reason=why)


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> os.stat_result:
    """Replace `path` with `data` so that a crash leaves either the old or the new file.

    `durable` fsyncs the file and its folder, so the new file survives a power cut; exports,
    which can be redone, skip it (a thousand fsyncs cost more than rendering the articles).
    Returns the stat of the new file. On failure the temp file is removed, the old file is
    untouched, and StoreError says why.

    The temp file gets an unpredictable name and is created exclusively without following
    links (`new_temp_file`), and its mode is set through its descriptor: a symlink planted
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
        fd, tmp = new_temp_file(str(folder), target.name)
        try:
            write_bytes(fd, data)
            os.fchmod(fd, mode & 0o777 if mode is not None else 0o644)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException as exc:  # also an interrupt: the temp file goes
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise os_failure("save", path, exc) from exc
        raise
    if durable:
        _fsync_dir(folder)
    return target.stat()


_TEMP_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def new_temp_file(folder: str, name: str) -> tuple[int, str]:
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


def write_bytes(fd: int, data: bytes | bytearray) -> None:
    """All of `data` into the descriptor (os.write may take less at a time)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _write_stream(path: Path, data: bytes) -> os.stat_result:
    """Write into an existing special file (device, FIFO, terminal) as a shell's `>` does."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0))
        try:
            write_bytes(fd, data)
            return os.fstat(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise StoreError(f"cannot write to {path}: {reason(exc, writing=True)}") from exc


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
