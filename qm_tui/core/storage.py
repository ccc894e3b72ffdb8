"""A crash-safe TinyDB storage: atomic replace on write, a lock for writers, a cache for readers.

Stock `JSONStorage` rewrites its file in place, so a crash or a full disk mid-write leaves a mix
of old and new. `AtomicJSONStorage` writes a temp file in the same folder, fsyncs it, renames it
over the database and fsyncs the folder: a reader sees the whole old file or the whole new one.
The file stays plain TinyDB JSON (UTF-8, indented) that stock TinyDB can open.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb.storages import Storage

from .errors import StoreError

if TYPE_CHECKING:
    from filelock import FileLock

    from .packed import PackedTable
    from .stream_read import OnPacked

__all__ = [
    "AtomicJSONStorage",
    "NoChange",
    "StoreError",
    "atomic_write",
    "serialize",
]

Tables = dict[str, MutableMapping[str, Any]]
PACKED = ("interviews", "trash")  # tables held compressed (see `packed`): the bulk of the file
LOCK_TIMEOUT = 10.0
JOURNAL_LIMIT = 8 << 20  # bytes of journal after which a save writes the whole file instead
WRITE_BATCH = 1 << 20  # bytes gathered from the pieces of a file before each write


class NoChange(Exception):
    """Raise inside `transaction()` before touching the tables to end it without writing."""


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


def serialize(tables: Tables) -> bytes:
    """TinyDB's JSON layout, indented, with åäö written as themselves.

    orjson gives the same bytes as `json.dumps(indent=2, ensure_ascii=False)` about 14 times
    faster; a packed table's documents go in as the bytes they are kept as.
    """
    import orjson

    from .packed import default

    try:
        return orjson.dumps(tables, option=orjson.OPT_INDENT_2, default=default) + b"\n"
    except orjson.JSONEncodeError as exc:
        # a lone surrogate, nesting deeper than 254 or an integer beyond 64 bits: checked
        # here, before any file is touched
        raise StoreError(f"cannot save: the data cannot be written as JSON ({exc})") from None


def _signature(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class AtomicJSONStorage(Storage):
    """TinyDB storage with atomic writes, a writer lock and a read cache.

    The cache is re-read whenever the file's inode, size or mtime change, so several processes
    can share one file; `transaction()` holds the lock across read-modify-write.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        lock_timeout: float = LOCK_TIMEOUT,
        packed: tuple[str, ...] = PACKED,
    ) -> None:
        self.path = Path(path)
        self._packed = packed  # the tables held as PackedTables
        # a symlinked database stays a link: the file it points to is replaced, and locked
        self._target = Path(os.path.realpath(self.path))
        self._lock_timeout = lock_timeout
        self._lock: FileLock | None = None  # created on first write: filelock is slow to import
        self._cache: Tables | None = None
        self._sig: tuple[int, int, int] | None = None
        self._stat: os.stat_result | None = None  # of the file the cache was read or written as
        self._swept = False
        # called with the tables after every full write (the list index is written there)
        self.after_full_write: Callable[[Tables], None] | None = None
        # called for each packed document as the file is read (see `stream_read.read_tables`)
        self.on_packed: OnPacked | None = None
        from .journal import Journal

        self.journal = Journal(self._target)
        self._journal_size = 0  # the journal's size when last read
        self._touched: list[tuple[str, str]] | None = None  # documents a journaled save changes

    # TinyDB types its tables as dicts; its Table only reads them through `[]` and items(),
    # which a PackedTable has, and writes plain dicts
    def read(self) -> Tables | None:  # type: ignore[override]
        """The current tables (cached while the file is unchanged); None for a missing file."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            self._cache, self._sig = None, None
            return None
        except OSError as exc:
            raise os_failure("read", self.path, exc) from exc
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(self.path, st.st_mode)
        size = self.journal.size()
        if self._cache is not None and self._sig == _signature(st):
            if size == self._journal_size:
                return self._cache
            if size > self.journal.offset > 0:  # another process appended saves
                self.journal.catch_up(self._cache)
                self._journal_size = size
                return self._cache
        tables = self._load()
        self.journal.replay(tables)
        self._journal_size = size
        return tables

    def write(self, data: Tables) -> None:  # type: ignore[override]
        """Write all tables atomically (TinyDB's interface; takes the lock)."""
        with self._locked():
            self._write(data)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Tables]:
        """Lock, re-read if another process changed the file, yield the tables, write once.

        If the body raises NoChange, nothing is written; if it raises anything else, nothing is
        written and the cache is dropped (the body may have changed it half-way). If the body
        names every document it changed with `touch()`, only those go to the journal;
        otherwise the whole file is written.
        """
        with self._locked():
            tables = self.read()
            tables = {} if tables is None else tables
            self._touched = []
            packed = _packed_tables(tables)
            for table in packed:
                table.begin()  # documents stay live objects until the body is done
            try:
                yield tables
            except NoChange:
                return
            except BaseException:
                self._cache, self._sig = None, None
                raise
            finally:
                touched, self._touched = self._touched, None
                for table in packed:
                    table.end()
            if touched and self._can_journal(tables):
                self._append(tables, touched)
            else:
                self._write(tables)

    def touch(self, table: str, key: str) -> None:
        """Inside `transaction()`: this document was changed (or removed) and is all that was."""
        if self._touched is not None:
            self._touched.append((table, key))

    def _can_journal(self, tables: Tables) -> bool:
        from .journal import token_of

        return (
            self._cache is tables
            and token_of(tables) is not None
            and token_of(tables) == self.journal.token
            and self._journal_size < JOURNAL_LIMIT
        )

    def _append(self, tables: Tables, touched: list[tuple[str, str]]) -> None:
        changes: dict[str, dict[str, Any]] = {}
        for table, key in touched:
            changes.setdefault(table, {})[key] = tables.get(table, {}).get(key)
        try:
            mode = os.stat(self._target).st_mode
            if not mode & 0o222 or not os.access(self._target, os.W_OK):
                # as atomic_write: a database marked read-only gets no saves, not even journaled
                raise StoreError(
                    f"cannot save to {self.path}: the file is read-only",
                    code="save.read_only",
                    path=str(self.path),
                )
            self.journal.append(tables, changes)
        except BaseException:
            self._cache, self._sig = None, None
            raise
        self._journal_size = self.journal.size()
        if not self._swept:
            self._sweep_temp_files()

    def compact(self) -> None:
        """Fold the journal into the file (at a clean exit), so stock TinyDB reads it all."""
        if not self.journal.size():
            return
        with self._locked():
            tables = self.read()
            if tables is not None and self.journal.entries:
                self._write(tables)

    def _write(self, data: Tables) -> None:
        from .journal import new_token

        if "meta" in data:  # a new token retires the journal: all of it is in this file now
            data["meta"].setdefault("1", {})["journal"] = new_token()
        _pack(data, self._packed)  # kept as the cache: packed as if it had been read
        from .pieces import file_pieces

        try:
            # in pieces: the packed documents are decompressed one at a time, as written
            st = atomic_write(self.path, file_pieces(data))
        except BaseException:
            self._cache, self._sig = None, None
            raise
        self._cache, self._sig, self._stat = data, _signature(st), st
        self.journal.restart(data)
        self._journal_size = self.journal.size()
        if not self._swept:
            self._sweep_temp_files()
        if self.after_full_write is not None:
            self.after_full_write(data)

    def version(self) -> tuple[os.stat_result, str | None, int] | None:
        """What the cached tables are: the file's stat, the journal token and the journal
        offset read up to (None before a read)."""
        if self._cache is None or self._stat is None:
            return None
        return self._stat, self.journal.token, self.journal.offset

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

    def _load(self) -> Tables:
        """Read the file piece by piece (see `stream_read`); anything that is not exactly
        TinyDB JSON is read again the plain way, which says what is wrong with it."""
        from .collector import collector_paused
        from .files import NotRegularFileError
        from .stream_read import read_tables

        with collector_paused():
            try:
                data, st = read_tables(self.path, self._packed, self.on_packed)
            except NotRegularFileError as exc:
                raise StoreError(f"cannot read {self.path}: it is {exc.strerror}") from None
            except OSError as exc:
                raise os_failure("read", self.path, exc) from exc
            if data is None:
                data, st = self._load_plain()
        self._cache, self._sig, self._stat = data, _signature(st), st
        return data

    def _load_plain(self) -> tuple[Tables, os.stat_result]:
        """The whole file decoded and parsed at once, with a StoreError for what is not a
        TinyDB database."""
        from .files import NotRegularFileError, read_regular_file

        try:
            raw, st = read_regular_file(self.path)
        except NotRegularFileError as exc:
            raise StoreError(f"cannot read {self.path}: it is {exc.strerror}") from None
        except OSError as exc:
            raise os_failure("read", self.path, exc) from exc
        if not raw or raw.isspace():
            raise StoreError(
                f"{self.path} is empty, but a database was expected there. It was left as it is; "
                "restore it from a backup, or delete it to start a new database."
            )
        try:
            text = raw.decode("utf-8")
            del raw
            data = json.loads(text)
            del text
        except RecursionError:
            raise StoreError(
                f"{self.path} is not a database: its JSON is nested too deeply to read. It was "
                "left as it is; use --db to choose another file."
            ) from None
        except (UnicodeDecodeError, ValueError) as exc:
            # ValueError also covers a number of thousands of digits
            what = "is not UTF-8" if isinstance(exc, UnicodeDecodeError) else "is not valid JSON"
            raise StoreError(
                f"{self.path} {what} ({exc}); it may be truncated or corrupt. It was left as it "
                "is: restore it from a backup, or use --db to choose another file."
            ) from None
        if not isinstance(data, dict) or not all(
            isinstance(t, dict) and all(isinstance(d, dict) for d in t.values())
            for t in data.values()
        ):
            raise StoreError(
                f"{self.path} is JSON but not a TinyDB database (expected tables of documents). "
                "It was left as it is; use --db to choose another file."
            )
        _pack(data, self._packed)
        return data, st


def _packed_tables(tables: Tables) -> list[PackedTable]:
    from .packed import PackedTable

    return [t for t in tables.values() if isinstance(t, PackedTable)]


def _pack(tables: Tables, names: tuple[str, ...]) -> None:
    """Hold the tables named as `PackedTable`s."""
    from .packed import PackedTable

    for name in names:
        table = tables.get(name)
        if type(table) is dict:
            tables[name] = PackedTable(table)


def _not_regular(path: Path, mode: int) -> StoreError:
    from .files import describe_file_type

    return StoreError(
        f"cannot use {path} as a database: it is {describe_file_type(mode)}, not a regular file; "
        "use --db to choose a file"
    )
