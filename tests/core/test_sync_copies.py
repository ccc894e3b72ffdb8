"""Sync folders' conflict copies beside the database are pointed out, with the merge command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qm_tui.cli import main
from qm_tui.core.database.store import InterviewStore
from qm_tui.core.interview.questions import QuestionSets
from qm_tui.core.sync.copies import conflict_copies, is_conflict_copy

COPIES = [
    "interviews (Åsa Öbergs conflicted copy 2026-05-01).json",  # Dropbox
    "interviews (conflicted copy 2026-05-01 101500).json",  # Nextcloud
    "interviews-DESKTOP-7QK2M.json",  # OneDrive
    "interviews.sync-conflict-20260501-101500-ABCDEF1.json",  # Syncthing
    "interviews (1).json",  # Google Drive
]
NOT_COPIES = [
    "interviews.json",
    "interviews.json.lock",
    "interviews.json.index",
    "other (1).json",
    "interviews (copy).txt",
    "interviews.json.bak",
    "interviews-old.json",  # a copy the user made (OneDrive adds a computer name in capitals)
    "interviews-backup-2026.json",
]


@pytest.mark.parametrize("name", COPIES)
def test_each_sync_service_s_copy_is_recognised(tmp_path: Path, name: str) -> None:
    assert is_conflict_copy(tmp_path / "interviews.json", name)


@pytest.mark.parametrize("name", NOT_COPIES)
def test_other_files_are_not(tmp_path: Path, name: str) -> None:
    assert not is_conflict_copy(tmp_path / "interviews.json", name)


def test_list_names_each_copy_with_the_merge_command(
    tmp_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "interviews.json"
    store = InterviewStore(db)
    store.add(sets.default().new_interview(name="Åsa"))
    for name in COPIES[:2]:
        shutil.copyfile(db, tmp_path / name)
    (tmp_path / "interviews (2).json").mkdir()  # a folder is no copy
    (tmp_path / "interviews (3).json").symlink_to(db)  # nor is a link
    assert conflict_copies(db) == sorted(tmp_path / n for n in COPIES[:2])
    assert main(["--db", str(db), "list"]) == 0
    captured = capsys.readouterr()
    assert "Åsa" in captured.out
    notes = captured.err.splitlines()
    assert len(notes) == 2
    assert all("looks like a sync folder's conflict copy" in n for n in notes)
    assert f"qm-tui --db {db} merge '{tmp_path / COPIES[1]}'" in notes[0]
    assert main(["--db", str(db), "merge", str(tmp_path / COPIES[1])]) == 0
    assert "the copy can be removed" in capsys.readouterr().out
