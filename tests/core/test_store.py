"""InterviewStore: ids, trash, history, concurrency and the file format."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from tinydb import TinyDB

from qm_tui.core.database import store as store_module
from qm_tui.core.database.store import InterviewStore
from qm_tui.core.errors import NotFoundError, StoreError
from qm_tui.core.interview.model import Interview
from qm_tui.core.interview.questions import QuestionSets


@pytest.fixture
def blank(sets: QuestionSets) -> Interview:
    return sets.default().new_interview(
        name="Nils-Petter Nilsson", title="vd/centrumutvecklare", organisation="Växjö City"
    )


def test_a_missing_file_is_an_empty_store_and_is_not_created_by_reading(db_path: Path) -> None:
    store = InterviewStore(db_path)
    assert store.list() == [] and store.trash() == [] and len(store) == 0
    assert not db_path.exists()


def test_add_get_and_list_newest_first(db_path: Path, blank: Interview) -> None:
    store = InterviewStore(db_path)
    first = store.add(blank)
    newer = replace(blank, name="Åsa", updated="2099-01-01T00:00:00+00:00")
    second = store.add(newer)
    assert (first, second) == (1, 2)
    assert store.get(first) == blank
    assert [s.id for s in store.list()] == [2, 1]
    assert [d["id"] for d in store.documents()] == [2, 1]
    with pytest.raises(NotFoundError, match="no interview with id 9"):
        store.get(9)


def test_file_is_utf8_indented_tinydb_json(db_path: Path, blank: Interview) -> None:
    InterviewStore(db_path).add(blank)
    text = db_path.read_text(encoding="utf-8")
    assert "Växjö City" in text and "\\u00e4" not in text
    assert '\n  "interviews": {' in text
    data = json.loads(text)
    assert data["meta"]["1"]["schema"] == store_module.FILE_SCHEMA
    stock = TinyDB(db_path, encoding="utf-8")
    assert stock.table("interviews").get(doc_id=1)["organisation"] == "Växjö City"
    stock.close()


def test_ids_are_never_reused(db_path: Path, blank: Interview) -> None:
    store = InterviewStore(db_path)
    store.add(blank)
    store.add(blank)
    store.delete(2)
    store.purge(2)
    assert store.add(blank) == 3


def test_delete_restore_and_purge(db_path: Path, blank: Interview) -> None:
    store = InterviewStore(db_path)
    iid = store.add(blank)
    store.delete(iid)
    assert store.list() == []
    trashed = store.trash()
    assert [t.id for t in trashed] == [iid] and trashed[0].interview == blank
    assert store.restore(iid) == (iid, blank)
    assert store.get(iid) == blank and store.trash() == []
    with pytest.raises(NotFoundError, match="in the trash"):
        store.restore(iid)
    store.delete(iid)
    assert store.purge() == 1
    assert store.trash() == [] and store.list() == []
    with pytest.raises(NotFoundError):
        store.delete(iid)
    with pytest.raises(NotFoundError):
        store.purge(iid)


def test_save_keeps_earlier_values_in_history(db_path: Path, blank: Interview) -> None:
    store = InterviewStore(db_path)
    iid = store.add(blank.with_answer(1, "Första svaret"))
    saved = store.save(iid, store.get(iid).with_answer(1, "Andra svaret")).interview
    assert store.get(iid).answers[1].answer == "Andra svaret"
    assert saved.updated >= blank.updated
    history = store.history(iid, "answers.2")
    assert [v.value for v in history] == ["Första svaret"]
    assert store.history(iid, "answers.1") == []


def test_history_is_spaced_and_bounded(
    db_path: Path, blank: Interview, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = InterviewStore(db_path)
    iid = store.add(blank)
    clock = iter(
        f"2026-11-27T10:{m:02d}:{s:02d}+01:00" for m in range(60) for s in range(0, 60, 10)
    )
    monkeypatch.setattr(store_module, "now_iso", lambda: next(clock))  # the time of each save
    monkeypatch.setattr(store_module, "HISTORY_LIMIT", 5)
    for n in range(1, 40):  # an autosave every 10 s for 6.5 minutes
        store.save(iid, store.get(iid).with_answer(0, "x" * n))
    versions = store.history(iid, "answers.1")
    assert len(versions) == 5  # bounded
    times = [v.saved for v in versions]
    assert times == sorted(times, reverse=True)
    # the newest earlier value is always kept; older ones are about a minute apart
    assert versions[0].value == "x" * 38
    assert [len(v.value) for v in versions[1:]] == [36, 30, 24, 18]


def test_an_unchanged_save_writes_nothing(db_path: Path, blank: Interview) -> None:
    store = InterviewStore(db_path)
    iid = store.add(blank)
    before = db_path.stat().st_mtime_ns, db_path.read_bytes()
    result = store.save(iid, store.get(iid))
    assert (db_path.stat().st_mtime_ns, db_path.read_bytes()) == before
    assert result.interview == store.get(iid) and not result.conflict


def test_two_instances_never_lose_each_others_writes(db_path: Path, blank: Interview) -> None:
    one, two = InterviewStore(db_path), InterviewStore(db_path)
    a = one.add(blank)
    b = two.add(blank)
    assert a != b
    one.save(a, one.get(a).with_answer(0, "från ett"))
    two.save(b, two.get(b).with_answer(0, "från två"))
    for s in (one, two):
        assert s.get(a).answers[0].answer == "från ett"
        assert s.get(b).answers[0].answer == "från två"


def test_a_concurrent_edit_is_flagged_and_kept_in_history(db_path: Path, blank: Interview) -> None:
    one, two = InterviewStore(db_path), InterviewStore(db_path)
    iid = one.add(blank)
    base_one, base_two = one.get(iid), two.get(iid)
    first = one.save(iid, base_one.with_answer(0, "ett"), base=base_one)
    assert not first.conflict
    second = two.save(iid, base_two.with_answer(0, "två"), base=base_two)
    assert second.conflict
    assert one.get(iid).answers[0].answer == "två"
    assert "ett" in [v.value for v in one.history(iid, "answers.1")]


def test_a_newer_file_schema_is_refused(db_path: Path) -> None:
    db_path.write_text('{"meta": {"1": {"schema": 99}}}', encoding="utf-8")
    with pytest.raises(StoreError, match="newer qm-tui"):
        InterviewStore(db_path)


CORRUPT = {
    "truncated": (b'{"interviews": {"1": {"name": "V\xc3\xa4xj', "not valid JSON"),
    "empty": (b"", "is empty"),
    "blank": (b"  \n", "is empty"),
    "not utf-8": (b'{"interviews": {"1": {"name": "V\xe4xj\xf6"}}}', "not UTF-8"),
    "not tinydb": (b"[1, 2, 3]", "not a TinyDB database"),
    "wrong nesting": (b'{"interviews": {"1": "x"}}', "not a TinyDB database"),
}


@pytest.mark.parametrize("kind", sorted(CORRUPT))
def test_a_corrupt_file_is_never_overwritten(db_path: Path, blank: Interview, kind: str) -> None:
    content, message = CORRUPT[kind]
    db_path.write_bytes(content)
    with pytest.raises(StoreError, match=message) as info:
        InterviewStore(db_path).add(blank)
    assert str(db_path) in str(info.value)
    assert db_path.read_bytes() == content


def test_an_invalid_document_inside_the_file_is_reported(db_path: Path) -> None:
    db_path.write_text('{"interviews": {"1": {"name": "x"}}}', encoding="utf-8")
    store = InterviewStore(db_path)
    assert store.list() == []
    assert "interview 1: missing field 'question_set'" in (store.skipped_summary() or "")
    with pytest.raises(StoreError, match="interview 1 is invalid: missing field 'question_set'"):
        store.get(1)


def test_a_version_lost_in_a_conflict_is_never_folded_away(db_path: Path, blank: Interview) -> None:
    one, two = InterviewStore(db_path), InterviewStore(db_path)
    iid = one.add(blank)
    base_two = two.get(iid)
    current = one.get(iid)
    for text in ("a", "ab", "abc"):  # quick autosaves, folded into one entry
        current = one.save(iid, current.with_answer(0, text), base=current).interview
    assert two.save(iid, base_two.with_answer(0, "från två"), base=base_two).conflict
    one.save(iid, one.get(iid).with_answer(0, "efteråt"))
    values = [v.value for v in one.history(iid, "answers.1")]
    assert "abc" in values and "från två" in values


def test_summaries_are_the_list_rows_and_match_every_search_word(
    db_path: Path, blank: Interview
) -> None:
    store = InterviewStore(db_path)
    store.add(blank.with_answer(0, "Samverkan i STADEN"))
    store.add(replace(blank, name="Åsa Öberg", updated="2099-01-01T00:00:00+00:00"))
    rows = store.summaries()
    assert [(r.id, r.name, r.answered, r.questions) for r in rows] == [
        (2, "Åsa Öberg", 0, 5),
        (1, "Nils-Petter Nilsson", 1, 5),
    ]
    assert rows[1].matches("staden  växjö") and rows[1].matches("")
    assert not rows[1].matches("staden göteborg")
    assert rows[0].matches("ÅSA") and not rows[0].matches("staden")


def test_save_with_readd_stores_text_of_an_interview_deleted_elsewhere(
    db_path: Path, blank: Interview
) -> None:
    mine, other = InterviewStore(db_path), InterviewStore(db_path)
    iid = mine.add(blank)
    other.delete(iid)
    with pytest.raises(NotFoundError):
        mine.save(iid, blank.with_answer(0, "skrivet"))
    result = mine.save(iid, blank.with_answer(0, "skrivet"), base=blank, readd=True)
    assert result.readded and result.conflict and result.id == iid + 1
    assert other.get(result.id).answers[0].answer == "skrivet"
    assert [t.id for t in other.trash()] == [iid]  # the deleted one stays in the trash
    plain = mine.save(result.id, result.interview.with_answer(1, "mer"), readd=True)
    assert (plain.id, plain.readded) == (result.id, False)


def test_reads_follow_writes_of_the_same_store_and_of_others(
    db_path: Path, blank: Interview
) -> None:
    store, other = InterviewStore(db_path), InterviewStore(db_path)
    iid = store.add(blank)
    assert store.get(iid) == blank and other.document(iid)["name"] == blank.name
    other.save(iid, replace(blank, name="Ny"))
    assert store.get(iid).name == "Ny" and store.summaries()[0].name == "Ny"
    store.delete(iid)
    assert other.documents() == [] and len(other) == 0
    assert TinyDB(db_path, encoding="utf-8").table("trash").get(doc_id=iid) is not None


def test_every_write_stores_the_status_the_rule_gives(db_path: Path, blank: Interview) -> None:
    store = InterviewStore(db_path)
    full = blank.with_text("quote", "Ett citat.")
    for n in range(len(full.answers)):
        full = full.with_answer(n, f"Svar {n + 1}.")
    assert full.status == "draft"  # as an import or a merge may hand it over
    first = store.add(full)
    assert store.get(first).status == "complete"
    second = store.add(blank)
    result = store.save(second, full)
    assert result.interview.status == store.get(second).status == "complete"
    store.save(second, full.with_answer(0, ""))
    assert store.get(second).status == "draft"
    approved = full.with_workflow_status("approved").with_answer(0, "")
    store.save(second, approved)
    assert store.get(second).status == "approved"  # chosen by hand: editing does not undo it
