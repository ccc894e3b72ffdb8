"""The built wheel carries the question sets and works outside the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ..conftest import ROOT


@pytest.mark.slow
def test_wheel_ships_question_sets_and_runs_from_another_folder(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = wheels.glob("qm_tui-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "qm_tui/questions/qm-sv.toml" in names and "qm_tui/tui/app.tcss" in names
    assert "qm_tui/core/domain_words.txt" in names  # the spell checker's trade words
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "QM_TUI_DB": str(tmp_path / "db.json")}
    code = "import qm_tui.cli as c; print(c.__file__); c.main(['questions'])"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(str(target))
    assert "1. På vilket sätt har samverkan i er stad" in result.stdout
