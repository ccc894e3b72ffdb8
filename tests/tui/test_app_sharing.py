"""The list's sharing keys: a sync folder's conflict copy pointed out and merged (m), git sync
(g) with what came in and went out."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from qm_tui.core.database.store import InterviewStore
from qm_tui.tui.app import QMApp

from ..conftest import SIZE, notified, open_selected, sample, wait_for


def _said(app: QMApp) -> list[str]:
    """Every notification's text, in order."""
    return [n.message for n in notified(app)]


def _synced(app: QMApp, after: int = 0) -> bool:
    """True once the app has said that a sync ended (among its notifications from `after` on)."""
    return any(m.startswith("Synkat med origin") for m in _said(app)[after:])


def _edit(db: Path, field: str, text: str) -> None:
    store = InterviewStore(db)
    store.save(1, store.get(1).with_text(field, text))


async def test_a_conflict_copy_is_pointed_out_and_merged_with_m(tmp_path: Path) -> None:
    db = tmp_path / "interviews.json"
    store = InterviewStore(db)
    store.add(sample("Anna Östberg"))
    copy = tmp_path / "interviews.sync-conflict-20260501-101500-ABCDEF1.json"
    shutil.copyfile(db, copy)
    _edit(copy, "quote", "Skrivet på den andra datorn")
    _edit(db, "title", "vd")
    app = QMApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: any(copy.name in m for m in _said(app)))
        assert any("Tryck m för att slå ihop den" in m for m in _said(app))
        await pilot.press("m")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "ConfirmScreen")
        await pilot.press("y")
        await wait_for(pilot, lambda: any(m.startswith("Slog ihop") for m in _said(app)))
        await app.workers.wait_for_complete()  # the list's reload after the merge
    merged = InterviewStore(db).get(1)
    assert (merged.title, merged.quote) == ("vd", "Skrivet på den andra datorn")
    assert any("1 updated" in m and "updated 1 Anna Östberg" in m for m in _said(app))


def _two_clones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The database paths in two clones (users a and b) of one empty bare repository, with no
    user or system git config."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    dbs = []
    for who in ("a", "b"):
        folder = tmp_path / who
        subprocess.run(["git", "clone", "-q", str(remote), str(folder)], check=True,
                       capture_output=True)  # fmt: skip
        for key, value in (("user.name", who), ("user.email", f"{who}@example.org")):
            subprocess.run(["git", "config", key, value], cwd=folder, check=True)
        dbs.append(folder / "interviews.json")
    return dbs[0], dbs[1]


@pytest.mark.slow
async def test_g_syncs_with_git_and_says_what_came_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_a, db_b = _two_clones(tmp_path, monkeypatch)
    store = InterviewStore(db_b)
    store.add(sample("Bo Ek"))
    from qm_tui.cli import main

    assert main(["--db", str(db_b), "sync"]) == 0
    app = QMApp(db_a)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await wait_for(
            pilot, lambda: any(m.startswith("Synkat med origin") for m in _said(app)), 20
        )
        await wait_for(pilot, lambda: [r.name for r in app.screen.shown] == ["Bo Ek"])  # type: ignore[attr-defined]
        done = next(m for m in _said(app) if m.startswith("Synkat"))
        assert "Kom in: 1 ändring(ar)" in done and "added 1 Bo Ek" in done
        # edits apart while this app stays open: the name here, the quote in the other clone
        await open_selected(pilot)
        await pilot.press("end", *" Berg", "escape")
        await wait_for(pilot, lambda: InterviewStore(db_a).get(1).name == "Bo Ek Berg")
        _edit(db_b, "quote", "Citat från den andra klonen")
        assert main(["--db", str(db_b), "sync"]) == 0
        seen = len(_said(app))
        await pilot.press("g")
        await wait_for(
            pilot, lambda: any(m.startswith("Synkat med origin") for m in _said(app)[seen:]), 20
        )
        assert "updated 1 Bo Ek Berg, Växjö City: quote" in _said(app)[-1]
        assert "Gick ut: 2 commit(s)" in _said(app)[-1]  # this copy's commit and the merge
        await app.workers.wait_for_complete()  # the list's reload after the sync
    assert main(["--db", str(db_b), "sync"]) == 0
    for db in (db_a, db_b):
        both = InterviewStore(db).get(1)
        assert (both.name, both.quote) == ("Bo Ek Berg", "Citat från den andra klonen")
    for db in (db_a, db_b):
        status = subprocess.run(["git", "status", "--porcelain"], cwd=db.parent,
                                capture_output=True, text=True, check=True)  # fmt: skip
        assert status.stdout == ""


