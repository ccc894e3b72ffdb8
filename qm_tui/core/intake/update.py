"""Taking a corrected article back: the interviewee's or editor's version of an exported article
(docx, txt or md) applied to the interview it came from.

The file is read once (`importing.read_article_file`: for a Word file, its text for any choice of
tracked changes and its comments) and parsed into what it holds (`importing.read_article`);
`plan_from_found` compares that with the stored interview field by field and says what would
change, `plan_update_source` adds the tracked changes (each with its field) and the comments new
to the interview, and `apply_update` saves it through the store, so every replaced value goes to
the field's history exactly as an edit in the app does. Fields the article does not carry (the
date in a text article, say) are left as they are, and so are fields whose only difference is the
Swedish typography the export added (”…” for "…", – for a spaced hyphen) or whitespace the article
cannot show. The app calls the same functions from the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from ..article.write.markdown import normalise_block, normalise_line
from ..article.write.typography import typeset
from ..database.store import flatten
from ..errors import ArticleError, ImportFileError
from ..interview.controls import remove_controls
from ..interview.limits import oversized
from ..interview.model import STATUSES, Answer, Contact, Facts, Interview, ReviewComment
from ..interview.rules import is_iso_date
from .importing import match_questions, notes_of, read_article, read_article_file, split_byline
from .review import review_of

if TYPE_CHECKING:
    from collections.abc import Collection
    from pathlib import Path

    from ..article.read.found import Found
    from ..article.read.source import ArticleFile
    from ..article.read.tracked import Change
    from ..database.store import InterviewStore, SaveResult
    from ..interview.questions import QuestionSets

__all__ = [
    "FieldChange",
    "UpdatePlan",
    "apply_update",
    "plan_from_found",
    "plan_update",
    "plan_update_from_file",
    "plan_update_source",
]


@dataclass(frozen=True)
class FieldChange:
    """One field the article changes: its history path (`name`, `answers.2`, …) and values."""

    field: str
    old: str
    new: str

    def short_diff(self, context: int = 4, width: int = 160) -> str:
        """The change in one line: `[-removed-]{+added+}` with a few words around."""
        return short_diff(self.old, self.new, context, width)


@dataclass(frozen=True)
class UpdatePlan:
    """What applying an article would do: the interview to save, its changes, and warnings;
    for a Word file also its tracked changes (with the field each lies in) and the comments
    new to the interview, which saving keeps in its `review` list."""

    interview: Interview
    changes: tuple[FieldChange, ...]
    warnings: tuple[str, ...]
    tracked: tuple[tuple[str, Change], ...] = ()
    comments: tuple[ReviewComment, ...] = ()
    identity: tuple[tuple[str, str], ...] = ()  # the interview the file names: id, uid, updated

    @property
    def saves(self) -> bool:
        """True when applying it writes something: changed fields or new comments."""
        return bool(self.changes or self.comments)


def plan_update_from_file(
    current: Interview,
    path: Path,
    sets: QuestionSets,
    track_changes: str = "accept",
) -> UpdatePlan:
    """`plan_update` for an article file (docx, txt or md); ImportFileError if unreadable.

    A Word file's tracked changes are accepted (`track_changes="reject"`: rejected)."""
    source = read_article_file(path, sets)
    return plan_update_source(current, source, sets, None if track_changes == "accept" else ())


def plan_update_source(
    current: Interview,
    source: ArticleFile,
    sets: QuestionSets,
    accepted: Collection[int] | None = None,
) -> UpdatePlan:
    """`plan_update` for a file already read, with the tracked changes in `accepted` taken
    (None: all) and the others rejected; ImportFileError naming the file if it is no article."""
    try:
        found = read_article(source.text(accepted), sets, _known(current, source.hints))
        everything = found
        if accepted is not None and source.changes:
            everything = read_article(source.text(), sets, _known(current, source.hints))
    except ArticleError as exc:
        raise ImportFileError(f"{source.path}: {exc}") from None
    marks = review_of(source, sets, everything)
    plan = plan_from_found(current, found)
    new = tuple(c for c in marks.comments if c not in current.review)
    interview = replace(plan.interview, review=current.review + new)
    problem = oversized(interview) if plan.changes else None
    if problem is not None:
        raise ImportFileError(f"{source.path}: {problem}")
    return replace(
        plan,
        interview=interview,
        warnings=plan.warnings + tuple(marks.warnings),
        tracked=tuple(marks.changes),
        comments=new,
        identity=tuple({**source.identity, **found.identity}.items()),
    )


