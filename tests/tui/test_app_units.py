"""The UI's plain helpers: languages, quote candidates, export folder, dates and word counts."""

from __future__ import annotations

import string
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qm_tui.cli import main
from qm_tui.core.database.store import InterviewStore
from qm_tui.core.interview.questions import load_question_sets
from qm_tui.core.interview.quote import quote_candidates, split_sentences
from qm_tui.core.interview.rules import is_iso_date as valid_date
from qm_tui.core.publish.export import export_article
from qm_tui.core.settings.locations import export_dir
from qm_tui.tui.autosave import clock
from qm_tui.tui.i18n import EN, SV, Texts, detect_lang
from qm_tui.tui.steps.answer import word_count


def test_every_swedish_string_has_an_english_one_with_the_same_fields() -> None:
    assert set(SV) == set(EN)
    for key, text in SV.items():
        fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
        english = {f for _, f, _, _ in string.Formatter().parse(EN[key]) if f}
        assert fields == english, key


@pytest.mark.parametrize(
    ("explicit", "env", "expected"),
    [
        (None, {}, "sv"),
        (None, {"LANG": "sv_SE.UTF-8"}, "sv"),
        (None, {"LANG": "en_GB.UTF-8"}, "en"),
        (None, {"LANG": "sv_SE.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        (None, {"LANG": "en_US.UTF-8", "LC_ALL": "sv_SE.UTF-8"}, "sv"),
        (None, {"LANG": "C.UTF-8"}, "sv"),
        ("en", {"LANG": "sv_SE.UTF-8"}, "en"),
        ("sv", {"LC_ALL": "en_US.UTF-8"}, "sv"),
    ],
)
def test_language_from_flag_then_locale(
    explicit: str | None, env: dict[str, str], expected: str
) -> None:
    assert detect_lang(explicit, env) == expected


def test_texts_format_and_fall_back_to_the_key() -> None:
    t = Texts("sv")
    assert t("progress.question", n=2, total=5) == "Fråga 2 av 5"
    assert Texts("en")("progress.question", n=2, total=5) == "Question 2 of 5"
    assert t("no.such.key") == "no.such.key"


def test_sentences_split_after_end_marks_followed_by_space() -> None:
    text = "Det är bra. Vi är stolta!\nÄr det så? Ja… absolut. Version 2.0 kom."
    assert split_sentences(text) == [
        "Det är bra.",
        "Vi är stolta!",
        "Är det så?",
        "Ja…",
        "absolut.",
        "Version 2.0 kom.",
    ]


def test_quote_candidates_are_quotable_and_unique() -> None:
    answers = [
        "Kort. Det skapar en gemenskap och en stolthet. " + "x" * 400 + ".",
        "Det skapar en gemenskap och en stolthet. Ett gemensamt mål att arbeta mot!",
    ]
    assert quote_candidates(answers) == [
        "Det skapar en gemenskap och en stolthet.",
        "Ett gemensamt mål att arbeta mot!",
    ]


@given(st.lists(st.text(), max_size=6))
def test_quote_candidates_never_fail_and_come_from_the_answers(answers: list[str]) -> None:
    joined = " ".join(" ".join(a.split()) for a in answers)
    for sentence in quote_candidates(answers):
        assert 20 <= len(sentence) <= 300
        assert sentence in joined


def test_dates_words_and_clock() -> None:
    assert valid_date("2026-03-14")
    assert not valid_date("2026-3-14")
    assert not valid_date("2026-02-30")
    assert not valid_date("")
    assert word_count("  Växjö  City\n🎉 ") == 3
    assert clock("2026-03-14T14:03:12+01:00") == "14:03:12"


def test_export_dir_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("QM_TUI_EXPORT_DIR", str(tmp_path / "ut"))
    assert export_dir() == tmp_path / "ut"
    monkeypatch.delenv("QM_TUI_EXPORT_DIR")
    assert export_dir().name == "qm-tui"


def test_export_article_writes_both_formats_and_replaces_its_own_files(
    db_path: Path, tmp_path: Path
) -> None:
    store = InterviewStore(db_path)
    iv = load_question_sets().default("sv").new_interview(name="Åsa Öberg", date="2026-03-14")
    iid = store.add(iv)
    out = tmp_path / "out"
    first = export_article(store, iid, iv, ("md", "html"), out)
    again = export_article(store, iid, iv, ("md", "html"), out)
    assert first == again
    assert sorted(p.suffix for p in out.iterdir()) == [".html", ".md"]
    assert "Åsa Öberg" in first[0].read_text(encoding="utf-8")


def test_namesakes_never_overwrite_each_others_export(db_path: Path, tmp_path: Path) -> None:
    store = InterviewStore(db_path)
    qs = load_question_sets().default("sv")
    older = qs.new_interview(name="Åsa Öberg", date="2026-03-14").with_answer(0, "äldre")
    newer = qs.new_interview(name="Åsa Öberg", date="2026-03-14").with_answer(0, "nyare")
    a, b = store.add(older), store.add(newer)
    out = tmp_path / "out"
    (path_b,) = export_article(store, b, newer, ("md",), out)
    (path_a,) = export_article(store, a, older, ("md",), out)
    assert path_a != path_b
    assert "nyare" in path_b.read_text(encoding="utf-8")
    assert "äldre" in path_a.read_text(encoding="utf-8")
    # the same names as `qm-tui export --all` gives
    assert main(["--db", str(db_path), "export", "--all", str(tmp_path / "all")]) == 0
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == sorted(
        [path_a.name, path_b.name]
    )


def test_the_cli_does_not_import_textual() -> None:
    code = "import sys, qm_tui.cli; print(any(m.startswith('textual') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_app_module_starts_lean() -> None:
    code = (
        "import sys, qm_tui.tui.app; "
        "print(sorted(m for m in ('tinydb', 'markdown_it', 'textual.widgets._markdown', "
        "'qm_tui.core.database.store', 'qm_tui.tui.screens.editor') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_field_has_one_name_per_language_for_the_app_and_the_cli() -> None:
    sv, en = Texts("sv"), Texts("en")
    assert [sv.field_label(f) for f in ("answers.2", "quote", "facts.text", "odd")] == [
        "svar 2",
        "Citat",
        "Faktarutans text",
        "odd",
    ]
    assert [en.field_label(f) for f in ("answers.2", "quote", "contact.email")] == [
        "answer 2",
        "Pull quote",
        "E-mail",
    ]


def test_a_failed_sync_is_worded_in_the_interface_language(tmp_path: Path) -> None:
    """The reason git gave is the core's (English, for the CLI); the app says it in Swedish."""
    from qm_tui.core.sync.git import SyncError, sync

    db = tmp_path / "qm.json"
    InterviewStore(db).add(load_question_sets().default().new_interview(name="Åsa"))
    with pytest.raises(SyncError) as caught:
        sync(db)  # not in a git work tree
    assert "not a git repository" in str(caught.value)
    said = Texts("sv").error(caught.value)
    assert said.startswith(f"{tmp_path} är inget git-repository")
    assert Texts("en").error(caught.value).startswith(f"{tmp_path} is not a git repository")