async def test_a_field_that_won_a_merge_conflict_says_so_until_edited(tmp_path: Path) -> None:
    from textual.widgets import Input, OptionList

    from qm_tui.core.sync.merge import merge_tables

    db, other = tmp_path / "a.json", tmp_path / "b.json"
    store = InterviewStore(db)
    store.add(sample("Anna Östberg"))
    shutil.copyfile(db, other)
    _edit(db, "name", "Anna Berg")
    _edit(other, "name", "Anna Björk")
    store = InterviewStore(db)
    assert store.rewrite(
        lambda tables: merge_tables(tables, json.loads(other.read_text(encoding="utf-8"))).tables
    )
    kept = store.get(1).name
    (lost,) = {"Anna Berg", "Anna Björk"} - {kept}
    assert [v.value for v in store.history(1, "name") if v.conflict] == [lost]
    app = QMApp(db)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_selected(pilot)
        await wait_for(
            pilot, lambda: any(m.startswith("Ändrat på två ställen: Namn.") for m in _said(app))
        )
        name = editor.query_one("#field-name", Input)
        await wait_for(pilot, lambda: name.has_focus)
        assert name.border_subtitle == "ändrad på två ställen, den andra versionen finns i F2"
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "HistoryScreen")
        options = app.screen.query_one("#versions", OptionList)
        await wait_for(pilot, lambda: options.option_count > 0)
        texts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(f"[den andra versionen]  {lost}" in text for text in texts)
        await pilot.press("escape")
        await wait_for(pilot, lambda: name.has_focus)
        await pilot.press("end", "!")
        await wait_for(pilot, lambda: name.border_subtitle == "")
        await wait_for(pilot, lambda: InterviewStore(db).get(1).name == kept + "!")
    store = InterviewStore(db)
    from qm_tui.core.sync.merge import open_conflicts

    assert open_conflicts(store.get(1), store.history(1)) == []


@pytest.mark.slow
async def test_two_apps_on_two_clones_edit_apart_and_sync_with_g(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two colleagues, each with the app open on their own clone: edits apart, `g` in turn."""
    from qm_tui.cli import main

    db_a, db_b = _two_clones(tmp_path, monkeypatch)
    InterviewStore(db_a).add(sample("Bo Ek"))
    assert main(["--db", str(db_a), "sync"]) == 0
    assert main(["--db", str(db_b), "sync"]) == 0  # both clones hold the interview

    first, second = QMApp(db_a, lang="sv"), QMApp(db_b, lang="sv")
    async with first.run_test(size=SIZE) as p1, second.run_test(size=SIZE) as p2:
        await open_selected(p1)
        await open_selected(p2)
        await p1.press("end", *" Berg")  # the name, on the first laptop
        await p2.press("ctrl+n", *"Svar från den andra datorn.")  # the first answer, on the second
        await p1.press("escape")
        await p2.press("escape")
        await wait_for(p1, lambda: InterviewStore(db_a).get(1).name == "Bo Ek Berg")
        await wait_for(p2, lambda: bool(InterviewStore(db_b).get(1).answers[0].answer))
        for pilot, app in ((p1, first), (p2, second), (p1, first)):
            await wait_for(pilot, lambda app=app: app.screen.__class__.__name__ != "EditorScreen")
            seen = len(_said(app))
            await pilot.press("g")
            await wait_for(pilot, lambda app=app, seen=seen: _synced(app, seen), 20)
            await app.workers.wait_for_complete()  # the list's reload after the sync
        for app, pilot in ((first, p1), (second, p2)):
            await wait_for(
                pilot, lambda app=app: [r.name for r in app.screen.shown] == ["Bo Ek Berg"]
            )  # type: ignore[attr-defined]
    for db in (db_a, db_b):
        both = InterviewStore(db).get(1)
        assert both.name == "Bo Ek Berg"
        assert both.answers[0].answer.endswith("Svar från den andra datorn.")
        status = subprocess.run(["git", "status", "--porcelain"], cwd=db.parent,
                                capture_output=True, text=True, check=True)  # fmt: skip
        assert status.stdout == ""
    assert db_a.read_bytes() == db_b.read_bytes()
