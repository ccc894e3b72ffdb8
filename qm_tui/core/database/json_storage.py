"""The database file: one TinyDB JSON file, read whole and written whole, atomically, under a lock.

Stock `JSONStorage` rewrites its file in place, so a crash or a full disk mid-write leaves a mix
of old and new. `AtomicJSONStorage` writes a temp file in the same folder, fsyncs it, renames it
over the database and fsyncs the folder (`atomic_write`): a reader sees the whole old file or the
whole new one, and every change is in the file when the call returns. Beside the file there is
nothing but its `.lock`.

The file is plain TinyDB JSON that stock TinyDB opens: UTF-8 with `åäö` as themselves, indented,
keys sorted, so that two versions differ only where their data does (git diffs them well).

Several processes share one file: a change is a locked read-modify-write that starts from the
file as it is on disk then (compared by its size and CRC-32 with what this process last read or
wrote, never by inode or time alone), so two writers never lose each other's saves.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import stat
import zlib
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb.storages import Storage

from ..errors import StoreError
from ..filesystem.atomic import atomic_write, os_failure
from ..filesystem.reading import (
    NotRegularFileError,
    describe_file_type,
    open_regular_file,
    read_regular_file,
)
from .legacy import fold_legacy_files, legacy_files

if TYPE_CHECKING:
    from filelock import FileLock

__all__ = ["AtomicJSONStorage", "NoChange", "Tables", "serialize"]

Tables = dict[str, MutableMapping[str, Any]]
LOCK_TIMEOUT = 10.0


class NoChange(Exception):
    """Raise inside `transaction()` before changing the tables to end it without writing."""


def serialize(tables: Tables) -> bytes:
    """The file's bytes: TinyDB's JSON layout, indented, keys sorted, `åäö` as themselves.

    orjson writes it; data it refuses (an integer beyond 64 bits, a lone surrogate, typed into
    the file by hand) goes through the standard library instead, so one odd document never
    blocks every save (a lone surrogate is then written as a `\\udxxx` escape, all text ASCII).
    """
    import orjson

    try:
        options = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
        return orjson.dumps(tables, option=options)
    except orjson.JSONEncodeError:
        pass
    try:
        text = json.dumps(tables, indent=2, sort_keys=True, ensure_ascii=False)
        try:
            return text.encode("utf-8") + b"\n"
        except UnicodeEncodeError:  # a lone surrogate
            return json.dumps(tables, indent=2, sort_keys=True).encode("ascii") + b"\n"
    except (TypeError, ValueError, RecursionError) as exc:
        raise StoreError(f"cannot save: the data cannot be written as JSON ({exc})") from None


def parse(raw: bytes, path: Path) -> Tables:
    """The tables a database file holds; StoreError (naming `path`) for anything else."""
    if not raw or raw.isspace():
        raise StoreError(
            f"{path} is empty, but a database was expected there. It was left as it is; "
            "restore it from a backup, or delete it to start a new database."
        )
    import orjson

    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        data = _parse_plain(raw, path)  # big integers, or an error worth a precise message
    if not isinstance(data, dict) or not all(
        isinstance(t, dict) and all(isinstance(d, dict) for d in t.values()) for t in data.values()
    ):
        raise StoreError(
            f"{path} is JSON but not a TinyDB database (expected tables of documents). "
            "It was left as it is; use --db to choose another file."
        )
    return data


def _parse_plain(raw: bytes, path: Path) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise StoreError(
            f"{path} is not a database: its JSON is nested too deeply to read. It was "
            "left as it is; use --db to choose another file."
        ) from None
    except (UnicodeDecodeError, ValueError) as exc:
        # ValueError also covers a number of thousands of digits
        what = "is not UTF-8" if isinstance(exc, UnicodeDecodeError) else "is not valid JSON"
        raise StoreError(
            f"{path} {what} ({exc}); it may be truncated or corrupt. It was left as it "
            "is: restore it from a backup, or use --db to choose another file."
        ) from None


class AtomicJSONStorage(Storage):
    """TinyDB storage: whole-file atomic writes, a writer lock, a read cache checked on use."""

    def __init__(self, path: str | os.PathLike[str], lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.path = Path(path)
        # a symlinked database stays a link: the file it points to is replaced, and locked
        self._target = Path(os.path.realpath(self.path))
        self._lock_timeout = lock_timeout
        self._lock: FileLock | None = None  # made on first write: filelock is slow to import
        self._cache: Tables | None = None
        self._digest: tuple[int, int] | None = None  # (size, CRC-32) of the bytes the cache
        # was read from or written as
        self._stat: tuple[int, int, int, int] | None = None
        self._swept = False

    # TinyDB types its tables as dicts; its Table only reads them through `[]` and items()
    def read(self) -> Tables | None:  # type: ignore[override]
        """The tables as the file holds them now; None for a missing file.

        The cache is kept while the file's inode, size, mtime and ctime are unchanged; a change
        under the lock compares the content itself (`_fresh`). Never change what this returns
        outside `transaction()`.
        """
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            self._forget()
            return None
        except OSError as exc:
            raise os_failure("read", self.path, exc) from exc
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(self.path, st.st_mode)
        if self._cache is not None and self._stat == _signature(st) and not self._has_legacy():
            return self._cache
        return self._load()

    def write(self, data: Tables) -> None:  # type: ignore[override]
        """Write all tables atomically (TinyDB's interface; takes the lock)."""
        with self._locked():
            self._write(data)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Tables]:
        """Lock, read the file as it is now, yield its tables, write them whole once.

        If the body raises NoChange, nothing is written; if it raises anything else, nothing is
        written either (and the tables it may have changed half-way are dropped).
        """
        with self._locked():
            tables = self._fresh()
            try:
                yield tables
            except NoChange:
                return
            except BaseException:
                self._forget()
                raise
            self._write(tables)

    def fold_legacy(self) -> bool:
        """Write the saves an earlier qm-tui left in a side journal into the file, and remove
        its side files (journal, list index); True if there were any."""
        if not self._has_legacy():
            return False
        with self._locked():
            if not self._has_legacy():
                return False
            tables = self._fresh()
            if tables or os.path.exists(self._target):
                self._write(tables)
            else:
                fold_legacy_files(self._target, {}, remove=True)
        return True

    # -- inside -------------------------------------------------------------------------

    def _fresh(self) -> Tables:
        """Under the lock: the tables as the file holds them now.

        The file is compared with what this process last read or wrote by its size and CRC-32,
        computed in pieces (the bytes are not kept); only a file that differs is parsed again.
        """
        try:
            digest, st = _file_digest(self.path)
        except FileNotFoundError:
            self._forget()
            return fold_legacy_files(self._target, {}) if self._has_legacy() else {}
        except NotRegularFileError as exc:
            raise StoreError(f"cannot read {self.path}: it is {exc.strerror}") from None
        except OSError as exc:
            raise os_failure("read", self.path, exc) from exc
        if self._cache is not None and digest == self._digest and not self._has_legacy():
            self._stat = _signature(st)
            return self._cache
        return self._load()

    def _load(self) -> Tables:
        try:
            raw, st = read_regular_file(self.path)
        except NotRegularFileError as exc:
            raise StoreError(f"cannot read {self.path}: it is {exc.strerror}") from None
        except OSError as exc:
            raise os_failure("read", self.path, exc) from exc
        digest: tuple[int, int] | None = (len(raw), zlib.crc32(raw))
        tables = parse(raw, self.path)
        del raw
        if self._has_legacy():
            tables = fold_legacy_files(self._target, tables)
            digest = None  # not what the file holds: the next change writes it whole
        self._cache, self._digest, self._stat = tables, digest, _signature(st)
        return tables

    def _write(self, data: Tables) -> None:
        meta = data.get("meta", {}).get("1")
        if isinstance(meta, dict):
            meta.pop("journal", None)  # an earlier qm-tui's journal token: nothing continues it
        try:
            raw = serialize(data)
            st = atomic_write(self.path, raw)
        except BaseException:
            self._forget()  # the tables in memory may hold what was not written
            raise
        self._cache, self._stat = data, _signature(st)
        self._digest = (len(raw), zlib.crc32(raw))
        del raw
        if self._has_legacy():
            fold_legacy_files(self._target, {}, remove=True)
        if not self._swept:
            self._sweep_temp_files()

    def _has_legacy(self) -> bool:
        return legacy_files(self._target)

    def _forget(self) -> None:
        self._cache, self._digest, self._stat = None, None, None

    def _sweep_temp_files(self) -> None:
        """Remove temp files left by a process killed mid-save (safe: we hold the lock)."""
        self._swept = True
        target = self._target
        for stale in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        from filelock import FileLock, Timeout

        if self._lock is None:
            self._lock = FileLock(f"{self._target}.lock", timeout=self._lock_timeout)
        try:
            self._lock.acquire()
        except Timeout:
            raise StoreError(
                f"{self.path} is busy: another qm-tui has been writing to it for "
                f"{self._lock_timeout:.0f} s; try again",
                code="busy",
                path=str(self.path),
                seconds=f"{self._lock_timeout:.0f}",
            ) from None
        except OSError as exc:
            raise os_failure("lock", self.path, exc) from exc
        try:
            yield
        finally:
            self._lock.release()


def _file_digest(path: Path) -> tuple[tuple[int, int], os.stat_result]:
    """(size, CRC-32) of a regular file, read in pieces, and its stat."""
    fd, st = open_regular_file(path)
    try:
        crc, size = 0, 0
        while chunk := os.read(fd, 1 << 20):
            crc, size = zlib.crc32(chunk, crc), size + len(chunk)
        return (size, crc), st
    finally:
        os.close(fd)


def _signature(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _not_regular(path: Path, mode: int) -> StoreError:
    return StoreError(
        f"cannot use {path} as a database: it is {describe_file_type(mode)}, not a regular file; "
        "use --db to choose a file"
    )
