"""Hostile input, safe output: stored text and the file system turned against the user.

Each section is a table of cases; to add a case, add a row. The promises tested here:
1. stored text is data, never markup (list, trash, history, palette, dialogs, notifications);
2. control characters and bidi overrides never reach the terminal raw; articles drop controls;
3. writes never follow a planted symlink;
4. special files are written as a stream; a symlinked database stays a link;
5. odd input gives one line and exit 1, never a traceback or a hang;
6. a broken question-set file is skipped with a warning and the others keep working.
"""

from __future__ import annotations

import asyncio
import json
import os
import pty
import re
import select
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.text import Text
from textual.command import CommandList
from textual.widgets import DataTable

from qm_tui.cli import main
from qm_tui.core.article.write.html import render_html
from qm_tui.core.article.write.markdown import render_markdown
from qm_tui.core.database.store import InterviewStore
from qm_tui.core.errors import StoreError
from qm_tui.core.filesystem import atomic as storage
from qm_tui.core.filesystem.atomic import atomic_write
from qm_tui.core.interview.controls import remove_controls, visible_controls
from qm_tui.core.interview.model import Interview
from qm_tui.core.interview.questions import load_question_sets
from qm_tui.core.publish.export import ExportOptions, render
from qm_tui.core.publish.export_folder import ExportFolder
from qm_tui.tui.app import QMApp
from qm_tui.tui.dialogs.confirm import ConfirmScreen
from qm_tui.tui.screens.editor import EditorScreen
from qm_tui.tui.screens.interview_list import InterviewListScreen
from qm_tui.tui.screens.trash import TrashScreen

from ..conftest import SIZE, history_opened, notified, wait_for

# Names an import could bring in: markup, terminal escapes, clipboard writes, Trojan Source.
HOSTILE_NAMES = [
    "Anna [/] Berg",
    "[link=https://evil.example]klicka[/link]",
    "[bold red]vd[/bold red] [vd]",
    "\x1b]0;pwned\x07Titel",
    "\x1b]52;c;Y3VybCBldmlsfHNo\x07Urklipp",
    "\x1b[2J\x1b[HRensad skärm",
    "C1 \x9b31m röd \x9d0;x\x9c",
    "DEL\x7f och BS\x08\x08",
    "Trojan \u202eevil\u202c \u2066isolate\u2069",
    "Lars\r\nKarlsson\rÖverskriven",
]

# Bytes (UTF-8) a terminal may act on: C0 except tab/newline, DEL, C1, bidi overrides.
UNSAFE_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# The same, minus the bidi overrides: what no article may hold.
ARTICLE_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), *args])


def process(*args: str, timeout: float = 30, **kw: Any) -> subprocess.CompletedProcess[bytes]:
    """`qm-tui ARGS` as a real process (a hang fails the test after `timeout` seconds)."""
    return subprocess.run(
        [sys.executable, "-m", "qm_tui", *args], capture_output=True, timeout=timeout, **kw
    )


def assert_one_line_error(result: subprocess.CompletedProcess[bytes], *needles: str) -> None:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1, err
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("qm-tui: error:")
    for needle in needles:
        assert needle in err


def interview(name: str = "Anna Berg", **fields: str) -> Interview:
    iv = load_question_sets().default().new_interview(name=name, date="2026-03-14", **fields)
    return iv.with_answer(0, f"Svar av {name}")


# -- 1 and 2: the one rule for terminal output -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Växjö [b]City[/b]", "Växjö [b]City[/b]"),
        ("a\tb\nc", "a\tb\nc"),
        ("\x1b]0;x\x07", "\\x1b]0;x\\x07"),
        ("a\r\nb\rc", "a\nb\\x0dc"),
        ("\x7f\x85\x9b", "\\x7f\\x85\\x9b"),
        ("\u202eabc\u2066", "\\u202eabc\\u2066"),
        ("lone \ud800", "lone \\ud800"),
        ("\u00a0no-break space and 😀", "\u00a0no-break space and 😀"),
    ],
)
def test_visible_controls(text: str, shown: str) -> None:
    assert visible_controls(text) == shown


@given(st.text())
def test_visible_controls_never_leaves_anything_unsafe(text: str) -> None:
    assert UNSAFE_TEXT.search(visible_controls(text)) is None


def test_remove_controls_keeps_newline_tab_and_line_ends() -> None:
    assert remove_controls("a\tb\r\nc\x1b[31md\x00\x7f\x9b\u202e") == "a\tb\r\nc[31md\u202e"


@pytest.fixture
def hostile_db(db_path: Path) -> Path:
    """A database holding every hostile name, one trashed, each with some history."""
    store = InterviewStore(db_path)
    for name in HOSTILE_NAMES:
        iid = store.add(interview(name, organisation=name, title=name))
        store.save(iid, interview(name + " 2", organisation=name, title=name).with_answer(0, name))
    store.delete(1)
    return db_path


