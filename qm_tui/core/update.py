"""Taking a corrected article back: the interviewee's or editor's version of an exported article
(docx, txt or md) applied to the interview it came from.

`plan_update` compares the article with the stored interview field by field and says what would
change; `apply_update` saves that through the store, so every replaced value goes to the field's
history exactly as an edit in the app does. Fields the article does not carry (the date in a
text article, say) are left as they are, and so are fields whose only difference is the Swedish
typography the export added (”…” for "…", – for a spaced hyphen) or whitespace the article
cannot show. The app calls the same two functions from the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from .article.markdown import normalise_block, normalise_line
from .article.typography import typeset
from .importing import match_questions, parse_article, read_article_file
from .model import Answer, Contact, Facts, Interview

if TYPE_CHECKING:
    from pathlib import Path

    from .questions import QuestionSets
    from .store import InterviewStore, SaveResult

__all__ = ["FieldChange", "UpdatePlan", "apply_update", "plan_update", "plan_update_from_file"]


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
    """What applying an article would do: the interview to save, its changes, and warnings."""

    interview: Interview
    changes: tuple[FieldChange, ...]
    warnings: tuple[str, ...]


def plan_update_from_file(current: Interview, path: Path, sets: QuestionSets) -> UpdatePlan:
    """`plan_update` for an article file (docx, txt or md); ImportFileError if unreadable."""
    from .errors import ArticleError, ImportFileError

    text, hints = read_article_file(path, sets)
    try:
        return plan_update(current, text, sets, hints)
    except ArticleError as exc:
        raise ImportFileError(f"{path}: {exc}") from None


def plan_update(
    current: Interview, text: str, sets: QuestionSets, hints: dict[str, str] | None = None
) -> UpdatePlan:
    """Compare an article with `current`; ArticleError if `text` is not an article."""
    known = {"set": current.question_set}
    if current.title.strip() and current.organisation.strip():
        known["title"] = normalise_line(current.title)
    article = parse_article(text, sets, {**known, **(hints or {})})
    new, present = article.interview, article.present
    # The article's own matching to a set does not apply here: answers are matched below.
    skip = ("no ", "question ")
    warnings = [w for w in article.warnings if not w.startswith(skip)]
    iv = current
    if "name" in present:
        iv = replace(iv, name=_keep(current.name, new.name, line=True))
    if "byline" in present:
        title = _keep(current.title, new.title, line=True)
        organisation = _keep(current.organisation, new.organisation, line=True)
        iv = replace(iv, title=title, organisation=organisation)
    if "quote" in present:
        iv = replace(iv, quote=_keep(current.quote, new.quote, quote=True))
    if "date" in present:
        iv = replace(iv, date=new.date)
    if "interviewer" in present:
        iv = replace(iv, interviewer=_keep(current.interviewer, new.interviewer, line=True))
    if "status" in present:
        iv = replace(iv, status=new.status)
    answers, answer_warnings = _merge_answers(current.answers, new.answers)
    iv = replace(iv, answers=answers)
    warnings += answer_warnings
    if "facts" in present:
        facts = Facts(
            _keep(current.facts.heading, new.facts.heading, line=True),
            _keep(current.facts.text, new.facts.text),
        )
        iv = replace(iv, facts=facts)
    if "contact" in present:
        old_c, new_c = current.contact, new.contact
        contact = Contact(
            heading=_keep(old_c.heading, new_c.heading, line=True),
            name=_keep(old_c.name, new_c.name, line=True),
            title=_keep(old_c.title, new_c.title, line=True),
            email=_keep(old_c.email, new_c.email, line=True),
            note=_keep(old_c.note, new_c.note),
        )
        iv = replace(iv, contact=contact)
    if new.notes and new.notes != current.notes:
        iv = replace(iv, notes="\n\n".join(x for x in (current.notes, new.notes) if x))
    return UpdatePlan(iv, tuple(_changes(current, iv)), tuple(warnings))


def apply_update(
    store: InterviewStore, interview_id: int, plan: UpdatePlan, base: Interview | None = None
) -> SaveResult | None:
    """Save the planned interview (history keeps each replaced value); None if nothing changes.

    `base` is the version the plan was made from, so a change made meanwhile is reported.
    """
    if not plan.changes:
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
    from .store import flatten

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
