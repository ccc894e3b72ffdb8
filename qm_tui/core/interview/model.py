"""The interview document: one JSON object, alike in the database, `show --json` and `import`.

Plain dataclasses with strict conversion from and to JSON-shaped dicts, so a bad document is
rejected with one clear message before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import DocumentError
from .rules import count_answered, is_filled, is_iso_date
from .status import AUTO_STATUSES, STATUSES

SCHEMA_VERSION = 1
PERSON_FIELDS = ("name", "title", "organisation", "date", "interviewer")

__all__ = [
    "AUTO_STATUSES",
    "STATUSES",
    "Answer",
    "Contact",
    "DocumentError",
    "Facts",
    "Interview",
    "ReviewComment",
    "is_uid",
    "new_uid",
    "now_iso",
    "today_iso",
]

_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass(frozen=True)
class Answer:
    """One question, with its text frozen at interview time, and what was answered."""

    question: str
    answer: str = ""


@dataclass(frozen=True)
class Facts:
    """The facts box printed after the interview (`FAKTA OM QM`)."""

    heading: str = ""
    text: str = ""


@dataclass(frozen=True)
class Contact:
    """The contact box printed last (`KONTAKT`)."""

    heading: str = ""
    name: str = ""
    title: str = ""
    email: str = ""
    note: str = ""


@dataclass(frozen=True)
class ReviewComment:
    """A reviewer's comment kept with the interview (a Word comment, say): the field it is
    about (`quote`, `answers.2` …, or `article`), who wrote it when, and whether it is resolved.
    A `reply` answers the comment before it. Never part of the article."""

    field: str
    author: str = ""
    date: str = ""
    text: str = ""
    resolved: bool = False
    reply: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON-shaped entry of the interview's `review` list."""
        doc: dict[str, Any] = {
            "field": self.field,
            "author": self.author,
            "date": self.date,
            "text": self.text,
            "resolved": self.resolved,
        }
        if self.reply:
            doc["reply"] = True
        return doc


def now_iso() -> str:
    """The current local time as an ISO 8601 timestamp with offset, to the second."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def new_uid() -> str:
    """A fresh random interview uid (a UUID, lowercase, with hyphens)."""
    return str(uuid.uuid4())


def is_uid(value: object) -> bool:
    """True for a uid as qm-tui writes it (a lowercase hyphenated UUID)."""
    return isinstance(value, str) and _UID.fullmatch(value) is not None


def today_iso() -> str:
    """Today's date as YYYY-MM-DD."""
    return dt.date.today().isoformat()


