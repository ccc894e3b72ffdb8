"""Pull-quote candidates: the sentences of an interview's answers, in order, without repeats."""

from __future__ import annotations

import re
from collections.abc import Iterable

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»')\]]*\s+")
MIN_CHARS = 20
MAX_CHARS = 300


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`: split after `.`, `!`, `?` or `…` followed by whitespace."""
    parts = (" ".join(p.split()) for p in _SENTENCE_END.split(text))
    return [p for p in parts if p]


def quote_candidates(answers: Iterable[str], limit: int = 50) -> list[str]:
    """Sentences from the answers that are of a size to quote (20–300 characters), deduplicated."""
    seen: set[str] = set()
    found: list[str] = []
    for answer in answers:
        for sentence in split_sentences(answer):
            if not MIN_CHARS <= len(sentence) <= MAX_CHARS or sentence in seen:
                continue
            seen.add(sentence)
            found.append(sentence)
            if len(found) >= limit:
                return found
    return found
