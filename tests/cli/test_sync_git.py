"""`qm-tui sync` and git's merge driver, with local bare repositories only (paths, no network)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

from qm_tui.cli import main
from qm_tui.core.database.store import InterviewStore
from qm_tui.core.interview.questions import QuestionSets

pytestmark = pytest.mark.slow


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture(autouse=True)
def _git_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user or system git config, no identity from the environment."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                 "GIT_COMMITTER_EMAIL", "EMAIL", "GIT_DIR", "GIT_WORK_TREE"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)


def clone(remote: Path, folder: Path, who: str = "Åsa") -> Path:
    subprocess.run(["git", "clone", "--quiet", str(remote), str(folder)], check=True,
                   capture_output=True)  # fmt: skip
    git(folder, "config", "user.name", who)
    git(folder, "config", "user.email", f"{who.lower()}@example.org")
    return folder


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    path = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", "-b", "main", str(path)], check=True)
    return path


def sync(db: Path) -> int:
    return main(["--db", str(db), "sync"])


def add(db: Path, sets: QuestionSets, name: str) -> int:
    store = InterviewStore(db)
    new_id = store.add(sets.default().new_interview(name=name, organisation="Växjö City"))
    return new_id


def edit(db: Path, interview_id: int, field: str, text: str) -> None:
    store = InterviewStore(db)
    store.save(interview_id, store.get(interview_id).with_text(field, text))


def by_uid(db: Path) -> dict[str, Any]:
    tables = json.loads(db.read_text(encoding="utf-8"))
    return {d["uid"]: d for d in tables.get("interviews", {}).values()}


def assert_clean_and_valid(folder: Path, db: Path) -> None:
    assert git(folder, "status", "--porcelain", "--untracked-files=all") == ""
    text = db.read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and ">>>>>>>" not in text
    with TinyDB(db) as stock:  # a plain TinyDB file
        assert all(isinstance(d, dict) for d in stock.table("interviews").all())


def test_two_clones_edit_apart_sync_in_turn_and_end_equal(
    tmp_path: Path, remote: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]
) -> None:
    a = clone(remote, tmp_path / "a", "Åsa")
    b = clone(remote, tmp_path / "b", "Bo")
    db_a, db_b = a / "qm.json", b / "qm.json"
    add(db_a, sets, "Nils-Petter Nilsson")
    add(db_a, sets, "Karin Ek")
    assert sync(db_a) == 0
    assert (
        "Synced: this copy's changes committed; 0 change(s) came in; 1 commit(s) went out to origin"
        in capsys.readouterr().out
    )
    assert sync(db_b) == 0
    capsys.readouterr()
    assert len(by_uid(db_b)) == 2

    edit(db_a, 1, "name", "Nils-Petter Nilsson Berg")  # A: the name
    edit(db_a, 2, "answers.1", "Svar skrivet av Åsa")  # both: the same answer
    edit(db_b, 1, "quote", "Citat av Bo med *stjärnor*")  # B: the quote
    edit(db_b, 2, "answers.1", "Svar skrivet av Bo")
    add(db_b, sets, "Örjan Ny")  # B: a new interview (id 3 in both copies)
    add(db_a, sets, "Åsa Ny")
    assert sync(db_a) == 0
    capsys.readouterr()
    assert sync(db_b) == 0
    out_b = capsys.readouterr().out
    assert "in: updated 1 Nils-Petter Nilsson Berg, Växjö City: name" in out_b
    assert "conflict: " in out_b and "answers.1 changed in both copies" in out_b
    assert sync(db_a) == 0
    out_a = capsys.readouterr().out
    assert "Örjan Ny" in out_a

    assert by_uid(db_a) == by_uid(db_b)
    docs = {d["name"]: d for d in by_uid(db_a).values()}
    assert set(docs) == {"Nils-Petter Nilsson Berg", "Karin Ek", "Örjan Ny", "Åsa Ny"}
    assert docs["Nils-Petter Nilsson Berg"]["quote"] == "Citat av Bo med *stjärnor*"
    # the answer changed on both sides: one is current, the other in its history
    store = InterviewStore(db_a)
    karin = next(s.id for s in store.list() if s.interview.name == "Karin Ek")
    current = store.get(karin).answers[0].answer
    earlier = {v.value for v in store.history(karin, "answers.1")}
    assert {current} | earlier >= {"Svar skrivet av Åsa", "Svar skrivet av Bo"}
    for folder, db in ((a, db_a), (b, db_b)):
        assert_clean_and_valid(folder, db)
    assert "merge=qm-tui" in (a / ".gitattributes").read_text(encoding="utf-8")

    # a plain `git pull` merges with qm-tui's merge too
    edit(db_b, 1, "title", "vd")
    assert sync(db_b) == 0
    edit(db_a, 1, "organisation", "Växjö City AB")
    git(a, "commit", "--quiet", "-am", "by hand")
    git(a, "pull", "--quiet", "--no-rebase", "--no-edit")
    merged = InterviewStore(db_a).get(1)
    assert (merged.title, merged.organisation) == ("vd", "Växjö City AB")
    assert_clean_and_valid(a, db_a)


def test_a_push_that_races_another_is_retried_once(
    tmp_path: Path, remote: Path, sets: QuestionSets
) -> None:
    a = clone(remote, tmp_path / "a", "Åsa")
    db_a = a / "qm.json"
    add(db_a, sets, "Först")
    assert sync(db_a) == 0
    b = clone(remote, tmp_path / "b", "Bo")
    db_b = b / "qm.json"
    assert sync(db_b) == 0
    edit(db_b, 1, "quote", "Bo hann före")
    git(b, "commit", "--quiet", "-am", "Bo")
    # A's first push finds B's commit pushed just before it (a pre-push hook pushes it)
    marker = tmp_path / "raced"
    hook = a / ".git" / "hooks" / "pre-push"
    hook.write_text(
        f"#!/bin/sh\nif [ ! -e '{marker}' ]; then touch '{marker}'; "
        f"git -C '{b}' push --quiet origin main >/dev/null 2>&1; fi\nexit 0\n"
    )
    hook.chmod(0o755)
    edit(db_a, 1, "name", "Åsa hann efter")
    assert sync(db_a) == 0
    assert marker.exists()
    assert git(a, "rev-parse", "HEAD") == git(remote, "rev-parse", "main")
    merged = InterviewStore(db_a).get(1)
    assert (merged.name, merged.quote) == ("Åsa hann efter", "Bo hann före")
    assert_clean_and_valid(a, db_a)


def _err_of(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    return err


def test_not_a_repository_no_remote_and_no_identity_are_one_line(
    tmp_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    add(plain / "qm.json", sets, "Ett")
    assert sync(plain / "qm.json") == 1
    assert "not a git repository" in _err_of(capsys)
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "--quiet", "-b", "main", str(repo)], check=True)
    add(repo / "qm.json", sets, "Ett")
    assert sync(repo / "qm.json") == 1
    assert "has no remote" in _err_of(capsys)
    git(repo, "remote", "add", "origin", str(tmp_path / "elsewhere.git"))
    assert sync(repo / "qm.json") == 1
    assert "no git identity" in _err_of(capsys)
    head = subprocess.run(["git", "rev-parse", "--verify", "HEAD"], cwd=repo, capture_output=True)
    assert head.returncode != 0  # nothing was committed


def test_an_unreachable_remote_and_a_rejected_push_are_one_line(
    tmp_path: Path, remote: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]
) -> None:
    a = clone(remote, tmp_path / "a")
    db = a / "qm.json"
    add(db, sets, "Ett")
    git(a, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    assert sync(db) == 1
    assert "the remote origin cannot be reached" in _err_of(capsys)
    git(a, "remote", "set-url", "origin", str(remote))
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'no pushes today' >&2\nexit 1\n")
    hook.chmod(0o755)
    assert sync(db) == 1
    err = _err_of(capsys)
    assert "push rejected by origin" in err and "committed here" in err
    assert git(a, "status", "--porcelain") == ""


def test_git_missing_is_one_line(
    tmp_path: Path, sets: QuestionSets, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    db = tmp_path / "qm.json"
    add(db, sets, "Ett")
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert sync(db) == 1
    assert "git is not installed" in _err_of(capsys)


def test_the_merge_driver_writes_the_merged_database(
    tmp_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]
) -> None:
    base = tmp_path / "base.json"
    add(base, sets, "Ett")
    ours, theirs = tmp_path / "ours.json", tmp_path / "theirs.json"
    ours.write_bytes(base.read_bytes())
    theirs.write_bytes(base.read_bytes())
    edit(ours, 1, "name", "Vår")
    edit(theirs, 1, "quote", "Deras")
    assert main(["merge-driver", str(base), str(ours), str(theirs)]) == 0
    merged = InterviewStore(ours).get(1)
    assert (merged.name, merged.quote) == ("Vår", "Deras")
    assert "qm-tui merge: updated 1 Vår, Växjö City: quote" in capsys.readouterr().err
    theirs.write_text("<<<<<<< not a database", encoding="utf-8")
    before = ours.read_bytes()
    assert main(["merge-driver", str(base), str(ours), str(theirs)]) == 1
    assert ours.read_bytes() == before