@dataclass(frozen=True)
class Interview:
    """A QM interview with the head of a town-centre organisation."""

    question_set: str
    name: str = ""
    title: str = ""
    organisation: str = ""
    date: str = field(default_factory=today_iso)
    interviewer: str = ""
    quote: str = ""
    answers: tuple[Answer, ...] = ()
    facts: Facts = Facts()
    contact: Contact = Contact()
    status: str = "draft"
    created: str = field(default_factory=now_iso)
    updated: str = field(default_factory=now_iso)
    notes: str = ""  # text an article import could not place (kept in the export's metadata)
    private_notes: str = ""  # the interviewer's own notes ("Anteckningar"): never exported
    import_warnings: tuple[str, ...] = ()  # what the import that made this interview reported
    # the same interview in every copy of the database (ids are only local names); "" for one
    # read from a database written before uids, which gets one on its next write
    uid: str = field(default_factory=new_uid)
    # field path -> when its text last changed (set by the store on save; merges read it)
    changed: tuple[tuple[str, str], ...] = ()
    review: tuple[ReviewComment, ...] = ()  # reviewers' comments (never exported)

    @property
    def answered(self) -> int:
        """How many questions have a non-blank answer."""
        return count_answered(a.answer for a in self.answers)

    def gaps(self) -> tuple[str, ...]:
        """What the article still lacks, as field paths in article order.

        The completeness rule in one place: a name, every answer (`answers.1` …) and a quote.
        The status, the editor's step marks and the review warnings all read it.
        """
        gaps = [] if is_filled(self.name) else ["name"]
        gaps += [f"answers.{n}" for n, a in enumerate(self.answers, 1) if not is_filled(a.answer)]
        gaps += [] if is_filled(self.quote) else ["quote"]
        return tuple(gaps)

    def is_complete(self) -> bool:
        """True when the article has everything it needs (no `gaps()`)."""
        return not self.gaps()

    def with_status(self) -> Interview:
        """A copy whose `status` says whether it is complete (see `settled_status`: an
        approved or published interview keeps its status)."""
        return replace(self, status=self.settled_status())

    def text_of(self, path: str) -> str:
        """The text at a field path: `name`, `quote`, `answers.2` (from 1), `contact.email` …"""
        head, _, rest = path.partition(".")
        if head == "answers" and rest:
            return self.answers[int(rest) - 1].answer
        value = getattr(getattr(self, head), rest) if rest else getattr(self, head)
        if not isinstance(value, str) or head not in _TEXT_PATHS:
            raise KeyError(path)
        return value

    def with_text(self, path: str, text: str) -> Interview:
        """A copy with the text at a field path (see `text_of`) replaced."""
        self.text_of(path)  # KeyError for anything but an editable text
        head, _, rest = path.partition(".")
        if head == "answers":
            return self.with_answer(int(rest) - 1, text)
        if rest:
            changes: dict[str, Any] = {head: replace(getattr(self, head), **{rest: text})}
        else:
            changes = {head: text}
        return replace(self, **changes)

    def with_answer(self, index: int, text: str) -> Interview:
        """A copy with answer `index` replaced."""
        answers = list(self.answers)
        answers[index] = replace(answers[index], answer=text)
        return replace(self, answers=tuple(answers))

    def with_question(self, question: str, index: int | None = None) -> Interview:
        """A copy with an unanswered question inserted before `index` (default: at the end)."""
        question = " ".join(question.split())
        if not question:
            raise DocumentError("a question must not be empty")
        answers = list(self.answers)
        answers.insert(len(answers) if index is None else index, Answer(question))
        return replace(self, answers=tuple(answers))

    def without_question(self, index: int) -> Interview:
        """A copy without question `index` and its answer; an interview keeps at least one."""
        if len(self.answers) <= 1:
            raise DocumentError("an interview keeps at least one question")
        if not 0 <= index < len(self.answers):
            raise DocumentError(f"there is no question {index + 1}")
        return replace(self, answers=self.answers[:index] + self.answers[index + 1 :])

    def with_workflow_status(self, status: str) -> Interview:
        """A copy with another workflow status (one of STATUSES)."""
        _check_status(status)
        return replace(self, status=status)

    def with_chosen_status(self, status: str) -> Interview:
        """A copy with workflow status `status` as the status rule settles it (see
        `settled_status`): asked for `complete` with something missing, or for `draft` with
        everything filled in, it gets the status its text has. The list, the CLI and the
        editor all set a status through here."""
        return self.with_workflow_status(status).with_status()

    def next_status(self) -> str:
        """The next status of the publishing workflow that the rule lets this interview have
        (`complete` is skipped while something is missing; after `published`, `draft` or
        `complete` by what is filled in)."""
        now = self.settled_status()
        status = now
        for _ in STATUSES:
            status = STATUSES[(STATUSES.index(status) + 1) % len(STATUSES)]
            settled = self.with_chosen_status(status).status
            if settled != now:
                return settled
        return now

    def settled_status(self) -> str:
        """The status after an edit: `complete` or `draft` by what is filled in, unless the
        interview was approved or published by hand, which editing does not undo."""
        if self.status not in AUTO_STATUSES:
            return self.status
        return "complete" if self.is_complete() else "draft"

    def to_dict(self) -> dict[str, Any]:
        """The JSON-shaped document (without `id`)."""
        doc: dict[str, Any] = {"schema": SCHEMA_VERSION}
        if self.uid:
            doc["uid"] = self.uid
        doc |= {
            "question_set": self.question_set,
            "name": self.name,
            "title": self.title,
            "organisation": self.organisation,
            "date": self.date,
            "interviewer": self.interviewer,
            "quote": self.quote,
            "answers": [{"question": a.question, "answer": a.answer} for a in self.answers],
            "facts": {"heading": self.facts.heading, "text": self.facts.text},
            "contact": {
                "heading": self.contact.heading,
                "name": self.contact.name,
                "title": self.contact.title,
                "email": self.contact.email,
                "note": self.contact.note,
            },
            "status": self.status,
            "created": self.created,
            "updated": self.updated,
        }
        if self.notes:
            doc["notes"] = self.notes
        if self.private_notes:
            doc["private_notes"] = self.private_notes
        if self.import_warnings:
            doc["import_warnings"] = list(self.import_warnings)
        if self.changed:
            doc["changed"] = dict(self.changed)
        if self.review:
            doc["review"] = [c.to_dict() for c in self.review]
        return doc

    @classmethod
    def from_dict(cls, doc: Any) -> Interview:
        """Validate and convert a document; raise DocumentError naming the first problem.

        Missing optional fields take their defaults; `id`, if present, is ignored.
        """
        if not isinstance(doc, dict):
            raise DocumentError("an interview must be a JSON object")
        schema = doc.get("schema", SCHEMA_VERSION)
        if schema != SCHEMA_VERSION:
            raise DocumentError(
                f"unsupported schema {schema!r} (this version reads {SCHEMA_VERSION})"
            )
        unknown = sorted(doc.keys() - _DOCUMENT_FIELDS)
        if unknown:
            raise DocumentError(f"unknown field {unknown[0]!r}")
        question_set = _text(doc, "question_set", required=True)
        if not question_set.strip():
            raise DocumentError("'question_set' must not be empty")
        date = _text(doc, "date") if "date" in doc else today_iso()
        _check_date(date)
        status = _text(doc, "status", default="draft")
        _check_status(status)
        answers_raw = doc.get("answers", [])
        if not isinstance(answers_raw, list):
            raise DocumentError("'answers' must be a list")
        answers = []
        for i, item in enumerate(answers_raw, 1):
            if not isinstance(item, dict):
                raise DocumentError(f"answer {i} must be an object with 'question' and 'answer'")
            extra = sorted(item.keys() - _ANSWER_FIELDS)
            if extra:
                raise DocumentError(f"answer {i} has an unknown field {extra[0]!r}")
            answers.append(
                Answer(
                    question=_text(item, "question", required=True, where=f"answer {i}"),
                    answer=_text(item, "answer", where=f"answer {i}"),
                )
            )
        facts_raw = _object(doc, "facts", ("heading", "text"))
        contact_raw = _object(doc, "contact", ("heading", "name", "title", "email", "note"))
        warnings_raw = doc.get("import_warnings", [])
        if not isinstance(warnings_raw, list) or not all(isinstance(w, str) for w in warnings_raw):
            raise DocumentError("'import_warnings' must be a list of texts")
        review = _review(doc.get("review", []))
        created = _text(doc, "created") if "created" in doc else now_iso()
        uid = doc.get("uid", "")
        if "uid" in doc and not is_uid(uid):
            raise DocumentError("'uid' must be a UUID (like 1b4e28ba-2fa1-11d2-883f-0016d3cca427)")
        return cls(
            question_set=question_set,
            name=_text(doc, "name"),
            title=_text(doc, "title"),
            organisation=_text(doc, "organisation"),
            date=date,
            interviewer=_text(doc, "interviewer"),
            quote=_text(doc, "quote"),
            answers=tuple(answers),
            facts=Facts(**facts_raw),
            contact=Contact(**contact_raw),
            status=status,
            created=created,
            updated=_text(doc, "updated", default=created),
            notes=_text(doc, "notes"),
            private_notes=_text(doc, "private_notes"),
            import_warnings=tuple(warnings_raw),
            uid=uid,
            changed=_changed(doc),
            review=review,
        )


