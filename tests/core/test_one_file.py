"""One file, always current: every change is in the TinyDB file when the call returns.

Process-level tests: a long-lived store in its own process (as the app holds one) and the CLI in
others, interleaved; stock TinyDB reads the file after each step. The two lost-update races
here were reproduced on qm-tui 0.2, whose saves sat in a side journal.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from tinydb import TinyDB

from qm_tui.core.database.json_storage import AtomicJSONStorage, serialize
from qm_tui.core.database.store import InterviewStore, StoreError

from ..conftest import DATA, sample

pytestmark = pytest.mark.slow

# A store held open in its own process, driven by tab-separated lines on stdin.
DRIVER = textwrap.dedent(
    """
    import sys
    from dataclasses import replace
    from qm_tui.core.database.store import InterviewStore
    from qm_tui.core.interview.questions import load_question_sets

    store = InterviewStore(sys.argv[1])
    sets = load_question_sets().default()
    print("ready", flush=True)
    for line in sys.stdin:
        command, *rest = line.rstrip("\\n").split("\\t")
        if command == "add":
            print(store.add(sets.new_interview(name=rest[0])), flush=True)
        elif command == "quote":
            iv = store.get(int(rest[0]))
            store.save(int(rest[0]), replace(iv, quote=rest[1]), base=iv)
            print("ok", flush=True)
    """
)

# `qm-tui update`, paused just before it saves until a line arrives on stdin.
SLOW_UPDATE = textwrap.dedent(
    """
    import sys
    from qm_tui import cli
    from qm_tui.core.database.store import InterviewStore

    real_save = InterviewStore.save

    def paused_save(self, *args, **kwargs):
        print("saving", flush=True)
        sys.stdin.readline()
        return real_save(self, *args, **kwargs)

    InterviewStore.save = paused_save
    sys.exit(cli.main(sys.argv[1:]))
    """
)


class Driver:
    """A long-lived store in another process."""

    def __init__(self, db: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", DRIVER, str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.readline() == "ready"

    def readline(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def __call__(self, *command: str) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write("\t".join(command) + "\n")
        self.process.stdin.flush()
        return self.readline()

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        assert self.process.wait(timeout=30) == 0


@pytest.fixture
def driver(db_path: Path) -> Iterator[Driver]:
    d = Driver(db_path)
    yield d
    d.close()


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qm_tui", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def stock(db: Path) -> dict[str, dict[str, object]]:
    """The interviews as stock TinyDB reads the file."""
    with TinyDB(db, encoding="utf-8") as tiny:
        return {str(doc.doc_id): dict(doc) for doc in tiny.table("interviews").all()}


def beside(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name))


def test_a_journal_sized_like_the_retired_one_loses_no_save(db_path: Path, driver: Driver) -> None:
    """0.2: a store whose cached state was "a retired journal of N bytes" took another
    process's new journal of exactly N bytes for unchanged, and its next save replaced it."""
    assert driver("add", "One") == "1"
    assert driver("add", "Two") == "2"
    assert driver("quote", "1", "aaaaaaaaa") == "ok"  # 0.2: a journal of N bytes
    assert driver("add", "Three") == "3"  # 0.2: a full write retired it (the file stayed)
    assert cli(db_path, "status", "2", "approved").returncode == 0  # 0.2: a new one, N bytes
    assert driver("quote", "1", "bbbb") == "ok"
    docs = stock(db_path)
    assert docs["2"]["status"] == "approved"
    assert docs["1"]["quote"] == "bbbb"


