"""Shared fixtures: every test gets its own database, config and export folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from qm_tui.core.questions import QuestionSets, load_question_sets

# The model article, as the association published it
REFERENCE = Path(__file__).resolve().parent / "data" / "vaxjo-profile.txt"


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the user's real database, config and documents."""
    monkeypatch.setenv("QM_TUI_DB", str(tmp_path / "env-default.json"))
    monkeypatch.setenv("QM_TUI_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("QM_TUI_EXPORT_DIR", str(tmp_path / "exports"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database path that does not exist yet."""
    return tmp_path / "qm.json"


@pytest.fixture
def sets() -> QuestionSets:
    """The built-in question sets."""
    return load_question_sets()
