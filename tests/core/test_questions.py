"""Question sets: the shipped QM sets and user-supplied TOML files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from qm_tui.core.interview.model import Contact, Facts
from qm_tui.core.interview.questions import (
    QuestionSetError,
    builtin_dir,
    chosen_set_id,
    load_question_sets,
    parse_question_set,
)
from qm_tui.core.settings.config import ConfigError
from qm_tui.core.settings.locations import user_sets_dir

from ..conftest import REFERENCE


def _reference_lines() -> list[str]:
    return [line.strip() for line in REFERENCE.read_text(encoding="utf-8").splitlines()]


def test_swedish_set_is_word_for_word_the_reference() -> None:
    qs = load_question_sets().get("qm-sv")
    assert qs is not None and qs.lang == "sv"
    lines = _reference_lines()
    assert len(qs.questions) == 5
    for n, question in enumerate(qs.questions, 1):
        assert f"{n}. {question}" in lines
    assert qs.facts.heading == "FAKTA OM QM" and qs.facts.text in lines
    contact = qs.contact
    assert contact.heading == "KONTAKT"
    for value in (contact.name, contact.title, contact.email, contact.note):
        assert value in lines
    assert contact.note == "Du hittar mer information på vår hemsida www.svenskastadskarnor.se"


def test_english_set_matches_the_swedish_one() -> None:
    sets = load_question_sets()
    sv, en = sets.get("qm-sv"), sets.get("qm-en")
    assert sv is not None and en is not None
    assert en.lang == "en" and len(en.questions) == len(sv.questions)
    assert en.contact.email == sv.contact.email and "TOCEMA" in en.facts.text
    assert sets.default("en") is en and sets.default("sv") is sv and sets.default("fi") is sv


def test_new_interview_copies_the_set_defaults() -> None:
    qs = load_question_sets().default()
    iv = qs.new_interview(name="Åsa Öst")
    assert iv.question_set == "qm-sv" and iv.name == "Åsa Öst"
    assert [a.question for a in iv.answers] == list(qs.questions)
    assert iv.facts == qs.facts and iv.contact == qs.contact


def test_a_dropped_in_file_adds_a_set_and_a_broken_one_is_named(tmp_path: Path) -> None:
    folder = user_sets_dir()
    folder.mkdir(parents=True)
    (folder / "extra.toml").write_text(
        'id = "extra"\ntitle = "Extra"\nquestions = ["Vad?", "Varför?"]\n', encoding="utf-8"
    )
    (folder / "broken.toml").write_text('id = "x"\nquestions = [\n', encoding="utf-8")
    (folder / "empty.toml").write_text('id = "y"\nquestions = []\n', encoding="utf-8")
    sets = load_question_sets()
    extra = sets.get("extra")
    assert extra is not None and extra.questions == ("Vad?", "Varför?")
    assert "qm-sv" in sets.sets and "qm-en" in sets.sets
    assert len(sets.errors) == 2
    assert any("broken.toml" in e and "not valid TOML" in e for e in sets.errors)
    assert any("empty.toml" in e and "non-empty list" in e for e in sets.errors)


def test_user_dir_follows_the_environment(tmp_path: Path) -> None:
    assert user_sets_dir() == tmp_path / "config" / "questions"


def test_builtin_sets_are_found() -> None:
    assert (builtin_dir() / "qm-sv.toml").is_file()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('questions = ["a"]', "missing or empty 'id'"),
        ('id = "a"', "non-empty list"),
        ('id = "a"\nquestions = ["", "b"]', "non-empty list"),
        ('id = "a"\nquestions = ["b"]\nfacts = "x"', r"\[facts\] must be a table"),
        ('id = "a"\nquestions = ["b"]\n[contact]\nname = 3', "'name' must be a string"),
        ('id = "a"\nquestions = ["b"]\nlang = 1', "'lang' must be a string"),
    ],
)
def test_malformed_sets_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(QuestionSetError, match=message):
        parse_question_set(text)


def test_the_new_interview_set_is_chosen_apart_from_the_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sets = load_question_sets()
    monkeypatch.delenv("QM_TUI_SET", raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")  # the locale never decides the questions
    assert chosen_set_id() == ("qm-sv", "default")
    assert sets.for_new_interviews().id == "qm-sv"
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('question_set = "qm-en"\n', encoding="utf-8")
    assert chosen_set_id() == ("qm-en", str(config))
    monkeypatch.setenv("QM_TUI_SET", "qm-sv")
    assert chosen_set_id() == ("qm-sv", "$QM_TUI_SET")
    assert chosen_set_id("qm-en") == ("qm-en", "--set")
    assert sets.for_new_interviews("qm-en").new_interview().question_set == "qm-en"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("question_set = 5\n", "'question_set' must be a text"),
        ("colour = 'red'\n", "unknown setting 'colour'"),
        ("question_set = \n", "not valid TOML"),
    ],
)
def test_a_bad_config_file_is_named(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as err:
        chosen_set_id()
    assert str(config) in str(err.value)


def test_an_unknown_set_names_its_source_and_the_known_sets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sets = load_question_sets()
    monkeypatch.setenv("QM_TUI_SET", "qm-fi")
    with pytest.raises(
        QuestionSetError, match=r"'qm-fi' \(from \$QM_TUI_SET\); known: qm-sv, qm-en"
    ):
        sets.for_new_interviews()


def test_switching_sets_while_nothing_is_answered() -> None:
    sets = load_question_sets()
    sv, en = sets.get("qm-sv"), sets.get("qm-en")
    assert sv is not None and en is not None
    iv = sv.new_interview(name="Åsa")
    moved = sets.switch(iv, "qm-en")
    assert moved.question_set == "qm-en" and moved.name == "Åsa"
    assert [a.question for a in moved.answers] == list(en.questions)
    assert (moved.facts, moved.contact) == (en.facts, en.contact)
    # edited boxes stay as edited
    edited = replace(iv, contact=replace(iv.contact, name="Eva"))
    assert sets.switch(edited, "qm-en").contact.name == "Eva"
    with pytest.raises(QuestionSetError, match="once an answer is typed"):
        sets.switch(iv.with_answer(0, "svar"), "qm-en")
    with pytest.raises(QuestionSetError, match="unknown question set 'nej'"):
        sets.switch(iv, "nej")


def test_boxes_reset_to_the_set_text() -> None:
    sv = load_question_sets().get("qm-sv")
    assert sv is not None
    iv = sv.new_interview()
    changed = replace(iv, facts=Facts("X", "Y"), contact=Contact(name="Eva"))
    assert sv.with_boxes_reset(changed) == iv
