"""One interview as a list shows it (the CLI's `list`, the app's list and its palette alike).

Built from the raw stored document, which is several times cheaper than a validated `Interview`:
the list of 10,000 interviews never pays for validation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .rules import count_answered

SEARCHED = ("name", "organisation", "title", "interviewer", "quote")


@dataclass(frozen=True)
class Summary:
    """An interview's list row; `haystack`, the text searched, is built on first use."""

    id: int
    date: str
    name: str
    organisation: str
    status: str
    answered: int
    questions: int
    texts: tuple[str, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def from_document(cls, doc: dict[str, Any]) -> Summary:
        """The summary of a stored document that carries its `id`."""
        answers = [str(a.get("answer", "")) for a in doc.get("answers", [])]
        texts = [str(doc.get(key, "")) for key in SEARCHED]
        return cls(
            id=int(doc["id"]),
            date=str(doc.get("date", "")),
            name=str(doc.get("name", "")),
            organisation=str(doc.get("organisation", "")),
            status=str(doc.get("status", "draft")),
            answered=count_answered(answers),
            questions=len(answers),
            texts=(*texts, *answers),
        )

    @cached_property
    def haystack(self) -> str:
        """Every searched text in lowercase: name, organisation, title, interviewer, quote,
        answers."""
        return "\n".join(self.texts).lower()

    def matches(self, query: str) -> bool:
        """True when every word of `query` occurs (ignoring case) somewhere in the interview."""
        return all(term in self.haystack for term in query.lower().split())
