"""The one table of export formats drives the CLI, the file names and the app."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from qm_tui import cli
from qm_tui.core.errors import ExportError
from qm_tui.core.interview.model import Answer, Interview
from qm_tui.core.interview.questions import QuestionSets
from qm_tui.core.publish import export as export_module
from qm_tui.core.publish.export import FORMATS, ExportOptions, Format, export_all, render


def test_every_format_renders_bytes(sets: QuestionSets) -> None:
    interview = sets.default().new_interview()
    for fmt in FORMATS.values():
        data = render(interview, fmt.name, ExportOptions(lang="sv"))
        assert isinstance(data, bytes) and data, fmt.name
        assert fmt.suffix.startswith(".") and "/" in fmt.mime


def test_the_cli_offers_exactly_the_table() -> None:
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    export = sub.choices["export"]  # type: ignore[index]
    fmt = next(a for a in export._actions if a.dest == "format")
    assert tuple(fmt.choices) == tuple(FORMATS)


def test_a_new_format_is_one_module_and_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, db_path: Path
) -> None:
    module = types.ModuleType("qm_test_shout")

    def shout(interview: Interview, options: ExportOptions) -> bytes:
        return interview.name.upper().encode()

    module.export = shout  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "qm_test_shout", module)
    table = {**FORMATS, "shout": Format("shout", ".txt", "text/plain", "shouting", "qm_test_shout")}
    monkeypatch.setattr(export_module, "FORMATS", table)
    iv = Interview(
        question_set="qm-sv", name="Anna Berg", date="2026-11-27", answers=(Answer("Hur?", "Bra."),)
    )
    (path,) = export_all([(1, iv)], tmp_path / "out", "shout", lambda _: ExportOptions())
    assert path.name == "2026-11-27-anna-berg.txt" and path.read_bytes() == b"ANNA BERG"
    # ...and the CLI offers it and names its files from the table.
    from qm_tui.core.database.store import InterviewStore

    InterviewStore(db_path).add(iv)
    assert (
        cli.main(
            ["--db", str(db_path), "export", "--all", str(tmp_path / "cli"), "--format", "shout"]
        )
        == 0
    )
    assert (tmp_path / "cli" / "2026-11-27-anna-berg.txt").read_bytes() == b"ANNA BERG"


def test_an_unknown_format_is_one_clear_error(sets: QuestionSets) -> None:
    with pytest.raises(ExportError, match="unknown article format 'pdf'"):
        render(sets.default().new_interview(), "pdf")


def test_private_notes_are_never_exported(sets: QuestionSets) -> None:
    from dataclasses import replace

    secret = "HEMLIG anteckning om Åsa"
    interview = replace(
        sets.default().new_interview(name="Åsa").with_answer(0, "Svar."),
        private_notes=secret,
        import_warnings=("HEMLIG varning",),
    )
    for fmt in FORMATS:
        data = render(interview, fmt)
        if data.startswith(b"PK"):  # a zip package (docx): look inside every part
            import io
            import zipfile

            with zipfile.ZipFile(io.BytesIO(data)) as package:
                data = b"".join(package.read(name) for name in package.namelist())
        assert "Åsa".encode() in data and b"HEMLIG" not in data, fmt
