"""When each field last changed: recorded by the store's save, carried across moved answers."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from qm_tui.core.database.store import InterviewStore
from qm_tui.core.interview.model import Interview, new_uid
from qm_tui.core.interview.questions import QuestionSets
from qm_tui.core.sync import fields


@pytest.fixture
def store(db_path: Path) -> InterviewStore:
    return InterviewStore(db_path)


def _add(store: InterviewStore, sets: QuestionSets) -> int:
    iv = sets.default().new_interview(name="Åsa", organisation="Växjö City")
    return store.add(iv.with_answer(1, "Andra svaret"))


def _set_time(store: InterviewStore, interview_id: int, path: str, when: str) -> None:
    """Age one field's change time in the file (saves within a second share their time)."""
    tables = json.loads(store.path.read_text(encoding="utf-8"))
    doc = tables["interviews"][str(interview_id)]
    doc["changed"] = {**doc.get("changed", {}), path: when}
    store.path.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")


def test_a_save_records_when_each_changed_field_changed(
    store: InterviewStore, sets: QuestionSets
) -> None:
    iid = _add(store, sets)
    assert store.get(iid).changed == ()
    first = store.save(iid, store.get(iid).with_text("name", "Åsa Berg")).interview
    assert dict(first.changed) == {"name": first.updated}
    _set_time(store, iid, "name", "2026-01-01T10:00:00+01:00")
    second = store.save(iid, store.get(iid).with_text("contact.email", "a@b.se")).interview
    assert dict(second.changed) == {
        "name": "2026-01-01T10:00:00+01:00",
        "contact.email": second.updated,
    }
    assert store.get(iid) == second
    # the history holds texts only, never the change times
    assert {v.field for v in store.history(iid)} == {"name", "contact.email"}


def test_an_answer_keeps_its_time_when_a_question_is_added_before_it(
    store: InterviewStore, sets: QuestionSets
) -> None:
    iid = _add(store, sets)
    store.save(iid, store.get(iid).with_answer(1, "Nytt andra svar"))
    _set_time(store, iid, "answers.2", "2026-01-01T10:00:00+01:00")
    saved = store.save(iid, store.get(iid).with_question("En ny första fråga?", 0)).interview
    changed = dict(saved.changed)
    assert changed["answers.3"] == "2026-01-01T10:00:00+01:00"  # moved, not changed
    assert changed["questions"] == saved.updated
    assert changed["answers.1"] == saved.updated  # the new, empty answer
    assert "answers.2" not in changed


def test_the_store_keeps_its_own_uid_and_times_not_the_callers(
    store: InterviewStore, sets: QuestionSets
) -> None:
    iid = _add(store, sets)
    stored = store.get(iid)
    stale = replace(
        stored.with_text("quote", "Ett citat"),
        uid=new_uid(),  # an article applied with `update` carries its own (or a new) uid
        changed=(("name", "1999-01-01T00:00:00+01:00"),),
    )
    saved = store.save(iid, stale).interview
    assert saved.uid == stored.uid
    assert dict(saved.changed) == {"quote": saved.updated}


def test_a_text_saved_anew_after_a_deletion_gets_a_uid_of_its_own(
    store: InterviewStore, sets: QuestionSets
) -> None:
    iid = _add(store, sets)
    typed = store.get(iid).with_text("name", "Åsa Berg")
    store.delete(iid)
    result = store.save(iid, typed, readd=True)
    assert result.readded
    (trashed,) = store.trash()
    assert result.interview.uid != trashed.interview.uid
    assert store.get(result.id) == result.interview
    assert dict(result.interview.changed)["name"] == result.interview.updated


def test_a_save_that_changes_nothing_writes_nothing(
    store: InterviewStore, sets: QuestionSets, db_path: Path
) -> None:
    iid = _add(store, sets)
    store.save(iid, store.get(iid).with_text("name", "Åsa Berg"))
    before = db_path.read_bytes()
    loaded = store.get(iid)
    stale = replace(loaded, changed=())  # an editor's copy from before the last save
    assert store.save(iid, stale).interview == loaded
    assert db_path.read_bytes() == before


def test_field_keys_round_trip_through_paths(sets: QuestionSets) -> None:
    iv = sets.default().new_interview()
    doc = replace(iv, answers=(*iv.answers, iv.answers[0])).to_dict()  # a repeated question
    keys = fields.answer_keys(doc)
    assert len(set(keys)) == len(keys)
    for n in range(1, len(keys) + 1):
        key = fields.key_of_path(doc, f"answers.{n}")
        assert key is not None and fields.path_of_key(doc, key) == f"answers.{n}"
    assert fields.key_of_path(doc, f"answers.{len(keys) + 1}") is None
    assert Interview.from_dict(doc).answers[-1] == iv.answers[0]
