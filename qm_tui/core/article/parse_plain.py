"""Reading plain text in the layout of the printed profiles (the model article's layout)."""

from __future__ import annotations

import re
from itertools import pairwise

from ..model import Facts
from ..questions import QuestionSets
from .found import MATCH, Found, question_key, read_contact, similarity
from .titles import split_title_line

__all__ = ["parse_plain"]

_QUESTION_LINE = re.compile(r"^(\d{1,2})\s*[.):]\s*(\S.*)$")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\ufeff": ""})


def parse_plain(text: str, sets: QuestionSets) -> Found:
    """What a plain-text profile holds; no questions found if it is not one."""
    known = [question_key(q) for qs in sets.sets.values() for q in qs.questions]
    text = text.translate(_SPACES).replace("\r\n", "\n").replace("\r", "\n")
    lines = [ln.strip() for ln in text.split("\n")]
    found = Found()
    # Indices of lines that start a question, a facts or a contact section.
    marks: list[tuple[int, str, int]] = []  # (line index, kind, number of lines used)
    expected = 1
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        if _is_heading(line, _FACTS_HEADINGS) and not any(k == "facts" for _, k, _ in marks):
            marks.append((i, "facts", 1))
        elif _is_heading(line, _CONTACT_HEADINGS) and not any(k == "contact" for _, k, _ in marks):
            marks.append((i, "contact", 1))
        elif not any(k in ("facts", "contact") for _, k, _ in marks):
            at = _question_at(lines, i, expected, known)
            if at is not None:
                number, used = at
                marks.append((i, "question", used))
                expected = number + 1
                i += used
                continue
        i += 1
    first_q = next((m[0] for m in marks if m[1] == "question"), None)
    if first_q is None:
        return found
    _read_header(_blocks(lines[:first_q]), found)
    bounds = [*marks, (len(lines), "end", 0)]
    for (start, kind, used), (stop, _, _) in pairwise(bounds):
        body = _blocks(lines[start + used : stop])
        paras = ["\n".join(b) for b in body]
        if kind == "question":
            question = " ".join(lines[start : start + used])
            question = _QUESTION_LINE.sub(r"\2", question, count=1)
            found.questions.append((question, "\n\n".join(paras)))
        elif kind == "facts":
            found.facts = Facts(lines[start], "\n\n".join(paras))
        elif kind == "contact":
            found.contact = read_contact(lines[start], paras, None, found.warnings)
    return found


def _blocks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _question_at(
    lines: list[str], i: int, expected: int, known: list[str]
) -> tuple[int, int] | None:
    """(number, lines used) if a numbered question starts at line i, else None.

    A question is the expected next number followed by text that ends with `?` (possibly
    wrapped over up to three lines) or reads like a known question; any other number must
    read like a known question.
    """
    m = _QUESTION_LINE.match(lines[i])
    if m is None:
        return None
    number = int(m.group(1))
    used, text = 1, m.group(2)
    while not text.endswith("?") and used < 3 and i + used < len(lines) and lines[i + used]:
        candidate = f"{text} {lines[i + used]}"
        if not candidate.endswith("?") and used == 2:
            break
        text, used = candidate, used + 1
        if text.endswith("?"):
            break
    if not text.endswith("?"):
        text, used = m.group(2), 1
    score = _best_known(text, known)
    if number == expected and (text.endswith("?") or score >= MATCH):
        return number, used
    if score >= 0.85:
        return number, used
    return None


def _best_known(question: str, known: list[str]) -> float:
    key = question_key(question)
    return max((1.0 if key == k else similarity(key, k) for k in known), default=0.0)


_FACTS_HEADINGS = {"fakta om qm", "facts about qm", "fakta", "facts", "fakta om quality mark"}
_CONTACT_HEADINGS = {"kontakt", "contact", "kontakta oss", "contact us", "kontaktperson"}


def _is_heading(line: str, known: set[str]) -> bool:
    key = line.strip().rstrip(":").casefold()
    return key in known and len(line) < 60


def _read_header(blocks: list[list[str]], found: Found) -> None:
    """Name, the title line and the quote from the text above the first question."""
    if not blocks:
        found.warnings.append("no name above the first question")
        return
    first = blocks[0]
    found.name = first[0]
    rest = [first[2:]] if len(first) > 2 else []
    rest += blocks[1:]
    if len(first) >= 2:
        found.byline = first[1]
    elif rest and len(rest[0]) == 1 and (len(rest) >= 2 or split_title_line(rest[0][0])[2]):
        found.byline = rest.pop(0)[0]
    if rest:
        found.quote = "\n".join(rest.pop(0))
    for block in rest:
        found.unplaced.append("\n".join(block))
