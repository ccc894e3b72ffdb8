"""Reading plain text in the layout of the printed profiles (the model article's layout).

Articles as they really come are read too: a photo credit line (`Foto: …`) and a publication
line (`Publicerad 2022-03-01`) go to the notes instead of the quote or the contact box; text
copied out of a PDF (paragraphs hard-wrapped at a fixed width, soft hyphens) gets its paragraphs
back; quotation marks around the pull quote and an attribution (`– Namn`) are taken off it.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ...interview.model import Facts
from ...interview.questions import QuestionSets
from .found import MATCH, Found, question_key, read_contact, similarity
from .titles import split_title_line

__all__ = ["parse_plain"]

_QUESTION_LINE = re.compile(r"^(\d{1,2})\s*[.):]\s*(\S.*)$")
# Lines that are no part of the interview: photo credits and publication dates.
_CREDIT = re.compile(
    r"^(?:foto|bild|fotograf|photo|image|illustration|grafik)(?:\s+och\s+text)?\s*[:：]\s*\S",
    re.IGNORECASE,
)
_PUBLISHED = re.compile(
    r"^(?:publicerad|publicerat|uppdaterad|senast uppdaterad|published|updated|posted)\b[\s:]*"
    r"(?:den\s+)?\d",
    re.IGNORECASE,
)
_OPEN_QUOTES = "\"”“„«»'’‘"
_ATTRIBUTION = re.compile(r"^[–—-]\s*(\S.{0,80})$")
SOFT_HYPHEN = "\u00ad"
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\ufeff": ""})


def parse_plain(text: str, sets: QuestionSets) -> Found:
    """What a plain-text profile holds; no questions found if it is not one."""
    known = [question_key(q) for qs in sets.sets.values() for q in qs.questions]
    text = text.translate(_SPACES).replace("\r\n", "\n").replace("\r", "\n")
    found = Found()
    lines = _set_aside([ln.strip() for ln in text.split("\n")], found)
    lines = unwrap(lines)
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
            question = lines[start]
            for more in lines[start + 1 : start + used]:
                question += ("" if re.search(r"\w-$", question) else " ") + more
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
        joint = "" if re.search(r"\w-$", text) else " "  # `QM-` / `certifikat`
        candidate = f"{text}{joint}{lines[i + used]}"
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
    """How close the question is to the closest known one, when at least MATCH; else 0.0."""
    key = question_key(question)
    if key in known:
        return 1.0
    return max((similarity(key, k, MATCH) for k in known), default=0.0)


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
        quote = rest.pop(0)
        if rest and len(rest[0]) == 1 and _ATTRIBUTION.match(rest[0][0]):
            quote = [*quote, rest.pop(0)[0]]
        found.quote = _bare_quote("\n".join(quote), found)
    for block in rest:
        found.unplaced.append("\n".join(block))


def _set_aside(lines: list[str], found: Found) -> list[str]:
    """Photo credits and publication lines, taken out of the text into the unplaced passages."""
    kept = []
    for line in lines:
        if len(line) < 120 and (_CREDIT.match(line) or _PUBLISHED.match(line)):
            found.unplaced.append(line)
            kept.append("")
        else:
            kept.append(line)
    return kept


def _bare_quote(quote: str, found: Found) -> str:
    """The pull quote without an attribution (`– Namn`) and without surrounding quote marks."""
    lines = quote.split("\n")
    attribution = _ATTRIBUTION.match(lines[-1]) if len(lines) > 1 else None
    if attribution is None:
        m = re.match(r"^(.*[\"”“»«’'])\s+[–—-]\s*(\S.{0,80})$", lines[-1])
        if m is not None and m.group(1)[0] in _OPEN_QUOTES:
            lines[-1] = m.group(1)
            attribution = m
    else:
        lines.pop()
    if attribution is not None:
        who = attribution.group(attribution.lastindex or 1).strip()
        if who.casefold() != found.name.casefold():
            found.unplaced.append(f"– {who}")
    text = "\n".join(lines).strip()
    if len(text) >= 2 and text[0] in _OPEN_QUOTES and text[-1] in _OPEN_QUOTES:
        inner = text[1:-1].strip()
        if not any(ch in inner for ch in '"”“„«»'):
            text = inner
    return text


def unwrap(lines: list[str]) -> list[str]:
    """Paragraphs hard-wrapped at a fixed width (text copied out of a PDF) joined back.

    A line ending in a soft hyphen always continues on the next. Otherwise, only when the text
    looks wrapped (the usual full line at most 100 characters, several lines broken where the
    next word would not have fitted), a line is joined with the next if that word would (nearly) not
    have fitted on it; a line ending a question (unless the next one asks on) or starting a
    numbered question never is. A break after a word's own hyphen (`QM-`) is joined without a
    space.
    """
    lengths = sorted(len(ln) for ln in lines if ln)
    width = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0  # the usual full line
    wrapped = 40 <= width <= 100 and sum(_wraps(a, b, width) for a, b in pairwise(lines)) >= 3
    out: list[str] = []
    previous = ""  # the last physical line, whatever it was joined to
    for line in lines:
        if out and out[-1].endswith(SOFT_HYPHEN) and line:
            out[-1] = out[-1][:-1] + line
        elif out and wrapped and _wraps(previous, line, width):
            # A word broken after its own hyphen (`QM-` / `certifikat`) is joined without a space.
            hyphen = re.search(r"\w-$", out[-1]) is not None and line[0].isalnum()
            out[-1] = f"{out[-1]}{'' if hyphen else ' '}{line}"
        else:
            out.append(line)
        previous = line
    if wrapped or any(ln.endswith(SOFT_HYPHEN) for ln in lines):
        out = [ln.replace(SOFT_HYPHEN, "") for ln in out]
    return out


def _wraps(line: str, following: str, width: int) -> bool:
    """True if `following` continues `line`, broken only because its first word did not fit."""
    if not line or not following or _QUESTION_LINE.match(following):
        return False
    if line.endswith("?") and not following.endswith("?"):
        return False  # a question ends its paragraph, unless it goes on asking
    first_word = following.split(" ", 1)[0]
    slack = max(6, width // 8)  # lines of proportional type vary in characters
    return len(line) >= 0.5 * width and len(line) + 1 + len(first_word) > width - slack