_DOCUMENT_FIELDS = frozenset(
    "schema id question_set name title organisation date interviewer quote answers facts "
    "contact status created updated notes private_notes import_warnings uid changed review".split()
)
_ANSWER_FIELDS = frozenset(("question", "answer"))
_TEXT_PATHS = frozenset(
    (*PERSON_FIELDS, "quote", "answers", "facts", "contact", "notes", "private_notes")
)


def _text(
    doc: dict[str, Any], key: str, *, required: bool = False, default: str = "", where: str = ""
) -> str:
    if key not in doc:
        if required:
            raise DocumentError(f"{where + ': ' if where else ''}missing field {key!r}")
        return default
    value = doc[key]
    if not isinstance(value, str):
        raise DocumentError(
            f"{where + ': ' if where else ''}{key!r} must be text, not {type(value).__name__}"
        )
    if not value.isascii():
        try:  # UTF-8 refuses exactly the lone surrogates, faster than searching for them
            value.encode("utf-8")
        except UnicodeEncodeError:
            lone = next(c for c in value if "\ud800" <= c <= "\udfff")
            raise DocumentError(
                f"{where + ': ' if where else ''}{key!r} holds a lone surrogate "
                f"(\\u{ord(lone):04x}), which UTF-8 cannot store"
            ) from None
    return value


