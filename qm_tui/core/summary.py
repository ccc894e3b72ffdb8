"""One interview as a list shows it (the CLI's `list`, the app's list and its palette alike).

Built from the raw stored document, which is several times cheaper than a validated `Interview`:
the list of 10,000 interviews never pays for validation. A plain class with slots, because
`qm-tui list` starts a process per call and a dataclass costs more to create than it saves.
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

    __slots__ = ("_dictionary", "_haystack", "_source", "answered", "date", "id", "name",
                 "organisation", "questions", "status", "texts")  # fmt: skip

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
        self._source: bytes | None = None  # or the packed document the texts are read from
        self._dictionary = b""  # and the dictionary it was packed with

    def __repr__(self) -> str:
        return f"Summary(id={self.id}, date={self.date!r}, name={self.name!r})"

    @classmethod
    def from_document(cls, doc: dict[str, Any], interview_id: int | None = None) -> Summary:
        """The summary of a stored document (with its `id`, or given as `interview_id`)."""
        answers = _answers(doc)
        identity = int(doc["id"]) if interview_id is None else interview_id
        return cls._of(doc, identity, answers, _texts(doc, answers))

    @classmethod
    def _of(
        cls, doc: dict[str, Any], interview_id: int, answers: list[str], texts: tuple[str, ...]
    ) -> Summary:
        return cls(
            interview_id,
            str(doc.get("date", "")),
            str(doc.get("name", "")),
            str(doc.get("organisation", "")),
            str(doc.get("status", "draft")),
            count_answered(answers),
            len(answers),
            texts,
        )

    @classmethod
    def from_packed(
        cls, packed: bytes, dictionary: bytes, doc: dict[str, Any], interview_id: int
    ) -> Summary:
        """The summary of `doc`, kept as `packed` with `dictionary` (see `packed`): it holds on
        to those bytes (shared with the table) instead of the document's texts, until
        searched."""
        summary = cls._of(doc, interview_id, _answers(doc), ())
        summary._source, summary._dictionary = packed, dictionary
        return summary

    @property
    def haystack(self) -> str:
        """Every searched text folded (no case, no accents: see `search.fold`): name,
        organisation, title, interviewer, quote, both kinds of notes, answers, review comments
        (built once)."""
        if self._haystack is None:
            texts = self.texts
            if self._source is not None:
                from .packed import load

                doc = load(self._source, self._dictionary)
                texts = _texts(doc, _answers(doc))
            self._haystack = fold("\n".join(texts))
            self._source, self._dictionary = None, b""
        return self._haystack

    def matches(self, query: str) -> bool:
        """True when every word of `query` occurs somewhere in the interview, ignoring case and
        accents (`vaxjo` finds Växjö)."""
        return all(term in self.haystack for term in search_terms(query))


def _answers(doc: dict[str, Any]) -> list[str]:
    return [str(a.get("answer", "")) for a in doc.get("answers", [])]


def _texts(doc: dict[str, Any], answers: list[str]) -> tuple[str, ...]:
    review = doc.get("review")
    comments = [str(c.get("text", "")) for c in review if isinstance(c, dict)] if review else []
    return (*(str(doc.get(key, "")) for key in SEARCHED), *answers, *comments)


def search(rows: Sequence[Summary], query: str) -> list[Summary]:
    """The rows holding every word of `query` (ignoring case and accents), in their order.

    One pass with the words folded once (`matches` per row folds the query again each time).
    """
    terms = search_terms(query)
    if len(terms) == 1:
        term = terms[0]
        return [r for r in rows if term in r.haystack]
    return [r for r in rows if all(term in r.haystack for term in terms)]
