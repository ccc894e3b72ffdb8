"""Read an article back into an interview: plain text in the published layout, or our Markdown.

The plain-text layout is the one of the printed profiles (see `article.py` for the Markdown):
the person's name, a line "title organisation", the pull quote, numbered questions each followed by
its answer, then `FAKTA OM QM` with its text and `KONTAKT` with name, title, email and a closing
line. Questions are matched to a question set by number and wording; text that fits nowhere is
kept in the interview's `notes` and reported as a warning. Nothing is ever dropped silently.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from itertools import pairwise
from typing import TYPE_CHECKING

from .article import META_PREFIX, is_question_paragraph, normalise_block, normalised
from .model import STATUSES, Answer, Contact, Facts, Interview
from .questions import QuestionSet, QuestionSets

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["ArticleError", "ImportedArticle", "parse_article", "split_title_line"]

MATCH = 0.75  # difflib ratio from which an article's question is taken to be a set question
_QUESTION_LINE = re.compile(r"^(\d{1,2})\s*[.):]\s*(\S.*)$")
_EMAIL = re.compile(r"^[^\s@]+@[^\s@]+\.[^\s@]+$")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\ufeff": ""})


class ArticleError(ValueError):
    """Text that is not an article this tool can read; nothing is imported."""


@dataclass
class ImportedArticle:
    """The interview read from an article, and what the reader should check."""

    interview: Interview
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Found:
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


def parse_article(text: str, sets: QuestionSets) -> ImportedArticle:
    """Read an article; raise ArticleError (saying why) if `text` is not one."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ArticleError("the file is empty")
    if "\x00" in text:
        raise ArticleError("not an article: the file holds binary data, not text")
    found: _Found | None = None
    if _first_line(text).startswith("#"):
        found = _read_markdown(text)
    if found is None or not found.questions:
        found = _read_plain(text, sets)
    if not found.questions:
        sample = text[:4096]
        controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
        if controls > len(sample) // 100:
            raise ArticleError("not an article: the file holds binary data, not text")
        raise ArticleError(
            "not an article: no numbered interview questions found "
            "(expected the layout of a published QM profile, with lines like '1. … ?')"
        )
    return _build(found, sets)


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.lstrip()
    return ""


# -- Markdown (this tool's own export) -------------------------------------------------


def _inline_text(inline: Token) -> str:
    """The visible text of an inline token: text as shown, line breaks as newlines."""
    parts = []
    for child in inline.children or ():
        if child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline_text(child))
        elif child.nesting == 0:
            parts.append(child.content)
    return "".join(parts)


def _block_text(tokens: list[Token]) -> str:
    """The visible text of a run of block tokens, paragraphs separated by blank lines."""
    return "\n\n".join(_inline_text(t) for t in tokens if t.type == "inline") + "".join(
        f"\n\n{t.content.rstrip()}" for t in tokens if t.type in ("fence", "code_block")
    )


def _top_blocks(tokens: list[Token]) -> list[list[Token]]:
    """Tokens grouped into the document's top-level blocks."""
    blocks: list[list[Token]] = []
    depth = 0
    for tok in tokens:
        if depth == 0:
            blocks.append([])
        blocks[-1].append(tok)
        depth += tok.nesting
    return blocks


def _read_markdown(text: str) -> _Found | None:
    from .article import _markdown_it

    env: dict[str, dict[str, dict[str, str]]] = {}
    tokens = _markdown_it().parse(text, env)
    found = _Found()
    prefix = META_PREFIX.upper()
    for label, ref in env.get("references", {}).items():
        if label.startswith(prefix):
            found.meta[label[len(prefix) :].lower()] = ref.get("title", "")
    blocks = _top_blocks(tokens)
    if not blocks or blocks[0][0].type != "heading_open" or blocks[0][0].tag != "h1":
        return None
    found.name = _inline_text(blocks[0][1])
    section = "header"
    answer: list[str] = []
    boxes: list[list[Token]] = []
    for block in blocks[1:]:
        first = block[0]
        kind = first.type
        if kind == "hr" and section != "boxes":
            section = "boxes"
        elif section == "boxes":
            if kind == "blockquote_open" and len(boxes) < 2:
                boxes.append(block)
            else:
                found.unplaced.append(_block_text(block))
        elif kind == "paragraph_open" and is_question_paragraph(block[1]):
            question = _inline_text(block[1])
            question = re.sub(r"^\d+\.\s*", "", question, count=1)
            found.questions.append((question, ""))
            section, answer = "answers", []
        elif section == "answers":
            answer.append(_block_text(block))
            found.questions[-1] = (found.questions[-1][0], "\n\n".join(answer))
        elif kind == "paragraph_open" and not found.byline and not found.quote:
            found.byline = _inline_text(block[1])
        elif kind == "blockquote_open" and not found.quote:
            found.quote = _block_text(block)
        else:
            found.unplaced.append(_block_text(block))
    for n, box in enumerate(boxes):
        heading, body = "", box[1:-1]
        if body and body[0].type == "heading_open":
            heading, body = _inline_text(body[1]), body[3:]
        paras = [_inline_text(t) for t in body if t.type == "inline"]
        if n == 0:
            found.facts = Facts(heading, "\n\n".join(paras))
        else:
            # Our own export lists name, title and email unless its metadata says otherwise.
            keys = found.meta.get("contact", "name title email" if "set" in found.meta else None)
            found.contact = _contact(heading, paras, keys, found.warnings)
    if found.facts is None and "set" in found.meta:
        found.facts = Facts()
    if found.contact is None and "set" in found.meta:
        found.contact = Contact()
    return found


