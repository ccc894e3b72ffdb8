"""Importing: interviews from JSON files, and from articles in plain text or our Markdown.

The plain-text layout is the one of the printed profiles (`article/write/markdown.py` has the
Markdown): the person's name, a line "title organisation", the pull quote, numbered questions
each followed by its answer, then `FAKTA OM QM` with its text and `KONTAKT` with name, title,
email and a closing line. Questions are matched to a question set by number and wording; text
that fits nowhere is kept in the interview's `notes` and reported as a warning. Nothing is ever
dropped silently.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..article.frontmatter import split_front_matter
from ..article.read.docx import ZIP_MAGIC, read_docx
from ..article.read.docx_package import refuse_other_formats
from ..article.read.found import MATCH, Found, question_key, shared_words, similarity
from ..article.read.markdown import parse_markdown
from ..article.read.plain import parse_plain
from ..article.read.source import ArticleFile
from ..article.read.titles import split_title_line
from ..article.write.markdown import normalise_block, normalised
from ..errors import ArticleError, DocumentError, ImportFileError
from ..filesystem.os_errors import reason
from ..filesystem.reading import read_regular_file
from ..interview.controls import has_controls, remove_controls, without_controls
from ..interview.limits import article_too_large, oversized
from ..interview.model import STATUSES, Answer, Interview, is_uid
from ..interview.questions import QuestionSet, QuestionSets
from ..interview.rules import is_iso_date
from ..interview.search import fold
from .review import review_of

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from ..article.read.tracked import Change

__all__ = [
    "ArticleError",
    "ImportedArticle",
    "duplicate_warnings",
    "match_questions",
    "parse_article",
    "read_import_file",
    "split_title_line",
]


CONTROLS_REMOVED = (
    "control characters (other than newline and tab) were removed: no article can show them, "
    "and a terminal could act on them"
)


@dataclass
class ImportedArticle:
    """The interview read from an article, and what the reader should check."""

    interview: Interview
    warnings: list[str] = field(default_factory=list)
    # What the article itself held (the rest are defaults): name, byline, quote, facts,
    # contact and the metadata keys date, interviewer, status.
    present: frozenset[str] = frozenset()


def parse_article(
    text: str, sets: QuestionSets, hints: dict[str, str] | None = None
) -> ImportedArticle:
    """Read an article and build a new interview from it; ArticleError (saying why) if `text`
    is not one. `hints` are metadata from outside the text (a Word file's properties)."""
    return build_interview(read_article(text, sets, hints), sets)


def read_article(text: str, sets: QuestionSets, hints: dict[str, str] | None = None) -> Found:
    """What an article holds, read once: fields as written, metadata, the interview it names
    (`identity`), passages it could not place and what the reader should check. Both `import`
    (`build_interview`) and `update` start from this; ArticleError if `text` is not an article.

    Markdown may start with YAML front matter (or end with the older `[qm:…]` lines). `hints`
    are metadata from outside the text (a Word file's properties), used where the text has none.
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ArticleError("the file is empty")
    if "\x00" in text:
        raise ArticleError("not an article: the file holds binary data, not text")

    problem = article_too_large(text)
    if problem is not None:  # before the Markdown parser, whose cost per character is high
        raise ArticleError(problem)
    raw = text
    had_controls = has_controls(text)
    if had_controls:  # removed before reading, so front matter stays valid YAML
        text = remove_controls(text)
    front, text = split_front_matter(text)
    if any(has_controls(k) or has_controls(v) for k, v in front.items()):
        # made by YAML's escapes ("\e", "\x07") after the text was cleaned
        front = {remove_controls(k): remove_controls(v) for k, v in front.items()}
        had_controls = True
    meta = meta_from_front_matter(front)
    found: Found | None = None
    if _first_line(text).startswith("#"):
        found = parse_markdown(text, meta)
    if found is None or not found.questions:
        found = parse_plain(text, sets)
    found.meta = {**(hints or {}), **found.meta, **meta}
    found.identity = {k: front[k] for k in ("id", "uid", "updated") if front.get(k)}
    if not found.questions:
        sample = raw[:4096]
        controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
        if controls > len(sample) // 100:
            raise ArticleError("not an article: the file holds binary data, not text")
        raise ArticleError(
            "not an article: no numbered interview questions found "
            "(expected the layout of a published QM profile, with lines like '1. … ?')"
        )
    if had_controls:
        found.warnings.append(CONTROLS_REMOVED)
    return found


def meta_from_front_matter(front: dict[str, str]) -> dict[str, str]:
    """Front-matter fields as the importer's metadata keys (those of the older `[qm:…]` lines)."""
    meta = {
        k: v for k, v in front.items() if k in ("date", "interviewer", "status", "notes", "uid")
    }
    if "contact" in front:
        meta["contact"] = front["contact"]
    if front.get("question_set"):
        meta["set"] = front["question_set"]
    title, organisation = front.get("title", ""), front.get("organisation", "")
    if title and organisation:
        meta["title"] = title
    elif title or organisation:
        meta["byline"] = "title" if title else "organisation"
    return meta


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.lstrip()
    return ""


BY_NUMBER = 0.45  # how alike a question must be to the set question of its own number


MAX_FUZZY_PAIRS = 2_500  # article × known questions compared by wording (a profile has 5–20)


def match_questions(
    questions: Sequence[str], targets: Sequence[str], by_number: bool = True
) -> list[int | None]:
    """For each article question, the index of the set question it is.

    First by wording (questions the article kept close to the set's, wherever they stand), then
    by number: a question an editor shortened or reworded is the set question of its number when
    it shares its words or when the article has as many questions as the set. Exact wording is
    matched first through a dict; the comparison by wording is skipped when there are more than
    MAX_FUZZY_PAIRS pairs to compare (thousands of questions are no interview, and comparing
    them all would take minutes).
    """
    keys = [question_key(q) for q in targets]
    asked = [question_key(q) for q in questions]
    used: set[int] = set()
    out: list[int | None] = [None] * len(questions)
    free: dict[str, list[int]] = {}
    for j in reversed(range(len(keys))):
        free.setdefault(keys[j], []).append(j)
    for n, key in enumerate(asked):
        slots = free.get(key)
        if slots:
            j = slots.pop()
            out[n] = j
            used.add(j)
    if len(asked) * len(keys) <= MAX_FUZZY_PAIRS:
        for n, key in enumerate(asked):
            if out[n] is not None:
                continue
            best, best_score = None, 0.0
            for j, k in enumerate(keys):
                if j in used:
                    continue
                bonus = 0.02 if j == n else 0.0
                score = similarity(key, k, MATCH - bonus) + bonus
                if score > best_score:
                    best, best_score = j, score
            if best is not None and best_score >= MATCH:
                used.add(best)
                out[n] = best
    if by_number:
        for n, key in enumerate(asked):
            if (
                out[n] is None
                and n < len(keys)
                and n not in used
                and (
                    len(questions) == len(keys)
                    or similarity(key, keys[n], BY_NUMBER) >= BY_NUMBER
                    or shared_words(key, keys[n]) >= 0.5
                )
            ):
                used.add(n)
                out[n] = n
    return out


def _choose_set(found: Found, sets: QuestionSets) -> QuestionSet:
    by_meta = sets.get(found.meta.get("set", ""))
    if by_meta is not None:
        return by_meta
    questions = [q for q, _ in found.questions]
    best, best_score = sets.default(), -1.0
    for qs in sets.sets.values():
        matched = match_questions(questions, qs.questions, by_number=False)
        score = sum(1 for m in matched if m is not None)
        if score > best_score or (score == best_score and qs.id == sets.default().id):
            best, best_score = qs, score
    return best


def build_interview(found: Found, sets: QuestionSets) -> ImportedArticle:
    """A new interview from what an article holds, matched to the question set it fits best."""
    warnings = [w for w in found.warnings if w != CONTROLS_REMOVED]
    own = "set" in found.meta  # exported by qm-tui: the article lists exactly its questions
    qs = _choose_set(found, sets)
    set_id = found.meta.get("set") or qs.id
    matched = match_questions([q for q, _ in found.questions], qs.questions)
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
    title, organisation = split_byline(byline, found.meta, warnings)
    facts, contact = found.facts, found.contact
    if facts is None:
        facts = qs.facts
        warnings.append(f"no facts box ({qs.facts.heading or 'FAKTA'}); the set's text is used")
    if contact is None:
        contact = qs.contact
        warnings.append(f"no contact box ({qs.contact.heading or 'KONTAKT'}); the set's is used")
    if not found.quote:
        warnings.append("no pull quote found")
    notes = notes_of(found, warnings)
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
        if is_iso_date(date):
            interview = replace(interview, date=date)
        else:
            warnings.append(f"ignored an invalid date {date!r}; using today")
    uid = found.meta.get("uid")
    if uid:
        if is_uid(uid):
            interview = replace(interview, uid=uid)
        else:
            warnings.append(f"ignored an invalid uid {uid[:40]!r}; the interview gets a new one")
    interview = normalised(interview)
    status = found.meta.get("status", "")
    if status not in STATUSES:
        status = "draft"  # settled below: `complete` when nothing is missing
    present = {k for k in ("date", "interviewer", "status") if found.meta.get(k)}
    present |= {"name"} if found.name else set()
    present |= {"byline"} if byline.strip() else set()
    present |= {"quote"} if found.quote else set()
    present |= {"facts"} if found.facts is not None else set()
    present |= {"contact"} if found.contact is not None else set()
    if CONTROLS_REMOVED in found.warnings:
        warnings.append(CONTROLS_REMOVED)
    interview = replace(interview, status=status).with_status()  # as the store will write it
    return ImportedArticle(interview, warnings, frozenset(present))


def notes_of(found: Found, warnings: list[str]) -> str:
    """The notes an article brings: its own (front matter) and the passages that could not be
    placed, named in a warning."""
    notes = found.meta.get("notes", "")
    unplaced = [normalise_block(u) for u in found.unplaced if u.strip()]
    if unplaced:
        warnings.append(
            f"{len(unplaced)} passage(s) could not be placed and were kept in the notes: "
            + "; ".join(repr(u[:40] + ("…" if len(u) > 40 else "")) for u in unplaced)
        )
        notes = "\n\n".join([notes, *unplaced] if notes else unplaced)
    return notes


def split_byline(byline: str, meta: dict[str, str], warnings: list[str]) -> tuple[str, str]:
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


def read_article_file(path: Path, sets: QuestionSets) -> ArticleFile:
    """What an article file holds (UTF-8 text, or a Word .docx with its tracked changes and
    comments); ImportFileError naming the file if it cannot be read.

    Only regular files are read (a FIFO or a device is refused, never waited on).
    """
    try:
        raw, _ = read_regular_file(path)
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {reason(exc)}") from None
    try:
        refuse_other_formats(raw)
        if raw.startswith(ZIP_MAGIC):
            content = read_docx(raw, set(sets.sets))
            return ArticleFile(path, dict(content.hints), docx=content)
    except ArticleError as exc:  # the app words the kinds it knows (pdf, odt, …) itself
        raise ImportFileError(f"{path}: {exc}", code=exc.code, path=str(path)) from None
    try:
        return ArticleFile(path, plain=raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFileError(f"{path}: not UTF-8 text") from None


def read_import_file(
    path: Path, sets: QuestionSets, track_changes: str = "accept"
) -> tuple[list[Interview], list[str]]:
    """Interviews in a JSON file (one document or a list) or in an article (text, Markdown or
    Word, its tracked changes accepted or rejected as `track_changes` says, its comments kept
    as the interview's review); plus warnings. Control characters other than newline and tab
    are removed from every text, with a warning."""
    return read_import(read_article_file(path, sets), sets, track_changes)[:2]


def read_import(
    source: ArticleFile, sets: QuestionSets, track_changes: str = "accept"
) -> tuple[list[Interview], list[str], list[tuple[str, Change]]]:
    """`read_import_file` for a file already read, plus its tracked changes with the field
    each lies in."""
    path = source.path
    text = source.text(None if track_changes == "accept" else ())
    if text.lstrip()[:1] in ("{", "["):
        return (*_json_interviews(path, text), [])
    try:
        found = read_article(text, sets, source.hints)
        result = build_interview(found, sets)
    except ArticleError as exc:
        raise ImportFileError(f"{path}: {exc}") from None
    _refuse_oversized(result.interview, str(path))

    everything = found  # marks are placed in the text with every change accepted
    if track_changes != "accept" and source.changes:
        with contextlib.suppress(ArticleError):
            everything = read_article(source.text(), sets, source.hints)
    marks = review_of(source, sets, everything)
    warnings = [*result.warnings, *marks.warnings]
    # The warnings stay with the interview, so the editor can show what to check.
    interview = replace(result.interview, import_warnings=tuple(warnings), review=marks.comments)
    return [interview], [f"{path}: {w}" for w in warnings], marks.changes


def _json_interviews(path: Path, text: str) -> tuple[list[Interview], list[str]]:
    try:
        data = json.loads(text)
    except RecursionError:
        raise ImportFileError(f"{path}: its JSON is nested too deeply") from None
    except ValueError as exc:  # also a number of thousands of digits
        raise ImportFileError(f"{path}: not valid JSON ({exc})") from None
    items = data if isinstance(data, list) else [data]
    if not items:
        raise ImportFileError(f"{path}: the list holds no interviews")
    interviews = []
    warnings = []
    for n, item in enumerate(items, 1):
        where = f" (interview {n})" if isinstance(data, list) else ""
        try:
            interview = Interview.from_dict(item)
        except DocumentError as exc:
            raise ImportFileError(f"{path}{where}: invalid interview document: {exc}") from None
        clean = without_controls(interview)
        if clean != interview:
            warnings.append(f"{path}{where}: {CONTROLS_REMOVED}")
        _refuse_oversized(clean, f"{path}{where}")
        interviews.append(clean)
    return interviews, warnings


def _refuse_oversized(interview: Interview, where: str) -> None:
    """ImportFileError when the interview is beyond what the editor can edit (`limits`)."""
    problem = oversized(interview)
    if problem is not None:
        raise ImportFileError(f"{where}: {problem}")


def _sameness(iv: Interview) -> tuple[str, ...] | None:
    """What makes two interviews the same one: name, organisation and answers, compared
    without case, accents or whitespace differences. None for an interview with nothing typed."""

    def key(text: str) -> str:
        return " ".join(fold(text).split())

    parts = (key(iv.name), key(iv.organisation), *(key(a.answer) for a in iv.answers))
    return parts if any(parts[:2]) and any(parts[2:]) else None


def duplicate_warnings(stored: list[tuple[int, Interview]], new_ids: Iterable[int]) -> list[str]:
    """Warnings for the just-imported `new_ids` that repeat another stored interview (same name,
    organisation and answers, the lowest such id named); nothing is refused, the user decides."""
    first: dict[tuple[str, ...], int] = {}
    keys: dict[int, tuple[str, ...]] = {}
    for interview_id, iv in sorted(stored, key=lambda item: item[0]):
        key = _sameness(iv)
        if key is not None:
            first.setdefault(key, interview_id)
            keys[interview_id] = key
    warnings = []
    for interview_id in new_ids:
        key = keys.get(interview_id)
        if key is not None and first[key] != interview_id:
            warnings.append(
                f"interview {interview_id} repeats interview {first[key]} "
                "(same name, organisation and answers)"
            )
    return warnings