def _known(current: Interview, hints: dict[str, str]) -> dict[str, str]:
    """Metadata hints: where the stored title ends (to split the article's title line)."""
    known: dict[str, str] = {}
    if current.title.strip() and current.organisation.strip():
        known["title"] = normalise_line(current.title)
    return {**known, **hints}


def plan_update(
    current: Interview, text: str, sets: QuestionSets, hints: dict[str, str] | None = None
) -> UpdatePlan:
    """Compare an article with `current`; ArticleError if `text` is not an article."""
    return plan_from_found(current, read_article(text, sets, _known(current, hints or {})))


def plan_from_found(current: Interview, found: Found) -> UpdatePlan:
    """Compare what an article holds with `current`, field by field: a field the article does
    not carry, or carries only as the export's typography changed it, is kept as it is."""
    warnings = list(found.warnings)
    line, block = normalise_line, normalise_block
    iv = current
    if found.name:
        iv = replace(iv, name=_keep(current.name, line(found.name), line=True))
    if found.byline.strip():
        new_title, new_org = split_byline(found.byline, found.meta, warnings)
        title = _keep(current.title, line(new_title), line=True)
        organisation = _keep(current.organisation, line(new_org), line=True)
        iv = replace(iv, title=title, organisation=organisation)
    if found.quote:
        iv = replace(iv, quote=_keep(current.quote, block(found.quote), quote=True))
    meta = found.meta
    if meta.get("date"):
        if is_iso_date(meta["date"]):
            iv = replace(iv, date=meta["date"])
        else:
            warnings.append(f"ignored an invalid date {meta['date']!r}")
    if meta.get("interviewer"):
        iv = replace(iv, interviewer=_keep(current.interviewer, line(meta["interviewer"]), True))
    if meta.get("status") in STATUSES:
        iv = replace(iv, status=meta["status"])
    new_answers = tuple(Answer(line(q), block(a)) for q, a in found.questions)
    answers, answer_warnings = _merge_answers(current.answers, new_answers)
    iv = replace(iv, answers=answers)
    warnings += answer_warnings
    if found.facts is not None:
        facts = Facts(
            _keep(current.facts.heading, line(found.facts.heading), line=True),
            _keep(current.facts.text, block(found.facts.text)),
        )
        iv = replace(iv, facts=facts)
    if found.contact is not None:
        old_c, new_c = current.contact, found.contact
        contact = Contact(
            heading=_keep(old_c.heading, line(new_c.heading), line=True),
            name=_keep(old_c.name, line(new_c.name), line=True),
            title=_keep(old_c.title, line(new_c.title), line=True),
            email=_keep(old_c.email, line(new_c.email), line=True),
            note=_keep(old_c.note, block(new_c.note)),
        )
        iv = replace(iv, contact=contact)
    notes = remove_controls(notes_of(found, warnings))
    if notes and notes != current.notes:
        iv = replace(iv, notes="\n\n".join(x for x in (current.notes, notes) if x))
    iv = iv.with_status()  # as the store will write it: `draft` beside a last answer is `complete`
    identity = tuple(found.identity.items())
    return UpdatePlan(iv, tuple(_changes(current, iv)), tuple(warnings), identity=identity)


def apply_update(
    store: InterviewStore, interview_id: int, plan: UpdatePlan, base: Interview | None = None
) -> SaveResult | None:
    """Save the planned interview (history keeps each replaced value, the review list the new
    comments); None if nothing changes.

    `base` is the version the plan was made from, so a change made meanwhile is reported.
    """
    if not plan.saves:
        return None
    return store.save(interview_id, plan.interview, base=base)


def _keep(old: str, new: str, line: bool = False, quote: bool = False) -> str:
    """`old` when `new` only differs by what the export adds or cannot show; else `new`.

    For the pull quote, quotation marks around it are taken as decoration (a plain-text import
    takes them off).
    """
    norm = normalise_line(old) if line else normalise_block(old)
    same = {old, norm, typeset(norm)}
    if quote:
        same |= {s[1:-1].strip() for s in same if len(s) >= 2 and {s[0], s[-1]} <= _QUOTE_MARKS}
    return old if new in same else new


