"""The export's fast paths give what the plain rules give: control characters, file names."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qm_tui.cli import main
from qm_tui.core.database.store import InterviewStore
from qm_tui.core.interview import controls
from qm_tui.core.interview.controls import has_controls, interview_has_controls, remove_controls
from qm_tui.core.interview.model import Contact, Interview
from qm_tui.core.publish import filenames
from qm_tui.core.publish.filenames import slugify

from ..conftest import sample


def test_the_character_list_is_the_regex_exactly() -> None:
    every = "".join(map(chr, range(0x110000)))
    assert set(controls._CONTROL.findall(every)) == set(controls._CONTROL_CHARS)
    assert len(set(controls._CONTROL_CHARS)) == len(controls._CONTROL_CHARS)


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(codec="utf-8") | st.characters(max_codepoint=0xA0)))
def test_remove_controls_and_has_controls_are_the_regex(text: str) -> None:
    assert remove_controls(text) == controls._CONTROL.sub("", text)
    assert has_controls(text) == (controls._CONTROL.search(text) is not None)


@settings(max_examples=500, deadline=None)
@given(
    st.text(st.characters(max_codepoint=0x7F))
    | st.text(st.characters(max_codepoint=0x17F) | st.sampled_from("ßæÆøØđĐłŁþÞœŒ"))
)
def test_a_slug_is_the_transliterated_slug(text: str) -> None:
    transliterated = (
        unicodedata.normalize("NFKD", text.translate(filenames._SPECIAL))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    assert slugify(text) == filenames._NOT_SLUG.sub("-", transliterated.lower()).strip("-")


def _by_regex(iv: Interview) -> bool:
    """The check as it was: the regex on each text of the document."""
    return any(has_controls(t) for t in controls._texts(iv.to_dict()))


FIELDS = ["name", "title", "quote", "notes", "private_notes", "date", "created"]
TEXT = st.text(st.characters(codec="utf-8"), max_size=30) | st.sampled_from(
    ["\x00", "\x1b[2J", "a\rb", "\r\n", "\t", "\x85", "\x9f", "\xa0", "\u202e", "\u2028", "åäö\n"]
)


@settings(max_examples=300, deadline=None)
@given(
    field=st.sampled_from([*FIELDS, "answer", "question", "email", "warning"]),
    text=TEXT,
)
def test_interview_has_controls_agrees_with_the_regex(field: str, text: str) -> None:
    iv = sample()
    if field == "answer":
        iv = iv.with_answer(2, text)
    elif field == "question":
        iv = replace(iv, answers=(replace(iv.answers[0], question=text), *iv.answers[1:]))
    elif field == "email":
        iv = replace(iv, contact=replace(iv.contact, email=text))
    elif field == "warning":
        iv = replace(iv, import_warnings=("first", text))
    else:
        iv = replace(iv, **{field: text})
    assert interview_has_controls(iv) == _by_regex(iv) == has_controls(text)


def test_export_all_warns_once_per_interview_with_controls(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = sample()
    cr_only = replace(sample(), quote="rad ett\r\nrad två")  # CR is a line end, not a control
    in_note = replace(sample(), contact=Contact("KONTAKT", note="Ring\x07 oss"))
    private = replace(sample(), private_notes="egen \x1b anteckning")
    ids = InterviewStore(db_path).add_many([clean, cr_only, in_note, private])
    assert main(["--db", str(db_path), "export", "--all", str(tmp_path / "ut")]) == 0
    warned = [ln for ln in capsys.readouterr().err.splitlines() if "control characters" in ln]
    assert warned == [
        f"qm-tui: warning: interview {i} holds control characters; the article leaves them out"
        for i in sorted(ids[2:], reverse=True)
    ]
