"""Plain mode through a pipe: `qm-tui interview` scripted in, line by line, as a script would."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from qm_tui.core.database.store import InterviewStore
from qm_tui.core.errors import QMError
from qm_tui.core.interview.model import Interview, today_iso

from ..conftest import ANSWERS, sample

QUOTE = "Det skapar en gemenskap och en stolthet."


def run(
    db: Path, lines: list[str], *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`qm-tui --db DB ARGS` with `lines` piped in (spelling off unless `env` turns it on)."""
    return subprocess.run(
        [sys.executable, "-m", "qm_tui", "--db", str(db), *args],
        input="".join(line + "\n" for line in lines),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "QM_TUI_SPELLCHECK": "off", **(env or {})},
        timeout=300,
    )


def person(name: str = "Anna Svensson") -> list[str]:
    return [name, "VD", "Växjö City", "", "Olle Berg"]


def whole_interview() -> list[str]:
    lines = [*person(), ANSWERS[0], "Andra raden.", ""]
    for answer in ANSWERS[1:]:
        lines += [answer, ""]
    return [*lines, "1"]


def stored(db: Path, interview_id: int = 1) -> Interview:
    return InterviewStore(db).get(interview_id)


def test_a_whole_interview_scripted_in(db_path: Path) -> None:
    done = run(db_path, whole_interview(), "interview")
    assert done.returncode == 0, done.stderr
    iv = stored(db_path)
    assert (iv.name, iv.title, iv.organisation, iv.interviewer) == (
        "Anna Svensson",
        "VD",
        "Växjö City",
        "Olle Berg",
    )
    assert iv.date == today_iso()  # an empty line gives today
    assert iv.answers[0].answer == ANSWERS[0] + "\nAndra raden."
    assert [a.answer for a in iv.answers[1:]] == ANSWERS[1:]
    assert iv.quote == QUOTE  # sentence 1 of the candidates
    assert iv.status == "complete"
    out = done.stdout
    assert "Fråga 2 av 5: Vilken har varit den största förändringen" in out
    assert f"1. {QUOTE}" in out
    assert "Intervju 1: Anna Svensson, Växjö City. Status: klar." in out
    assert "Inget saknas." in out
    assert f"qm-tui --db {db_path} export 1 --format docx -o " in out
    assert f"Fortsätt: qm-tui --db {db_path} interview 1" in out


