"""Search folding: case and accents ignored, notes included."""

from __future__ import annotations

import pytest

from qm_tui.core.interview.questions import QuestionSets
from qm_tui.core.interview.search import fold, matches, search_terms, search_text


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("vaxjo", "Växjö"),
        ("ostberg", "Östberg"),
        ("VAXJO", "växjö"),
        ("Växjö", "VAXJO"),
        ("umea", "Umeå"),
        ("cafe", "Café"),
        ("malmo", "MALMÖ"),
        ("aero", "Ærø"),
        ("lodz", "Łódź"),
        ("strasse", "Straße"),
        ("file", "ﬁle"),  # a ligature
        ("zurich", "Zu\u0308rich"),  # decomposed: a base letter and a combining mark
    ],
)
def test_fold_ignores_case_and_accents(typed: str, stored: str) -> None:
    assert fold(typed) == fold(stored)


def test_fold_keeps_other_scripts_and_punctuation() -> None:
    assert fold("Москва – “city”") == "москва – “city”"
    assert fold("plain ascii 123") == "plain ascii 123"


def test_search_text_covers_answers_and_both_kinds_of_notes(sets: QuestionSets) -> None:
    iv = sets.default().new_interview(name="Anna Östberg", organisation="Växjö City")
    doc = iv.with_answer(3, "Vi samarbetar med Fastighetsägarna.").to_dict()
    doc |= {"private_notes": "Ring Göran om bilden", "notes": "Foto: Per Persson"}
    haystack = search_text(doc)
    for query, found in [
        ("vaxjo ostberg", True),
        ("fastighetsagarna", True),
        ("goran bilden", True),
        ("per persson", True),
        ("ostberg lund", False),
    ]:
        assert matches(haystack, search_terms(query)) is found, query
    assert matches(haystack, search_terms("   "))  # no terms: everything matches


def test_list_summaries_search_without_case_or_accents_and_in_notes(sets: QuestionSets) -> None:
    from qm_tui.core.interview.summary import Summary

    iv = sets.default().new_interview(name="Anna Östberg", organisation="Växjö City")
    doc = {**iv.to_dict(), "id": 1, "private_notes": "Ring Göran"}
    row = Summary.from_document(doc)
    assert row.matches("vaxjo") and row.matches("OSTBERG") and row.matches("goran")
    assert row.matches("  ") and not row.matches("vaxjo lund")
