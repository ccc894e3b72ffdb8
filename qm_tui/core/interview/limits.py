"""Sizes the app can edit: what an import may bring in.

A QM profile is five answers of 50–300 words, about 1,500 words in all. Textual's soft-wrapping
text area re-wraps the whole paragraph at each key, so a key costs time in proportion to the
paragraph's length (measured: 0.2 s a key at 20,000 characters, 1 s at 100,000, 9–14 s at 1 MB);
the editor builds one step per question, so a set of 10,000 questions made each key in the name
take seconds. The limits below are far above any real interview and keep every key quick:

- a paragraph (text between line breaks) of at most MAX_PARAGRAPH characters, a whole profile
  written as one paragraph;
- at most MAX_QUESTIONS questions in an interview or a question set;
- an article (Markdown, text or a Word file's text) of at most MAX_ARTICLE characters.

An import or update that brings more is refused with one line saying which text and the limit
(nothing is written); a question set with more is skipped with a warning like any broken set.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Interview

__all__ = ["MAX_ARTICLE", "MAX_PARAGRAPH", "MAX_QUESTIONS", "article_too_large", "oversized"]

MAX_PARAGRAPH = 10_000  # characters between two line breaks
MAX_QUESTIONS = 100
# characters of an article read by import and update: a profile is about 15,000; markdown-it
# needs up to 90 µs a character on hostile text (a run of `[`), so this keeps any read short
MAX_ARTICLE = 256_000


def article_too_large(text: str) -> str | None:
    """Why `text` is too large to read as an article (None when it is not): more than
    MAX_ARTICLE characters, or a line (a paragraph) of more than MAX_PARAGRAPH plus room for
    its markup. Checked before parsing, so a hostile article costs no parse at all."""
    if len(text) > MAX_ARTICLE:
        return (
            f"{len(text):,} characters is more than an article (at most {MAX_ARTICLE:,}; "
            "a profile is about 15,000)"
        )
    longest = max(map(len, text.splitlines()), default=0)
    if longest > MAX_PARAGRAPH + 1_000:
        return (
            f"a paragraph of {longest:,} characters; the editor takes at most {MAX_PARAGRAPH:,} "
            "(a whole profile); break it into paragraphs"
        )
    return None


def oversized(interview: Interview) -> str | None:
    """What in `interview` is beyond the limits, in words (None when it is within them)."""
    if len(interview.answers) > MAX_QUESTIONS:
        return (
            f"it has {len(interview.answers):,} questions; an interview holds at most "
            f"{MAX_QUESTIONS} (a profile has five)"
        )
    for field, value in _texts(interview.to_dict(), ""):
        if len(value) > MAX_PARAGRAPH:
            longest = max(len(p) for p in value.splitlines())
            if longest > MAX_PARAGRAPH:
                return (
                    f"{field or 'a text'} has a paragraph of {longest:,} characters; the editor "
                    f"takes at most {MAX_PARAGRAPH:,} (a whole profile); break it into paragraphs"
                )
    return None


def _texts(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(where, text) for every string in a document: `answers 2 answer`, `facts text`, …"""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, f"{path} {key}".strip())
    elif isinstance(value, list):
        for n, item in enumerate(value, 1):
            yield from _texts(item, f"{path} {n}".strip())
