"""The `qm-tui` command line, in-process and as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from qm_tui import __version__
from qm_tui.cli import main
from qm_tui.core.database import json_storage
from qm_tui.core.database.store import InterviewStore
from qm_tui.core.interview.questions import QuestionSets


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), *args])


def _doc(sets: QuestionSets, name: str = "Nils-Petter Nilsson") -> dict[str, Any]:
    iv = sets.default().new_interview(name=name, title="vd", organisation="Växjö City")
    return iv.with_answer(0, "Det skapar en *gemenskap*.\n\nOch <b>stolthet</b>.").to_dict()


def _write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_import_prints_ids_and_show_json_returns_the_document(
    db_path: Path, tmp_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _doc(sets)
    one = _write(tmp_path / "one.json", doc)
    many = _write(tmp_path / "many.json", [_doc(sets, "Åsa"), _doc(sets, "Örjan")])
    assert run(db_path, "import", str(one), str(many)) == 0
    assert capsys.readouterr().out.split() == ["1", "2", "3"]
    assert run(db_path, "show", "1", "--json") == 0
    assert json.loads(capsys.readouterr().out) == {**doc, "id": 1}


def test_bulk_import_writes_once(
    db_path: Path, tmp_path: Path, sets: QuestionSets, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[Path] = []
    real = json_storage.atomic_write
    monkeypatch.setattr(
        json_storage, "atomic_write", lambda p, d, **kw: writes.append(p) or real(p, d, **kw)
    )
    path = _write(tmp_path / "many.json", [_doc(sets, f"Namn {n}") for n in range(50)])
    assert run(db_path, "import", str(path)) == 0
    assert writes == [db_path]  # the database, once
    assert len(InterviewStore(db_path).list()) == 50


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"question_set": "qm-sv", "date": "igår"}'.encode(), "invalid interview document"),
        (b'[{"question_set": "qm-sv"}, {"name": 1}]', "(interview 2): invalid interview"),
        (b'{"question_set": ', "not valid JSON"),
        (b"[]", "holds no interviews"),
        (b'{"name": "\xe5"}', "not UTF-8"),
    ],
)
def test_a_bad_file_imports_nothing(
    db_path: Path, tmp_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str],
    content: bytes, message: str,
) -> None:  # fmt: skip
    good = _write(tmp_path / "good.json", _doc(sets))
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    assert run(db_path, "import", str(good), str(bad)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "bad.json" in err
    assert not db_path.exists()


def test_a_missing_import_file_is_one_line(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_path, "import", str(tmp_path / "nope.json")) == 1
    assert capsys.readouterr().err == (
        f"qm-tui: error: cannot read {tmp_path / 'nope.json'}: No such file or directory\n"
    )


def test_list_and_list_json(
    db_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_path, "list") == 0
    assert "No interviews yet" in capsys.readouterr().out
    store = InterviewStore(db_path)
    store.add(sets.default().new_interview(name="Äldre", date="2025-01-02"))
    store.add(sets.default().new_interview(name="Nyare | *x*", organisation="Umeå"))
    assert run(db_path, "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "DATE", "NAME", "ORGANISATION", "STATUS", "ANSWERED"]
    assert lines[1].startswith("2 ") and "Nyare | *x*" in lines[1] and "0/5" in lines[1]
    assert lines[2].startswith("1 ") and "Äldre" in lines[2]
    assert run(db_path, "list", "--json") == 0
    docs = json.loads(capsys.readouterr().out)
    assert [d["id"] for d in docs] == [2, 1] and docs[1]["name"] == "Äldre"


def test_show_plain(db_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]) -> None:
    InterviewStore(db_path).add(sets.default().new_interview(name="Åsa").with_answer(2, "Svar"))
    assert run(db_path, "show", "1") == 0
    out = capsys.readouterr().out
    assert "Name:          Åsa" in out and "3. På vilket sätt kommer ni" in out
    assert "Svar" in out and "FAKTA OM QM" in out and "pia.sandin@" in out


@pytest.mark.parametrize("command", ["show", "delete", "restore", "history"])
@pytest.mark.parametrize("raw_id", ["7", "abc", "0"])
def test_unknown_ids_are_one_line_and_exit_1(
    db_path: Path, capsys: pytest.CaptureFixture[str], command: str, raw_id: str
) -> None:
    assert run(db_path, command, raw_id) == 1
    err = capsys.readouterr().err
    assert err.startswith("qm-tui: error: ") and err.count("\n") == 1
    assert not db_path.exists()


def test_delete_trash_restore_purge(
    db_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]
) -> None:
    InterviewStore(db_path).add(sets.default().new_interview(name="Åsa"))
    assert run(db_path, "trash") == 0
    assert "empty" in capsys.readouterr().out
    assert run(db_path, "delete", "1") == 0
    assert "qm-tui restore 1" in capsys.readouterr().out
    assert run(db_path, "list") == 0
    assert "No interviews yet" in capsys.readouterr().out
    assert run(db_path, "trash") == 0
    assert "Åsa" in capsys.readouterr().out
    assert run(db_path, "restore", "1") == 0
    assert "Restored interview 1 (Åsa)" in capsys.readouterr().out
    assert run(db_path, "delete", "1") == 0
    assert run(db_path, "purge", "--all") == 0
    assert "Deleted 1 interview(s)" in capsys.readouterr().out
    assert InterviewStore(db_path).trash() == []


def test_history_lists_earlier_values(
    db_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]
) -> None:
    store = InterviewStore(db_path)
    iid = store.add(sets.default().new_interview().with_answer(0, "Första"))
    assert run(db_path, "history", str(iid)) == 0
    assert "no earlier versions" in capsys.readouterr().out
    store.save(iid, store.get(iid).with_answer(0, "Andra"))
    assert run(db_path, "history", str(iid)) == 0
    out = capsys.readouterr().out
    assert "answers.1" in out and "Första" in out


def test_questions_lists_each_set(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    assert run(db_path, "questions") == 0
    out = capsys.readouterr().out
    assert out.startswith("qm-sv: Quality Mark-intervju (svenska)\n1. På vilket sätt har")
    assert "\nqm-en: Quality Mark interview (English)\n1. In what way" in out
    assert "5. Vad har varit den främsta anledningen" in out


def test_a_corrupt_database_stops_every_command(
    db_path: Path, tmp_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path.write_bytes(b'{"interviews": {"1": {')
    doc = _write(tmp_path / "one.json", _doc(sets))
    for args in (["list"], ["show", "1"], ["import", str(doc)], ["delete", "1"], ["trash"]):
        assert run(db_path, *args) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "not valid JSON" in err and str(db_path) in err
    assert db_path.read_bytes() == b'{"interviews": {"1": {'


def test_the_environment_chooses_the_database(
    tmp_path: Path, sets: QuestionSets, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "from-env.json"
    monkeypatch.setenv("QM_TUI_DB", str(target))
    doc = _write(tmp_path / "one.json", _doc(sets))
    assert main(["import", str(doc)]) == 0
    assert len(InterviewStore(target).list()) == 1


def _process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qm_tui", *args],
        capture_output=True, text=True, timeout=60, env={**os.environ, **(env or {})},
    )  # fmt: skip


def test_version_and_help_as_a_process() -> None:
    assert _process("--version").stdout == f"qm-tui {__version__}\n"
    out = _process("--help").stdout
    for command in ("list", "show", "import", "export", "delete", "restore", "trash", "questions"):
        assert command in out


def test_cli_commands_do_not_import_textual(db_path: Path) -> None:
    code = (
        "import sys\n"
        "from qm_tui.cli import main\n"
        f"main(['--db', {str(db_path)!r}, 'list'])\n"
        f"main(['--db', {str(db_path)!r}, 'questions'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_errors_have_no_traceback_as_a_process(db_path: Path) -> None:
    db_path.write_bytes(b"\xff\xfe garbage")
    result = _process("--db", str(db_path), "list")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert "not UTF-8" in result.stderr or "not valid JSON" in result.stderr


def test_the_editor_does_not_start_on_a_corrupt_database(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path.write_bytes(b"{")
    assert run(db_path) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not valid JSON" in err
    assert db_path.read_bytes() == b"{"


def test_global_options_are_accepted_after_the_command(
    tmp_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    InterviewStore(first).add(sets.default().new_interview(name="Åsa i A"))
    InterviewStore(second).add(sets.default().new_interview(name="Bo i B"))
    assert main(["list", "--db", str(first)]) == 0
    assert "Åsa i A" in capsys.readouterr().out
    assert main(["list", "--db", str(first), "--lang", "en", "--set", "qm-en"]) == 0
    assert "Åsa i A" in capsys.readouterr().out
    # before the command still works, and after it wins
    assert main(["--db", str(first), "show", "1", "--db", str(second)]) == 0
    assert "Bo i B" in capsys.readouterr().out
    assert main(["--db", str(second), "list"]) == 0
    assert "Bo i B" in capsys.readouterr().out


def test_status_follows_the_publishing_workflow(
    db_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]
) -> None:
    InterviewStore(db_path).add(sets.default().new_interview(name="Åsa"))
    for status in ("approved", "published", "draft"):
        assert run(db_path, "status", "1", status) == 0
        assert InterviewStore(db_path).get(1).status == status
    assert "Interview 1 is draft (was published)" in capsys.readouterr().out
    assert any(v.field == "status" for v in InterviewStore(db_path).history(1))
    with pytest.raises(SystemExit):
        run(db_path, "status", "1", "klar")
    assert "invalid choice" in capsys.readouterr().err
    assert run(db_path, "status", "7", "approved") == 1
    assert "no interview with id 7" in capsys.readouterr().err


def test_status_follows_the_editors_rule(
    db_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 23: `status ID complete` took an interview with two answers and no quote."""
    from ..conftest import sample

    half = sets.default().new_interview(name="Åsa").with_answer(0, "Ett").with_answer(1, "Två")
    InterviewStore(db_path).add(half)
    assert run(db_path, "status", "1", "complete") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot be complete" in err and "answers.3" in err
    assert InterviewStore(db_path).get(1).status == "draft"
    InterviewStore(db_path).add(sample().with_workflow_status("complete"))
    assert run(db_path, "status", "2", "draft") == 1
    assert "cannot be draft" in capsys.readouterr().err
    assert InterviewStore(db_path).get(2).status == "complete"
    assert run(db_path, "status", "2", "approved") == 0
    assert run(db_path, "status", "2", "complete") == 0  # back from approved: allowed
    assert InterviewStore(db_path).get(2).status == "complete"


