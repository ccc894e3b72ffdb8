"""Safe, readable file names for exported articles: `2026-11-27-nils-petter-nilsson-vaxjo-city.md`.

Names are ASCII (åäö transliterated), lowercase `[a-z0-9-]` only, so they can never hold a path
separator, `..` or a control character, and never collide with a name already taken.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Protocol

MAX_STEM = 80
FALLBACK = "intervju"


class Named(Protocol):
    """What a file name is made of: an `Interview`, or the cheaper `Summary` of one."""

    @property
    def date(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def organisation(self) -> str: ...


# Letters NFKD does not decompose into ASCII.
_SPECIAL = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l",
     "þ": "th", "Þ": "th", "œ": "oe", "Œ": "oe"}
)  # fmt: skip
_HAS_SPECIAL = re.compile(f"[{''.join(map(chr, _SPECIAL))}]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """`text` as lowercase ASCII words joined by single dashes (possibly empty)."""
    if text.isascii():  # nothing to transliterate (dates, many names)
        ascii_text = text
    else:
        if _HAS_SPECIAL.search(text) is not None:  # a search is cheaper than a dict translate
            text = text.translate(_SPECIAL)
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")


def article_stem(interview: Named) -> str:
    """The file name without suffix: date, name and organisation, capped at MAX_STEM characters."""
    stem = "-".join(
        s
        for s in (slugify(interview.date), slugify(interview.name), slugify(interview.organisation))
        if s
    )
    if len(stem) > MAX_STEM:
        stem = stem[:MAX_STEM].rsplit("-", 1)[0] if "-" in stem[:MAX_STEM] else stem[:MAX_STEM]
    return stem.strip("-") or FALLBACK


def article_filename(interview: Named, suffix: str, taken: set[str]) -> str:
    """A file name for the interview's article that is not in `taken` (adds `-2`, `-3`, …).

    `suffix` is a format's suffix from the export table, such as `.md`.
    """
    if not suffix.startswith(".") or not suffix[1:].isalnum():
        raise ValueError(f"not a file suffix: {suffix!r}")
    stem = article_stem(interview)
    name = f"{stem}{suffix}"
    n = 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}{suffix}"
    return name


def assign_filenames(interviews: Iterable[tuple[int, Named]], suffix: str) -> dict[int, str]:
    """A distinct file name per interview id, handed out oldest (lowest id) first.

    Ids are never reused, so an interview keeps its name however the others are edited, and
    the CLI's `export --all` and the app's export agree on every name.
    """
    taken: set[str] = set()
    names: dict[int, str] = {}
    for interview_id, interview in sorted(interviews, key=lambda item: item[0]):
        names[interview_id] = name = article_filename(interview, suffix, taken)
        taken.add(name)
    return names
