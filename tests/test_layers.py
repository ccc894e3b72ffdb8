"""The layers: the core and the command line never load Textual or Rich."""

from __future__ import annotations

import ast
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import qm_tui.core

UI = "m.split('.')[0] in ('textual', 'rich')"


def _ui_modules_after(code: str) -> list[str]:
    """The textual/rich modules loaded by running `code` in a fresh interpreter."""
    probe = f"{code}\nimport sys\nprint(sorted(m for m in sys.modules if {UI}))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    found: list[str] = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    return found


def test_every_core_module_imports_without_textual_or_rich() -> None:
    names = [m.name for m in pkgutil.walk_packages(qm_tui.core.__path__, "qm_tui.core.")]
    assert {
        "qm_tui.core.database.store",
        "qm_tui.core.article.write.html",
        "qm_tui.core.interview.summary",
    } <= set(names)
    assert _ui_modules_after("\n".join(f"import {name}" for name in names)) == []


def test_qm_tui_list_loads_neither_textual_nor_rich(db_path: Path) -> None:
    from qm_tui.core.database.store import InterviewStore

    from .conftest import sample

    InterviewStore(db_path).add(sample())
    command = [sys.executable, "-X", "importtime", "-m", "qm_tui", "--db", str(db_path), "list"]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Nils-Petter Nilsson" in done.stdout
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()]
    assert "qm_tui.core.database.store" in imported  # the probe sees the command's imports
    assert [m for m in imported if m.split(".")[0] in ("textual", "rich")] == []


def test_the_probe_sees_textual_when_it_is_loaded() -> None:
    assert "textual" in _ui_modules_after("import qm_tui.tui.app")


def test_the_import_contracts_hold() -> None:
    """`lint-imports` checks the layers in pyproject.toml: CLI on TUI on core, no Textual in the
    core, none in the CLI but the app's start, no heavy library under the store and model."""
    from .conftest import ROOT

    lint = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([str(lint)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
