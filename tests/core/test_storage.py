"""Crash safety of AtomicJSONStorage: every failing step leaves the old file whole."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import orjson
import pytest

from qm_tui.core.database import json_storage
from qm_tui.core.database.store import InterviewStore, StoreError
from qm_tui.core.filesystem import atomic as storage
from qm_tui.core.interview.questions import QuestionSets


@pytest.fixture
def filled(db_path: Path, sets: QuestionSets) -> InterviewStore:
    store = InterviewStore(db_path)
    store.add(sets.default().new_interview(name="Åsa Öberg", organisation="Örebro"))
    return store


def _fail(err: int) -> Any:
    def fake(*args: Any, **kwargs: Any) -> Any:
        raise OSError(err, os.strerror(err))

    return fake


@pytest.mark.parametrize(
    ("step", "err", "message", "code"),
    [
        ("write", errno.ENOSPC, "the disk is full", "save.disk_full"),
        ("fsync", errno.EIO, "Input/output error", "save.other"),
        ("replace", errno.EACCES, "permission denied", "save.permission"),
        ("open", errno.EROFS, "permission denied", "lock.permission"),
    ],
)
def test_a_failing_step_leaves_the_old_file_whole(
    filled: InterviewStore, db_path: Path, monkeypatch: pytest.MonkeyPatch,
    step: str, err: int, message: str, code: str,
) -> None:  # fmt: skip
    before = db_path.read_bytes()
    iid = filled.list()[0].id
    changed = filled.get(iid).with_answer(0, "nytt svar som inte får blandas in")
    with monkeypatch.context() as m:
        m.setattr(storage.os, step, _fail(err))
        with pytest.raises(StoreError, match=message) as failure:
            filled.save(iid, changed)
    # the app words it in its own language from the code and params
    assert failure.value.code == code and failure.value.params["path"] == str(db_path)
    assert db_path.read_bytes() == before
    assert [p.name for p in db_path.parent.iterdir() if p.name.endswith(".tmp")] == []
    # the store recovers: it re-reads the file and the retried save goes through
    assert filled.get(iid).answers[0].answer == ""
    filled.save(iid, changed)
    assert InterviewStore(db_path).get(iid).answers[0].answer.startswith("nytt svar")


def test_a_disk_that_fills_mid_write_leaves_the_old_file_whole(
    filled: InterviewStore, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = db_path.read_bytes()
    real_write = os.write
    calls = {"n": 0}

    def half_then_full(fd: int, data: Any) -> int:
        calls["n"] += 1
        if calls["n"] > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, bytes(data[: len(data) // 2]))

    iid = filled.list()[0].id
    with monkeypatch.context() as m:
        m.setattr(storage.os, "write", half_then_full)
        with pytest.raises(StoreError, match="disk is full"):
            filled.save(iid, filled.get(iid).with_answer(1, "x" * 10_000))
    assert calls["n"] == 2
    assert db_path.read_bytes() == before


def test_a_read_only_file_is_not_replaced(filled: InterviewStore, db_path: Path) -> None:
    before = db_path.read_bytes()
    db_path.chmod(0o444)
    try:
        iid = filled.list()[0].id
        with pytest.raises(StoreError, match="read-only") as failure:
            filled.save(iid, filled.get(iid).with_answer(0, "x"))
        assert failure.value.code == "save.read_only"
    finally:
        db_path.chmod(0o644)
    assert db_path.read_bytes() == before


def test_the_file_mode_is_kept(filled: InterviewStore, db_path: Path) -> None:
    db_path.chmod(0o640)
    iid = filled.list()[0].id
    filled.save(iid, filled.get(iid).with_answer(0, "x"))
    assert db_path.stat().st_mode & 0o777 == 0o640


def test_tinydb_interface_writes_atomically(db_path: Path) -> None:
    from tinydb import TinyDB

    db = TinyDB(db_path, storage=json_storage.AtomicJSONStorage)
    db.table("notes").insert({"text": "Växjö"})
    assert orjson.loads(db_path.read_bytes()) == {"notes": {"1": {"text": "Växjö"}}}


CHILD = textwrap.dedent(
    """
    import sys
    from qm_tui.core.database.json_storage import AtomicJSONStorage
    s = AtomicJSONStorage(sys.argv[1])
    generation = 0
    print("ready", flush=True)
    while True:
        generation += 1
        with s.transaction() as tables:
            for doc in tables["interviews"].values():
                doc["quote"] = f"generation {generation}"
    """
)


@pytest.mark.slow
def test_kill_9_mid_save_leaves_a_whole_file(db_path: Path, sets: QuestionSets) -> None:
    store = InterviewStore(db_path)
    iv = sets.default().new_interview(name="Åsa").with_answer(0, "ö" * 3000)
    store.add_many([iv] * 300)
    for delay in (0.05, 0.13, 0.31, 0.47):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db_path)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        data = orjson.loads(db_path.read_bytes())
        quotes = {doc["quote"] for doc in data["interviews"].values()}
        assert len(data["interviews"]) == 300
        assert len(quotes) == 1, "a save was half applied"
    final = InterviewStore(db_path).list()
    assert len(final) == 300 and final[0].interview.quote.startswith("generation ")


ADDER = textwrap.dedent(
    """
    import sys
    from qm_tui.core.interview.questions import load_question_sets
    from qm_tui.core.database.store import InterviewStore
    s = InterviewStore(sys.argv[1])
    qs = load_question_sets().default()
    for n in range(int(sys.argv[2])):
        s.add(qs.new_interview(name=f"{sys.argv[3]} {n}"))
    """
)


@pytest.mark.slow
def test_two_processes_adding_at_once_lose_nothing(db_path: Path) -> None:
    procs = [
        subprocess.Popen([sys.executable, "-c", ADDER, str(db_path), "25", who])
        for who in ("Anna", "Björn")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    names = sorted(s.interview.name for s in InterviewStore(db_path).list())
    assert len(names) == 50
    assert names == sorted([f"Anna {n}" for n in range(25)] + [f"Björn {n}" for n in range(25)])


def test_temp_files_of_a_killed_save_are_swept(filled: InterviewStore, db_path: Path) -> None:
    stale = db_path.parent / f".{db_path.name}.99999.tmp"
    stale.write_bytes(b'{"half": ')
    other = db_path.parent / ".other.json.99999.tmp"
    other.write_bytes(b"not ours")
    store = InterviewStore(db_path)
    iid = store.list()[0].id
    store.save(iid, store.get(iid).with_answer(0, "x"))
    assert not stale.exists() and other.exists()
