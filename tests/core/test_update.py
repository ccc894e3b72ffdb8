"""Corrections come back: `plan_update` / `apply_update` and `qm-tui update ID FILE`."""

from __future__ import annotations

import dataclasses
import io
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qm_tui.core.database.store import InterviewStore
from qm_tui.core.errors import ImportFileError
from qm_tui.core.intake.importing import parse_article
from qm_tui.core.intake.update import apply_update, plan_update, plan_update_from_file, short_diff
from qm_tui.core.interview.model import Interview
from qm_tui.core.interview.questions import load_question_sets
from qm_tui.core.publish.export import ExportOptions, render
from tests.conftest import REFERENCE

SETS = load_question_sets()


def vaxjo() -> Interview:
    iv = parse_article(REFERENCE.read_text(encoding="utf-8"), SETS).interview
    return dataclasses.replace(iv, date="2022-03-01", interviewer="Pia Sandin")


@pytest.mark.parametrize("fmt", ["txt", "md", "docx"])
def test_an_unchanged_export_changes_nothing(fmt: str, tmp_path: Path) -> None:
    iv = vaxjo().with_answer(0, 'Vi sa "ja" - direkt... och\nsen en ny rad.')
    path = tmp_path / f"a.{fmt}"
    path.write_bytes(render(iv, fmt, ExportOptions(lang="sv")))
    plan = plan_update_from_file(iv, path, SETS)
    assert plan.changes == () and plan.interview == iv


def test_a_corrected_text_article_is_applied_with_history(db_path: Path, tmp_path: Path) -> None:
    store = InterviewStore(db_path)
    iid = store.add(vaxjo())
    current = store.get(iid)
    text = render(current, "txt").decode()
    text = text.replace("har inte bidragit", "har faktiskt inte bidragit")
    text = text.replace("Nils-Petter Nilsson\n", "Nils-Petter Nilsson Berg\n", 1)
    plan = plan_update(current, text, SETS)
    fields = {c.field: c for c in plan.changes}
    assert set(fields) == {"name", "answers.2"}
    assert fields["answers.2"].short_diff() == (
        "… just denna förnyelse har {+faktiskt+} inte bidragit till några större förändringar."
    )
    assert fields["name"].short_diff() == "Nils-Petter Nilsson {+Berg+}"
    apply_update(store, iid, plan, base=current)
    saved = store.get(iid)
    assert saved.name == "Nils-Petter Nilsson Berg"
    assert "faktiskt inte" in saved.answers[1].answer
    history = {v.field: v.value for v in store.history(iid)}
    assert history["name"] == "Nils-Petter Nilsson"
    assert history["answers.2"] == current.answers[1].answer
    # Everything else is as it was.
    assert saved.quote == current.quote and saved.date == current.date


def test_a_corrected_word_document(tmp_path: Path) -> None:
    iv = vaxjo()
    doc = docx.Document(io.BytesIO(render(iv, "docx")))
    quote = next(p for p in doc.paragraphs if p.style.name == "QM Pull Quote")
    quote.runs[0].text = "Ett nytt citat, godkänt av Nils-Petter."
    path = tmp_path / "rättad.docx"
    doc.save(str(path))
    plan = plan_update_from_file(iv, path, SETS)
    assert [c.field for c in plan.changes] == ["quote"]
    assert plan.interview.quote == "Ett nytt citat, godkänt av Nils-Petter."


def test_a_shortened_question_keeps_the_articles_wording() -> None:
    iv = vaxjo()
    text = (
        render(iv, "txt")
        .decode()
        .replace(
            "förändringen/förbättringen som QM bidragit till? "
            "Ekonomiskt, organisationsmässigt, övrigt?",
            "förändringen som QM bidragit till?",
        )
    )
    plan = plan_update(iv, text, SETS)
    assert [c.field for c in plan.changes] == ["answers.2.question"]
    assert plan.interview.answers[1].question == (
        "Vilken har varit den största förändringen som QM bidragit till?"
    )
    assert plan.interview.answers[1].answer == iv.answers[1].answer
    assert plan.warnings == ()


def test_fields_the_article_does_not_carry_are_kept() -> None:
    iv = dataclasses.replace(vaxjo(), status="approved", notes="egen anteckning")
    text = render(iv, "txt").decode()
    plan = plan_update(iv, text, SETS)
    assert plan.changes == ()
    assert (plan.interview.date, plan.interview.interviewer) == ("2022-03-01", "Pia Sandin")
    assert (plan.interview.status, plan.interview.notes) == ("approved", "egen anteckning")