def _changed(doc: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    raw = doc.get("changed", {})
    if not isinstance(raw, dict):
        raise DocumentError("'changed' must be an object of field paths and times")
    for path, when in raw.items():
        if not isinstance(when, str):
            raise DocumentError(f"'changed' of {path!r} must be a time as text")
        _text(raw, path, where="changed")
    return tuple(sorted(raw.items()))


_REVIEW_TEXTS = ("field", "author", "date", "text")
_REVIEW_FIELDS = frozenset((*_REVIEW_TEXTS, "resolved", "reply"))


def _review(raw: Any) -> tuple[ReviewComment, ...]:
    if not isinstance(raw, list):
        raise DocumentError("'review' must be a list of comments")
    out = []
    for i, item in enumerate(raw, 1):
        where = f"review comment {i}"
        if not isinstance(item, dict):
            raise DocumentError(f"{where} must be an object with 'field', 'author', 'date', 'text'")
        extra = sorted(item.keys() - _REVIEW_FIELDS)
        if extra:
            raise DocumentError(f"{where} has an unknown field {extra[0]!r}")
        field_, author, date, text = (
            _text(item, k, required=k == "field", where=where) for k in _REVIEW_TEXTS
        )
        resolved, reply = (item.get(k, False) for k in ("resolved", "reply"))
        if not isinstance(resolved, bool) or not isinstance(reply, bool):
            raise DocumentError(f"{where}: 'resolved' and 'reply' must be true or false")
        out.append(ReviewComment(field_, author, date, text, resolved, reply))
    return tuple(out)


def _object(doc: dict[str, Any], key: str, fields: tuple[str, ...]) -> dict[str, str]:
    raw = doc.get(key, {})
    if not isinstance(raw, dict):
        raise DocumentError(f"{key!r} must be an object")
    extra = sorted(set(raw) - set(fields))
    if extra:
        raise DocumentError(f"{key!r} has an unknown field {extra[0]!r}")
    return {f: _text(raw, f, where=key) for f in fields}


def _check_status(status: str) -> None:
    if status not in STATUSES:
        raise DocumentError(f"'status' must be one of {', '.join(STATUSES)}, not {status!r}")


def _check_date(value: str) -> None:
    if not is_iso_date(value):
        raise DocumentError(f"'date' must be YYYY-MM-DD, not {value!r}")