def _contact(heading: str, paras: list[str], keys: str | None, warnings: list[str]) -> Contact:
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
    email_at = next((i for i, ln in enumerate(lines[:3]) if _EMAIL.match(ln.strip())), None)
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


# -- Plain text in the layout of the published profiles ---------------------------------


def _read_plain(text: str, sets: QuestionSets) -> _Found:
    known = [_key(q) for qs in sets.sets.values() for q in qs.questions]
    text = text.translate(_SPACES).replace("\r\n", "\n").replace("\r", "\n")
    lines = [ln.strip() for ln in text.split("\n")]
    found = _Found()
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
            found.contact = _contact(lines[start], paras, None, found.warnings)
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
    key = _key(question)
    return max((1.0 if key == k else _ratio(key, k) for k in known), default=0.0)


_FACTS_HEADINGS = {"fakta om qm", "facts about qm", "fakta", "facts", "fakta om quality mark"}
_CONTACT_HEADINGS = {"kontakt", "contact", "kontakta oss", "contact us", "kontaktperson"}


def _is_heading(line: str, known: set[str]) -> bool:
    key = line.strip().rstrip(":").casefold()
    return key in known and len(line) < 60


def _read_header(blocks: list[list[str]], found: _Found) -> None:
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


# -- Titles --------------------------------------------------------------------------------

_TITLE_WORDS = {
    # Swedish
    "vd", "ordförande", "styrelseordförande", "direktör", "chef", "ledare", "ledamot",
    "styrelseledamot", "samordnare", "koordinator", "kommunikatör", "strateg", "sekreterare",
    "kassör", "rådgivare", "handläggare", "utvecklare", "ansvarig", "konsult", "assistent",
    "ombudsman", "grundare", "ägare", "delägare", "kommunalråd", "controller", "ekonom",
    "generalsekreterare", "talesperson", "projektledare", "centrumledare", "centrumutvecklare",
    "verksamhetsledare", "näringslivschef", "citychef", "centrumchef",
    # English
    "ceo", "coo", "cfo", "chair", "chairman", "chairperson", "chairwoman", "president",
    "director", "manager", "coordinator", "officer", "advisor", "adviser", "consultant",
    "secretary", "treasurer", "founder", "owner", "head", "lead", "strategist",
}  # fmt: skip
_TITLE_SUFFIXES = (
    "chef", "ledare", "utvecklare", "ansvarig", "ordförande", "samordnare", "koordinator",
    "strateg", "direktör", "sekreterare", "handläggare", "rådgivare", "kommunikatör",
    "assistent", "konsult", "ombudsman", "ledamot", "manager", "director", "officer",
)  # fmt: skip
_TITLE_MODIFIERS = {
    "tf", "tf.", "t.f.", "vice", "bitr.", "biträdande", "ställföreträdande", "senior", "interim",
    "och", "samt", "&", "and", "/", "-", "verkställande", "vik.", "vikarierande", "deputy",
    "acting", "executive", "general", "managing",
}  # fmt: skip
_TITLE_PHRASES = ("city manager", "town centre manager", "town center manager", "place manager")


def _title_part(word: str) -> bool:
    w = word.casefold().strip(",")
    return w in _TITLE_WORDS or (len(w) > 6 and w.endswith(_TITLE_SUFFIXES))


def split_title_line(line: str) -> tuple[str, str, bool]:
    """Split "vd/centrumutvecklare Växjö City" into (title, organisation, sure).

    The title is the longest run of known titles at the start (`vd`, `centrumutvecklare`,
    compounds with `/`, `och`, `tf`, …). When no title is recognised the whole line is the
    title and `sure` is False.
    """
    words = line.split()
    end = 0
    i = 0
    while i < len(words):
        phrase = next(
            (p for p in _TITLE_PHRASES if " ".join(words[i : i + len(p.split())]).casefold() == p),
            None,
        )
        if phrase:
            i += len(phrase.split())
            end = i
            if words[i - 1].endswith(","):
                break
            continue
        word = words[i]
        parts = [p for p in re.split(r"[/&]", word.strip(",")) if p]
        if parts and all(_title_part(p) or p.casefold() in _TITLE_MODIFIERS for p in parts):
            if any(_title_part(p) for p in parts):
                end = i + 1
            i += 1
            if word.endswith(","):
                break
            continue
        if word.casefold() in _TITLE_MODIFIERS:
            i += 1
            continue
        break
    if end == 0:
        return line.strip(), "", False
    title = " ".join(words[:end]).rstrip(",")
    organisation = " ".join(words[end:])
    return title, organisation, bool(organisation)


