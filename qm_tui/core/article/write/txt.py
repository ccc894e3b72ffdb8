"""The article as plain text in the layout of the printed profiles (`vaxjo-profile.txt`).

No markup at all, so it pastes cleanly into an e-mail, a CMS or a newsletter: the name, the line
"title organisation", the pull quote, each "1. question" followed by its answer, then the facts
box and the contact box. Paragraphs are separated by a blank line, larger parts by three.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .markdown import normalise_block, normalise_line
from .typography import typeset, wants_typography

if TYPE_CHECKING:
    from ...interview.model import Interview
    from ...publish.export import ExportOptions

__all__ = ["export", "render_text"]

_PART = "\n\n\n\n"  # three blank lines between the header, the interview and the boxes


def render_text(interview: Interview, typography: bool = False) -> str:
    """The article as plain text; `typography` sets it with Swedish quotes and dashes."""
    iv = interview
    ts: Callable[[str], str] = typeset if typography else str

    def line(text: str) -> str:
        return ts(normalise_line(text))

    def block(text: str) -> str:
        return ts(normalise_block(text))

    head = [line(iv.name)] if iv.name.strip() else []
    byline = " ".join(x for x in (line(iv.title), line(iv.organisation)) if x)
    head += [byline] if byline else []
    parts = ["\n".join(head)] if head else []
    interview_part = [block(iv.quote)] if iv.quote.strip() else []
    for n, answer in enumerate(iv.answers, 1):
        question = line(answer.question)
        interview_part.append(f"{n}. {question}" if question else f"{n}.")
        text = block(answer.answer)
        if text:
            interview_part.append(text)
    if interview_part:
        parts.append("\n\n".join(interview_part))
    c = iv.contact
    boxes = [x for x in (line(iv.facts.heading), block(iv.facts.text)) if x]
    contact = [x for x in (line(c.heading),) if x]
    person = "\n".join(x for x in (line(c.name), line(c.title), line(c.email)) if x)
    contact += [x for x in (person, block(c.note)) if x]
    boxes += contact
    if boxes:
        parts.append("\n\n".join(boxes))
    return _PART.join(parts) + "\n"


def export(interview: Interview, options: ExportOptions) -> bytes:
    """The `txt` export format: `render_text` as UTF-8, set in Swedish typography for sv sets."""
    typography = wants_typography(options.lang, options.typography)
    return render_text(interview, typography).encode("utf-8")