def test_english_and_the_set_given(db_path: Path) -> None:
    done = run(db_path, ["Ann Smith", "/done"], "interview", "--set", "qm-en", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "\nName:\n" in done.stdout
    assert "Interview 1: Ann Smith. Status: draft." in done.stdout
    assert "Missing: answer to question 1," in done.stdout
    assert stored(db_path).question_set == "qm-en"


def test_an_unknown_set_is_one_line_and_nothing_is_written(db_path: Path) -> None:
    done = run(db_path, ["Anna"], "interview", "--set", "nope")
    assert done.returncode == 1
    assert done.stderr.startswith("qm-tui: error: unknown question set 'nope'")
    assert "Traceback" not in done.stderr
    assert not db_path.exists() or len(InterviewStore(db_path)) == 0


def test_continuing_says_each_value_and_keeps_it_on_an_empty_line(db_path: Path) -> None:
    InterviewStore(db_path).add(sample())
    lines = ["", "Ordförande", "", "", ""]  # only the title changes
    lines += ["", "Ett nytt andra svar.", "", "", "", "", ""]  # answer 2 replaced, quote kept
    done = run(db_path, lines, "interview", "1")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Fortsätter intervju 1: Nils-Petter Nilsson, Växjö City." in out
    assert "Namn, nu Nils-Petter Nilsson, tom rad behåller:" in out
    assert "Datum, nu 2026-03-14, tom rad behåller:" in out
    assert f"Nuvarande svar: {ANSWERS[0]}" in out
    assert "Tom rad behåller svaret, ny text ersätter det." in out
    assert "Citat, nu Viktigt att säkerställa" in out
    iv = stored(db_path)
    assert iv.title == "Ordförande"
    assert iv.answers[1].answer == "Ett nytt andra svar."
    assert [a.answer for i, a in enumerate(iv.answers) if i != 1] == ANSWERS[:1] + ANSWERS[2:]
    assert iv.name == "Nils-Petter Nilsson" and iv.quote == sample().quote
    history = InterviewStore(db_path).history(1)
    assert {(v.field, v.value) for v in history} >= {
        ("title", "vd/centrumutvecklare"),
        ("answers.2", ANSWERS[1]),
    }


def test_continuing_an_unknown_id_is_one_line(db_path: Path) -> None:
    InterviewStore(db_path).add(sample())
    done = run(db_path, [""], "interview", "7")
    assert (done.returncode, done.stderr) == (1, "qm-tui: error: no interview with id 7\n")


def test_end_of_input_half_way_keeps_the_lines_typed(db_path: Path) -> None:
    lines = [*person(), ANSWERS[0], "", "Halva svaret", "och en rad till"]  # no empty line
    done = run(db_path, lines, "interview")
    assert done.returncode == 0, done.stderr
    iv = stored(db_path)
    assert iv.answers[0].answer == ANSWERS[0]
    assert iv.answers[1].answer == "Halva svaret\noch en rad till"
    assert "Slut på indata; allt skrivet är sparat." in done.stdout
    assert "Saknas: svar på fråga 3, svar på fråga 4, svar på fråga 5, citat." in done.stdout


def test_end_of_input_before_anything_typed_stores_nothing(db_path: Path) -> None:
    done = run(db_path, [], "interview")
    assert done.returncode == 0, done.stderr
    assert "Ingenting sparades." in done.stdout
    assert not db_path.exists() or len(InterviewStore(db_path)) == 0


def test_every_command_in_swedish(db_path: Path) -> None:
    lines = [
        "/tillbaka",  # at the first field: said, nothing changes
        "Anna",
        "/läs",  # the title is empty
        "/tillbaka",  # back to the name
        "/läs",
        "Anna Svensson",
        "/hoppa",  # title stays empty
        "Växjö City",
        "/töm",  # the date cannot be emptied
        "/hjälp",
        "2026-13-01",  # no date: said, asked again
        "2026-11-27",
        "Olle",
        "Första svaret.",
        "/läs",  # reads the stored (empty) answer and the lines typed so far
        "/tillbaka",  # keeps the typed line, goes back to the interviewer
        "/töm",  # the interviewer emptied
        "/hoppa",  # answer 1 kept as it is
        "/hopa",  # unknown: said, nothing changes
        "//hoppa är ett ord",  # text starting with /
        "/usr/bin är en mapp",
        "",
        "Halvt svar",
        "/klar",  # the typed line is kept, then the summary
    ]
    done = run(db_path, lines, "interview")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Det finns inget fält före det här." in out
    assert "Titel är tomt." in out
    assert "Namn: Anna" in out
    assert "Datumet kan inte vara tomt; det är kvar som " in out
    for command in ("/tillbaka", "/hoppa", "/läs", "/töm", "/klar", "/hjälp"):
        assert f"  {command} eller /" in out
    assert "2026-13-01 är inget datum; skriv år-månad-dag med siffror, till exempel " in out
    assert "Svar 1 är tomt.\nHittills i det här svaret:\nFörsta svaret." in out
    assert "Okänt kommando /hopa." in out
    iv = stored(db_path)
    assert (iv.name, iv.title, iv.organisation, iv.date) == (
        "Anna Svensson",
        "",
        "Växjö City",
        "2026-11-27",
    )
    assert iv.interviewer == ""
    assert iv.answers[0].answer == "Första svaret."
    assert iv.answers[1].answer == "/hoppa är ett ord\n/usr/bin är en mapp"
    assert iv.answers[2].answer == "Halvt svar"
    assert "Intervju 1: Anna Svensson, Växjö City. Status: utkast." in out


def test_every_command_in_english(db_path: Path) -> None:
    InterviewStore(db_path).add(sample())
    lines = [
        "/skip", "/clear", "/skip", "/read", "/skip", "/skip",  # the title emptied
        "/read", "/back", "/skip",  # answer 1 read, back to the interviewer, on again
        "/clear",  # answer 1 emptied
        "/help", "/done",
    ]  # fmt: skip
    done = run(db_path, lines, "interview", "1", "--lang", "en")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Date: 2026-03-14" in out
    assert f"Answer 1: {ANSWERS[0]}" in out
    assert "  /done or /klar: finish now" in out
    iv = stored(db_path)
    assert iv.title == "" and iv.answers[0].answer == ""
    assert [a.answer for a in iv.answers[1:]] == ANSWERS[1:]
    assert "Missing: answer to question 1." in out
    assert "Status: draft." in out


def test_the_quote_by_number_by_own_text_or_skipped(db_path: Path) -> None:
    InterviewStore(db_path).add(sample())
    keep = [""] * 10
    done = run(db_path, [*keep, "99", "0", "3"], "interview", "1")
    assert done.returncode == 0, done.stderr
    assert "Det finns ingen mening 99; välj 1 till " in done.stdout
    assert "Det finns ingen mening 0;" in done.stdout
    assert stored(db_path).quote == "Inga större förändringar den här gången, vi har varit " \
        "certifierade länge."  # fmt: skip
    done = run(db_path, [*keep, "  Vårt eget citat, 2030!  "], "interview", "1")
    assert stored(db_path).quote == "Vårt eget citat, 2030!"
    done = run(db_path, [*keep, ""], "interview", "1")
    assert stored(db_path).quote == "Vårt eget citat, 2030!"  # an empty line keeps it
    assert done.returncode == 0


def test_unicode_and_a_50000_character_answer_come_back_as_typed(db_path: Path) -> None:
    long = ("Växjö — ”citat” 𝄞 🎉 ﷺ * [b]fet[/b] <script>x</script> " * 1000)[:50_000]
    lines = ["Åsa Öberg-Ñúñez 李", "", "", "", "", long, "", "\tindragen rad ✓", "", "/klar"]
    done = run(db_path, lines, "interview")
    assert done.returncode == 0, done.stderr
    iv = stored(db_path)
    assert iv.name == "Åsa Öberg-Ñúñez 李"
    assert iv.answers[0].answer == long
    assert len(iv.answers[0].answer) == 50_000
    assert iv.answers[1].answer == "\tindragen rad ✓"
    done = run(db_path, [""] * 5 + ["/läs", "/klar"], "interview", "1")
    assert long in done.stdout  # read back whole


def test_no_escape_byte_is_ever_written(db_path: Path) -> None:
    hostile = "\x1b]0;pwned\x07\x1b[31mröd\u202eevil\u2066 \x9b2J"
    iv = sample(name=hostile, organisation="Org\x1b[2J").with_answer(0, "Svar\x1b[5n" + hostile)
    InterviewStore(db_path).add(iv.with_text("quote", "Citat \x07" + hostile))
    lines = ["/läs", "", "/läs", "", "", "", "", "/läs", ""]  # person, answer 1 read
    lines += ["Typed \x1b[1mbold\x07", "", "", "", "", "/läs", ""]  # answer 2 typed, quote read
    done = subprocess.run(
        [sys.executable, "-m", "qm_tui", "--db", str(db_path), "interview", "1"],
        input="".join(line + "\n" for line in lines).encode("utf-8"),
        capture_output=True,
        env={**os.environ, "QM_TUI_SPELLCHECK": "off"},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for byte in (b"\x1b", b"\x07", b"\xc2\x9b", "\u202e".encode(), "\u2066".encode()):
        assert byte not in out
    text = out.decode("utf-8")
    assert "\\x1b]0;pwned\\x07" in text and "\\u202eevil" in text  # shown, made visible
    assert "Styrtecken i raden togs bort." in text
    # typed control characters are left out of the text; stored ones stay as they were
    assert stored(db_path).answers[1].answer == "Typed [1mbold"
    assert stored(db_path).name == hostile


def _poll(condition: Callable[[], bool], proc: subprocess.Popen[str]) -> None:
    """Wait until `condition()` holds, while the process runs (a test, not a timing)."""
    deadline = time.monotonic() + 120
    while not condition():
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _answers_saved(db: Path, count: int) -> Callable[[], bool]:
    def check() -> bool:
        if not db.exists():
            return False
        try:
            items = InterviewStore(db).list()
        except QMError:  # a read that met the writer's lock: look again
            return False
        return bool(items) and items[0].interview.answered >= count

    return check


def _start(db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "qm_tui", "--db", str(db), "interview"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "QM_TUI_SPELLCHECK": "off"},
    )


def test_kill_9_after_the_second_answer_keeps_the_first_two(db_path: Path) -> None:
    proc = _start(db_path)
    assert proc.stdin is not None
    proc.stdin.write("\n".join([*person(), ANSWERS[0], "", ANSWERS[1], "", "Tredje"]) + "\n")
    proc.stdin.flush()
    _poll(_answers_saved(db_path, 2), proc)
    proc.kill()
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    iv = stored(db_path)
    assert [a.answer for a in iv.answers[:2]] == ANSWERS[:2]
    assert iv.name == "Anna Svensson" and iv.interviewer == "Olle Berg"
    assert iv.answers[2].answer == ""  # the field being typed is the one lost


def test_ctrl_c_saves_the_lines_typed_and_exits(db_path: Path) -> None:
    proc = _start(db_path)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("\n".join([*person(), ANSWERS[0], "", "Påbörjat svar", "/läs"]) + "\n")
    proc.stdin.flush()
    seen = []
    while not seen or seen[-1] != "Påbörjat svar\n":  # read back: the line is typed
        seen.append(proc.stdout.readline())
        assert seen[-1], "".join(seen)
    proc.send_signal(signal.SIGINT)  # while it waits for the next line
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Avbrutet; allt skrivet är sparat." in out
    assert stored(db_path).answers[1].answer == "Påbörjat svar"


@pytest.mark.parametrize("start", [{"ACCESSIBLE": "1"}, {"ACCESSIBLE": ""}])
def test_the_menu_starts_with_accessible_or_plain(db_path: Path, start: dict[str, str]) -> None:
    args = () if start["ACCESSIBLE"] else ("--plain",)
    lines = ["7", "1", "Ny Person", "/klar", "2", "", "2", "9", "1", "", "Titel", "/klar"]
    lines += ["3", "1", "pdf", "txt, md", "4"]
    done = run(db_path, lines, *args, env=start)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("QM-intervjuer i radläge. Skriv en siffra:\n1. Ny intervju\n")
    assert "Skriv 1, 2, 3 eller 4." in out
    assert "1: Ny Person, " + today_iso() + ", 0 av 5 besvarade, utkast" in out
    assert "Det finns ingen intervju 9." in out
    assert "Okänt format pdf" in out
    assert out.rstrip().endswith("Hej då.")
    assert stored(db_path).title == "Titel"
    exported = sorted(p.name for p in (db_path.parent / "export").iterdir())
    assert exported == [f"{today_iso()}-ny-person.md", f"{today_iso()}-ny-person.txt"]
    assert "Skrev " in out


def test_plain_mode_never_loads_textual(db_path: Path) -> None:
    command = [sys.executable, "-X", "importtime", "-m", "qm_tui", "--db", str(db_path)]
    done = subprocess.run(
        [*command, "--plain"],
        input="1\nAnna\n\n\n\n\nSvar.\n\n/klar\n4\n",
        capture_output=True,
        text=True,
        env={**os.environ, "QM_TUI_SPELLCHECK": "off"},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()]
    assert "qm_tui.plain.session" in imported  # the probe sees the command's imports
    assert [m for m in imported if m.split(".")[0] in ("textual", "rich")] == []
    assert stored(db_path).answers[0].answer == "Svar."


def test_misspelt_words_on_one_line_with_the_first_suggestion(db_path: Path) -> None:
    lines = [*person(), "Anna Svensson har en tydlig samvrekan med fastighetsägarna.", "", "/klar"]
    done = run(db_path, lines, "interview", env={"QM_TUI_SPELLCHECK": "on"})
    assert done.returncode == 0, done.stderr
    assert "\nMöjliga stavfel: samvrekan (samverkan)\n" in done.stdout


def test_the_menu_reads_out_the_20_newest_and_takes_any_id(db_path: Path) -> None:
    InterviewStore(db_path).add_many(
        sample(name=f"Person {n}").with_text("date", f"2026-01-{n:02}") for n in range(1, 23)
    )
    done = run(db_path, ["2", "1", "/klar", "4"], "--plain")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "22: Person 22, Växjö City, 2026-01-22, 5 av 5 besvarade, klar" in out
    assert "3: Person 3, " in out and "\n2: Person 2, " not in out
    assert "Och 2 äldre; skriv numret om du vet det" in out
    assert "Fortsätter intervju 1: Person 1, Växjö City." in out
    assert "Intervju 1: Person 1, Växjö City. Status: klar." in out
    assert stored(db_path).status == "complete"  # the status the summary gives is the one stored
    assert stored(db_path, 2).status == "complete"  # untouched (as stored: its text is complete)
