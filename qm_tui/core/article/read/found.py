"""What a reader found in an article, before it is matched to a question set; shared helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from ...interview.model import Contact, Facts

MATCH = 0.75  # difflib ratio from which an article's question is taken to be a set question
_EMAIL = re.compile(r"^[^\s@]+@[^\s@]+\.[^\s@]+$")
MAX_EMAIL = 254  # characters of an e-mail address; a longer line is not tried (it backtracks)


@dataclass
class Found:
    """What was read from an article, before matching it to a question set."""

    name: str = ""
    byline: str = ""
    quote: str = ""
    questions: list[tuple[str, str]] = field(default_factory=list)  # (question, answer)
    facts: Facts | None = None
    contact: Contact | None = None
    unplaced: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # The interview the file says it was exported from: `id`, `uid`, `updated` (that version).
    identity: dict[str, str] = field(default_factory=dict)


def read_contact(heading: str, paras: list[str], keys: str | None, warnings: list[str]) -> Contact:
    """The contact box from its paragraphs: first the person's lines, then the closing text."""
    fields: dict[str, str] = {}
    if keys is not None:
        wanted = keys.split()
        lines = paras[0].split("\n") if wanted and paras else []
        if len(lines) == len(wanted) and set(wanted) <= {"name", "title", "email"}:
            fields = dict(zip(wanted, lines, strict=True))
            return Contact(heading=heading, note="\n\n".join(paras[1 if wanted else 0 :]), **fields)
    if not paras:
        return Contact(heading=heading)
    lines = paras[0].split("\n")
    note = paras[1:]
    email_at = next((i for i, ln in enumerate(lines[:3]) if _is_email(ln.strip())), None)
    if email_at is not None:
        person, rest = lines[:email_at], lines[email_at + 1 :]
        fields["email"] = lines[email_at].strip()
    elif len(lines) <= 2 and not (len(paras) == 1 and len(lines) == 1 and len(lines[0]) > 60):
        person, rest = lines, []
    else:
        person, rest = [], lines
    if len(person) > 2:
        rest, person = person[2:] + rest, person[:2]
    for key, value in zip(("name", "title"), person, strict=False):
        fields[key] = value.strip()
    if rest:
        note.insert(0, "\n".join(rest))
    if not fields:
        warnings.append("the contact box has no name, title or email")
    return Contact(heading=heading, note="\n\n".join(note), **fields)


def _is_email(line: str) -> bool:
    return len(line) <= MAX_EMAIL and _EMAIL.match(line) is not None


def question_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


MAX_COMPARED = 300  # characters of a question compared; a set's questions are shorter


@lru_cache(maxsize=4096)
def similarity(a: str, b: str, at_least: float = 0.0) -> float:
    """difflib's ratio of two question keys, or 0.0 when it cannot reach `at_least`.

    Bounded for any input: texts whose lengths alone rule out `at_least` are not compared, only
    the first MAX_COMPARED characters are, and difflib's cheap upper bounds come before its
    quadratic ratio. Cached: an article repeating a question thousands of times costs one.
    """
    if a == b:
        return 1.0
    if not a or not b or 2 * min(len(a), len(b)) / (len(a) + len(b)) < at_least:
        return 0.0
    matcher = SequenceMatcher(None, a[:MAX_COMPARED], b[:MAX_COMPARED], autojunk=False)
    if matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least:
        return 0.0
    return matcher.ratio()


def shared_words(a: str, b: str) -> float:
    """The share of `a`'s words (of 3+ letters, compared by their first 5) also found in `b`."""
    stems_a = {w[:5] for w in a.split() if len(w) >= 3}
    stems_b = {w[:5] for w in b.split() if len(w) >= 3}
    return len(stems_a & stems_b) / len(stems_a) if stems_a else 0.0
