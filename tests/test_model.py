"""The interview document: conversion and validation."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from qm_tui.core.model import SCHEMA_VERSION, DocumentError, Interview
from qm_tui.core.questions import QuestionSets


def _doc(sets: QuestionSets) -> dict[str, Any]:
    iv = sets.default().new_interview(
        name="Nils-Petter Nilsson", title="vd/centrumutvecklare", organisation="Växjö City"
    )
    return iv.with_answer(0, "Det skapar en gemenskap").to_dict()


def test_document_has_the_documented_fields(sets: QuestionSets) -> None:
    doc = _doc(sets)
    assert list(doc) == [
        "schema", "question_set", "name", "title", "organisation", "date", "interviewer",
        "quote", "answers", "facts", "contact", "status", "created", "updated",
    ]  # fmt: skip
    assert doc["schema"] == SCHEMA_VERSION
    assert doc["answers"][0] == {
        "question": sets.default().questions[0],
        "answer": "Det skapar en gemenskap",
    }
    assert set(doc["contact"]) == {"heading", "name", "title", "email", "note"}
    assert doc["facts"]["heading"] == "FAKTA OM QM"


def test_round_trip_keeps_every_field(sets: QuestionSets) -> None:
    doc = _doc(sets)
    doc["notes"] = "okänd text"
    assert Interview.from_dict(doc).to_dict() == doc


def test_missing_optional_fields_take_defaults() -> None:
    iv = Interview.from_dict({"question_set": "qm-sv", "name": "Åsa"})
    assert iv.name == "Åsa" and iv.answers == () and iv.status == "draft"
    assert iv.updated == iv.created


def test_id_is_accepted_and_ignored(sets: QuestionSets) -> None:
    doc = {**_doc(sets), "id": 7}
    assert "id" not in Interview.from_dict(doc).to_dict()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"schema": 2}, "unsupported schema"),
        ({"name": 5}, "'name' must be text"),
        ({"date": "27/11/2026"}, "YYYY-MM-DD"),
        ({"date": "2026-2-3"}, "YYYY-MM-DD"),
        ({"status": "done"}, "'status' must be one of"),
        ({"answers": "x"}, "'answers' must be a list"),
        ({"answers": [{"answer": "x"}]}, "missing field 'question'"),
        ({"answers": [{"question": "q", "answer": None}]}, "'answer' must be text"),
        ({"answers": [{"question": "q", "extra": 1}]}, "unknown field 'extra'"),
        ({"facts": []}, "'facts' must be an object"),
        ({"contact": {"phone": "1"}}, "unknown field 'phone'"),
        ({"colour": "red"}, "unknown field 'colour'"),
        ({"question_set": ""}, "must not be empty"),
    ],
)
def test_invalid_documents_are_rejected(
    sets: QuestionSets, change: dict[str, Any], message: str
) -> None:
    with pytest.raises(DocumentError, match=message):
        Interview.from_dict({**_doc(sets), **change})


@pytest.mark.parametrize("doc", [None, [], "text", 3])
def test_non_objects_are_rejected(doc: Any) -> None:
    with pytest.raises(DocumentError, match="must be a JSON object"):
        Interview.from_dict(doc)


def test_missing_question_set_is_rejected() -> None:
    with pytest.raises(DocumentError, match="missing field 'question_set'"):
        Interview.from_dict({"name": "x"})


def test_completeness(sets: QuestionSets) -> None:
    iv = sets.default().new_interview(name="Åsa")
    assert not iv.is_complete() and iv.answered == 0
    for i in range(len(iv.answers)):
        iv = iv.with_answer(i, "svar")
    assert iv.answered == 5 and not iv.is_complete()
    assert replace(iv, quote="Citat").is_complete()
    assert not iv.with_answer(2, "   ").is_complete()


def test_gaps_name_what_the_article_lacks_in_article_order(sets: QuestionSets) -> None:
    blank = sets.default().new_interview()
    assert blank.gaps() == ("name", *(f"answers.{n}" for n in range(1, 6)), "quote")
    iv = blank.with_text("name", "Åsa").with_text("answers.2", "Svar").with_text("quote", "Citat")
    assert iv.gaps() == ("answers.1", "answers.3", "answers.4", "answers.5")
    assert iv.with_text("answers.1", "  \n").gaps()[0] == "answers.1"  # blank is not answered
    assert iv.with_status().status == "draft"
    for n in (1, 3, 4, 5):
        iv = iv.with_text(f"answers.{n}", "Svar")
    assert iv.gaps() == () and iv.is_complete() and iv.with_status().status == "complete"


def test_text_paths_read_and_replace_every_editable_text(sets: QuestionSets) -> None:
    iv = sets.default().new_interview(name="Åsa")
    assert iv.text_of("name") == "Åsa" and iv.text_of("facts.heading") == "FAKTA OM QM"
    changed = iv.with_text("contact.email", "a@b.se").with_text("notes", "n")
    assert changed.contact.email == "a@b.se" and changed.notes == "n"
    assert changed.with_text("answers.5", "fem").answers[4].answer == "fem"
    for bad in ("status", "answers", "schema", "contact.phone", "created"):
        with pytest.raises((KeyError, AttributeError)):
            iv.with_text(bad, "x")