@pytest.mark.parametrize(
    "command",
    [
        "list",
        "list --json",
        "show {id}",
        "show {id} --json",
        "history {id}",
        "trash",
        "restore 1",
        "questions",
        "show \x1b]0;pwned\x07",
        "export --all {dir}",
    ],
)
def test_cli_output_holds_no_raw_control_characters(
    hostile_db: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = range(2, len(HOSTILE_NAMES) + 1) if "{id}" in command else [0]
    for iid in ids:
        args = command.format(id=iid, dir=hostile_db.parent / "out").split(" ")
        run(hostile_db, *args)
        out, err = capsys.readouterr()
        assert out or err
        assert UNSAFE_TEXT.search(out) is None and UNSAFE_TEXT.search(err) is None, (out, err)


def test_cli_json_output_escapes_and_round_trips(
    hostile_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(hostile_db, "list", "--json")
    docs = json.loads(capsys.readouterr().out)
    assert {d["name"].removesuffix(" 2") for d in docs} == set(HOSTILE_NAMES[1:])


def test_paths_in_error_messages_are_shown_safely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "\x1b]0;pwned\x07.json"
    assert run(tmp_path / "qm.json", "import", str(bad)) == 1
    err = capsys.readouterr().err
    assert "\\x1b]0;pwned\\x07.json" in err and UNSAFE_TEXT.search(err) is None


def _read_pty(master: int) -> bytes:
    out = b""
    while select.select([master], [], [], 10)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    return out


@pytest.mark.parametrize(
    "command", [["list"], ["export", "1"], ["export", "1", "--format", "html"]]
)
def test_a_real_terminal_gets_no_raw_control_characters(db_path: Path, command: list[str]) -> None:
    """On a terminal (a pty) even the article's bidi overrides are shown as escapes."""
    InterviewStore(db_path).add(interview(HOSTILE_NAMES[8], quote=HOSTILE_NAMES[4]))
    master, slave = pty.openpty()
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "qm_tui", "--db", str(db_path), *command],
            stdout=slave, stderr=subprocess.PIPE,
        )  # fmt: skip
        os.close(slave)
        out = _read_pty(master)
        assert child.wait(timeout=30) == 0
    finally:
        os.close(master)
    text = out.decode("utf-8")
    assert UNSAFE_TEXT.search(text.replace("\r\n", "\n")) is None
    assert "\\u202e" in text


def test_piped_export_keeps_the_article_bytes(db_path: Path) -> None:
    """Not a terminal: the article as published (no controls, bidi kept as typed)."""
    iv = interview(HOSTILE_NAMES[8], quote=HOSTILE_NAMES[3])
    InterviewStore(db_path).add(iv)
    result = process("--db", str(db_path), "export", "1")
    assert result.returncode == 0
    assert result.stdout == render_markdown(iv, interview_id=1).encode("utf-8")
    assert "\u202e" in result.stdout.decode() and b"\x1b" not in result.stdout
    assert b"control characters" in result.stderr


# -- 2: articles drop control characters; import cleans them ---------------------------------


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_articles_hold_no_control_characters(name: str) -> None:
    iv = interview(name, organisation=name, quote=name, notes=name).with_answer(1, name)
    for article in (render_markdown(iv), render_html(iv)):
        assert ARTICLE_UNSAFE.search(article) is None
        assert "\r" not in article


def test_import_removes_control_characters_with_a_warning(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = interview("\x1b]52;c;ZXZpbA==\x07Anna", organisation="Växjö\x9b City").to_dict()
    path = tmp_path / "in.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert run(db_path, "import", str(path)) == 0
    assert "control characters" in capsys.readouterr().err
    stored = InterviewStore(db_path).get(1)
    assert (stored.name, stored.organisation) == ("]52;c;ZXZpbA==Anna", "Växjö City")


def test_article_import_removes_control_characters_with_a_warning(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    md = render_markdown(interview("Anna Berg")).replace("Anna Berg", "Anna\x1b[31m Berg")
    path = tmp_path / "in.md"
    path.write_text(md, encoding="utf-8")
    assert run(db_path, "import", str(path)) == 0
    assert "control characters" in capsys.readouterr().err
    assert InterviewStore(db_path).get(1).name == "Anna[31m Berg"


# -- 1 and 2 in the app -------------------------------------------------------------------------


def _cells(table: DataTable[Any]) -> list[str]:
    return [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]


async def _check_app_shows_names_literally(db: Path, listed: list[str], trashed: str) -> None:
    app = QMApp(db_path=db, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, InterviewListScreen)
        await wait_for(pilot, lambda: screen.loaded)
        shown = _cells(screen.table)
        for name in listed:
            assert visible_controls(name) in shown
        assert all(UNSAFE_TEXT.search(cell) is None for cell in shown)
        await pilot.press("t")

        def trash_shown() -> bool:
            trash = app.screen
            return isinstance(trash, TrashScreen) and bool(_cells(trash.query_one(DataTable)))

        await wait_for(pilot, trash_shown)
        assert visible_controls(trashed) in _cells(app.screen.query_one(DataTable))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p", *"intervju")
        await wait_for(pilot, lambda: bool(app.screen.query(CommandList)))
        await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0)
        await pilot.press("escape")
        await pilot.pause()


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    names=st.lists(
        st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=30)
        | st.sampled_from(HOSTILE_NAMES),
        min_size=2,
        max_size=6,
    )
)
def test_the_app_shows_any_name_literally(tmp_path_factory: Any, names: list[str]) -> None:
    """Hypothesis names (and the table above) in the list, the trash and the palette."""
    db = tmp_path_factory.mktemp("app") / "qm.json"
    store = InterviewStore(db)
    ids = [store.add(interview(name, organisation=name)) for name in names]
    store.delete(ids[0])
    asyncio.run(_check_app_shows_names_literally(db, names[1:], names[0]))


async def test_hostile_names_in_list_trash_history_and_notifications(db_path: Path) -> None:
    store = InterviewStore(db_path)
    for name in HOSTILE_NAMES:
        store.add(interview(name, organisation=name))
    store.delete(1)
    await _check_app_shows_names_literally(db_path, HOSTILE_NAMES[1:], HOSTILE_NAMES[0])
    app = QMApp(db_path=db_path, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, InterviewListScreen)
        await wait_for(pilot, lambda: screen.loaded)
        app.notify("Anna [/] Berg \x1b]0;x\x07 [link=https://x]y[/link]")
        await pilot.press("d")  # the confirmation shows the name
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen)
        notes = list(notified(app))
        assert notes[-1].message == "Anna [/] Berg \\x1b]0;x\\x07 [link=https://x]y[/link]"
        assert not notes[-1].markup


async def test_the_editor_removes_control_characters_and_keeps_the_original(
    db_path: Path,
) -> None:
    store = InterviewStore(db_path)
    iid = store.add(interview("\x1b]0;pwned\x07Anna", organisation="[b]Växjö[/b]"))
    app = QMApp(db_path=db_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "loaded", False))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EditorScreen))
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        assert editor.interview.name == "]0;pwnedAnna"
        assert "[b]Växjö[/b]" in str(editor.sub_title)
        assert any("Control characters" in n.message for n in notified(app))
        assert await editor.flush()
    assert InterviewStore(db_path).get(iid).name == "]0;pwnedAnna"
    assert [v.value for v in InterviewStore(db_path).history(iid, "name")] == [
        "\x1b]0;pwned\x07Anna"
    ]


