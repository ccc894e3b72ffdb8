"""`qm-tui merge`: two copies of a database edited apart, joined by uid, field by field."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qm_tui.cli import main
from qm_tui.core.database.store import InterviewStore
from qm_tui.core.interview.questions import QuestionSets
from qm_tui.core.sync.merge import MergeError, merge_tables

T1, T2, T3 = "2026-05-01T10:00:00+02:00", "2026-05-02T10:00:00+02:00", "2026-05-03T10:00:00+02:00"


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), *args])


def tables_of(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def write_tables(path: Path, tables: dict[str, Any]) -> None:
    path.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")


def age(path: Path, interview_id: int, times: dict[str, str], updated: str = "") -> None:
    """Set when fields of an interview last changed (saves in one second share a time)."""
    tables = tables_of(path)
    doc = tables["interviews"][str(interview_id)]
    doc["changed"] = {**doc.get("changed", {}), **times}
    doc["updated"] = updated or max(doc["changed"].values())
    write_tables(path, tables)


@pytest.fixture
def pair(tmp_path: Path, sets: QuestionSets) -> tuple[Path, Path]:
    """Two copies of one database with two interviews, ready to be edited apart."""
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    store = InterviewStore(a)
    for name in ("Åsa Öberg", "Örjan Ek"):
        iv = sets.default().new_interview(name=name, organisation="Växjö City")
        store.add(iv.with_answer(0, f"Svar från {name}"))
    shutil.copyfile(a, b)
    return a, b


def edit(path: Path, interview_id: int, field: str, text: str) -> None:
    store = InterviewStore(path)
    store.save(interview_id, store.get(interview_id).with_text(field, text))


def by_uid(tables: dict[str, Any]) -> dict[str, Any]:
    """What two merges must agree on: every interview by uid (ids are local names)."""
    out: dict[str, Any] = {}
    history = tables.get("history", {})
    for key, doc in tables.get("interviews", {}).items():
        out[doc["uid"]] = ("live", None, doc, history.get(key, {}))
    for key, entry in tables.get("trash", {}).items():
        doc = entry["interview"]
        out[doc["uid"]] = ("trash", entry["deleted"], doc, history.get(key, {}))
    stones = sorted(s["uid"] for s in tables.get("tombstones", {}).values())
    return {"interviews": out, "tombstones": stones}


def both_ways(a: Path, b: Path) -> dict[str, Any]:
    ab = merge_tables(tables_of(a), tables_of(b))
    ba = merge_tables(tables_of(b), tables_of(a))
    assert by_uid(ab.tables) == by_uid(ba.tables)
    again = merge_tables(ab.tables, tables_of(b))
    assert not again.changed and again.tables == ab.tables  # merging again changes nothing
    return ab.tables


def test_changes_on_one_side_each_are_all_kept(pair: tuple[Path, Path]) -> None:
    a, b = pair
    edit(a, 1, "name", "Åsa Berg")
    edit(b, 1, "quote", "Ett citat med *stjärnor* och <b>")
    edit(b, 2, "answers.2", "Nytt svar")
    result = merge_tables(tables_of(a), tables_of(b), other_name="b.json")
    merged = result.tables["interviews"]
    assert merged["1"]["name"] == "Åsa Berg"
    assert merged["1"]["quote"] == "Ett citat med *stjärnor* och <b>"
    assert merged["2"]["answers"][1]["answer"] == "Nytt svar"
    assert result.conflicts == []
    assert result.lines == [
        "updated 1 Åsa Berg, Växjö City: quote",
        "updated 2 Örjan Ek, Växjö City: answers.2",
    ]
    assert result.counts["updated"] == 2
    both_ways(a, b)


def test_a_field_changed_on_both_sides_keeps_the_later_and_the_other_in_history(
    pair: tuple[Path, Path],
) -> None:
    a, b = pair
    edit(a, 1, "name", "Åsa Berg")
    edit(b, 1, "name", "Åsa Björk")
    age(a, 1, {"name": T2})
    age(b, 1, {"name": T1})
    result = merge_tables(tables_of(a), tables_of(b))
    doc = result.tables["interviews"]["1"]
    assert doc["name"] == "Åsa Berg" and doc["changed"]["name"] == T2
    (entry,) = [e for e in result.tables["history"]["1"]["name"] if e["value"] == "Åsa Björk"]
    assert entry["conflict"] and entry["saved"] == T2
    assert result.conflicts == [
        "Åsa Berg, Växjö City (" + doc["uid"][:8] + "): name changed in both copies"
    ]
    assert result.counts["conflicts"] == 1
    merged = both_ways(a, b)
    # the older name typed before either edit is in the history too
    assert "Åsa Öberg" in {e["value"] for e in merged["history"]["1"]["name"]}


def test_times_in_other_time_zones_compare_as_moments(pair: tuple[Path, Path]) -> None:
    a, b = pair
    edit(a, 1, "name", "Åsa Berg")
    edit(b, 1, "name", "Åsa Björk")
    age(a, 1, {"name": "2026-05-01T10:30:00+02:00"})  # 08:30 UTC
    age(b, 1, {"name": "2026-05-01T09:00:00+00:00"})  # 09:00 UTC: later, though it reads earlier
    assert both_ways(a, b)["interviews"]["1"]["name"] == "Åsa Björk"


def test_with_a_common_ancestor_a_change_on_one_side_wins_whatever_the_times(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = pair
    ancestor = tables_of(a)
    edit(a, 1, "name", "Åsa Berg")
    age(a, 1, {"name": T1})
    age(b, 1, {"name": T3})  # an old time on an unchanged field says nothing
    result = merge_tables(tables_of(a), tables_of(b), ancestor)
    assert result.tables["interviews"]["1"]["name"] == "Åsa Berg"
    assert result.conflicts == []


def test_with_a_common_ancestor_a_change_on_both_sides_keeps_the_later(
    pair: tuple[Path, Path],
) -> None:
    a, b = pair
    ancestor = tables_of(a)
    edit(a, 1, "quote", "Åsas citat")
    edit(b, 1, "quote", "Bos citat")
    age(a, 1, {"quote": T3})
    age(b, 1, {"quote": T2})
    for x, y in ((a, b), (b, a)):
        result = merge_tables(tables_of(x), tables_of(y), ancestor)
        assert result.tables["interviews"]["1"]["quote"] == "Åsas citat"
        assert len(result.conflicts) == 1
        kept = [e["value"] for e in result.tables["history"]["1"]["quote"] if e.get("conflict")]
        assert kept == ["Bos citat"]


def test_an_interview_new_on_each_side_gets_a_free_id(
    pair: tuple[Path, Path], sets: QuestionSets
) -> None:
    a, b = pair
    for path, name in ((a, "Ny i A"), (b, "Ny i B")):
        store = InterviewStore(path)
        assert store.add(sets.default().new_interview(name=name)) == 3
    result = merge_tables(tables_of(a), tables_of(b), other_name="b.json")
    names = {k: d["name"] for k, d in result.tables["interviews"].items()}
    assert names == {"1": "Åsa Öberg", "2": "Örjan Ek", "3": "Ny i A", "4": "Ny i B"}
    assert result.lines == ["added 4 Ny i B (from b.json, to the interviews)"]
    assert result.tables["meta"]["1"]["next_id"] == 5
    both_ways(a, b)


def test_deleted_on_one_side_and_untouched_on_the_other_is_deleted(
    pair: tuple[Path, Path],
) -> None:
    a, b = pair
    store = InterviewStore(b)
    store.delete(2)
    result = merge_tables(tables_of(a), tables_of(b), other_name="b.json")
    assert set(result.tables["interviews"]) == {"1"}
    assert result.tables["trash"]["2"]["interview"]["name"] == "Örjan Ek"
    assert result.lines == ["deleted 2 Örjan Ek, Växjö City (deleted in b.json)"]
    both_ways(a, b)


def test_edited_after_the_deletion_is_kept_with_a_warning(pair: tuple[Path, Path]) -> None:
    a, b = pair
    store = InterviewStore(b)
    store.delete(2)
    tables = tables_of(b)
    tables["trash"]["2"]["deleted"] = T1
    write_tables(b, tables)
    edit(a, 2, "quote", "Skrivet efter raderingen")
    age(a, 2, {"quote": T2})
    result = merge_tables(tables_of(a), tables_of(b), other_name="b.json")
    assert result.tables["interviews"]["2"]["quote"] == "Skrivet efter raderingen"
    assert "2" not in result.tables.get("trash", {})
    (warning,) = result.warnings
    assert "was deleted in b.json on 2026-05-01" in warning and "edited after that" in warning
    # the other way round, it comes back from the trash
    back = merge_tables(tables_of(b), tables_of(a), other_name="a.json")
    assert back.lines == ["restored 2 Örjan Ek, Växjö City (edited in a.json)"]
    assert back.tables["interviews"]["2"]["quote"] == "Skrivet efter raderingen"
    assert "1 updated" in back.summary()
    both_ways(a, b)


def test_a_purged_interview_never_comes_back(pair: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = pair
    old_copy = tmp_path / "old.json"
    shutil.copyfile(b, old_copy)
    store = InterviewStore(a)
    store.delete(2)
    store.purge(2)
    assert [s["uid"] for s in tables_of(a)["tombstones"].values()] == [
        tables_of(b)["interviews"]["2"]["uid"]
    ]
    into_b = merge_tables(tables_of(b), tables_of(a), other_name="a.json")
    assert set(into_b.tables["interviews"]) == {"1"} and not into_b.tables.get("trash")
    assert into_b.lines == ["removed 2 Örjan Ek, Växjö City (purged in a.json)"]
    into_a = merge_tables(tables_of(a), tables_of(old_copy))  # an old copy of the file
    assert not into_a.changed
    both_ways(a, b)


def test_an_answer_follows_its_question_when_the_other_side_adds_one(
    pair: tuple[Path, Path],
) -> None:
    a, b = pair
    store = InterviewStore(a)
    store.save(1, store.get(1).with_question("En ny första fråga?", 0))
    edit(b, 1, "answers.2", "Svaret på fråga två")
    result = merge_tables(tables_of(a), tables_of(b))
    answers = result.tables["interviews"]["1"]["answers"]
    assert answers[0]["question"] == "En ny första fråga?"
    assert answers[2]["answer"] == "Svaret på fråga två"  # still under its own question
    assert answers[1]["answer"] == "Svar från Åsa Öberg"
    assert result.conflicts == []
    both_ways(a, b)


def test_merge_cli_reports_and_writes_once_and_dry_run_writes_nothing(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = pair
    edit(b, 1, "name", "Åsa Berg")
    before = a.read_bytes()
    assert run(a, "merge", str(b), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "would be updated 1 Åsa Berg, Växjö City: name" in out
    assert "0 added, 1 updated, 0 deleted, 0 conflict(s), 1 unchanged" in out
    assert "dry run: nothing was written" in out
    assert a.read_bytes() == before
    assert run(a, "merge", str(b)) == 0
    assert "updated 1 Åsa Berg" in capsys.readouterr().out
    assert InterviewStore(a).get(1).name == "Åsa Berg"
    assert run(a, "merge", str(b)) == 0
    assert "0 added, 0 updated" in capsys.readouterr().out


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("hej", encoding="utf-8"), "is not valid JSON"),
        (lambda p: p.write_bytes(b"\xff\xfe{}"), "is not UTF-8"),
        (lambda p: p.write_text('{"a": [1]}', encoding="utf-8"), "not a qm-tui database"),
        (lambda p: p.write_text('{"_default": {}}', encoding="utf-8"), "not a qm-tui database"),
        (lambda p: p.write_text('{"interviews": {"1": {"na', encoding="utf-8"), "corrupt"),
        (lambda p: p.write_text("", encoding="utf-8"), "is empty"),
        (
            lambda p: p.write_text('{"meta": {"1": {"schema": 9}}}', encoding="utf-8"),
            "written by a newer qm-tui",
        ),
        (lambda p: p.mkdir(), "is a folder"),
        (_fifo, "FIFO"),
        (lambda p: p.symlink_to(p.parent / "a.json"), "symbolic link"),
        (lambda p: p.write_text("[" * 100000, encoding="utf-8"), "nested too deeply"),
        (lambda p: None, "no such file"),
    ],
)
def test_a_bad_merge_source_is_one_line_and_nothing_is_written(
    pair: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make: Any,
    message: str,
) -> None:
    a, _ = pair
    other = tmp_path / "other.json"
    make(other)
    before = a.read_bytes()
    assert run(a, "merge", str(other)) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert a.read_bytes() == before


def test_a_huge_source_or_the_database_itself_is_refused(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from qm_tui.core.sync import source

    a, b = pair
    before = a.read_bytes()
    assert run(a, "merge", str(a)) == 1
    assert "is this database itself" in capsys.readouterr().err
    monkeypatch.setattr(source, "MAX_COPY_BYTES", 100)
    assert run(a, "merge", str(b)) == 1
    assert "far larger than a qm-tui database can be" in capsys.readouterr().err
    assert a.read_bytes() == before


def test_a_uid_twice_or_an_unreadable_interview_in_the_source_is_refused(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = pair
    tables = tables_of(b)
    tables["interviews"]["7"] = {**tables["interviews"]["1"], "name": "Någon annan"}
    write_tables(b, tables)
    before = a.read_bytes()
    assert run(a, "merge", str(b)) == 1
    assert "have the same uid" in capsys.readouterr().err
    tables["interviews"]["7"] = {"name": 5}
    write_tables(b, tables)
    assert run(a, "merge", str(b)) == 1
    assert "interview '7' cannot be read" in capsys.readouterr().err
    assert a.read_bytes() == before
    with pytest.raises(MergeError):
        merge_tables(tables_of(a), tables)


# -- property: edits apart, nothing lost, the same both ways, merging again changes nothing --

FIELDS = ("name", "quote", "title", "answers.1", "answers.2", "contact.email")
EDIT = st.tuples(
    st.sampled_from(["edit", "edit", "edit", "delete", "add"]),
    st.integers(1, 3),
    st.sampled_from(FIELDS),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12),
)


def _apply(path: Path, edits: list[tuple[str, int, str, str]], sets: QuestionSets) -> None:
    store = InterviewStore(path)
    for op, n, field, text in edits:
        ids = sorted(s.id for s in store.summaries())
        if op == "add" or not ids:
            store.add(sets.default().new_interview(name=text))
        elif op == "delete":
            store.delete(ids[(n - 1) % len(ids)])
        else:
            target = ids[(n - 1) % len(ids)]
            store.save(target, store.get(target).with_text(field, text))


def _texts(tables: dict[str, Any]) -> dict[str, dict[str, set[str]]]:
    """uid -> field path -> every text of it (current and earlier)."""
    from qm_tui.core.database.store import flatten

    out: dict[str, dict[str, set[str]]] = {}
    docs = [(k, d) for k, d in tables.get("interviews", {}).items()]
    docs += [(k, e["interview"]) for k, e in tables.get("trash", {}).items()]
    for key, doc in docs:
        per = out.setdefault(doc["uid"], {})
        for path, text in flatten(doc).items():
            per.setdefault(path, set()).add(text)
        for path, entries in tables.get("history", {}).get(key, {}).items():
            per.setdefault(path, set()).update(e["value"] for e in entries)
    return out


_MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")


def _shift_times(path: Path, seconds: int) -> None:
    """Move every time in a database file (not the interview dates) by `seconds`."""

    def moved(m: re.Match[str]) -> str:
        when = dt.datetime.fromisoformat(m.group()) + dt.timedelta(seconds=seconds)
        return when.isoformat(timespec="seconds")

    path.write_text(_MOMENT.sub(moved, path.read_text(encoding="utf-8")), encoding="utf-8")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(EDIT, max_size=5),
    st.lists(EDIT, max_size=5),
    st.sampled_from([-7200, 0, 7200]),
)
def test_edits_apart_merge_alike_both_ways_and_lose_nothing(
    tmp_path_factory: pytest.TempPathFactory,
    sets: QuestionSets,
    edits_a: list[tuple[str, int, str, str]],
    edits_b: list[tuple[str, int, str, str]],
    shift: int,
) -> None:
    folder = tmp_path_factory.mktemp("copies")
    a, b = folder / "a.json", folder / "b.json"
    store = InterviewStore(a)
    for name in ("Åsa", "Örjan"):
        store.add(sets.default().new_interview(name=name))
    shutil.copyfile(a, b)
    ancestor = tables_of(a)
    _apply(a, edits_a, sets)
    _apply(b, edits_b, sets)
    _shift_times(b, shift)  # B's clock ahead of or behind A's: later and earlier edits
    for base in (None, ancestor):
        ab = merge_tables(tables_of(a), tables_of(b), base)
        ba = merge_tables(tables_of(b), tables_of(a), base)
        assert by_uid(ab.tables) == by_uid(ba.tables)
        assert not merge_tables(ab.tables, tables_of(b), base).changed
        merged = _texts(ab.tables)
        for side in (tables_of(a), tables_of(b)):
            for uid, fields in _texts(side).items():
                for path, texts in fields.items():
                    if path in ("updated", "created"):
                        continue
                    assert texts <= merged[uid].get(path, set()), (uid, path)
        # the result is a database the store reads, every interview valid
        db = folder / "merged.json"
        write_tables(db, ab.tables)
        merged_store = InterviewStore(db)
        assert len(merged_store.list()) + len(merged_store.trash()) == len(merged)
        assert merged_store.skipped == {}


def test_copies_of_a_database_from_before_uids_merge_without_duplicates(
    pair: tuple[Path, Path],
) -> None:
    a, b = pair
    for path in (a, b):  # as an older qm-tui wrote them
        tables = tables_of(path)
        del tables["meta"]["1"]["uids"]
        for doc in tables["interviews"].values():
            del doc["uid"]
        write_tables(path, tables)
    edit(a, 1, "name", "Åsa Berg")  # this copy got its uids on this write
    result = merge_tables(tables_of(a), tables_of(b), other_name="b.json")
    assert sorted(d["name"] for d in result.tables["interviews"].values()) == [
        "Åsa Berg",
        "Örjan Ek",
    ]
    assert result.lines == [] and not result.conflicts


def test_answers_filled_on_two_sides_merge_into_a_complete_interview(
    pair: tuple[Path, Path],
) -> None:
    a, b = pair
    for n in (2, 3, 4):
        edit(a, 1, f"answers.{n}", f"Svar {n} skrivet i a")
    edit(b, 1, "answers.5", "Svar 5 skrivet i b")
    edit(b, 1, "quote", "Ett citat från b.")
    assert {InterviewStore(p).get(1).status for p in (a, b)} == {"draft"}
    merged = both_ways(a, b)["interviews"]["1"]
    assert merged["status"] == "complete"
