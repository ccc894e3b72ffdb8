"""The garbage collector is paused while a database is read, and restored as it was."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

from qm_tui.core import collector
from qm_tui.core.collector import collector_paused
from qm_tui.core.store import InterviewStore

from .conftest import sample


@pytest.fixture(autouse=True)
def _collector_on() -> object:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_inside_and_on_again_after_also_after_an_error() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()


def test_left_off_when_it_was_off_before() -> None:
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_two_threads_overlapping_turn_it_on_after_the_last_one() -> None:
    inside, release = threading.Event(), threading.Event()

    def reader() -> None:
        with collector_paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=reader)
    thread.start()
    assert inside.wait(5)
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other reader is still inside
    release.set()
    thread.join(5)
    assert gc.isenabled() and collector._pausers == 0


def test_a_read_of_the_database_runs_with_it_paused(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    InterviewStore(db_path).add(sample())
    import qm_tui.core.stream_read as stream_read

    seen: list[bool] = []
    real = stream_read.read_tables

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stream_read, "read_tables", spy)
    assert [s.interview.name for s in InterviewStore(db_path).list()] == ["Nils-Petter Nilsson"]
    assert seen == [False] and gc.isenabled()
