"""Question sets: the interview questions, facts box and contact box, kept as TOML data files.

Sets ship inside the package (`qm_tui/questions/`, built from the repository's `questions/`) and
can be added by dropping a TOML file into the user's config folder. A malformed file is reported
with its name and the problem; the other sets still load.

The set a new interview starts with is chosen apart from the interface language: `qm-sv`, unless
`--set ID`, `$QM_TUI_SET` or `question_set` in the config file says otherwise (`chosen_set_id`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import qm_tui  # the package's own folder, wherever this module lies in it

from ..errors import QuestionSetError
from ..filesystem.os_errors import reason
from ..filesystem.reading import read_regular_file
from ..settings.config import DEFAULT_SET, chosen_set_id
from ..settings.locations import user_sets_dir
from .limits import MAX_QUESTIONS
from .model import Answer, Contact, Facts, Interview

__all__ = [
    "DEFAULT_SET",
    "QuestionSet",
    "QuestionSets",
    "builtin_dir",
    "chosen_set_id",
    "load_question_sets",
    "parse_question_set",
]


@dataclass(frozen=True)
class QuestionSet:
    """A named list of questions with the facts and contact boxes that go with them."""

    id: str
    title: str
    lang: str
    questions: tuple[str, ...]
    facts: Facts
    contact: Contact
    source: Path | None = field(default=None, compare=False)
    words: tuple[str, ...] = ()
    """Extra words the spell checker accepts for interviews on this set (names, terms)."""

    def new_interview(self, **texts: str) -> Interview:
        """A blank interview on this set, with its own copy of the facts and contact defaults;
        `texts` fills in text fields (name, title, organisation, date, interviewer, quote)."""
        blank = Interview(
            question_set=self.id,
            answers=tuple(Answer(question=q) for q in self.questions),
            facts=self.facts,
            contact=self.contact,
        )
        fields: dict[str, Any] = dict(texts)
        return replace(blank, **fields) if fields else blank

    def with_boxes_reset(self, interview: Interview) -> Interview:
        """A copy of `interview` with the facts and contact boxes as this set has them."""
        return replace(interview, facts=self.facts, contact=self.contact)


@dataclass
class QuestionSets:
    """All loaded sets by id, plus the problems found in files that did not load."""

    sets: dict[str, QuestionSet]
    errors: list[str]

    def get(self, set_id: str) -> QuestionSet | None:
        """The set with this id, or None."""
        return self.sets.get(set_id)

    def default(self, lang: str = "sv") -> QuestionSet:
        """The standard QM set for a UI language (falls back to any set)."""
        for candidate in (f"qm-{lang}", DEFAULT_SET):
            if candidate in self.sets:
                return self.sets[candidate]
        if not self.sets:
            raise QuestionSetError("no question sets could be loaded")
        return next(iter(self.sets.values()))

    def lang_of(self, set_id: str) -> str:
        """The language of a set, `sv` when the set is unknown."""
        qs = self.sets.get(set_id)
        return qs.lang if qs else "sv"

    def ordered(self) -> list[QuestionSet]:
        """Every set, the standard one first, then by id (for choosers and listings)."""
        return sorted(self.sets.values(), key=lambda qs: (qs.id != DEFAULT_SET, qs.id))

    def require(self, set_id: str, source: str = "") -> QuestionSet:
        """The set with this id; QuestionSetError naming the known ones if there is none."""
        qs = self.sets.get(set_id)
        if qs is None:
            known = ", ".join(q.id for q in self.ordered()) or "none could be loaded"
            where = f" (from {source})" if source else ""
            raise QuestionSetError(
                f"unknown question set {set_id!r}{where}; known: {known}",
                code="set.unknown",
                set=set_id,
                source=source or "-",
                known=known,
            )
        return qs

    def for_new_interviews(self, cli_set: str | None = None) -> QuestionSet:
        """The set `n` and new interviews start with (see `chosen_set_id`)."""
        set_id, source = chosen_set_id(cli_set)
        if source == "default" and set_id not in self.sets:
            return self.default()
        return self.require(set_id, source)

    def switch(self, interview: Interview, set_id: str) -> Interview:
        """`interview` moved to another set, possible while no answer is typed.

        The questions become the new set's. The boxes follow the set too, unless they were
        edited (they differ from the old set's), which is kept.
        """
        new = self.require(set_id)
        if interview.answered:
            raise QuestionSetError(
                "the question set cannot change once an answer is typed", code="set.locked"
            )
        old = self.sets.get(interview.question_set)
        moved = replace(
            interview,
            question_set=new.id,
            answers=tuple(Answer(q) for q in new.questions),
        )
        untouched = old is None or (interview.facts, interview.contact) == (old.facts, old.contact)
        return new.with_boxes_reset(moved) if untouched else moved


def builtin_dir() -> Path:
    """The folder holding the sets shipped with qm-tui (inside the wheel, or the source tree)."""
    package = Path(qm_tui.__file__).resolve().parent
    packaged = package / "questions"
    if packaged.is_dir():
        return packaged
    return package.parent / "questions"


def parse_question_set(text: str, source: Path | None = None) -> QuestionSet:
    """Parse one TOML question set; raise QuestionSetError saying what is wrong."""
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise QuestionSetError("not a question set: nested too deeply") from None
    except ValueError as exc:  # TOMLDecodeError, or a number of thousands of digits
        raise QuestionSetError(f"not valid TOML: {exc}") from None
    set_id = _required_str(data, "id")
    questions = data.get("questions")
    if (
        not isinstance(questions, list)
        or not questions
        or not all(isinstance(q, str) and q.strip() for q in questions)
    ):
        raise QuestionSetError("'questions' must be a non-empty list of non-empty strings")

    if len(questions) > MAX_QUESTIONS:
        raise QuestionSetError(
            f"{len(questions):,} questions; a set holds at most {MAX_QUESTIONS} "
            "(a profile has five)"
        )
    facts = _table(data, "facts", ("heading", "text"))
    contact = _table(data, "contact", ("heading", "name", "title", "email", "note"))
    words = data.get("words", [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise QuestionSetError("'words' must be a list of strings")
    return QuestionSet(
        id=set_id,
        title=_optional_str(data, "title") or set_id,
        lang=_optional_str(data, "lang") or "sv",
        questions=tuple(q.strip() for q in questions),
        facts=Facts(**facts),
        contact=Contact(**contact),
        source=source,
        words=tuple(w.strip() for w in words if w.strip()),
    )


def load_question_sets(dirs: Iterable[Path] | None = None) -> QuestionSets:
    """Load every `*.toml` set from the built-in folder, then the user folder (later ids win).

    A file that cannot be used (not a regular file, not UTF-8, broken TOML, nested too deeply)
    is skipped and named in `errors`; the other sets load.
    """
    folders = list(dirs) if dirs is not None else [builtin_dir(), user_sets_dir()]
    sets: dict[str, QuestionSet] = {}
    errors: list[str] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                raw, _ = read_regular_file(path)
                qs = parse_question_set(raw.decode("utf-8"), source=path)
            except OSError as exc:
                errors.append(f"{path}: cannot read it: {reason(exc)}")
                continue
            except UnicodeDecodeError:
                errors.append(f"{path}: not UTF-8 text")
                continue
            except QuestionSetError as exc:
                errors.append(f"{path}: {exc}")
                continue
            sets[qs.id] = qs
    return QuestionSets(sets=sets, errors=errors)


def _required_str(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise QuestionSetError(f"missing or empty {key!r}")
    return value.strip()


def _optional_str(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise QuestionSetError(f"{key!r} must be a string")
    return value.strip()


def _table(data: dict[str, Any], key: str, fields: tuple[str, ...]) -> dict[str, str]:
    raw = data.get(key, {})
    if not isinstance(raw, dict):
        raise QuestionSetError(f"[{key}] must be a table")
    out = {}
    for f in fields:
        value = raw.get(f, "")
        if not isinstance(value, str):
            raise QuestionSetError(f"[{key}] {f!r} must be a string")
        out[f] = value
    return out