# -- 1 in the app: a question set's title and questions are data, never markup -------------------

MARKUP_SET_TEXTS = [
    "[/]",
    "[link=https://evil.example]klicka[/link]",
    "Set [/bold]",
    "Frågor [/b] \x1b]0;x\x07",
]


@pytest.mark.parametrize("text", MARKUP_SET_TEXTS)
async def test_markup_in_a_sets_title_and_questions_never_crashes_the_app(
    db_path: Path, text: str
) -> None:
    folder = Path(os.environ["QM_TUI_CONFIG_DIR"]) / "questions"
    folder.mkdir(parents=True)
    (folder / "evil.toml").write_text(
        f"id = 'evil'\ntitle = {json.dumps(text)}\nquestions = [{json.dumps(text + '?')}]\n"
        f"[facts]\nheading = {json.dumps(text)}\ntext = {json.dumps(text)}\n",
        encoding="utf-8",
    )
    app = QMApp(db_path=db_path, lang="sv", question_set="evil")
    async with app.run_test(size=SIZE) as pilot:
        await _listed(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, EditorScreen))
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        shown = str(editor.query_one("#question-set #label").render())
        assert visible_controls(text) in shown, shown
        await _through_every_step(pilot, editor)
        assert app.is_running and isinstance(app.screen, EditorScreen)
    assert app.return_code in (None, 0)


async def _listed(pilot: Any) -> None:
    """Wait until the list has read the database."""
    await wait_for(pilot, lambda: getattr(pilot.app.screen, "loaded", False))


async def _through_every_step(pilot: Any, editor: EditorScreen) -> None:
    """ctrl+n from the editor's step to its last, each step shown before the next key."""
    for n in range(editor.step + 1, len(editor.steps)):
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda n=n: editor.step == n and editor.current.display)
    await pilot.pause()


# -- 2 in the app: what enters a field never holds what a terminal acts on -------------------------

FIELD_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# (how the text arrives, the text)
INTO_FIELDS = [
    ("pasted into the name", "\x1b]2;pwned\x07Anna \u202eevil"),
    ("pasted into an answer", "Svar \x1b]52;c;ZXZpbA==\x07 och \u202eevil\u202c\x9b31m"),
    ("restored with F2", "\x1b]2;pwned\x07Tidigare svar \u2066x\u2069"),
    ("stored (an import or a hand edit)", "Lagrat \u202eevil \x1b[2J svar"),
]


@pytest.mark.parametrize(("how", "text"), INTO_FIELDS)
async def test_no_field_holds_escapes_or_bidi_overrides(db_path: Path, how: str, text: str) -> None:
    from textual.events import Paste
    from textual.widgets import Input, TextArea

    store = InterviewStore(db_path)
    iid = store.add(interview("Anna Berg"))
    if how == "restored with F2":  # a version the app never cleaned (written by another tool)
        store.save(iid, store.get(iid).with_answer(0, text))
        store.save(iid, store.get(iid).with_answer(0, "Nytt svar"))
    elif how.startswith("stored"):
        store.save(iid, interview(text, organisation=text).with_answer(0, text))
    app = QMApp(db_path=db_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await _listed(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EditorScreen))
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        if how == "pasted into the name":
            name = editor.query_one("#field-name", Input)
            name.post_message(Paste(text))
            await wait_for(pilot, lambda: "evil" in name.value)
        elif how == "pasted into an answer":
            await pilot.press("ctrl+n")
            await wait_for(pilot, lambda: bool(editor.query("#answer-0")))
            answer = editor.query_one("#answer-0", TextArea)
            answer.post_message(Paste(text))
            await wait_for(pilot, lambda: "evil" in answer.text)
        elif how == "restored with F2":
            await pilot.press("ctrl+n")
            await wait_for(pilot, lambda: bool(editor.query("#answer-0")))
            answer = editor.query_one("#answer-0", TextArea)
            await history_opened(pilot)
            await pilot.press("down", "enter")
            await wait_for(pilot, lambda: "Tidigare svar" in answer.text)
        await _through_every_step(pilot, editor)
        values = [w.value for w in editor.query(Input)]
        values += [w.text for w in editor.query(TextArea)]
        assert all(FIELD_UNSAFE.search(v) is None for v in values), values
        assert any("evil" in v or "svar" in v for v in values)
        shown = [str(w.render()) for w in editor.query("Static")]
        assert all(FIELD_UNSAFE.search(v) is None for v in shown)
        assert await editor.flush()
    if how == "restored with F2":
        assert InterviewStore(db_path).get(iid).answers[0].answer == "]2;pwnedTidigare svar x"


# -- 3: writes never follow a planted symlink ---------------------------------------------------


