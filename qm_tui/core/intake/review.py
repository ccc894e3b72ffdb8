"""A reviewer's marks in an article file, placed in the interview's fields: each tracked change
and each comment gets the field it lies in (`quote`, `answers.2`, `name` … or `article` when
its paragraph belongs to none), found by the paragraph's text in what the article holds."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import ArticleError
from ..interview.model import ReviewComment

if TYPE_CHECKING:
    from ..article.read.found import Found
    from ..article.read.source import ArticleFile
    from ..article.read.tracked import Change
    from ..interview.questions import QuestionSets

__all__ = ["ReviewMarks", "field_texts", "locate", "review_of"]

OUTSIDE = "article"  # the field of a mark whose paragraph belongs to no field
_MARKS = str.maketrans({"”": '"', "“": '"', "„": '"', "«": '"', "»": '"', "’": "'", "‘": "'",
                        "–": "-", "—": "-", "\u00a0": " ", "\u202f": " "})  # fmt: skip
_NUMBER = re.compile(r"^\d{1,3}\s*[.):]\s*")


@dataclass
class ReviewMarks:
    """Tracked changes with their fields, comments as the interview keeps them, and warnings."""

    changes: list[tuple[str, Change]] = field(default_factory=list)
    comments: tuple[ReviewComment, ...] = ()
    warnings: list[str] = field(default_factory=list)


def _fold(text: str) -> str:
    return " ".join(text.translate(_MARKS).casefold().split())


def field_texts(found: Found) -> list[tuple[str, str]]:
    """(field path, folded text) of everything an article holds, in article order."""
    out = [("name", found.name), ("title", found.byline), ("quote", found.quote)]
    for n, (question, answer) in enumerate(found.questions, 1):
        out += [(f"answers.{n}.question", question), (f"answers.{n}", answer)]
    if found.facts is not None:
        out += [("facts.heading", found.facts.heading), ("facts.text", found.facts.text)]
    if found.contact is not None:
        c = found.contact
        out += [(f"contact.{k}", getattr(c, k)) for k in ("heading", "name", "title", "email")]
        out.append(("contact.note", c.note))
    out += [("notes", u) for u in found.unplaced]
    return [(path, _fold(text)) for path, text in out if text.strip()]


def locate(paragraph: str, fields: list[tuple[str, str]]) -> str:
    """The field holding a paragraph's text (equal first, then containing it, then contained)."""
    text = _fold(paragraph)
    bare = _fold(_NUMBER.sub("", paragraph.strip(), count=1))
    if not text:
        return OUTSIDE
    for path, value in fields:
        if value in (text, bare):
            return path
    for path, value in fields:
        if text in value:
            return path
    best = max(
        ((len(value), path) for path, value in fields if value in text), default=(0, OUTSIDE)
    )
    return best[1]


def review_of(source: ArticleFile, sets: QuestionSets, accepted: Found) -> ReviewMarks:
    """The tracked changes and comments of `source` (a Word file) placed in fields, and the
    warnings of its reading (text it could not place, named).

    `accepted` is what the article holds with every change accepted; deleted text is placed by
    what it holds with every change rejected.
    """
    from .importing import read_article  # importing builds on this module: read in turn

    marks = ReviewMarks()
    docx = source.docx
    if docx is not None:
        marks.warnings = list(docx.warnings)  # what the Word reader could not place
    if docx is None or (not docx.tracked.changes and not docx.comments):
        return marks
    fields_new = field_texts(accepted)
    fields_old = fields_new
    if docx.tracked.changes:
        with contextlib.suppress(ArticleError):  # then deletions are placed by the new text
            fields_old = field_texts(read_article(docx.text(()), sets, source.hints))
    paras_new = docx.tracked.paragraph_texts(accept=True)
    paras_old = docx.tracked.paragraph_texts(accept=False)
    for change in docx.tracked.changes:
        if change.kind == "insert":
            where = locate(paras_new.get(change.paragraph, ""), fields_new)
        else:
            where = locate(paras_old.get(change.paragraph, ""), fields_old)
        marks.changes.append((where, change))
    comments = []
    for comment in docx.comments:
        para = docx.anchors.get(comment.id)
        if para is None:
            where = OUTSIDE
        else:
            where = locate(paras_new.get(para, ""), fields_new)
            if where == OUTSIDE:
                where = locate(paras_old.get(para, ""), fields_old)
        comments.append(
            ReviewComment(
                where,
                comment.author,
                comment.date,
                comment.text,
                comment.resolved,
                reply=bool(comment.parent),
            )
        )
    marks.comments = tuple(comments)
    return marks
