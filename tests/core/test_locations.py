"""Every folder and file qm-tui finds through an environment variable takes a leading `~`.

Each file is found through the code that reads it (config, question sets, Word template, word
list, dictionaries, database, export), not only through `locations`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from qm_tui.core.article.write.docx import config_template
from qm_tui.core.interview.questions import load_question_sets
from qm_tui.core.settings import locations
from qm_tui.core.settings.config import chosen_set_id
from qm_tui.core.spelling import add_user_word, dictionary_base, read_user_words

from ..conftest import REFERENCE


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, and every qm-tui variable written with `~`."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("QM_TUI_CONFIG_DIR", "~/conf")
    monkeypatch.setenv("QM_TUI_DB", "~/data/qm.json")
    monkeypatch.setenv("QM_TUI_EXPORT_DIR", "~/ut")
    monkeypatch.setenv("QM_TUI_DICTIONARY_DIR", "~/dicts")
    monkeypatch.delenv("QM_TUI_SET", raising=False)
    return home


def test_each_variable_is_expanded(home: Path) -> None:
    assert locations.config_dir() == home / "conf"
    assert locations.config_file() == home / "conf" / "config.toml"
    assert locations.user_sets_dir() == home / "conf" / "questions"
    assert locations.template_file() == home / "conf" / "template.docx"
    assert locations.user_words_file() == home / "conf" / "words.txt"
    assert locations.default_db_path() == home / "data" / "qm.json"
    assert locations.export_dir() == home / "ut"
    assert locations.dictionary_dir() == home / "dicts"


def test_the_config_folder_with_a_tilde_holds_every_config_file(home: Path) -> None:
    """`QM_TUI_CONFIG_DIR=~/x` missed template.docx and words.txt before there was one home."""
    conf = home / "conf"
    (conf / "questions").mkdir(parents=True)
    (conf / "config.toml").write_text('question_set = "egen"\n', encoding="utf-8")
    (conf / "questions" / "egen.toml").write_text(
        'id = "egen"\ntitle = "Egen"\nquestions = ["Vad?"]\n', encoding="utf-8"
    )
    (conf / "template.docx").write_bytes(b"")
    (conf / "words.txt").write_text("Gnarpsvägen\n", encoding="utf-8")
    assert chosen_set_id() == ("egen", str(conf / "config.toml"))
    assert load_question_sets().get("egen") is not None
    assert config_template() == conf / "template.docx"
    assert read_user_words() == {"Gnarpsvägen"}
    add_user_word("Qvarnbo")
    assert (conf / "words.txt").read_text(encoding="utf-8") == "Gnarpsvägen\nQvarnbo\n"
    assert dictionary_base("sv") == home / "dicts" / "sv_SE"
    assert not (Path.cwd() / "~").exists()


def test_the_cli_finds_the_database_under_a_tilde(home: Path) -> None:
    """`qm-tui` with `QM_TUI_DB=~/…` keeps the database in the home folder."""
    qm = [sys.executable, "-m", "qm_tui"]
    shutil.copy(REFERENCE, home / "vaxjo.txt")
    run = {"cwd": home, "capture_output": True, "text": True, "check": True}
    subprocess.run([*qm, "import", "vaxjo.txt"], **run)  # type: ignore[call-overload]
    assert (home / "data" / "qm.json").is_file()
    listed = subprocess.run([*qm, "list"], **run)  # type: ignore[call-overload]
    assert "Nils-Petter Nilsson" in listed.stdout
    assert not (home / "~").exists()
