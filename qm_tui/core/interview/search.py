"""Search text: folding that ignores case and accents, and what of an interview is searched.

`fold("Växjö")` is `"vaxjo"`, so `vaxjo` finds Växjö and `ostberg` finds Östberg. Folding runs
over every stored interview when the list is searched, so the common Swedish letters take a fast
path and only other non-ASCII text pays for Unicode decomposition.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["SEARCHED_FIELDS", "fold", "matches", "search_terms", "search_text"]

# The letters that make up nearly all non-ASCII text in these interviews, after casefold().
_COMMON = (("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e"), ("ü", "u"), ("ø", "o"), ("æ", "ae"))
# Letters that Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans({"ł": "l", "đ": "d", "ð": "d", "þ": "th", "œ": "oe", "ı": "i"})
_MARKS = re.compile("[\u0300-\u036f]")

# Top-level text fields of a document that search looks in (plus every answer).
SEARCHED_FIELDS = (
    "name",
    "organisation",
    "title",
    "interviewer",
    "quote",
    "notes",
    "private_notes",
)


def fold(text: str) -> str:
    """`text` in lower case without accents, for comparing: `fold("Östberg") == "ostberg"`."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    for letter, plain in _COMMON:
        if letter in folded:
            folded = folded.replace(letter, plain)
    if folded.isascii():
        return folded
    folded = unicodedata.normalize("NFKD", folded)
    if _MARKS.search(folded):
        folded = _MARKS.sub("", folded)
    return folded.translate(_UNDECOMPOSED)


def search_text(doc: Mapping[str, Any]) -> str:
    """The folded text of a stored document that search looks in: names, quote, answers,
    both kinds of notes (the private notes and the import's set-aside text) and review comments."""
    parts = [str(doc.get(key) or "") for key in SEARCHED_FIELDS]
    answers = doc.get("answers")
    if isinstance(answers, list):
        parts += [str(a.get("answer", "")) for a in answers if isinstance(a, dict)]
    review = doc.get("review")
    if isinstance(review, list):  # reviewers' comments are searched too
        parts += [str(c.get("text", "")) for c in review if isinstance(c, dict)]
    return fold("\n".join(p for p in parts if p))


def search_terms(query: str) -> list[str]:
    """The folded words of a search query; an interview matches when it holds every one."""
    return fold(query).split()


def matches(haystack: str, terms: Iterable[str]) -> bool:
    """True when every (folded) term occurs in the (folded) `haystack`."""
    return all(term in haystack for term in terms)
