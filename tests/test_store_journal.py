"""Saves through the journal: nothing acknowledged is lost, other processes see every save, and
stock TinyDB reads the whole database after the store is closed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tinydb import TinyDB

from qm_tui.core import storage as storage_module
from qm_tui.core.model import Interview
from qm_tui.core.questions import QuestionSets
from qm_tui.core.store import InterviewStore

SAVER = r"""
import sys
from qm_tui.core.store import InterviewStore
store = InterviewStore(sys.argv[1])
base = store.get(1)
n = 0
while True:
    n += 1
    store.save(1, base.with_answer(0, f"sparat {n}"))
    print(n, flush=True)
"""


@pytest.fixture
def stored(db_path: Path, sets: QuestionSets) -> InterviewStore:
    store = InterviewStore(db_path)
    blank = sets.default().new_interview(name="Åsa Öberg", organisation="Växjö City")
    store.add_many([blank, blank, blank])
    return store


def journal_of(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".journal")


def answer(store: InterviewStore, interview_id: int) -> str:
    return store.get(interview_id).answers[0].answer


def test_a_save_appends_to_the_journal_and_leaves_the_file_alone(
    stored: InterviewStore, db_path: Path
) -> None:
    stored.save(1, stored.get(1).with_answer(0, "första"))  # the first may write the file
    before = db_path.read_bytes()
    stored.save(1, stored.get(1).with_answer(0, "andra"))
    stored.save(2, stored.get(2).with_answer(0, "tredje"))
    assert db_path.read_bytes() == before
    assert journal_of(db_path).stat().st_size > 0
    fresh = InterviewStore(db_path)
    assert (answer(fresh, 1), answer(fresh, 2)) == ("andra", "tredje")
    assert "första" in [v.value for v in fresh.history(1, "answers.1")]


def test_stock_tinydb_reads_every_save_after_close(stored: InterviewStore, db_path: Path) -> None:
    for n in range(5):
        stored.save(1, stored.get(1).with_answer(0, f"svar {n}"))
    stored.close()
    stock = TinyDB(db_path)
    assert stock.table("interviews").get(doc_id=1)["answers"][0]["answer"] == "svar 4"
    stock.close()
    assert answer(InterviewStore(db_path), 1) == "svar 4"


def test_a_second_process_sees_and_keeps_the_first_ones_saves(
    stored: InterviewStore, db_path: Path
) -> None:
    stored.save(1, stored.get(1).with_answer(0, "från den första"))
    other = (
        "import sys\nfrom qm_tui.core.store import InterviewStore\n"
        "s = InterviewStore(sys.argv[1])\n"
        "assert s.get(1).answers[0].answer == 'från den första'\n"
        "s.save(2, s.get(2).with_answer(0, 'från den andra'))\n"
        "s.delete(3)\n"  # a full write of the file
        "s.save(2, s.get(2).with_answer(0, 'från den andra igen'))\n"
    )
    subprocess.run([sys.executable, "-c", other, str(db_path)], check=True)
    assert answer(stored, 2) == "från den andra igen"
    stored.save(1, stored.get(1).with_answer(0, "den första igen"))
    fresh = InterviewStore(db_path)
    assert (answer(fresh, 1), answer(fresh, 2)) == ("den första igen", "från den andra igen")
    assert sorted(s.id for s in fresh.list()) == [1, 2]


def test_kill_9_during_saves_loses_nothing_that_was_saved(
    stored: InterviewStore, db_path: Path
) -> None:
    for round_ in range(4):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(db_path)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        acknowledged = 0
        deadline = time.monotonic() + 0.4 + 0.15 * round_
        while time.monotonic() < deadline:
            line = child.stdout.readline()
            if line.strip():
                acknowledged = int(line)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert acknowledged > 0
        kept = int(answer(InterviewStore(db_path), 1).split()[-1])
        assert kept >= acknowledged


def test_a_save_is_written_in_full_once_the_journal_is_large(
    stored: InterviewStore, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage_module, "JOURNAL_LIMIT", 1)
    stored.save(1, stored.get(1).with_answer(0, "ett"))
    stored.save(1, stored.get(1).with_answer(0, "två"))
    stock = TinyDB(db_path)
    assert stock.table("interviews").get(doc_id=1)["answers"][0]["answer"] == "två"
    stock.close()


def test_close_without_saves_leaves_the_file_alone(stored: InterviewStore, db_path: Path) -> None:
    before = db_path.stat().st_mtime_ns
    InterviewStore(db_path).close()
    assert db_path.stat().st_mtime_ns == before


def test_a_journal_left_by_a_killed_process_is_folded_by_the_next_close(
    stored: InterviewStore, db_path: Path, sets: QuestionSets
) -> None:
    stored.save(1, stored.get(1).with_answer(0, "före kraschen"))
    del stored  # as if killed: never closed
    later = InterviewStore(db_path)
    assert answer(later, 1) == "före kraschen"
    later.close()
    stock = TinyDB(db_path)
    assert stock.table("interviews").get(doc_id=1)["answers"][0]["answer"] == "före kraschen"
    stock.close()


def test_an_interview_saved_as_new_after_a_delete_elsewhere_is_kept(
    stored: InterviewStore, db_path: Path
) -> None:
    interview: Interview = stored.get(1)
    InterviewStore(db_path).delete(1)
    result = stored.save(1, interview.with_answer(0, "ny igen"), readd=True)
    stored.close()
    assert answer(InterviewStore(db_path), result.id) == "ny igen"


async def test_the_app_folds_its_saves_into_the_file_at_exit(
    stored: InterviewStore, db_path: Path
) -> None:
    from qm_tui.tui.app import QMApp

    app = QMApp(store=stored, lang="sv")
    async with app.run_test(size=(110, 34)) as pilot:
        await app.run_store(lambda s: s.save(2, s.get(2).with_answer(0, "skrivet i appen")))
        await pilot.pause()
    stock = TinyDB(db_path)
    assert stock.table("interviews").get(doc_id=2)["answers"][0]["answer"] == "skrivet i appen"
    stock.close()
