"""The save journal on its own: complete lines only, retired journals ignored, torn tails cut."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from qm_tui.core.errors import StoreError
from qm_tui.core.journal import Journal, token_of


def tables(token: str | None = "abc") -> dict[str, Any]:
    meta: dict[str, Any] = {"schema": 1, "next_id": 3}
    if token is not None:
        meta["journal"] = token
    return {"meta": {"1": meta}, "interviews": {"1": {"name": "Åsa"}, "2": {"name": "Örjan"}}}


def test_appended_saves_are_replayed_over_the_database(tmp_path: Path) -> None:
    db = tmp_path / "qm.json"
    writer = Journal(db)
    live = tables()
    writer.replay(live)
    writer.append(live, {"interviews": {"1": {"name": "Åsa Ny"}}})
    writer.append(live, {"interviews": {"2": None, "3": {"name": "Tredje"}}})
    assert live["interviews"] == {"1": {"name": "Åsa Ny"}, "3": {"name": "Tredje"}}
    fresh = tables()
    Journal(db).replay(fresh)
    assert fresh == live


def test_a_reader_catches_up_with_lines_appended_after_it_read(tmp_path: Path) -> None:
    db = tmp_path / "qm.json"
    writer, reader = Journal(db), Journal(db)
    mine, theirs = tables(), tables()
    writer.replay(mine)
    reader.replay(theirs)
    writer.append(mine, {"interviews": {"1": {"name": "ett"}}})
    reader.catch_up(theirs)
    writer.append(mine, {"interviews": {"2": {"name": "två"}}})
    reader.catch_up(theirs)
    assert theirs == mine


def test_a_torn_last_line_is_ignored_and_cut_off_by_the_next_save(tmp_path: Path) -> None:
    db = tmp_path / "qm.json"
    journal = Journal(db)
    live = tables()
    journal.replay(live)
    journal.append(live, {"interviews": {"1": {"name": "sparad"}}})
    with open(journal.path, "ab") as fh:  # a save killed half-way through its line
        fh.write(b'{"interviews": {"2": {"name": "hal')
    fresh = tables()
    Journal(db).replay(fresh)
    assert fresh["interviews"]["1"] == {"name": "sparad"}
    assert fresh["interviews"]["2"] == {"name": "Örjan"}
    again = Journal(db)
    again.replay(fresh)
    again.append(fresh, {"interviews": {"2": {"name": "nästa"}}})
    lines = journal.path.read_bytes().splitlines()
    assert [orjson.loads(line) for line in lines[1:]] == [
        {"interviews": {"1": {"name": "sparad"}}},
        {"interviews": {"2": {"name": "nästa"}}},
    ]


def test_a_journal_of_an_older_database_is_never_replayed(tmp_path: Path) -> None:
    db = tmp_path / "qm.json"
    journal = Journal(db)
    old = tables("old")
    journal.replay(old)
    journal.append(old, {"interviews": {"1": {"name": "redan inskriven"}}})
    compacted = tables("new")  # the database was written in full since: a new token
    compacted["interviews"]["1"] = {"name": "nyare"}
    Journal(db).replay(compacted)
    assert compacted["interviews"]["1"] == {"name": "nyare"}


def test_the_first_save_after_a_full_write_starts_a_new_journal(tmp_path: Path) -> None:
    db = tmp_path / "qm.json"
    journal = Journal(db)
    old = tables("old")
    journal.replay(old)
    journal.append(old, {"interviews": {"1": {"name": "gammal"}}})
    new = tables("new")
    journal.replay(new)
    journal.append(new, {"interviews": {"2": {"name": "ny"}}})
    assert journal.path.read_bytes().splitlines()[0] == b'{"journal":"new"}'
    fresh = tables("new")
    Journal(db).replay(fresh)
    assert fresh["interviews"] == {"1": {"name": "Åsa"}, "2": {"name": "ny"}}
    assert token_of(fresh) == "new"


def test_a_damaged_complete_line_stops_with_a_message(tmp_path: Path) -> None:
    db = tmp_path / "qm.json"
    journal = Journal(db)
    live = tables()
    journal.replay(live)
    journal.append(live, {"interviews": {"1": {"name": "x"}}})
    with open(journal.path, "ab") as fh:
        fh.write(b"\x00\x00 not json\n")
    with pytest.raises(StoreError, match="damaged"):
        Journal(db).replay(tables())


def test_a_database_without_a_token_cannot_be_journaled(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "qm.json")
    live = tables(None)
    journal.replay(live)
    with pytest.raises(StoreError):
        journal.append(live, {"interviews": {"1": {"name": "x"}}})
    assert not journal.path.exists()
