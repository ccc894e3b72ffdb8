"""One mapping of OS errors to words, used by every message about a failed file operation."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from qm_tui.core.errors import QMError
from qm_tui.core.filesystem.os_errors import error_kind, reason
from qm_tui.core.publish.export import ExportOptions, export_all
from qm_tui.tui.i18n import Texts


@pytest.mark.parametrize(
    ("number", "kind", "read", "written"),
    [
        (errno.ENOSPC, "disk_full", "the disk is full", "the disk is full"),
        (errno.EACCES, "permission", "permission denied", "permission denied (read-only"),
        (errno.EPERM, "permission", "permission denied", "permission denied (read-only"),
        (errno.EROFS, "permission", "permission denied", "permission denied (read-only"),
        (errno.ENOENT, "other", "No such file or directory", "No such file or directory"),
    ],
)
def test_each_error_has_one_kind_and_one_reason(
    number: int, kind: str, read: str, written: str
) -> None:
    exc = OSError(number, "No such file or directory" if number == errno.ENOENT else "x")
    assert error_kind(exc) == kind
    assert reason(exc) == read
    assert reason(exc, writing=True).startswith(written)


def test_the_app_words_a_read_only_file_system_as_a_permission_problem() -> None:
    """The app's own mapping knew only ENOSPC and EACCES; EROFS and EPERM fell through to
    the system's English text in the Swedish interface."""
    exc = OSError(errno.EROFS, "Read-only file system", "/media/usb/qm.json")
    assert Texts("sv").error(exc) == (
        "kan inte spara till /media/usb/qm.json: åtkomst nekad (skrivskyddad fil eller mapp)"
    )
    assert "permission denied" in Texts("en").error(OSError(errno.EPERM, "x", "/a"))


def test_a_core_message_ends_with_the_mapped_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "mkdir", full)
    with pytest.raises(QMError, match=r"cannot create .*: the disk is full$"):
        export_all([], tmp_path / "ut", "md", lambda iv: ExportOptions())
