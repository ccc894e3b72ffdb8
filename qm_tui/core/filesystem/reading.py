"""Reading files given by the user: regular files only, and never more than the file's size.

A FIFO would hang `open()` or `read()`, `/dev/zero` would fill the memory, a folder gives an odd
error: every path qm-tui reads (the database, import files, question sets) goes through here.
"""

from __future__ import annotations

import errno
import os
import stat

__all__ = [
    "FileTooLargeError",
    "NotRegularFileError",
    "describe_file_type",
    "read_regular_file",
    "read_small_text",
]

_CHUNK = 1 << 20


class NotRegularFileError(OSError):
    """The path names a folder, FIFO, device or socket, not a regular file."""


class FileTooLargeError(OSError):
    """A regular file larger than what it can sensibly hold (a settings file of gigabytes)."""


def describe_file_type(mode: int) -> str:
    """What a non-regular file is, in words (`a FIFO`, `a device`, …)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def open_regular_file(
    path: str | os.PathLike[str], *, follow_links: bool = True
) -> tuple[int, os.stat_result]:
    """A descriptor of a regular file, opened for reading, and its stat; NotRegularFileError
    (the descriptor closed) for anything else.

    Opened non-blocking, so a FIFO is refused instead of waiting for a writer. Without
    `follow_links`, a symlink at `path` is refused by the kernel (OSError, ELOOP).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = describe_file_type(st.st_mode)
            raise NotRegularFileError(errno.EINVAL, f"{kind}, not a regular file")
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def read_regular_file(path: str | os.PathLike[str]) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file and its stat; NotRegularFileError for anything else.

    Opened non-blocking, so a FIFO is refused instead of waiting for a writer, and read up to
    the size `fstat` gave, so a file that keeps growing cannot exhaust the memory.
    """
    fd, st = open_regular_file(path)
    try:
        return read_up_to(fd, st.st_size), st
    finally:
        os.close(fd)


def read_small_text(path: str | os.PathLike[str], max_size: int, encoding: str = "utf-8") -> str:
    """The text of a small regular file such as a settings file or a word list.

    The same guard as every file qm-tui reads (`read_regular_file`: no FIFO hang, no device),
    and a size cap: FileTooLargeError above `max_size` bytes, before anything is read.
    FileNotFoundError passes through; UnicodeDecodeError for text that is not `encoding`.
    """
    fd, st = open_regular_file(path)
    try:
        if st.st_size > max_size:
            raise FileTooLargeError(
                errno.EFBIG, f"too large ({st.st_size:,} bytes; at most {max_size:,})"
            )
        data = read_up_to(fd, st.st_size)
    finally:
        os.close(fd)
    return data.decode(encoding)


def read_up_to(fd: int, size: int) -> bytes:
    """At most `size` bytes from the descriptor (less if the file shrank meanwhile)."""
    chunks = []
    left = size
    while left > 0:
        chunk = os.read(fd, min(left, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
