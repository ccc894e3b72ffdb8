"""FolderWriter: many articles into one folder, each replaced atomically as `atomic_write` does."""

from __future__ import annotations

import errno
import os
import re
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest

from qm_tui.core import storage
from qm_tui.core.errors import StoreError
from qm_tui.core.storage import FolderWriter


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_new_files_are_written_whole_with_mode_0644(tmp_path: Path) -> None:
    writer = FolderWriter(tmp_path)
    writer.write("a.md", b"\xc3\xa5 first")
    writer.write("b.md", b"second")
    assert (tmp_path / "a.md").read_bytes() == "å first".encode()
    assert (tmp_path / "b.md").read_bytes() == b"second"
    assert _mode(tmp_path / "a.md") == 0o644 and _mode(tmp_path / "b.md") == 0o644
    assert _leftovers(tmp_path) == []


def test_a_new_name_goes_through_an_exclusive_temp_file_and_a_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[str, int]] = []
    renamed: list[tuple[str, str]] = []
    real_open, real_replace = os.open, os.replace

    def spy_open(path: str, flags: int, mode: int = 0o777) -> int:
        opened.append((path, flags))
        return real_open(path, flags, mode)

    def spy_replace(src: str, dst: str) -> None:
        renamed.append((src, dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "open", spy_open)
    monkeypatch.setattr(os, "replace", spy_replace)
    FolderWriter(tmp_path).write("a.md", b"x")
    (tmp, flags), = opened  # fmt: skip
    assert flags & os.O_EXCL and flags & os.O_CREAT and flags & os.O_NOFOLLOW
    assert renamed == [(tmp, str(tmp_path / "a.md"))]
    assert Path(tmp).parent == tmp_path and re.fullmatch(
        r"\.a\.md\.[0-9a-f]{12}\.tmp", Path(tmp).name
    )


def test_a_taken_temp_name_is_never_opened_or_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    out = tmp_path / "out"
    out.mkdir()
    planted = [bytes([n]) * 6 for n in range(3)]
    for token in planted:
        (out / f".a.md.{token.hex()}.tmp").symlink_to(victim)
    tokens = iter([*planted, b"\xff" * 6])
    monkeypatch.setattr(os, "urandom", lambda n: next(tokens))
    FolderWriter(out).write("a.md", b"article")
    assert victim.read_bytes() == b"keep me" and (out / "a.md").read_bytes() == b"article"
    assert sorted(p.name for p in out.iterdir() if p.is_symlink()) == sorted(
        f".a.md.{t.hex()}.tmp" for t in planted
    )


def test_writing_a_name_again_replaces_it(tmp_path: Path) -> None:
    writer = FolderWriter(tmp_path)
    writer.write("a.md", b"old")
    (tmp_path / "a.md").chmod(0o600)
    writer.write("a.md", b"new")  # now an existing file: its mode is kept, as atomic_write does
    assert (tmp_path / "a.md").read_bytes() == b"new" and _mode(tmp_path / "a.md") == 0o600


def test_an_existing_symlink_stays_a_link_and_its_target_is_replaced(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere" / "real.md"
    real.parent.mkdir()
    real.write_bytes(b"old")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.md").symlink_to(real)
    FolderWriter(out).write("a.md", b"new")
    assert (out / "a.md").is_symlink() and real.read_bytes() == b"new"
    assert _leftovers(out) == [] and _leftovers(real.parent) == []


def test_a_link_planted_after_the_listing_is_replaced_never_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    victim.chmod(0o600)
    out = tmp_path / "out"
    out.mkdir()
    writer = FolderWriter(out)
    (out / "a.md").symlink_to(victim)  # after the folder was listed
    writer.write("a.md", b"article")
    assert victim.read_bytes() == b"keep me" and _mode(victim) == 0o600
    assert not (out / "a.md").is_symlink() and (out / "a.md").read_bytes() == b"article"


def test_an_existing_fifo_is_written_as_a_stream(tmp_path: Path) -> None:
    fifo = tmp_path / "a.md"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    FolderWriter(tmp_path).write("a.md", b"streamed")
    out, _ = reader.communicate(timeout=30)
    assert out == b"streamed" and stat.S_ISFIFO(fifo.lstat().st_mode)


def test_an_existing_read_only_file_is_refused_and_kept(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"old")
    (tmp_path / "a.md").chmod(0o444)
    with pytest.raises(StoreError, match="read-only"):
        FolderWriter(tmp_path).write("a.md", b"new")
    assert (tmp_path / "a.md").read_bytes() == b"old"


def test_an_existing_folder_of_that_name_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.md").mkdir()
    with pytest.raises(StoreError, match="it is a folder"):
        FolderWriter(tmp_path).write("a.md", b"new")


def test_another_case_of_an_existing_name_takes_the_careful_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "A.MD").write_bytes(b"other")
    careful: list[Path] = []
    real = storage.atomic_write
    monkeypatch.setattr(
        storage, "atomic_write", lambda p, d, **kw: careful.append(p) or real(p, d, **kw)
    )
    writer = FolderWriter(tmp_path)
    writer.write("a.md", b"new")  # a case-insensitive file system would hold it as A.MD
    writer.write("ö.md", b"new")  # not ASCII: another normalisation could hold it
    writer.write("b.md", b"new")
    assert careful == [tmp_path / "a.md", tmp_path / "ö.md"]


def test_a_symlinked_folder_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    FolderWriter(link).write("a.md", b"x")
    assert (real / "a.md").read_bytes() == b"x" and link.is_symlink()


def test_a_folder_removed_after_the_listing_is_made_again(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    writer = FolderWriter(out)
    out.rmdir()
    writer.write("a.md", b"x")
    assert (out / "a.md").read_bytes() == b"x"


@pytest.mark.parametrize("step", ["write", "replace"])
def test_a_failing_step_leaves_no_temp_file_and_the_name_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    writer = FolderWriter(tmp_path)

    def full(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if step == "write":
        monkeypatch.setattr(storage, "_write_all", full)
    else:
        monkeypatch.setattr(os, "replace", full)
    with pytest.raises(StoreError, match=r"cannot save to .*a\.md: the disk is full"):
        writer.write("a.md", b"x")
    assert list(tmp_path.iterdir()) == []