# -- Matching and building the interview -----------------------------------------------


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _match(questions: list[str], qs: QuestionSet) -> list[int | None]:
    """For each article question, the index of the set question it is (by wording and number)."""
    keys = [_key(q) for q in qs.questions]
    used: set[int] = set()
    out: list[int | None] = []
    for n, question in enumerate(questions):
        key = _key(question)
        best, best_score = None, 0.0
        for j, k in enumerate(keys):
            if j in used:
                continue
            score = 1.0 if key == k else _ratio(key, k) + (0.02 if j == n else 0.0)
            if score > best_score:
                best, best_score = j, score
        if best is not None and best_score >= MATCH:
            used.add(best)
            out.append(best)
        else:
            out.append(None)
    return out


def _choose_set(found: _Found, sets: QuestionSets) -> QuestionSet:
    by_meta = sets.get(found.meta.get("set", ""))
    if by_meta is not None:
        return by_meta
    questions = [q for q, _ in found.questions]
    best, best_score = sets.default(), -1.0
    for qs in sets.sets.values():
        matched = _match(questions, qs)
        score = sum(1 for m in matched if m is not None)
        if score > best_score or (score == best_score and qs.id == sets.default().id):
            best, best_score = qs, score
    return best


def _build(found: _Found, sets: QuestionSets) -> ImportedArticle:
    warnings = list(found.warnings)
    own = "set" in found.meta  # exported by qm-tui: the article lists exactly its questions
    qs = _choose_set(found, sets)
    set_id = found.meta.get("set") or qs.id
    matched = _match([q for q, _ in found.questions], qs)
    answers: list[Answer] = []
    missing = [j for j in range(len(qs.questions)) if j not in matched]
    for (question, answer), j in zip(found.questions, matched, strict=True):
        if j is None:
            n = len(answers) + 1
            warnings.append(f"question {n} matches no question in {qs.id}; kept as written")
        elif not own:
            while missing and missing[0] < j:
                answers.append(Answer(qs.questions[missing.pop(0)]))
        answers.append(Answer(question, answer))
    if not own:
        for j in missing:
            warnings.append(f"question {j + 1} of {qs.id} is not in the article; left unanswered")
        answers += [Answer(qs.questions[j]) for j in missing]
    name, byline = found.name, found.byline
    title, organisation = _split_byline(byline, found.meta, warnings)
    facts, contact = found.facts, found.contact
    if facts is None:
        facts = qs.facts
        warnings.append(f"no facts box ({qs.facts.heading or 'FAKTA'}); the set's text is used")
    if contact is None:
        contact = qs.contact
        warnings.append(f"no contact box ({qs.contact.heading or 'KONTAKT'}); the set's is used")
    if not found.quote:
        warnings.append("no pull quote found")
    notes = found.meta.get("notes", "")
    unplaced = [normalise_block(u) for u in found.unplaced if u.strip()]
    if unplaced:
        warnings.append(
            f"{len(unplaced)} passage(s) could not be placed and were kept in the notes: "
            + "; ".join(repr(u[:40] + ("…" if len(u) > 40 else "")) for u in unplaced)
        )
        notes = "\n\n".join([notes, *unplaced] if notes else unplaced)
    interview = Interview(
        question_set=set_id,
        name=name,
        title=title,
        organisation=organisation,
        quote=found.quote,
        answers=tuple(answers),
        facts=facts,
        contact=contact,
        interviewer=found.meta.get("interviewer", ""),
        notes=notes,
    )
    date = found.meta.get("date")
    if date:
        if _valid_date(date):
            interview = replace(interview, date=date)
        else:
            warnings.append(f"ignored an invalid date {date!r}; using today")
    interview = normalised(interview)
    status = found.meta.get("status", "")
    if status not in STATUSES:
        status = "complete" if interview.is_complete() and not (missing and not own) else "draft"
    return ImportedArticle(replace(interview, status=status), warnings)


def _valid_date(text: str) -> bool:
    try:
        return dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def _split_byline(byline: str, meta: dict[str, str], warnings: list[str]) -> tuple[str, str]:
    byline = " ".join(byline.split("\n")).strip()
    if not byline:
        if "title" not in meta and "byline" not in meta:
            warnings.append("no title or organisation line under the name")
        return "", ""
    hint = meta.get("title")
    if hint is not None and byline.startswith(hint + " "):
        return hint, byline[len(hint) :].strip()
    if meta.get("byline") == "title":
        return byline, ""
    if meta.get("byline") == "organisation":
        return "", byline
    title, organisation, sure = split_title_line(byline)
    if not sure:
        warnings.append(
            f"could not tell title from organisation in {byline!r}; kept it all as the title"
        )
    return title, organisation
