"""`qm-tui import` of articles and `qm-tui export`, run as a user would: as a subprocess."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qm_tui.core.database.store import InterviewStore
from tests.core.test_article_markdown import REFERENCE, fold, visible_text

pytestmark = pytest.mark.slow


class QM:
    """Runs `qm-tui --db DB …` in a clean environment."""

    def __init__(self, tmp_path: Path) -> None:
        self.db = tmp_path / "qm.json"
        self.env = {**os.environ, "QM_TUI_CONFIG_DIR": str(tmp_path / "config"), "NO_COLOR": "1"}
        self.cwd = tmp_path

    def __call__(self, *args: str | Path, ok: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "qm_tui", "--db", str(self.db), *map(str, args)]
        result = subprocess.run(
            cmd, capture_output=True, text=True, encoding="utf-8", env=self.env, cwd=self.cwd
        )
        if ok:
            assert result.returncode == 0, result.stderr
        return result

    def add(self, *docs: dict[str, object]) -> list[str]:
        path = self.cwd / "docs.json"
        path.write_text(json.dumps(list(docs)), encoding="utf-8")
        return self("import", path).stdout.split()


@pytest.fixture
def qm(tmp_path: Path) -> QM:
    return QM(tmp_path)


def test_reference_import_then_markdown_export_shows_every_line(qm: QM) -> None:
    """The acceptance test of the issue."""
    (interview_id,) = qm("import", REFERENCE).stdout.split()
    markdown = qm("export", interview_id, "--format", "md").stdout
    shown = fold(visible_text(markdown))
    pos = 0
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        if line.strip():
            found = shown.find(fold(line), pos)
            assert found >= 0, f"missing or out of order: {line!r}"
            pos = found + len(fold(line))
    shown_doc = json.loads(qm("show", interview_id, "--json").stdout)
    assert shown_doc["title"] == "vd/centrumutvecklare"
    assert shown_doc["status"] == "complete"


def test_html_export_to_a_file_and_markdown_round_trip(qm: QM, tmp_path: Path) -> None:
    (first,) = qm("import", REFERENCE).stdout.split()
    out = tmp_path / "profil.html"
    result = qm("export", first, "--format", "html", "-o", out)
    assert result.stdout == "" and "Wrote" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and '<html lang="sv">' in page
    assert "<script" not in page and '<aside class="facts">' in page
    md = tmp_path / "profil.md"
    qm("export", first, "-o", md)
    (second,) = qm("import", md).stdout.split()
    docs = {d["id"]: d for d in json.loads(qm("list", "--json").stdout)}
    strip = ("id", "created", "updated", "uid")  # the copy gets a uid of its own
    a, b = ({k: v for k, v in docs[int(i)].items() if k not in strip} for i in (first, second))
    assert a == b
    assert docs[int(first)]["uid"] != docs[int(second)]["uid"]


def test_import_reports_warnings_and_keeps_unplaced_text(qm: QM, tmp_path: Path) -> None:
    article = REFERENCE.read_text(encoding="utf-8").replace(
        "vd/centrumutvecklare Växjö City", "Växjö City AB"
    )
    path = tmp_path / "profil.txt"
    path.write_text(article.replace("\n1.", "\nFoto: Per\n\n1.", 1), encoding="utf-8")
    result = qm("import", path)
    assert "warning" in result.stderr and "title" in result.stderr
    doc = json.loads(qm("show", result.stdout.strip(), "--json").stdout)
    assert doc["title"] == "Växjö City AB"
    exported = qm("export", result.stdout.strip())
    assert "notes" in exported.stderr


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"", "empty"),
        (b"Bara lite prosa om en stad.\n\nInga fragor har.\n", "not an article"),
        (b"id;namn\n1;Anna\n", "not an article"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "UTF-8"),
    ],
)
def test_not_an_article_creates_nothing(qm: QM, tmp_path: Path, content: bytes, why: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = qm("import", REFERENCE, bad, ok=False)
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and why in result.stderr
    assert not qm.db.exists()
    # and with an existing database: unchanged
    qm("import", REFERENCE)
    before = qm.db.read_bytes()
    assert qm("import", bad, ok=False).returncode == 1
    assert qm.db.read_bytes() == before


def test_export_all(qm: QM, tmp_path: Path) -> None:
    answers = [{"question": "Hur?", "answer": "Så här."}]
    base = {"question_set": "qm-sv", "date": "2026-11-27", "status": "draft", "answers": answers}
    ids = qm.add(
        {**base, "name": "Nils-Petter Nilsson", "organisation": "Växjö City"},
        {**base, "name": "Nils-Petter Nilsson", "organisation": "Växjö City"},
        {**base, "name": "../../etc/passwd", "organisation": "/"},
        {**base, "name": "😀"},
    )
    assert len(ids) == 4
    folder = tmp_path / "ut" / "artiklar"
    qm("export", "--all", folder)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "2026-11-27-etc-passwd.md",
        "2026-11-27-nils-petter-nilsson-vaxjo-city-2.md",
        "2026-11-27-nils-petter-nilsson-vaxjo-city.md",
        "2026-11-27.md",
    ]
    assert sorted(p.name for p in tmp_path.rglob("*.md")) == names  # nothing outside the folder
    first = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    article = first["2026-11-27-nils-petter-nilsson-vaxjo-city.md"]
    assert article.startswith(f'---\nid: "{ids[0]}"\nuid: "')
    assert '"\nname: "Nils-Petter Nilsson"\n' in article
    # Running it again gives the same files.
    qm("export", "--all", folder)
    assert {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()} == first
    # Editing the first interview (now the newest) does not move its file to the other name.
    store = InterviewStore(qm.db)
    edited = dataclasses.replace(store.get(int(ids[0])), quote="Nytt citat.")
    store.save(int(ids[0]), edited)
    qm("export", "--all", folder)
    again = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    assert "Nytt citat." in again["2026-11-27-nils-petter-nilsson-vaxjo-city.md"]
    assert (
        again["2026-11-27-nils-petter-nilsson-vaxjo-city-2.md"]
        == first["2026-11-27-nils-petter-nilsson-vaxjo-city-2.md"]
    )
    qm("export", "--all", folder, "--format", "html")
    html_names = sorted(p.name for p in folder.glob("*.html"))
    assert html_names == [n.replace(".md", ".html") for n in names]


def test_export_all_skips_interviews_without_answers(qm: QM, tmp_path: Path) -> None:
    base = {"question_set": "qm-sv", "date": "2026-11-27"}
    qm.add(
        {**base, "name": "Anna", "answers": [{"question": "Hur?", "answer": ""}]},
        {**base, "name": "Anna", "answers": [{"question": "Hur?", "answer": "Bra."}]},
        {**base, "name": "Tom", "answers": [{"question": "Hur?", "answer": "  \n"}]},
    )
    folder = tmp_path / "ut"
    result = qm("export", "--all", folder)
    assert "Exported 1 interview(s)" in result.stderr
    assert "Skipped 2 interview(s) with no answers" in result.stderr
    # the name is the one the interview gets when the empty namesake is exported too
    assert [p.name for p in folder.iterdir()] == ["2026-11-27-anna-2.md"]
    result = qm("export", "--all", folder, "--include-empty")
    assert "Exported 3 interview(s)" in result.stderr and "Skipped" not in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "2026-11-27-anna-2.md",
        "2026-11-27-anna.md",
        "2026-11-27-tom.md",
    ]


def test_export_errors(qm: QM, tmp_path: Path) -> None:
    qm("import", REFERENCE)
    for args, message in [
        (("export", "99"), "no interview with id 99"),
        (("export", "x"), "not an interview id"),
        (("export", "--all", tmp_path / "d", "-o", tmp_path / "f"), "not both"),
        (("export", "--all", REFERENCE), "not a folder"),
    ]:
        result = qm(*args, ok=False)
        assert result.returncode == 1 and message in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_export_to_a_missing_folder_is_an_error(qm: QM, tmp_path: Path) -> None:
    """Issue 23: `-o /nonexistent/dir/x.md` made /nonexistent; only --all DIR makes a folder."""
    qm("import", REFERENCE)
    target = tmp_path / "no-such" / "dir" / "x.md"
    result = qm("export", "1", "-o", target, ok=False)
    assert result.returncode == 1 and "no folder" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "no-such").exists()
    qm("export", "1", "-o", "here.md")  # a bare name is in the current folder
    assert (tmp_path / "here.md").is_file()
    qm("export", "--all", tmp_path / "new" / "folder")
    assert list((tmp_path / "new" / "folder").iterdir())
