"""The interview document: conversion and validation."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from qm_tui.core.interview.model import SCHEMA_VERSION, DocumentError, Interview
from qm_tui.core.interview.questions import QuestionSets


def _doc(sets: QuestionSets) -> dict[str, Any]:
    iv = sets.default().new_interview(
        name="Nils-Petter Nilsson", title="vd/centrumutvecklare", organisation="Växjö City"
    )
    return iv.with_answer(0, "Det skapar en gemenskap").to_dict()


def test_document_has_the_documented_fields(sets: QuestionSets) -> None:
    doc = _doc(sets)
    assert list(doc) == [
        "schema", "uid", "question_set", "name", "title", "organisation", "date",
        "interviewer", "quote", "answers", "facts", "contact", "status", "created", "updated",
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


@pytest.mark.parametrize("status", ["draft", "complete", "approved", "published"])
def test_every_workflow_status_round_trips(sets: QuestionSets, status: str) -> None:
    doc = {**_doc(sets), "status": status}
    assert Interview.from_dict(doc).to_dict() == doc
    assert Interview.from_dict(doc).with_workflow_status("published").status == "published"


def test_a_document_from_before_the_new_fields_keeps_working(sets: QuestionSets) -> None:
    doc = _doc(sets)  # no private_notes, no import_warnings
    iv = Interview.from_dict(doc)
    assert iv.private_notes == "" and iv.import_warnings == ()
    assert iv.to_dict() == doc  # and saving it writes no new keys


def test_private_notes_and_import_warnings_round_trip(sets: QuestionSets) -> None:
    doc = {**_doc(sets), "private_notes": "Ring igen på fredag", "import_warnings": ["a", "b"]}
    iv = Interview.from_dict(doc)
    assert iv.private_notes == "Ring igen på fredag" and iv.import_warnings == ("a", "b")
    assert iv.to_dict() == doc


@pytest.mark.parametrize("bad", ["text", [1], {"a": "b"}])
def test_import_warnings_must_be_a_list_of_texts(sets: QuestionSets, bad: Any) -> None:
    with pytest.raises(DocumentError, match="'import_warnings' must be a list of texts"):
        Interview.from_dict({**_doc(sets), "import_warnings": bad})


def test_with_status_refuses_an_unknown_status(sets: QuestionSets) -> None:
    with pytest.raises(DocumentError, match="'status' must be one of"):
        sets.default().new_interview().with_workflow_status("klar")


def test_settled_status_follows_completeness_until_approved(sets: QuestionSets) -> None:
    iv = sets.default().new_interview(name="Åsa")
    assert iv.settled_status() == "draft"
    for i in range(len(iv.answers)):
        iv = iv.with_answer(i, "svar")
    full = replace(iv, quote="Citat")
    assert full.settled_status() == "complete"
    assert replace(full, status="complete").with_answer(0, "").settled_status() == "draft"
    for kept in ("approved", "published"):
        assert full.with_workflow_status(kept).with_answer(0, "").settled_status() == kept


def test_questions_can_be_added_and_removed(sets: QuestionSets) -> None:
    iv = sets.default().new_interview().with_answer(1, "Två")
    added = iv.with_question("  Vad  händer\nnu? ", 1)
    assert [a.question for a in added.answers][1] == "Vad händer nu?"
    assert added.answers[2].answer == "Två" and len(added.answers) == 6
    assert added.with_question("Sist?").answers[-1].question == "Sist?"
    removed = added.without_question(2)
    assert [a.answer for a in removed.answers] == ["", "", "", "", ""]
    with pytest.raises(DocumentError, match="must not be empty"):
        iv.with_question(" \n ")
    with pytest.raises(DocumentError, match="no question 9"):
        iv.without_question(8)
    one = replace(iv, answers=iv.answers[:1])
    with pytest.raises(DocumentError, match="at least one question"):
        one.without_question(0)


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


def test_one_status_rule_for_choosing_and_cycling(sets: QuestionSets) -> None:
    """Issue 23: the list, the CLI and the editor set a status through the same rule."""
    half = sets.default().new_interview(name="Åsa").with_answer(0, "Ett")
    assert half.with_chosen_status("complete").status == "draft"
    assert half.with_chosen_status("approved").status == "approved"
    assert half.next_status() == "approved"  # complete is skipped while something is missing
    assert half.with_chosen_status("published").next_status() == "draft"
    full = half
    for i in range(len(full.answers)):
        full = full.with_answer(i, "Svar")
    full = replace(full, quote="Citat")
    assert full.with_chosen_status("draft").status == "complete"
    assert full.next_status() == "approved"
    assert full.with_chosen_status("published").next_status() == "complete"
