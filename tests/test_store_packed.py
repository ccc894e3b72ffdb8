"""The store over packed tables: the same answers as unpacked, rows rebuilt only when changed."""

from __future__ import annotations

from pathlib import Path

from qm_tui.core.questions import QuestionSets
from qm_tui.core.store import InterviewStore
from qm_tui.core.summary import search


def _fill(db_path: Path, sets: QuestionSets) -> InterviewStore:
    store = InterviewStore(db_path)
    qs = sets.default()
    store.add_many(
        qs.new_interview(name=f"Åsa Öberg {i}", organisation="Växjö").with_answer(0, f"svar {i}")
        for i in range(1, 6)
    )
    store.close()
    return InterviewStore(db_path)


def _rows(store: InterviewStore) -> list[tuple[object, ...]]:
    return [
        (s.id, s.date, s.name, s.organisation, s.status, s.answered, s.questions, s.haystack)
        for s in store.summaries()
    ]


def test_packed_and_unpacked_stores_read_the_same(db_path: Path, sets: QuestionSets) -> None:
    packed = _fill(db_path, sets)
    plain = InterviewStore(db_path, packed=False)
    assert _rows(packed) == _rows(plain)
    assert packed.documents() == plain.documents()
    assert packed.list() == plain.list()
    assert packed.get(3) == plain.get(3)


def test_a_save_rebuilds_only_the_changed_row(db_path: Path, sets: QuestionSets) -> None:
    store = _fill(db_path, sets)
    before = {s.id: s for s in store.summaries()}
    assert [s.id for s in search(list(before.values()), "svar 2")] == [2]
    store.save(2, store.get(2).with_answer(0, "Zebrakorsning vid torget"))
    after = {s.id: s for s in store.summaries()}
    assert all(after[i] is before[i] for i in (1, 3, 4, 5))
    assert after[2] is not before[2]
    rows = list(after.values())
    assert [s.id for s in search(rows, "zebrakorsning")] == [2]
    assert search(rows, "svar 2") == []


def test_another_process_s_save_reaches_the_rows(db_path: Path, sets: QuestionSets) -> None:
    mine, theirs = _fill(db_path, sets), InterviewStore(db_path)
    mine.summaries()
    theirs.save(4, theirs.get(4).with_answer(0, "Ändrat i det andra fönstret"))
    (row,) = search(mine.summaries(), "andra fonstret")
    assert row.id == 4 and row.answered == 1
    theirs.delete(5)  # a full write: everything read anew
    assert [s.id for s in mine.summaries()] == [4, 3, 2, 1]
    assert [t.id for t in mine.trash()] == [5]
    assert mine.restore(5).name == "Åsa Öberg 5"
    assert len(theirs.summaries()) == 5