def test_planted_links_at_old_temp_names_are_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    victim.chmod(0o600)
    target = tmp_path / "out" / "article.md"
    target.parent.mkdir()
    for pid in range(os.getpid() - 5, os.getpid() + 50):
        (target.parent / f".{target.name}.{pid}.tmp").symlink_to(victim)
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    atomic_write(target, b"new article")
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert stat.S_IMODE(victim.stat().st_mode) == 0o600
    assert target.read_bytes() == b"new article" and not target.is_symlink()
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_temp_files_are_created_exclusively_without_following_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link planted at the temp file's very name (made predictable here) is never written
    through: the name counts as taken and another is drawn. Saves and exports alike."""
    victim = tmp_path / "victim"
    victim.write_text("keep me", encoding="utf-8")
    draws = iter([b"\x00" * 6, b"\x01" * 6] * 2)
    monkeypatch.setattr(storage.os, "urandom", lambda n: next(draws))
    planted = [tmp_path / f".{name}.{'00' * 6}.tmp" for name in ("a.md", "b.md")]
    for link in planted:
        link.symlink_to(victim)
    atomic_write(tmp_path / "a.md", b"saved")
    ExportFolder(tmp_path).write("b.md", b"exported")
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert all(link.is_symlink() for link in planted)
    assert (tmp_path / "a.md").read_bytes() == b"saved"
    assert (tmp_path / "b.md").read_bytes() == b"exported"
    assert len(list(tmp_path.iterdir())) == 5  # the victim, the links and the two files


def test_the_sweep_removes_temp_files_with_the_new_names(db_path: Path) -> None:
    store = InterviewStore(db_path)
    store.add(interview())
    stale = db_path.parent / f".{db_path.name}.k2j4_x9z.tmp"
    stale.write_text("half a save", encoding="utf-8")
    InterviewStore(db_path).add(interview())
    assert not stale.exists()


# -- 4: special files and symlinked databases --------------------------------------------------


def test_export_to_a_fifo_streams_into_it(db_path: Path, tmp_path: Path) -> None:
    InterviewStore(db_path).add(interview())
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    result = process("--db", str(db_path), "export", "1", "-o", str(fifo))
    out, _ = reader.communicate(timeout=30)
    assert result.returncode == 0 and b"\n# Anna Berg\n" in out
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_export_to_dev_stdout_prints_the_article(db_path: Path) -> None:
    InterviewStore(db_path).add(interview())
    result = process("--db", str(db_path), "export", "1", "-o", "/dev/stdout")
    assert result.returncode == 0 and b"\n# Anna Berg\n" in result.stdout
    assert Path("/dev/stdout").is_symlink()


def test_export_into_a_folder_is_one_line(db_path: Path, tmp_path: Path) -> None:
    InterviewStore(db_path).add(interview())
    result = process("--db", str(db_path), "export", "1", "-o", str(tmp_path))
    assert_one_line_error(result, "it is a folder")


def test_a_symlinked_database_stays_a_link(tmp_path: Path) -> None:
    synced = tmp_path / "synced"
    synced.mkdir()
    real = synced / "interviews.json"
    link = tmp_path / "link.json"
    link.symlink_to(real)
    store = InterviewStore(link)
    iid = store.add(interview())
    store.save(iid, interview("Ny text"))
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert InterviewStore(real).get(iid).name == "Ny text"
    assert (synced / "interviews.json.lock").exists()
    assert not (tmp_path / "link.json.lock").exists()


def test_an_exported_article_through_a_link_replaces_the_target(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


# -- 3 and 4: an export folder with something planted under an article's name ------------------

# (what is planted, whether the export goes ahead): a link is replaced by the article, never
# followed; anything that is not a regular file is refused with one line and nothing is written.
PLANTED = [
    ("a link out of the folder", True),
    ("a link to a FIFO", True),
    ("a link to /dev/zero", True),
    ("a dangling link", True),
    ("a FIFO", False),
    ("a folder", False),
]


def _plant(what: str, path: Path, victim: Path) -> None:
    if what == "a link out of the folder":
        path.symlink_to(victim)
    elif what == "a link to a FIFO":
        os.mkfifo(victim.with_name("pipe"))
        path.symlink_to(victim.with_name("pipe"))
    elif what == "a link to /dev/zero":
        path.symlink_to("/dev/zero")
    elif what == "a dangling link":
        path.symlink_to(victim.with_name("nowhere"))
    elif what == "a FIFO":
        os.mkfifo(path)
    else:
        path.mkdir()


def _article_names(db: Path, tmp_path: Path) -> list[str]:
    scratch = tmp_path / "scratch"
    assert process("--db", str(db), "export", "--all", str(scratch)).returncode == 0
    return sorted(p.name for p in scratch.iterdir())


@pytest.mark.parametrize(("what", "goes_ahead"), PLANTED)
def test_export_all_never_follows_or_blocks_on_a_planted_name(
    db_path: Path, tmp_path: Path, what: str, goes_ahead: bool
) -> None:
    store = InterviewStore(db_path)
    store.add(interview("Anna Berg"))
    store.add(interview("Bo Ek"))
    first, second = _article_names(db_path, tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    _plant(what, out / second, victim)
    result = process("--db", str(db_path), "export", "--all", str(out), timeout=20)
    assert victim.read_text(encoding="utf-8") == "keep me"
    if goes_ahead:
        assert result.returncode == 0, result.stderr
        assert not (out / second).is_symlink() and "# Bo Ek" in (out / second).read_text("utf-8")
    else:
        assert_one_line_error(result, second, "not a regular file")
        assert not (out / first).exists()  # refused before anything was written


def test_export_all_into_an_empty_folder_name_is_refused(db_path: Path, tmp_path: Path) -> None:
    InterviewStore(db_path).add(interview())
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    result = process("--db", str(db_path), "export", "--all", "", cwd=cwd)
    assert_one_line_error(result, "empty")
    assert list(cwd.iterdir()) == []


# (what is planted, the key: e in the list, ctrl+o in the editor)
APP_PLANTED = [
    ("a link out of the folder", "e"),
    ("a link out of the folder", "ctrl+o"),
    ("a FIFO", "e"),
    ("a FIFO", "ctrl+o"),
]


@pytest.mark.parametrize(("what", "key"), APP_PLANTED)
async def test_the_apps_export_never_follows_or_blocks_on_a_planted_name(
    db_path: Path, tmp_path: Path, what: str, key: str
) -> None:
    InterviewStore(db_path).add(interview())
    (name,) = _article_names(db_path, tmp_path)
    out = Path(os.environ["QM_TUI_EXPORT_DIR"])
    out.mkdir(parents=True, exist_ok=True)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    _plant(what, out / name, victim)
    app = QMApp(db_path=db_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await _listed(pilot)
        if key == "ctrl+o":
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, EditorScreen))
        await asyncio.wait_for(pilot.press(key), timeout=10)
        said = "not a regular file" if what == "a FIFO" else "Exported to"
        await wait_for(pilot, lambda: any(said in n.message for n in notified(app)))
        notes = [n.message for n in notified(app)]
    assert victim.read_text(encoding="utf-8") == "keep me"
    if what == "a FIFO":
        assert any("not a regular file" in n for n in notes), notes
        assert stat.S_ISFIFO((out / name).lstat().st_mode)
    else:
        assert not (out / name).is_symlink() and (out / name).read_text("utf-8").startswith("---")


# -- 5: one line, exit 1, never a traceback or a hang ------------------------------------------

DEEP_JSON = "[" * 10_000 + "]" * 10_000
HUGE_NUMBER = "1" * 5_000
# (what, database file content or None, import file content or None)
BROKEN_FILES = [
    ("deep JSON", DEEP_JSON, None),
    ("deep JSON inside a table", '{"interviews": {"1": ' + "{" * 0 + DEEP_JSON + "}}", None),
    ("a 5,000-digit number", '{"meta": {"1": {"next_id": ' + HUGE_NUMBER + "}}}", None),
    ("deep JSON to import", None, DEEP_JSON),
    ("a deep document to import", None, '{"name": ' + DEEP_JSON + "}"),
    ("a 5,000-digit number to import", None, '{"name": ' + HUGE_NUMBER + "}"),
    ("a lone surrogate to import", None, '{"question_set": "qm-sv", "name": "\\ud800"}'),
]


@pytest.mark.parametrize(("what", "db_text", "import_text"), BROKEN_FILES)
def test_broken_json_is_one_line(
    tmp_path: Path, what: str, db_text: str | None, import_text: str | None
) -> None:
    db = tmp_path / "qm.json"
    if db_text is not None:
        db.write_text(db_text, encoding="utf-8")
        result = process("--db", str(db), "list")
        assert db.read_text(encoding="utf-8") == db_text
    else:
        source = tmp_path / "in.json"
        source.write_text(import_text or "", encoding="utf-8")
        result = process("--db", str(db), "import", str(source))
        assert not db.exists()
    assert_one_line_error(result)


def test_a_lone_surrogate_is_refused_before_writing(db_path: Path) -> None:
    store = InterviewStore(db_path)
    iid = store.add(interview())
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="cannot save"):
        store.save(iid, interview("Anna \ud800"))
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    "command", ["show", "export", "delete", "restore", "history", "purge", "show --json"]
)
def test_a_5000_digit_id_is_one_line(
    db_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    InterviewStore(db_path).add(interview())
    assert run(db_path, *command.split(), "9" * 5_000) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not an interview id" in err and len(err) < 200


def _valid_db_with_invalid_documents(db: Path) -> dict[str, Any]:
    good = interview("Giltig Person").to_dict()
    tables = {
        "meta": {"1": {"schema": 1, "next_id": 9}},
        "interviews": {
            "1": good,
            "2": {**good, "name": 42},
            "3": {**good, "answers": "inte en lista"},
            "abc": good,
            "5": {**good, "colour": "röd"},
            "9" * 5_000: good,
        },
        "trash": {"6": {"deleted": "2026-01-01T00:00:00+00:00"}, "7": {"interview": good}},
        "history": {"1": {"name": [{"value": "Äldre"}, "fel form", 3]}, "3": {"name": "fel"}},
    }
    db.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    return tables


def test_invalid_documents_are_skipped_and_named_in_one_line(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _valid_db_with_invalid_documents(db_path)
    before = db_path.read_bytes()
    assert run(db_path, "list") == 0
    out, err = capsys.readouterr()
    assert out.count("Giltig Person") == 2  # 1 and 5 (whose unknown field only `show` checks)
    assert err.count("\n") == 1 and "interview '2'" in err and "interview 'abc'" in err
    assert run(db_path, "trash") == 0
    out, err = capsys.readouterr()
    assert "7" in out and "trash entry '6'" in err and err.count("\n") == 1
    assert run(db_path, "history", "1") == 0
    out, err = capsys.readouterr()
    assert "Äldre" in out and err.count("\n") == 1
    assert run(db_path, "export", "--all", str(db_path.parent / "out")) == 0
    assert "interview 5" in capsys.readouterr().err
    assert db_path.read_bytes() == before  # reading never writes


def test_writes_keep_what_could_not_be_read(db_path: Path) -> None:
    tables = _valid_db_with_invalid_documents(db_path)
    store = InterviewStore(db_path)
    store.save(1, interview("Ändrad"))
    store.delete(3)
    stored = json.loads(db_path.read_text(encoding="utf-8"))
    for key in ("2", "abc", "5", "9" * 5_000):
        assert stored["interviews"][key] == tables["interviews"][key]
    assert stored["trash"]["3"]["interview"] == tables["interviews"]["3"]
    assert stored["trash"]["6"] == tables["trash"]["6"]
    assert stored["history"]["1"]["name"][:3] == [{"value": "Äldre"}, "fel form", 3]
    assert stored["history"]["3"] == tables["history"]["3"]
    with pytest.raises(StoreError, match="holds no interview"):
        store.restore(6)


def test_a_broken_id_counter_refuses_to_add(db_path: Path) -> None:
    db_path.write_text('{"meta": {"1": {"next_id": "x"}}, "interviews": {}}', encoding="utf-8")
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="id counter"):
        InterviewStore(db_path).add(interview())
    assert db_path.read_bytes() == before


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder"])
@pytest.mark.parametrize("role", ["import", "database"])
def test_only_regular_files_are_read(tmp_path: Path, kind: str, role: str) -> None:
    path = tmp_path / "special"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path = Path("/dev/zero")
    if role == "import":
        result = process("--db", str(tmp_path / "qm.json"), "import", str(path))
    else:
        result = process("--db", str(path), "list")
    assert_one_line_error(result, "regular file")


# -- 6: question-set files ----------------------------------------------------------------------

BROKEN_SETS = {
    "deep.toml": "x = " + "[" * 10_000 + "]" * 10_000,
    "huge.toml": 'id = "huge"\nquestions = ["a"]\nn = ' + HUGE_NUMBER,
    "broken.toml": "id = [",
    "latin1.toml": b"id = '\xe5'".decode("latin-1"),
}


@pytest.fixture
def broken_sets(tmp_path: Path) -> Path:
    folder = tmp_path / "config" / "questions"
    folder.mkdir(parents=True)
    for name, text in BROKEN_SETS.items():
        (folder / name).write_bytes(text.encode("latin-1" if "latin" in name else "utf-8"))
    os.mkfifo(folder / "fifo.toml")
    return folder


def test_broken_sets_are_skipped_with_one_warning_each(
    broken_sets: Path, db_path: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "QM_TUI_CONFIG_DIR": str(broken_sets.parent)}
    result = process("questions", env=env)
    err = result.stderr.decode()
    assert result.returncode == 0 and "qm-sv" in result.stdout.decode()
    assert err.count("\n") == len(BROKEN_SETS) + 1 and "Traceback" not in err
    assert "nested too deeply" in err and "fifo.toml" in err
    source = tmp_path / "in.json"
    source.write_text(json.dumps(interview().to_dict()), encoding="utf-8")
    result = process("--db", str(db_path), "import", str(source), env=env)
    warned = result.stderr.decode().count("qm-tui: warning: question set")
    assert result.returncode == 0 and warned == len(BROKEN_SETS) + 1


async def test_the_app_notifies_broken_sets_and_creates_interviews(
    broken_sets: Path, db_path: Path
) -> None:
    app = QMApp(db_path=db_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "loaded", False))
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, EditorScreen))
        skipped = [n.message for n in notified(app) if "Question set skipped" in n.message]
        assert len(skipped) == len(BROKEN_SETS) + 1


# -- 5: front matter that PyYAML parses but cannot turn into values ------------------------------

# (what, a front-matter line, the one error line's words, or None: imported, `check` says it)
FRONT_MATTER = [
    ("an impossible date", "date: 2026-02-30", "cannot be read"),
    ("a 5,000-digit number", "id: " + HUGE_NUMBER, "cannot be read"),
    ("nested 3,000 deep", "notes: " + "[" * 3_000 + "]" * 3_000, "nested too deeply"),
    ("a lone surrogate", 'interviewer: "Pia \\ud800"', "lone surrogate"),
    ("a surrogate pair", 'interviewer: "Pia \\ud83d\\ude00"', None),
    ("a terminal title by escapes", 'interviewer: "\\e]0;pwned\\aPia"', None),
    ("a C1 control by escapes", 'interviewer: "\\x9b31mPia\\N"', None),
]
FRONT_MATTER_IDS = [row[0] for row in FRONT_MATTER]
FRONT_MATTER_KEPT = {
    "a surrogate pair": "Pia \U0001f600",
    "a terminal title by escapes": "]0;pwnedPia",
    "a C1 control by escapes": "31mPia",
}


def _article_with_front_matter(line: str, path: Path) -> Path:
    iv = interview("Anna Berg")  # `update` applies it to another Anna Berg: no uid to differ
    md = render_markdown(iv).replace(f'uid: "{iv.uid}"\n', "")
    md = md.replace('interviewer: ""\n', "").replace("---\n", f"---\n{line}\n", 1)
    path.write_text(md, encoding="utf-8")
    return path


@pytest.mark.parametrize(("what", "line", "said"), FRONT_MATTER, ids=FRONT_MATTER_IDS)
@pytest.mark.parametrize("command", ["import", "update"])
def test_front_matter_yaml_cannot_construct_is_one_line(
    db_path: Path, tmp_path: Path, what: str, line: str, said: str | None, command: str
) -> None:
    source = _article_with_front_matter(line, tmp_path / "in.md")
    if command == "update":
        InterviewStore(db_path).add(interview("Anna Berg"))
    before = db_path.read_bytes() if db_path.exists() else None
    args = ["import", str(source)] if command == "import" else ["update", "1", str(source)]
    result = process("--db", str(db_path), *args)
    if said is not None:
        assert_one_line_error(result, "in.md", said)
        assert (db_path.read_bytes() if db_path.exists() else None) == before
        return
    err = result.stderr.decode()
    assert result.returncode == 0 and "Traceback" not in err, err
    assert ("control characters" in err) == ("escapes" in what)
    assert InterviewStore(db_path).get(1).interviewer == FRONT_MATTER_KEPT[what]


@pytest.mark.parametrize(
    ("what", "line", "said"), [r for r in FRONT_MATTER if r[2]], ids=FRONT_MATTER_IDS[:4]
)
async def test_the_update_dialog_shows_one_message_for_any_unreadable_front_matter(
    db_path: Path, tmp_path: Path, what: str, line: str, said: str
) -> None:
    from textual.widgets import Input, Static

    from qm_tui.tui.dialogs.update import UpdateScreen

    InterviewStore(db_path).add(interview("Anna Berg"))
    before = db_path.read_bytes()
    source = _article_with_front_matter(line, tmp_path / "in.md")
    app = QMApp(db_path=db_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await _listed(pilot)
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, UpdateScreen))
        dialog = app.screen
        assert isinstance(dialog, UpdateScreen)
        dialog.query_one("#update-path", Input).value = str(source)
        await pilot.press("enter")
        diff = dialog.query_one("#update-diff", Static)
        await wait_for(pilot, lambda: bool(str(diff.render())))
        shown = str(diff.render())
        assert "in.md" in shown and said in shown and app.is_running
    assert db_path.read_bytes() == before


# -- 5: small inputs that took minutes: every step over user text is bounded ----------------------


def _words(n: int, seed: int, paragraph: int = 0) -> str:
    """`n` words of a small vocabulary (the worst case of a word-by-word diff), in paragraphs
    of `paragraph` words when given."""
    vocabulary = ["och", "att", "det", "som", "en", "stad", "handel", "kvalitet"]
    words = [vocabulary[(i * i * seed + i) % len(vocabulary)] for i in range(n)]
    if paragraph:
        ends = ["\n\n" if i % paragraph == paragraph - 1 else "" for i in range(n)]
        words = [w + end for w, end in zip(words, ends, strict=True)]
    return " ".join(words)


def _slow_input(what: str, db: Path, tmp_path: Path) -> list[str]:
    """Set up the case; the arguments of the command that must end quickly."""
    store = InterviewStore(db)
    source = tmp_path / "in.md"
    base = interview("Anna Berg")
    if what == "update: a rewritten answer of 60,000 words":
        store.add(base.with_answer(1, _words(60_000, 3, paragraph=100)))
        changed = base.with_answer(1, _words(30_000, 7, paragraph=100))  # within an article
        source.write_text(render_markdown(changed), "utf-8")
        return ["update", "1", str(source), "--dry-run"]
    if what == "update: a stored 1 MB question against one of 9,000 characters":
        store.add(base.with_answer(0, "x").with_answer(1, "y"))
        long = interview("Anna Berg").to_dict()  # a hand edit or an older import
        long["answers"].append({"question": _words(200_000, 5) + "?", "answer": "z"})
        store.save(1, Interview.from_dict(long))
        article = render_markdown(base).replace(
            "Svar av Anna Berg", "Svar\n\n**6. " + _words(1_500, 5) + "?**\n\nSvar sex"
        )
        source.write_text(article, "utf-8")
        return ["update", "1", str(source), "--dry-run"]
    if what == "import: 8,000 numbered questions, the set's reworded":
        question = "På vilket sätt har samverkan i er stad förändrats med QM?"
        text = "\n\n".join(f"**{n + 1}. {question}**\n\nSvar {n}." for n in range(8_000))
        source.write_text(f"# Anna Berg\n\nvd, Växjö\n\n{text}\n", "utf-8")
        return ["import", str(source)]
    if what == "import: 1 MB of [ in lines of 1,000 (markdown-it: 90 µs each)":
        source.write_text(render_markdown(base) + ("[" * 1_000 + "\n") * 1_000, "utf-8")
        return ["import", str(source)]
    if what == "import: a contact e-mail line of 200,000 dots":
        plain_text = render(base, "txt", ExportOptions(typography=False)).decode("utf-8")
        article = plain_text.replace(
            "pia.sandin@svenskastadskarnor.se", "a@" + "." * 200_000 + " x"
        )
        source = source.with_suffix(".txt")
        source.write_text(article, "utf-8")
        return ["import", str(source)]
    if what.startswith("check: "):
        line = {
            "check: a misspelt token of 1,000 characters": "kvalitetsstadskärnaa" * 50,
            "check: a line of 80 KB of a.a.a.": "a." * 40_000,
            "check: 60,000 quoted words on one line": "“ab " * 60_000,
        }[what]
        store.add(base.with_answer(0, line))
        return ["check", "1"]
    raise AssertionError(what)


# (what, what the command says: "" when it succeeds, else words of its one error line)
SLOW_INPUTS = [
    ("update: a rewritten answer of 60,000 words", ""),
    ("update: a stored 1 MB question against one of 9,000 characters", "at most 10,000"),
    ("import: 8,000 numbered questions, the set's reworded", "at most"),
    ("import: a contact e-mail line of 200,000 dots", "at most 10,000"),
    ("import: 1 MB of [ in lines of 1,000 (markdown-it: 90 µs each)", "at most 256,000"),
    ("check: a misspelt token of 1,000 characters", ""),
    ("check: a line of 80 KB of a.a.a.", ""),
    ("check: 60,000 quoted words on one line", ""),
]


@pytest.mark.parametrize(("what", "said"), SLOW_INPUTS)
def test_small_hostile_inputs_end_in_seconds(
    db_path: Path, tmp_path: Path, what: str, said: str
) -> None:
    """Each took minutes before (quadratic or worse); a hang fails after 60 s, many times what
    the command takes now on a loaded machine."""
    args = _slow_input(what, db_path, tmp_path)
    result = process("--db", str(db_path), *args, timeout=60)
    if said:
        assert_one_line_error(result, said)
    elif args[0] == "check" and result.returncode == 1:  # no dictionary here: still one line
        assert_one_line_error(result, "dictionary")
    else:
        assert result.returncode == 0 and "Traceback" not in result.stderr.decode()


# -- 5: sizes the editor can take: an import beyond them is refused with one line ---------------

# (what the import holds, what the one line says: "" when it is imported)
SIZES = [
    ("an answer of one 100 KB paragraph", "at most 10,000"),
    ("a name of 20,000 characters", "at most 10,000"),
    ("101 questions", "at most 100"),
    ("an answer of 200,000 characters in paragraphs of 2,000", ""),
    ("100 questions", ""),
]


def _sized(what: str) -> Interview:
    iv = interview("Anna Berg")
    if what == "an answer of one 100 KB paragraph":
        return iv.with_answer(1, "ord " * 25_000)
    if what == "a name of 20,000 characters":
        return interview("A" * 20_000)
    if what == "an answer of 200,000 characters in paragraphs of 2,000":
        return iv.with_answer(1, "\n\n".join(["ord " * 500] * 100))
    doc = iv.to_dict()
    count = int(what.split()[0])
    doc["answers"] = [{"question": f"Fråga {n}?", "answer": "Svar."} for n in range(count)]
    return Interview.from_dict(doc)


@pytest.mark.parametrize(("what", "said"), SIZES)
@pytest.mark.parametrize("form", ["json", "md"])
def test_an_import_beyond_what_the_editor_takes_is_one_line(
    db_path: Path, tmp_path: Path, what: str, said: str, form: str
) -> None:
    iv = _sized(what)
    source = tmp_path / f"in.{form}"
    if form == "json":
        source.write_text(json.dumps(iv.to_dict()), encoding="utf-8")
    else:
        source.write_text(render_markdown(iv), encoding="utf-8")
    result = process("--db", str(db_path), "import", str(source))
    if said:
        assert_one_line_error(result, "in." + form, said)
        assert not db_path.exists()
    else:
        assert result.returncode == 0, result.stderr
        assert len(InterviewStore(db_path).get(1).answers) == len(iv.answers)


def test_an_update_beyond_what_the_editor_takes_is_one_line(db_path: Path, tmp_path: Path) -> None:
    InterviewStore(db_path).add(interview("Anna Berg"))
    before = db_path.read_bytes()
    source = tmp_path / "in.md"
    source.write_text(render_markdown(_sized("an answer of one 100 KB paragraph")), "utf-8")
    assert_one_line_error(process("--db", str(db_path), "update", "1", str(source)), "in.md")
    assert db_path.read_bytes() == before


def test_a_question_set_of_10000_questions_is_skipped_with_a_warning() -> None:
    folder = Path(os.environ["QM_TUI_CONFIG_DIR"]) / "questions"
    folder.mkdir(parents=True)
    questions = json.dumps([f"Fråga {n}?" for n in range(10_000)])
    (folder / "huge.toml").write_text(f"id = 'huge'\nquestions = {questions}\n", "utf-8")
    result = process("questions")
    err = result.stderr.decode()
    assert result.returncode == 0 and "huge.toml" in err and "at most 100" in err
    assert "huge:" not in result.stdout.decode()


# -- 2 and 5: a terminal whose charset lacks the characters of a name ---------------------------

LEGACY_TERMINAL = {"LANG": "sv_SE.ISO-8859-1", "LC_ALL": "", "PYTHONIOENCODING": "latin-1"}


# (command, what its output shows of the names outside Latin-1)
LEGACY_OUTPUT = [
    ("list", "\\u0141ukasz \\u017b\u00f3\\u0142\\u0107 \\U0001f600 2"),
    ("show 1", "V\u00e4xj\u00f6 \\u2764"),
    ("history 1", "\\u0141ukasz"),
    ("trash", "\\u014csaka"),
    ("list --json", '"\\u0141ukasz \\u017b\\u00f3\\u0142\\u0107 \\ud83d\\ude00 2"'),  # valid JSON
]


@pytest.mark.parametrize(("command", "shown"), LEGACY_OUTPUT)
def test_a_latin1_terminal_gets_escapes_not_a_crash(
    db_path: Path, command: str, shown: str
) -> None:
    store = InterviewStore(db_path)
    iid = store.add(
        interview(
            "\u0141ukasz \u017b\u00f3\u0142\u0107 \U0001f600", organisation="V\u00e4xj\u00f6 \u2764"
        )
    )
    store.save(
        iid,
        interview(
            "\u0141ukasz \u017b\u00f3\u0142\u0107 \U0001f600 2",
            organisation="V\u00e4xj\u00f6 \u2764",
        ),
    )
    store.delete(store.add(interview("\u014csaka")))
    env = {**os.environ, **LEGACY_TERMINAL}
    result = process("--db", str(db_path), *command.split(), env=env)
    assert result.returncode == 0 and not result.stderr, result.stderr
    assert shown in result.stdout.decode("latin-1")
    if "--json" in command:
        assert json.loads(result.stdout)[0]["name"].startswith("\u0141ukasz")


# -- 5 and 6: the settings file and the word list get the guard of every file we read ----------

# (what config.toml or words.txt is, what the one line says)
SETTINGS_FILES = [
    ("fifo", "regular file"),
    ("dev-zero", "regular file"),
    ("folder", "regular file"),
    ("sparse 40 MB", "too large"),
    ("latin-1", "not UTF-8"),
]
CONFIG_ONLY = [
    ("a 5,000-digit integer", "question_set = " + HUGE_NUMBER, "digits"),
    ("nested 3,000 deep", "x = " + "[" * 3_000 + "]" * 3_000, "nested too deeply"),
]


def _make_settings_file(path: Path, kind: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    elif kind == "sparse 40 MB":
        with path.open("wb") as f:
            f.truncate(40 << 20)
    else:
        path.write_bytes(b"question_set = 'qm-\xe5'")


@pytest.mark.parametrize(("kind", "said"), SETTINGS_FILES)
def test_a_hostile_config_file_stops_the_app_with_one_line(
    db_path: Path, kind: str, said: str
) -> None:
    _make_settings_file(Path(os.environ["QM_TUI_CONFIG_DIR"]) / "config.toml", kind)
    assert_one_line_error(process("--db", str(db_path), timeout=20), "config.toml", said)


@pytest.mark.parametrize(("what", "text", "said"), CONFIG_ONLY, ids=[c[0] for c in CONFIG_ONLY])
def test_a_config_file_tomllib_cannot_take_is_one_line(
    db_path: Path, what: str, text: str, said: str
) -> None:
    config = Path(os.environ["QM_TUI_CONFIG_DIR"]) / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(text, encoding="utf-8")
    assert_one_line_error(process("--db", str(db_path), timeout=20), "config.toml", said)


@pytest.mark.parametrize(("kind", "said"), SETTINGS_FILES)
def test_a_hostile_word_list_makes_check_say_one_line(db_path: Path, kind: str, said: str) -> None:
    InterviewStore(db_path).add(interview())
    _make_settings_file(Path(os.environ["QM_TUI_CONFIG_DIR"]) / "words.txt", kind)
    result = process("--db", str(db_path), "check", "1", timeout=20)
    assert_one_line_error(result, "words.txt", said)


def test_text_parts_are_never_parsed_as_markup() -> None:
    """A Rich Text made by the display helper keeps brackets as they are."""
    from qm_tui.tui.display import plain

    assert plain("[bold]x[/bold]").plain == "[bold]x[/bold]"
    assert isinstance(plain("x"), Text)


async def test_the_app_lists_the_valid_interviews_and_names_the_others(db_path: Path) -> None:
    _valid_db_with_invalid_documents(db_path)
    before = db_path.read_bytes()
    app = QMApp(db_path=db_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, InterviewListScreen)
        await wait_for(pilot, lambda: screen.loaded)
        assert sorted(r.id for r in screen.rows) == [1, 5]
        warned = [n.message for n in notified(app) if "Could not be read" in n.message]
        assert len(warned) == 1 and "interview '2'" in warned[0]
    assert db_path.read_bytes() == before