def test_a_slow_update_keeps_a_status_changed_meanwhile(db_path: Path, tmp_path: Path) -> None:
    """0.2: `update 3 FILE` started before `status 2 approved` and saving after it erased the
    status change."""
    driver = Driver(db_path)
    for name in ("One", "Two", "Three"):
        driver("add", name)
    driver("quote", "1", "aaaaaaaaa")
    driver("add", "Four")
    driver.close()
    article = tmp_path / "three.md"
    assert cli(db_path, "export", "3", "-o", str(article)).returncode == 0
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Three", "Tre"), encoding="utf-8")
    slow = subprocess.Popen(
        [sys.executable, "-c", SLOW_UPDATE, "--db", str(db_path), "update", "3", str(article)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert slow.stdout is not None and slow.stdin is not None
    lines = iter(slow.stdout.readline, "")
    assert "saving" in (line.strip() for line in lines)  # after the changes it prints
    assert cli(db_path, "status", "2", "approved").returncode == 0
    slow.stdin.write("go\n")
    slow.stdin.close()
    assert slow.wait(timeout=60) == 0
    docs = stock(db_path)
    assert docs["2"]["status"] == "approved"
    assert docs["3"]["name"] == "Tre"


def test_every_command_is_in_the_file_when_it_returns(db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "one.json"
    source.write_text(json.dumps(sample().to_dict()), encoding="utf-8")
    assert cli(db_path, "import", str(source)).returncode == 0
    assert cli(db_path, "status", "1", "approved").returncode == 0
    assert stock(db_path)["1"]["status"] == "approved"
    article = tmp_path / "one.md"
    assert cli(db_path, "export", "1", "-o", str(article)).returncode == 0
    article.write_text(
        article.read_text(encoding="utf-8").replace("Växjö City", "Växjö Centrum"),
        encoding="utf-8",
    )
    assert cli(db_path, "update", "1", str(article)).returncode == 0
    assert stock(db_path)["1"]["organisation"] == "Växjö Centrum"
    assert cli(db_path, "delete", "1").returncode == 0
    assert stock(db_path) == {}
    assert cli(db_path, "restore", "1").returncode == 0
    assert stock(db_path)["1"]["organisation"] == "Växjö Centrum"
    assert beside(db_path) == ["qm.json", "qm.json.lock"]


def test_the_file_is_deterministic_and_a_save_changes_only_its_lines(db_path: Path) -> None:
    store = InterviewStore(db_path)
    ids = store.add_many([sample(f"Namn {n}") for n in range(12)])
    before = db_path.read_text(encoding="utf-8").splitlines()
    iv = store.get(ids[5])
    store.save(ids[5], iv.with_answer(1, "Åäö, nytt."), base=iv)
    after = db_path.read_text(encoding="utf-8").splitlines()
    import difflib

    # (no autojunk: it would take the many `{` and `},` lines for noise and misalign)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    changed = [
        line
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
        for line in (*before[i1:i2], *after[j1:j2])
    ]
    # the answer, its `updated` time, when the answer changed (`changed`, issue 21) and the
    # history entry (a few lines), nothing else
    assert 2 <= len(changed) <= 17, changed
    assert "Åäö, nytt." in db_path.read_text(encoding="utf-8")  # as itself, not \\u00c5
    tables = json.loads(db_path.read_text(encoding="utf-8"))
    shuffled = {name: dict(reversed(table.items())) for name, table in reversed(tables.items())}
    assert serialize(shuffled) == db_path.read_bytes()


def test_another_process_s_save_is_seen_by_a_store_held_open(db_path: Path) -> None:
    mine = InterviewStore(db_path)
    iid = mine.add(sample())
    assert mine.get(iid).status == "complete"
    assert cli(db_path, "status", str(iid), "approved").returncode == 0
    assert mine.get(iid).status == "approved"
    iv = mine.get(iid)
    from dataclasses import replace

    mine.save(iid, replace(iv, quote="Ny"), base=iv)
    assert stock(db_path)[str(iid)]["status"] == "approved"


# -- ids in use -------------------------------------------------------------------------


def test_an_id_taken_by_stock_tinydb_is_never_overwritten(db_path: Path) -> None:
    store = InterviewStore(db_path)
    store.add(sample("Anna"))
    with TinyDB(db_path, encoding="utf-8") as tiny:  # next_id still says 2
        tiny.table("interviews").insert(sample("Stock").to_dict())
    new = InterviewStore(db_path).add(sample("Bo"))
    names = {k: v["name"] for k, v in stock(db_path).items()}
    assert new == 3 and names == {"1": "Anna", "2": "Stock", "3": "Bo"}


def test_restore_into_a_taken_id_takes_a_new_one(db_path: Path) -> None:
    store = InterviewStore(db_path)
    iid = store.add(sample("Anna"))
    store.delete(iid)
    tables = json.loads(db_path.read_text(encoding="utf-8"))
    tables["interviews"][str(iid)] = sample("Hand edit").to_dict()
    db_path.write_text(json.dumps(tables), encoding="utf-8")
    restored = InterviewStore(db_path).restore(iid)
    assert restored.id != iid and restored.interview.name == "Anna"
    names = {k: v["name"] for k, v in stock(db_path).items()}
    assert names == {str(iid): "Hand edit", str(restored.id): "Anna"}


def test_a_failing_restore_writes_nothing(db_path: Path) -> None:
    store = InterviewStore(db_path)
    iid = store.add(sample())
    store.delete(iid)
    tables = json.loads(db_path.read_text(encoding="utf-8"))
    tables["trash"][str(iid)]["interview"]["answers"] = "not a list"
    db_path.write_text(json.dumps(tables), encoding="utf-8")
    before = db_path.read_bytes()
    result = cli(db_path, "restore", str(iid))
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert db_path.read_bytes() == before


def test_a_number_beyond_64_bits_in_one_document_blocks_no_write(db_path: Path) -> None:
    store = InterviewStore(db_path)
    store.add(sample("Anna"))
    tables = json.loads(db_path.read_text(encoding="utf-8"))
    tables["interviews"]["1"]["extra"] = 2**70
    db_path.write_text(json.dumps(tables), encoding="utf-8")
    store = InterviewStore(db_path)
    new = store.add(sample("Bo"))
    store.delete(new)
    assert InterviewStore(db_path).restore(new).interview.name == "Bo"
    assert json.loads(db_path.read_text(encoding="utf-8"))["interviews"]["1"]["extra"] == 2**70


@pytest.mark.parametrize("schema", ['"1"', "NaN", "0", "1.5"])
def test_an_odd_schema_is_named_as_it_is(db_path: Path, schema: str) -> None:
    db_path.write_text('{"meta": {"1": {"schema": ' + schema + "}}}", encoding="utf-8")
    with pytest.raises(StoreError, match="not a version number") as caught:
        InterviewStore(db_path)
    assert "newer" not in str(caught.value)


# -- migration from 0.2 -----------------------------------------------------------------


@pytest.fixture
def legacy(tmp_path: Path) -> Path:
    """A database written by qm-tui 0.2 whose last three saves sit in its journal (see
    data/legacy-0.2/made_by.py.txt)."""
    folder = tmp_path / "legacy"
    shutil.copytree(DATA / "legacy-0.2", folder)
    return folder / "interviews.json"


def test_a_0_2_journal_is_folded_into_the_file_and_removed(legacy: Path) -> None:
    assert stock(legacy)["2"]["status"] == "draft"  # what 0.2 left in the file itself
    store = InterviewStore(legacy)
    one, two = store.get(1), store.get(2)
    assert one.quote == "Ett kvitto på att vi gör rätt."
    assert one.answers[0].answer == "Det skapar en gemenskap – och en stolthet."
    assert (two.status, two.quote) == ("complete", "Vi gör det tillsammans.")
    docs = stock(legacy)  # stock TinyDB sees every journaled save now
    assert docs["2"]["status"] == "complete" and docs["1"]["quote"] == one.quote
    assert beside(legacy) == ["interviews.json", "interviews.json.lock"]
    assert "journal" not in json.loads(legacy.read_text(encoding="utf-8"))["meta"]["1"]
    assert [v.field for v in store.history(1)].count("quote") == 1


def test_a_retired_journal_is_removed_without_being_applied(legacy: Path) -> None:
    tables = json.loads(legacy.read_text(encoding="utf-8"))
    tables["meta"]["1"]["journal"] = "0123456789abcdef"  # a later full write retired it
    legacy.write_text(json.dumps(tables), encoding="utf-8")
    store = InterviewStore(legacy)
    assert store.get(2).status == "draft"
    assert beside(legacy) == ["interviews.json", "interviews.json.lock"]


def test_a_read_only_0_2_database_is_read_with_its_journal(legacy: Path) -> None:
    os.chmod(legacy, 0o444)
    store = InterviewStore(legacy)
    assert store.get(2).status == "complete"
    assert (legacy.parent / "interviews.json.journal").exists()  # kept until it can be folded


def test_a_damaged_journal_is_left_as_it_is(legacy: Path) -> None:
    journal = legacy.parent / "interviews.json.journal"
    journal.write_bytes(journal.read_bytes() + b"[1, 2]\n")
    before = legacy.read_bytes(), journal.read_bytes()
    with pytest.raises(StoreError, match="damaged"):
        InterviewStore(legacy)
    assert (legacy.read_bytes(), journal.read_bytes()) == before


def test_a_symlink_planted_as_the_journal_is_never_read(legacy: Path, tmp_path: Path) -> None:
    journal = legacy.parent / "interviews.json.journal"
    outside = tmp_path / "outside.txt"
    outside.write_bytes(journal.read_bytes())
    journal.unlink()
    journal.symlink_to(outside)
    store = InterviewStore(legacy)
    assert store.get(2).status == "draft"  # not applied
    assert not os.path.lexists(journal)  # the link is removed, what it points to is kept
    assert outside.exists()


def test_the_storage_class_answers_tinydb_as_its_own_storage(db_path: Path) -> None:
    with TinyDB(db_path, storage=AtomicJSONStorage) as tiny:
        tiny.insert({"text": "Växjö"})
        tiny.table("x").insert({"n": 1})
        tiny.update({"text": "Åre"}, doc_ids=[1])
    assert json.loads(db_path.read_text(encoding="utf-8")) == {
        "_default": {"1": {"text": "Åre"}},
        "x": {"1": {"n": 1}},
    }


def test_a_change_that_cannot_be_written_is_not_kept_in_memory(db_path: Path) -> None:
    store = InterviewStore(db_path)
    iid = store.add(sample("Anna"))
    storage = AtomicJSONStorage(db_path)
    nested: list[object] = []
    for _ in range(100_000):  # deeper than either JSON writer goes
        nested = [nested]
    with pytest.raises(StoreError, match="cannot save"), storage.transaction() as tables:
        tables["interviews"][str(iid)]["name"] = "Bo"
        tables["x"] = {"1": {"deep": nested}}
    with storage.transaction() as tables:  # the next change starts from the file
        assert tables["interviews"][str(iid)]["name"] == "Anna" and "x" not in tables