def test_a_file_that_is_not_an_article_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("bara en rad\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="no numbered interview questions"):
        plan_update_from_file(vaxjo(), path, SETS)
    broken = tmp_path / "x.docx"
    broken.write_bytes(b"PK\x03\x04trasig")
    with pytest.raises(ImportFileError, match="Word document"):
        plan_update_from_file(vaxjo(), broken, SETS)


def test_short_diff() -> None:
    assert short_diff("", "Nytt") == "{+Nytt+}"
    assert short_diff("a b c", "a x c") == "a [-b-] {+x+} c"
    assert short_diff("rad\x1b[31m", "rad") == "[-rad?[31m-] {+rad+}"
    long = " ".join(f"ord{i}" for i in range(100))
    assert len(short_diff(long, long + " slut")) < 160


WORDS = st.sampled_from(
    ["Växjö", "samverkan", "är", '"bra"', "stad", "-", "...", "QM", "2022", "'ja'", "och", "å"]
)
PROSE = st.lists(st.lists(WORDS, min_size=1, max_size=12).map(" ".join), min_size=1, max_size=3)
# A pull quote ending in `” – Name` is read as attributed, so the quote has no spaced hyphen.
QUOTE = st.lists(WORDS.filter(lambda w: w != "-"), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=PROSE, quote=QUOTE, fmt=st.sampled_from(["txt", "md", "docx"]))
def test_round_trip_export_update_gives_the_same_interview(
    answer: list[str], quote: list[str], fmt: str
) -> None:
    """Export (Swedish typography on), update from that file: the interview is unchanged."""
    iv = dataclasses.replace(vaxjo().with_answer(3, "\n\n".join(answer)), quote=" ".join(quote))
    data = render(iv, fmt, ExportOptions(lang="sv"))
    if fmt == "docx":
        from qm_tui.core.article.read.docx import read_docx

        content = read_docx(data, set(SETS.sets))
        text, hints = content.text(), content.hints
    else:
        text, hints = data.decode(), {}
    plan = plan_update(iv, text, SETS, hints)
    assert plan.changes == () and plan.interview == iv


# -- the command ----------------------------------------------------------------------------


def qm(db: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "qm_tui", "--db", str(db), *map(str, args)]
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=os.environ)


@pytest.mark.slow
def test_update_command_dry_run_then_save(db_path: Path, tmp_path: Path) -> None:
    iid = InterviewStore(db_path).add(vaxjo())
    path = tmp_path / "rättad.txt"
    text = render(vaxjo(), "txt").decode().replace("Senior Advisor", "Senior Adviser")
    path.write_text(text, encoding="utf-8")
    dry = qm(db_path, "update", str(iid), path, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "contact.title: Senior [-Advisor-] {+Adviser+}" in dry.stdout
    assert "nothing was saved" in dry.stdout
    assert InterviewStore(db_path).get(iid).contact.title == "Senior Advisor"
    done = qm(db_path, "update", str(iid), path)
    assert done.returncode == 0 and "Saved 1 changed field(s)" in done.stdout
    assert InterviewStore(db_path).get(iid).contact.title == "Senior Adviser"
    again = qm(db_path, "update", str(iid), path)
    assert "No changes" in again.stdout
    history = qm(db_path, "history", str(iid))
    assert "contact.title" in history.stdout and "Senior Advisor" in history.stdout


@pytest.mark.slow
def test_update_command_errors_change_nothing(db_path: Path, tmp_path: Path) -> None:
    iid = InterviewStore(db_path).add(vaxjo())
    before = db_path.read_bytes()
    bad = tmp_path / "bild.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    for args in (("update", str(iid), bad), ("update", "99", REFERENCE)):
        result = qm(db_path, *args)
        assert result.returncode == 1 and result.stderr.startswith("qm-tui: error:")
        assert "Traceback" not in result.stderr
    assert db_path.read_bytes() == before


@pytest.mark.slow
def test_import_and_export_of_word_files(db_path: Path, tmp_path: Path) -> None:
    iid = InterviewStore(db_path).add(vaxjo())
    out = tmp_path / "profil.docx"
    assert qm(db_path, "export", str(iid), "--format", "docx", "-o", out).returncode == 0
    imported = qm(db_path, "import", out)
    assert imported.returncode == 0, imported.stderr
    new_id = int(imported.stdout.split()[0])
    a, b = InterviewStore(db_path).get(iid), InterviewStore(db_path).get(new_id)
    assert b.uid != a.uid  # imported into the database that has it: a copy, with a uid of its own
    assert dataclasses.replace(b, created=a.created, updated=a.updated, uid=a.uid) == a
