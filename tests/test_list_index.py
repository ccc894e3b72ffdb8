"""The list index: written with every full write, applied with the journal, used only while its
stamp matches the database, rebuilt when missing, stale or corrupt, never trusted blindly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tinydb import TinyDB

from qm_tui.core.list_index import index_path, read_index, read_rows
from qm_tui.core.questions import QuestionSets
from qm_tui.core.store import InterviewStore


@pytest.fixture
def stored(db_path: Path, sets: QuestionSets) -> InterviewStore:
    store = InterviewStore(db_path)
    qs = sets.default()
    store.add_many(
        [
            qs.new_interview(name="Åsa Öberg", organisation="Växjö City"),
            qs.new_interview(name="Per Ek", organisation="Gävle"),
            qs.new_interview(name="<b>[red]Lo", organisation="Umeå"),
        ]
    )
    return store


def listed(rows: list[object] | None) -> list[tuple[int, str, str, int, int]]:
    assert rows is not None
    return [(r.id, r.name, r.status, r.answered, r.questions) for r in rows]  # type: ignore[attr-defined]


def test_a_full_write_writes_the_index_of_the_list(stored: InterviewStore, db_path: Path) -> None:
    assert index_path(db_path).exists()
    assert listed(read_index(db_path)) == listed(stored.summaries())
    assert [r.organisation for r in read_index(db_path) or []] == ["Umeå", "Gävle", "Växjö City"]


def test_journaled_saves_are_applied_to_the_index(stored: InterviewStore, db_path: Path) -> None:
    stored.save(1, stored.get(1).with_answer(0, "ett svar"))  # may write the file in full
    before = index_path(db_path).read_bytes()
    stored.save(2, stored.get(2).with_answer(0, "ett annat svar"))
    assert index_path(db_path).read_bytes() == before  # a save never rewrites the index
    rows = read_index(db_path)
    assert listed(rows) == listed(InterviewStore(db_path).summaries())
    assert {r.id: r.answered for r in rows or []} == {1: 1, 2: 1, 3: 0}


def test_a_second_process_saving_is_seen_through_the_journal(
    stored: InterviewStore, db_path: Path
) -> None:
    stored.save(3, stored.get(3).with_answer(0, "först"))
    other = (
        "import sys\nfrom qm_tui.core.store import InterviewStore\n"
        "s = InterviewStore(sys.argv[1])\n"
        "s.save(1, s.get(1).with_answer(0, 'från den andra'))\n"
    )
    subprocess.run([sys.executable, "-c", other, str(db_path)], check=True)
    rows = read_index(db_path)
    assert {r.id: r.answered for r in rows or []} == {1: 1, 2: 0, 3: 1}
    assert listed(rows) == listed(InterviewStore(db_path).summaries())


KILLED_BETWEEN = r"""
import os, signal, sys
from qm_tui.core import list_index
from qm_tui.core.store import InterviewStore
def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
list_index.write_index = killed
store = InterviewStore(sys.argv[1])
store.delete(2)
"""


def test_kill_9_between_the_database_and_the_index_write(
    stored: InterviewStore, db_path: Path
) -> None:
    done = subprocess.run([sys.executable, "-c", KILLED_BETWEEN, str(db_path)], check=False)
    assert done.returncode == -9
    assert [s.id for s in InterviewStore(db_path).summaries()] == [3, 1]  # the delete is saved
    assert read_index(db_path) is None  # the old index does not describe the new file
    assert InterviewStore(db_path).refresh_index()
    assert [r.id for r in read_index(db_path) or []] == [3, 1]


def test_a_file_changed_by_stock_tinydb_makes_the_index_stale(
    stored: InterviewStore, db_path: Path
) -> None:
    stored.close()
    with TinyDB(db_path, encoding="utf-8") as db:
        db.table("interviews").update({"name": "Ändrad"}, doc_ids=[1])
    assert read_index(db_path) is None
    fresh = InterviewStore(db_path)
    assert fresh.refresh_index()
    assert not fresh.refresh_index()  # now it describes the file
    assert "Ändrad" in [r.name for r in read_index(db_path) or []]


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b"",
        lambda b: b[: len(b) // 2],
        lambda b: b"\xff\xfe" + b,
        lambda b: b.replace(b'"Per Ek"', b"17"),
        lambda b: b.replace(b'"rows":[[', b'"rows":[[-4,'),
        lambda b: b"[]",
        lambda b: b"[" * 100_000,
    ],
)
def test_a_corrupt_index_is_not_used_and_is_rebuilt(
    stored: InterviewStore, db_path: Path, damage: object
) -> None:
    path = index_path(db_path)
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    assert read_rows(db_path) is None
    assert InterviewStore(db_path).refresh_index()
    assert listed(read_index(db_path)) == listed(stored.summaries())


def test_a_journal_that_does_not_continue_the_index_makes_it_unusable(
    stored: InterviewStore, db_path: Path
) -> None:
    stored.save(1, stored.get(1).with_answer(0, "ett"))
    stored.save(1, stored.get(1).with_answer(0, "två"))
    data = json.loads(index_path(db_path).read_bytes())
    data["journal"] = 5  # in the middle of the header
    index_path(db_path).write_text(json.dumps(data), encoding="utf-8")
    assert read_rows(db_path) is None
    data["journal"] = index_path(db_path).stat().st_size + 10**6  # beyond its end
    index_path(db_path).write_text(json.dumps(data), encoding="utf-8")
    assert read_rows(db_path) is None


def test_a_torn_journal_line_is_not_applied(stored: InterviewStore, db_path: Path) -> None:
    stored.save(1, stored.get(1).with_answer(0, "ett"))
    journal = db_path.with_name(db_path.name + ".journal")
    with open(journal, "ab") as fh:
        fh.write(b'{"interviews": {"2": {"name": "halv')
    rows = read_index(db_path)
    assert rows is not None and "halv" not in [r.name for r in rows]
    assert listed(rows) == listed(InterviewStore(db_path).summaries())


def test_a_newer_file_is_still_refused_by_the_store(db_path: Path, stored: InterviewStore) -> None:
    """The index never opens a file the store would refuse: any change to it makes it stale."""
    data = json.loads(db_path.read_text(encoding="utf-8"))
    data["meta"]["1"]["schema"] = 99
    db_path.write_text(json.dumps(data), encoding="utf-8")
    assert read_index(db_path) is None


def test_chmod_makes_the_index_stale(stored: InterviewStore, db_path: Path) -> None:
    os.chmod(db_path, 0o444)
    try:
        assert read_index(db_path) is None
    finally:
        os.chmod(db_path, 0o644)


def test_close_leaves_an_index_for_the_next_start(stored: InterviewStore, db_path: Path) -> None:
    index_path(db_path).unlink()
    store = InterviewStore(db_path)
    store.close()  # nothing journaled: the file is not written, but the index is rebuilt
    assert listed(read_index(db_path)) == listed(stored.summaries())