def test_importing_a_duplicate_warns_and_imports(
    db_path: Path, tmp_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]
) -> None:
    from ..conftest import REFERENCE

    assert run(db_path, "import", str(REFERENCE)) == 0
    assert "repeats" not in capsys.readouterr().err
    assert run(db_path, "import", str(REFERENCE)) == 0
    out, err = capsys.readouterr()
    assert out.split() == ["2"]
    assert "warning: interview 2 repeats interview 1 (same name, organisation and answers)" in err
    # same name and organisation, other answers: no warning
    other = InterviewStore(db_path).get(1).with_answer(0, "Något helt annat.")
    path = _write(tmp_path / "other.json", other.to_dict())
    assert run(db_path, "import", str(path)) == 0
    assert "repeats" not in capsys.readouterr().err
    # two copies inside one import are caught too
    twice = _write(tmp_path / "twice.json", [_doc(sets, "Tea"), _doc(sets, "Tea")])
    assert run(db_path, "import", str(twice)) == 0
    assert "interview 5 repeats interview 4" in capsys.readouterr().err


def test_an_imported_article_keeps_its_warnings_for_the_editor(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "udda.txt"
    article.write_text(
        "Eva Ek\nvd Lund City\n\n1. Vad är viktigast för er?\n\nSamverkan.\n", encoding="utf-8"
    )
    assert run(db_path, "import", str(article)) == 0
    err = capsys.readouterr().err
    warnings = InterviewStore(db_path).get(1).import_warnings
    assert warnings and all(f"{article}: {w}" in err for w in warnings)


def test_an_unknown_question_set_stops_the_editor_with_one_line(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(db_path, "--set", "qm-fi") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown question set 'qm-fi' (from --set)" in err
    monkeypatch.setenv("QM_TUI_SET", "nope")
    assert run(db_path) == 1
    assert "(from $QM_TUI_SET)" in capsys.readouterr().err


def test_an_unknown_set_in_the_config_file_stops_the_editor_too(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "config.toml").write_text('question_set = "nope"\n', encoding="utf-8")
    monkeypatch.setenv("QM_TUI_CONFIG_DIR", str(tmp_path / "conf"))
    monkeypatch.delenv("QM_TUI_SET", raising=False)
    assert run(db_path) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown question set 'nope'" in err


def test_the_editor_starts_without_reading_the_sets_when_the_default_is_used(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app reads them on first use; reading them before would delay the first frame."""
    import qm_tui.cli as cli
    from qm_tui.tui.app import QMApp

    def no_sets() -> None:
        raise AssertionError("the sets were read before the app started")

    started: list[QMApp] = []
    monkeypatch.setattr(cli, "_load_sets", no_sets)
    monkeypatch.setattr(QMApp, "run", lambda self, *a, **k: started.append(self))
    monkeypatch.delenv("QM_TUI_SET", raising=False)
    monkeypatch.setenv("QM_TUI_CONFIG_DIR", str(db_path.parent / "no-config"))
    assert run(db_path) == 0
    assert len(started) == 1


def test_every_command_has_a_description_and_every_argument_a_help(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 23: `qm-tui import --help` had no description and FILE no help text."""
    import re

    from qm_tui.cli import _COMMANDS

    for name in _COMMANDS:
        with pytest.raises(SystemExit):
            main([name, "--help"])
        out = capsys.readouterr().out
        description = out.split("\n\n")[1]
        assert description[0].isupper() and description.rstrip().endswith("."), name
        block = [*out.split("positional arguments:\n"), ""][1].split("\n\n")[0]
        arguments: list[str] = []  # each argument's line(s): its name, then its help
        for line in block.splitlines():
            if re.match(r"^  \S", line):
                arguments.append(line)
            else:
                arguments[-1] += line
        for argument in arguments:
            assert len(argument.split(None, 1)) == 2, f"{name}: {argument} has no help"