_QUOTE_MARKS = set("\"”“„«»'’‘")


def _merge_answers(
    old: tuple[Answer, ...], new: tuple[Answer, ...]
) -> tuple[tuple[Answer, ...], list[str]]:
    """The stored answers with the article's: matched by number first, then by wording."""
    warnings: list[str] = []
    matched = match_questions([a.question for a in new], [a.question for a in old])
    pairs = {i: j for i, j in enumerate(matched) if j is not None}
    used = set(pairs.values())
    merged = list(old)
    for i, j in pairs.items():
        question = _keep(old[j].question, new[i].question, line=True)
        merged[j] = Answer(question, _keep(old[j].answer, new[i].answer))
    for i, answer in enumerate(new):
        if i not in pairs:
            merged.append(answer)
            warnings.append(
                f"question {i + 1} of the article ({answer.question[:50]!r}) matches no question "
                f"of the interview; added as question {len(merged)}"
            )
    for j in range(len(old)):
        if j not in used and old[j].answer.strip():
            warnings.append(f"question {j + 1} is not in the article; its answer is kept as it was")
    return tuple(merged), warnings


def _changes(old: Interview, new: Interview) -> list[FieldChange]:
    before, after = flatten(old.to_dict()), flatten(new.to_dict())
    for n, (a, b) in enumerate(zip(old.answers, new.answers, strict=False), 1):
        before[f"answers.{n}.question"], after[f"answers.{n}.question"] = a.question, b.question
    for n in range(len(old.answers) + 1, len(new.answers) + 1):
        before[f"answers.{n}.question"] = before[f"answers.{n}"] = ""
        after[f"answers.{n}.question"] = new.answers[n - 1].question
    skip = {"updated", "created"}
    return [
        FieldChange(k, before.get(k, ""), v)
        for k, v in after.items()
        if k not in skip and before.get(k, "") != v
    ]


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


DIFF_WORDS = 1_000  # words of a changed stretch compared word by word; a longer one is summarised


def short_diff(old: str, new: str, context: int = 4, width: int = 160) -> str:
    """`old` → `new` in one line, words removed as `[-…-]` and added as `{+…+}`.

    Linear in the length of the texts, apart from a word-by-word comparison of at most
    DIFF_WORDS words: the words both share at the start and the end are taken off first, and a
    changed stretch longer than that (an answer rewritten whole) is shown as removed and added
    text with its number of words, never compared in quadratic time.
    """
    a, b = old.split(), new.split()
    head = 0
    shortest = min(len(a), len(b))
    while head < shortest and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < shortest - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    end_a, end_b = len(a) - tail, len(b) - tail
    if max(end_a, end_b) - head <= DIFF_WORDS:
        matcher = SequenceMatcher(None, a[head:end_a], b[head:end_b], autojunk=False)
        middle = [
            (tag, i1 + head, i2 + head, j1 + head, j2 + head)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        ]
    else:
        middle = [("replace", head, end_a, head, end_b)]
    ops = [
        op
        for op in [("equal", 0, head, 0, head), *middle, ("equal", end_a, len(a), end_b, len(b))]
        if op[2] > op[1] or op[4] > op[3]
    ]
    out: list[str] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            words = a[i1:i2]
            if len(words) > 2 * context:
                first = words[:context] if n else []
                last = words[-context:] if n < len(ops) - 1 else []
                words = [*first, "…", *last] if first or last else ["…"]
            out += words
            continue
        if i2 > i1:  # each side at most a third of the line, so both are seen
            out.append("[-" + _some_words(a[i1:i2], width // 3) + "-]")
        if j2 > j1:
            out.append("{+" + _some_words(b[j1:j2], width // 3) + "+}")
    if not out and old != new:
        out = ["(whitespace or line breaks changed)"]
    text = _CONTROL.sub("?", " ".join(out))
    return text if len(text) <= width else text[: width - 1] + "…"


def _some_words(words: list[str], width: int) -> str:
    """The words joined, or as many as fit in `width` characters and how many there are."""
    shown: list[str] = []
    size = 0
    for word in words:
        size += len(word) + 1
        if size > width:
            return (" ".join(shown) or word[:width]) + f" … ({len(words):,} words)"
        shown.append(word)
    return " ".join(shown)
