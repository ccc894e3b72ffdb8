"""One interview as a list shows it (the CLI's `list`, the app's list and its palette alike).

Built from the raw stored document, cheaper than a validated `Interview`: the list never pays
for validating every interview.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .rules import count_answered
from .search import fold, search_terms

# The texts search looks in besides the answers (both kinds of notes included).
SEARCHED = ("name", "organisation", "title", "interviewer", "quote", "notes", "private_notes")


class Summary:
    """An interview's list row; `haystack`, the text searched, is built on first use."""

    __slots__ = ("_haystack", "answered", "date", "id", "name", "organisation", "questions",
                 "status", "texts")  # fmt: skip

    def __init__(
        self,
        id: int,
        date: str,
        name: str,
        organisation: str,
        status: str,
        answered: int,
        questions: int,
        texts: tuple[str, ...] = (),
    ) -> None:
        self.id = id
        self.date = date
        self.name = name
        self.organisation = organisation
        self.status = status
        self.answered = answered
        self.questions = questions
        self.texts = texts  # every searched text, as stored
        self._haystack: str | None = None

    def __repr__(self) -> str:
        return f"Summary(id={self.id}, date={self.date!r}, name={self.name!r})"

    @classmethod
    def from_document(cls, doc: dict[str, Any], interview_id: int | None = None) -> Summary:
        """The summary of a stored document (with its `id`, or given as `interview_id`)."""
        answers = _answers(doc)
        return cls(
            int(doc["id"]) if interview_id is None else interview_id,
            str(doc.get("date", "")),
            str(doc.get("name", "")),
            str(doc.get("organisation", "")),
            str(doc.get("status", "draft")),
            count_answered(answers),
            len(answers),
            (*(str(doc.get(key, "")) for key in SEARCHED), *answers, *_comments(doc)),
        )

    @property
    def haystack(self) -> str:
        """Every searched text folded (no case, no accents: see `search.fold`): name,
        organisation, title, interviewer, quote, both kinds of notes, answers, review comments
        (built once)."""
        if self._haystack is None:
            self._haystack = fold("\n".join(self.texts))
        return self._haystack

    def matches(self, query: str) -> bool:
        """True when every word of `query` occurs somewhere in the interview, ignoring case and
        accents (`vaxjo` finds Växjö)."""
        return all(term in self.haystack for term in search_terms(query))


def _answers(doc: dict[str, Any]) -> list[str]:
    return [str(a.get("answer", "")) for a in doc.get("answers", [])]


def _comments(doc: dict[str, Any]) -> list[str]:
    """The reviewers' comments (searched too)."""
    review = doc.get("review")
    return [str(c.get("text", "")) for c in review if isinstance(c, dict)] if review else []


def search(rows: Sequence[Summary], query: str) -> list[Summary]:
    """The rows holding every word of `query` (ignoring case and accents), in their order.

    One pass with the words folded once (`matches` per row folds the query again each time).
    """
    terms = search_terms(query)
    if len(terms) == 1:
        term = terms[0]
        return [r for r in rows if term in r.haystack]
    return [r for r in rows if all(term in r.haystack for term in terms)]
