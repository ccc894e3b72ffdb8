"""The spell checker: dictionaries, known words, what is never flagged, suggestions, word list."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qm_tui.cli import main
from qm_tui.core import spelling
from qm_tui.core.database.store import InterviewStore
from qm_tui.core.errors import QMError
from qm_tui.core.intake.importing import read_import_file
from qm_tui.core.interview.model import Interview
from qm_tui.core.interview.questions import QuestionSetError, QuestionSets, parse_question_set
from qm_tui.core.settings.locations import user_words_file
from qm_tui.core.spelling import (
    SpellChecker,
    SpellingUnavailable,
    add_user_word,
    check_interview,
    checker_for,
    dictionary_base,
    load_dictionary,
    read_user_words,
)

from ..conftest import REFERENCE


@pytest.fixture(scope="module")
def swedish() -> SpellChecker:
    """A checker on the real Swedish dictionary (loaded once for the module)."""
    return SpellChecker(load_dictionary("sv"))


def _reference(sets: QuestionSets) -> Interview:
    found, _ = read_import_file(REFERENCE, sets)
    return found[0]


def _words(checker: SpellChecker, text: str) -> list[str]:
    return [m.word for m in checker.check(text)]


def test_swedish_comes_from_hunspell_sv_and_english_from_spylls() -> None:
    assert dictionary_base("sv").parent.name == "hunspell"  # share/hunspell of hunspell-sv
    assert "spylls" in str(dictionary_base("en"))


def test_the_reference_article_has_no_misspelt_word(sets: QuestionSets) -> None:
    iv = _reference(sets)
    checker = checker_for(iv, sets.get(iv.question_set))
    assert check_interview(iv, checker) == []


def test_misspellings_have_field_line_and_columns(sets: QuestionSets) -> None:
    iv = _reference(sets).with_answer(1, "Vi har god samverkan.\nMen samvrekan kan bli bättre.")
    checker = checker_for(iv, sets.get(iv.question_set))
    [miss] = check_interview(iv, checker)
    assert (miss.word, miss.field, miss.line, miss.start, miss.end) == (
        "samvrekan",
        "answers.2",
        1,
        4,
        13,
    )


def test_compounds_are_accepted_as_hunspell_accepts_them(swedish: SpellChecker) -> None:
    text = "Citysamverkan och samverkansorganisationen kvalitetssäkrar stadskärnan."
    assert _words(swedish, text) == []
    assert _words(swedish, "Citysamvrekan") == ["Citysamvrekan"]


def test_addresses_numbers_and_quoted_foreign_words_are_never_flagged(
    swedish: SpellChecker,
) -> None:
    text = (
        "Mejla pia.sandin@svenskastadskarnor.se eller läs www.svenskastadskarnor.se/om-qm, "
        "https://exempel.nu/xyzzy och stadskarnor.se. År 2022 var 3:e året, "
        'vi talar om ”place branding” och “footfall” samt "city management".'
    )
    assert _words(swedish, text) == []
    assert _words(swedish, "place branding") == ["place", "branding"]


def test_hyphenated_words_flag_only_the_wrong_part(swedish: SpellChecker) -> None:
    swedish.add_known(["QM"])
    [miss] = swedish.check("QM-certifikatt")
    assert (miss.word, miss.start, miss.end) == ("certifikatt", 3, 14)
    assert _words(swedish, "QM-certifierade och e-handel, bl.a. i city") == []


def test_known_words_come_from_the_interview_and_its_question_set(sets: QuestionSets) -> None:
    qs = sets.get("qm-sv")
    assert qs is not None
    iv = qs.new_interview(name="Xyla Quorné", title="vd", organisation="Zqlstad Cityförening")
    iv = iv.with_answer(0, "Xyla Quorné på Zqlstad såg att TOCEMA, Quality Mark och Zqlstads QM.")
    assert check_interview(iv, checker_for(iv, qs)) == []
    stranger = qs.new_interview(name="Anna").with_answer(0, "Xyla Quorné")
    assert [m.word for m in check_interview(stranger, checker_for(stranger, qs))] == [
        "Xyla",
        "Quorné",
    ]


def test_a_sets_words_list_is_parsed_and_known(sets: QuestionSets) -> None:
    text = 'id = "x"\nlang = "sv"\nquestions = ["Hur går det?"]\nwords = ["Gnarp", " BID "]\n'
    qs = parse_question_set(text)
    assert qs.words == ("Gnarp", "BID")
    iv = qs.new_interview().with_answer(0, "Gnarp har ett BID.")
    assert check_interview(iv, checker_for(iv, qs)) == []
    for bad in ('words = "Gnarp"', "words = [1, 2]"):
        with pytest.raises(QuestionSetError, match="'words'"):
            parse_question_set('id = "x"\nquestions = ["Q?"]\n' + bad)
    assert parse_question_set('id = "x"\nquestions = ["Q?"]\n').words == ()


def test_the_user_word_list_is_read_and_appended_to(sets: QuestionSets) -> None:
    path = user_words_file()
    assert read_user_words() == set()
    path.parent.mkdir(parents=True)
    path.write_text("# mina ord\nGnarpsvägen\n\nFjöhult", encoding="utf-8")  # no final newline
    add_user_word("Qvarnbo")
    add_user_word("Qvarnbo")  # twice is once
    assert path.read_text(encoding="utf-8") == "# mina ord\nGnarpsvägen\n\nFjöhult\nQvarnbo\n"
    assert read_user_words() == {"Gnarpsvägen", "Fjöhult", "Qvarnbo"}
    iv = sets.default().new_interview().with_answer(0, "Fjöhult och Qvarnbo.")
    assert check_interview(iv, checker_for(iv, sets.default())) == []
    for bad in ("", "två ord", "a\x1bb"):
        with pytest.raises(QMError, match="not a word"):
            add_user_word(bad)


def test_an_unreadable_word_list_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(QMError, match="cannot read the word list"):
        read_user_words(path)


def test_suggestions_put_the_likely_word_first(swedish: SpellChecker) -> None:
    """The order, not the time budget (a busy machine cuts a 0.4 s search short)."""
    assert swedish.suggest("samvrekan", budget=60)[0] == "samverkan"
    assert swedish.suggest("certifering", budget=60)[0] == "certifiering"
    assert "stadskärna" in swedish.suggest("stadskärrna", budget=60)
    assert len(swedish.suggest("stadskärrna", limit=2, budget=60)) <= 2


def test_suggestions_are_cut_off_at_the_budget_but_keep_the_quick_pass(
    swedish: SpellChecker, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No time at all for spylls' search: the deletions and swaps still find the compound
    # (given all the time they need here: a busy machine overran their 0.3 s).
    monkeypatch.setattr(spelling, "QUICK_PASS_BUDGET", 60)
    assert swedish.suggest("organisationsmässigtt", budget=0) == ["organisationsmässigt"]
    swedish.add_known(["TOCEMA"])
    assert "TOCEMA" in swedish.suggest("TOCEM", budget=0)


def _tiny_dictionary(folder: Path, words: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sv_SE.aff").write_text("SET UTF-8\nTRY abcdefghijklmnopqrstuvwxyzåäö\n")
    (folder / "sv_SE.dic").write_text(f"{len(words)}\n" + "".join(f"{w}\n" for w in words))
    return folder


def test_a_missing_dictionary_is_one_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QM_TUI_DICTIONARY_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(SpellingUnavailable, match=r"^Swedish spelling dictionary not found \("):
        load_dictionary("sv")
    with pytest.raises(SpellingUnavailable, match="no spelling dictionary for language 'fi'"):
        load_dictionary("fi")


@pytest.mark.parametrize(
    ("aff", "dic"),
    [
        (b"SET UTF-8\nSFX A Y x\n", b"1\noch/A\n"),
        (b"SET UTF-8\nSFX A Y 1\nSFX A\n", b"1\noch/A\n"),
        (b"SET NO-SUCH-CODEC\n", b"1\noch\n"),
        (b"SET UTF-8\n", b"\xff\xfe\x00\x01"),
        (b"SET UTF-8\n", b""),
    ],
)
def test_a_broken_dictionary_is_one_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, aff: bytes, dic: bytes
) -> None:
    folder = _tiny_dictionary(tmp_path / "dict", [])
    (folder / "sv_SE.aff").write_bytes(aff)
    (folder / "sv_SE.dic").write_bytes(dic)
    monkeypatch.setenv("QM_TUI_DICTIONARY_DIR", str(folder))
    with pytest.raises(SpellingUnavailable, match="cannot be read") as caught:
        load_dictionary("sv")
    assert "\n" not in str(caught.value)


def test_a_changed_dictionary_is_loaded_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _tiny_dictionary(tmp_path / "dict", ["och", "hej"])
    monkeypatch.setenv("QM_TUI_DICTIONARY_DIR", str(folder))
    first = load_dictionary("sv")
    assert load_dictionary("sv") is first
    _tiny_dictionary(folder, ["och", "hej", "hallå"])
    os.utime(folder / "sv_SE.dic", ns=(1, 1))  # a different stamp even on a coarse clock
    second = load_dictionary("sv")
    assert second is not first
    assert SpellChecker(second).check("hej hallå") == []


# -- the `check` command ---------------------------------------------------------------------


def _store_with_typos(db: Path, sets: QuestionSets) -> None:
    iv = _reference(sets).with_answer(1, "Vi har god samverkan.\nMen samvrekan kan bli bättre.")
    store = InterviewStore(db)
    store.add(iv)
    store.add(_reference(sets))


def test_check_prints_word_place_and_suggestions(
    db_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]
) -> None:
    _store_with_typos(db_path, sets)
    assert main(["--db", str(db_path), "check", "1"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("samvrekan (answer 2, line 2): samverkan")
    assert out.count("\n") == 1
    assert err == "1 misspelt word(s) in 1 interview(s)\n"
    assert main(["--db", str(db_path), "check", "2"]) == 0
    assert capsys.readouterr().out == ""


def test_check_json_and_all(
    db_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]
) -> None:
    _store_with_typos(db_path, sets)
    assert main(["--db", str(db_path), "check", "--all", "--json"]) == 0
    [found] = json.loads(capsys.readouterr().out)
    assert found["suggestions"][0] == "samverkan"
    assert len(found["suggestions"]) <= 5
    del found["suggestions"]
    assert found == {"id": 1, "word": "samvrekan", "field": "answers.2", "line": 2, "column": 5}
    assert main(["--db", str(db_path), "check", "--all"]) == 0
    assert capsys.readouterr().out.startswith("samvrekan (interview 1, answer 2, line 2): ")


@pytest.mark.slow
def test_check_without_a_dictionary_fails_with_one_line(
    db_path: Path, sets: QuestionSets, tmp_path: Path
) -> None:
    _store_with_typos(db_path, sets)
    env = {**os.environ, "QM_TUI_DICTIONARY_DIR": str(tmp_path / "nowhere")}
    done = subprocess.run(
        [sys.executable, "-m", "qm_tui", "--db", str(db_path), "check", "1"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("qm-tui: error: Swedish spelling dictionary not found")
    assert done.stderr.count("\n") == 1


@pytest.mark.slow
def test_check_never_imports_textual(db_path: Path, sets: QuestionSets, tmp_path: Path) -> None:
    _store_with_typos(db_path, sets)
    folder = _tiny_dictionary(tmp_path / "dict", ["och", "samverkan"])
    code = (
        "import sys; from qm_tui.cli import main; "
        f"code = main(['--db', {str(db_path)!r}, 'check', '1']); "
        "print(code, 'textual' in sys.modules, 'rich' in sys.modules)"
    )
    env = {**os.environ, "QM_TUI_DICTIONARY_DIR": str(folder)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.splitlines()[-1] == "0 False False"
    assert done.stdout.startswith("säkerställa (Pull quote, line 1): (no suggestions)\n")


def test_the_trades_own_words_are_known(sets: QuestionSets, tmp_path: Path) -> None:
    """Issue 23: centrumvärd, etablerare, BID … were flagged in every interview."""
    from qm_tui.core.spelling import domain_words

    iv = sets.default("sv").new_interview(name="Åsa")
    words = "centrumvärd centrumvärdarna etablerare etablerarna stadskärna handelsområde"
    words += " citysamverkan platsutveckling BID QM TOCEMA stadskärneutveckling"
    text = f"Vår {words}."
    assert {"centrumvärd", "etablerare", "BID"} <= domain_words()
    bare = SpellChecker(load_dictionary("sv"))
    assert {m.word for m in bare.check(text)} >= {"centrumvärd", "etablerare", "BID"}
    assert checker_for(iv, sets.default("sv")).check(text) == []
    assert "centrumvärd" not in read_user_words()  # shipped, not written to the user's list
