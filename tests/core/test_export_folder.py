"""ExportFolder: many articles into one folder, each replaced atomically, never written through
a link or into a special file (the hostile cases are rows in test_hostile.py)."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Any

import pytest

from qm_tui.core.errors import ExportError, StoreError
from qm_tui.core.publish import export_folder
from qm_tui.core.publish.export_folder import ExportFolder


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_new_files_are_written_whole_with_mode_0644(tmp_path: Path) -> None:
    writer = ExportFolder(tmp_path)
    assert writer.write("a.md", b"\xc3\xa5 first") == tmp_path / "a.md"
    writer.write("b.md", b"second")
    assert (tmp_path / "a.md").read_bytes() == "å first".encode()
    assert (tmp_path / "b.md").read_bytes() == b"second"
    assert _mode(tmp_path / "a.md") == 0o644 and _mode(tmp_path / "b.md") == 0o644
    assert _leftovers(tmp_path) == []


def test_the_folder_is_created(tmp_path: Path) -> None:
    ExportFolder(tmp_path / "a" / "b").write("x.md", b"x")
    assert (tmp_path / "a" / "b" / "x.md").read_bytes() == b"x"


def test_a_file_in_place_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out").write_bytes(b"keep")
    with pytest.raises(ExportError, match="not a folder"):
        ExportFolder(tmp_path / "out")


def test_a_name_goes_through_an_exclusive_temp_file_and_a_rename(
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

    writer = ExportFolder(tmp_path)
    monkeypatch.setattr(os, "open", spy_open)
    monkeypatch.setattr(os, "replace", spy_replace)
    writer.write("a.md", b"x")
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
    monkeypatch.setattr(export_folder.os, "urandom", lambda n: next(tokens))
    ExportFolder(out).write("a.md", b"article")
    assert victim.read_bytes() == b"keep me" and (out / "a.md").read_bytes() == b"article"
    assert sorted(p.name for p in out.iterdir() if p.is_symlink()) == sorted(
        f".a.md.{t.hex()}.tmp" for t in planted
    )


def test_writing_a_name_again_replaces_it_and_keeps_its_mode(tmp_path: Path) -> None:
    writer = ExportFolder(tmp_path)
    writer.write("a.md", b"old")
    (tmp_path / "a.md").chmod(0o600)
    writer.write("a.md", b"new")
    assert (tmp_path / "a.md").read_bytes() == b"new" and _mode(tmp_path / "a.md") == 0o600


def test_a_link_planted_after_the_check_is_replaced_never_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    victim.chmod(0o600)
    out = tmp_path / "out"
    writer = ExportFolder(out)
    writer.check(["a.md"])
    (out / "a.md").symlink_to(victim)  # after the check
    writer.write("a.md", b"article")
    assert victim.read_bytes() == b"keep me" and _mode(victim) == 0o600
    assert not (out / "a.md").is_symlink() and (out / "a.md").read_bytes() == b"article"


def test_an_existing_read_only_file_is_refused_and_kept(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"old")
    (tmp_path / "a.md").chmod(0o444)
    with pytest.raises(ExportError, match="read-only"):
        ExportFolder(tmp_path).write("a.md", b"new")
    assert (tmp_path / "a.md").read_bytes() == b"old"


def test_an_existing_folder_of_that_name_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.md").mkdir()
    with pytest.raises(ExportError, match="it is a folder, not a regular file"):
        ExportFolder(tmp_path).check(["b.md", "a.md"])


@pytest.mark.parametrize("name", ["", ".", "..", "a/b.md", "../x.md"])
def test_names_that_are_no_file_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ExportError, match="not a file name"):
        ExportFolder(tmp_path / "out").write(name, b"x")
    assert list((tmp_path / "out").iterdir()) == []


def test_a_symlinked_folder_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    ExportFolder(link).write("a.md", b"x")
    assert (real / "a.md").read_bytes() == b"x" and link.is_symlink()


@pytest.mark.parametrize("step", ["write", "replace"])
def test_a_failing_step_leaves_no_temp_file_and_the_name_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    writer = ExportFolder(tmp_path)

    def full(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if step == "write":
        monkeypatch.setattr(os, "write", full)
    else:
        monkeypatch.setattr(os, "replace", full)
    with pytest.raises(StoreError, match=r"cannot save to .*a\.md: the disk is full"):
        writer.write("a.md", b"x")
    assert list(tmp_path.iterdir()) == []
