"""The published article as CommonMark, the source the HTML is rendered from.

Layout::

    ---
    id: "7"
    name: "Nils-Petter Nilsson"
    question_set: "qm-sv"
    date: "2026-11-27"
    …
    ---

    # Name

    title organisation

    > pull quote

    **1. Question**

    Answer paragraphs …

    ---

    > ## FAKTA OM QM
    >
    > Facts text

    > ## KONTAKT
    >
    > Contact name\\
    > Contact title\\
    > email
    >
    > Closing line

The YAML front matter (`frontmatter.py`; left out with `meta=False`) carries what the visible text
does not (id, question set, date, interviewer, status, where the title ends and the organisation
starts, import notes), so that importing an export gives back the interview. Older exports put
this in trailing `[qm:key]: # "value"` reference definitions; the importer still reads those.

Typed text is shown exactly as typed: Markdown syntax is backslash-escaped, single line breaks
become hard breaks, blank lines separate paragraphs. What the article cannot show is normalised
(see `normalised`): spaces at the start and end of lines, runs of blank lines, line breaks in
one-line fields (names, titles, headings, questions) and control characters other than newline and
tab (`remove_controls`, applied here so that every format built on these functions drops them).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from ...interview.controls import remove_controls
from ...interview.model import Answer, Contact, Facts, Interview
from ..frontmatter import dump_front_matter

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from ...publish.export import ExportOptions

__all__ = [
    "META_PREFIX",
    "commonmark_parser",
    "escape_markdown",
    "export",
    "is_question_paragraph",
    "normalise_block",
    "normalise_line",
    "normalised",
    "render_markdown",
]

META_PREFIX = "qm:"

# ASCII punctuation that can start inline syntax anywhere in a line (CommonMark and GFM).
_ANYWHERE = re.compile(r"([\\`*_\[\]<&#|~])")
# Block syntax at the start of a line: quote, list bullets, setext underlines, ordered lists.
_LINE_START = re.compile(r"^(?:([>+=-])|(\d+)([.)]))", re.MULTILINE)
_NUMBERED = re.compile(r"(\d+)\.(?:\s|$)")
_BLANK_RUNS = re.compile(r"\n{2,}")


def normalise_line(text: str) -> str:
    """A one-line field as the article shows it: whitespace runs with line breaks, ends stripped."""
    text = remove_controls(text)
    if "\n" in text or "\r" in text:
        text = " ".join(p.strip() for p in re.split(r"\r\n|\r|\n", text) if p.strip())
    return text.strip()


def normalise_block(text: str) -> str:
    """A multi-line field as the article shows it.

    Lines lose leading and trailing whitespace, blank-line runs become one paragraph break, and
    blank lines at the start and end go.
    """
    text = remove_controls(text)
    if "\n" not in text and "\r" not in text:
        return text.strip()  # one line: what the steps below give, without them
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.strip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")


def normalised(interview: Interview) -> Interview:
    """The interview with every text field as its article shows it (what an import gives back)."""
    line, block = normalise_line, normalise_block
    return replace(
        interview,
        name=line(interview.name),
        title=line(interview.title),
        organisation=line(interview.organisation),
        interviewer=line(interview.interviewer),
        quote=block(interview.quote),
        answers=tuple(Answer(line(a.question), block(a.answer)) for a in interview.answers),
        facts=Facts(line(interview.facts.heading), block(interview.facts.text)),
        contact=Contact(
            heading=line(interview.contact.heading),
            name=line(interview.contact.name),
            title=line(interview.contact.title),
            email=line(interview.contact.email),
            note=block(interview.contact.note),
        ),
        notes=remove_controls(interview.notes),
    )


def escape_markdown(text: str) -> str:
    """Backslash-escape `text` (already normalised) so that CommonMark shows it literally."""
    if not text:
        return text
    if _ANYWHERE.search(text) is not None:  # `sub` with a template costs more than a search
        text = _ANYWHERE.sub(r"\\\1", text)
    if "\n" not in text and _LINE_START.match(text) is None:
        return text  # one line, not starting with block syntax (`^` is only tried at 0)
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(m: re.Match[str]) -> str:
    if m.group(1):
        return "\\" + m.group(1)
    return f"{m.group(2)}\\{m.group(3)}"


def _paragraphs(text: str, prefix: str = "") -> list[str]:
    """Markdown paragraphs of a normalised block; single line breaks become hard breaks."""
    if "\n" not in text:  # one line: what the loop below gives, without the splits
        return [prefix + escape_markdown(text) if prefix else escape_markdown(text)]
    out = []
    for para in text.split("\n\n"):
        lines = escape_markdown(para).split("\n")
        out.append("\\\n".join(prefix + ln if prefix else ln for ln in lines))
    return out


def _quoted(blocks: list[str]) -> str:
    """Blocks inside a block quote, separated by `>` lines."""
    lines: list[str] = []
    for i, block in enumerate(blocks):
        if i:
            lines.append(">")
        lines.extend(f"> {ln}" if ln else ">" for ln in block.split("\n"))
    return "\n".join(lines)


def render_markdown(
    interview: Interview, meta: bool = True, interview_id: int | None = None
) -> str:
    """The article as CommonMark: name, title line, pull quote, numbered Q&A, facts and contact.

    With `meta`, YAML front matter first carries what the visible text does not (id, question
    set, date, interviewer, status, where the title ends and the organisation starts, and the
    uid that names the interview in every copy of the database).
    """
    iv = interview
    line, block = normalise_line, normalise_block
    out = [f"# {escape_markdown(line(iv.name))}".rstrip()]
    title, organisation = line(iv.title), line(iv.organisation)
    byline = " ".join(x for x in (title, organisation) if x)
    if byline:
        out.append(escape_markdown(byline))
    quote = block(iv.quote)
    if quote:
        out.append(_quoted(_paragraphs(quote)))
    for n, answer in enumerate(iv.answers, 1):
        question = escape_markdown(line(answer.question))
        out.append(f"**{n}. {question}**" if question else f"**{n}.**")
        text = block(answer.answer)
        if text:
            out.extend(_paragraphs(text))
    facts_heading, facts_text = line(iv.facts.heading), block(iv.facts.text)
    c = iv.contact
    person = [(k, line(v)) for k, v in (("name", c.name), ("title", c.title), ("email", c.email))]
    person = [(k, v) for k, v in person if v]
    contact_heading, note = line(c.heading), block(c.note)
    if facts_heading or facts_text or contact_heading or person or note:
        out.append("---")
        facts = [f"## {escape_markdown(facts_heading)}".rstrip()]
        facts += _paragraphs(facts_text) if facts_text else []
        out.append(_quoted(facts))
        contact = [f"## {escape_markdown(contact_heading)}".rstrip()]
        if person:
            contact.append("\\\n".join(escape_markdown(v) for _, v in person))
        contact += _paragraphs(note) if note else []
        out.append(_quoted(contact))
    body = "\n\n".join(out) + "\n"
    if not meta:
        return body
    fields = {} if interview_id is None else {"id": str(interview_id)}
    uid = getattr(iv, "uid", "")  # interviews carry a uid once issue 21's field is there
    if interview_id is not None and isinstance(uid, str) and uid:
        fields["uid"] = uid
    fields |= {
        "name": line(iv.name),
        "title": title,
        "organisation": organisation,
        "date": iv.date,
        "interviewer": line(iv.interviewer),
        "question_set": iv.question_set,
        "status": iv.status,
    }
    if person and [k for k, _ in person] != ["name", "title", "email"]:
        fields["contact"] = " ".join(k for k, _ in person)
    elif not person and note:
        fields["contact"] = ""
    if iv.notes:
        fields["notes"] = remove_controls(iv.notes)
    if iv.uid:
        fields["uid"] = iv.uid
    if interview_id is not None:  # the version exported: `update` warns of later changes
        fields["updated"] = iv.updated
    return dump_front_matter(fields) + "\n" + body


@cache
def commonmark_parser() -> MarkdownIt:
    """A full CommonMark parser (for reading hand-edited articles); raw HTML off."""
    from markdown_it import MarkdownIt

    # The commonmark preset turns raw HTML on: it must stay off. No linkify, no typographer.
    return MarkdownIt(
        "commonmark", {"html": False, "linkify": False, "typographer": False, "xhtmlOut": False}
    )


# Everything `render_markdown` writes; all other syntax in typed text is escaped. Leaving the
# other rules off makes rendering a third faster and means links, images, autolinks and raw


def is_question_paragraph(inline: Token) -> bool:
    """True for a paragraph that is wholly bold and starts with a number: `**1. Question**`."""
    children = [c for c in inline.children or () if c.content or c.nesting]
    return (
        len(children) >= 3
        and children[0].type == "strong_open"
        and children[-1].type == "strong_close"
        and children[1].type == "text"
        and _NUMBERED.match(children[1].content) is not None
    )


def export(interview: Interview, options: ExportOptions) -> bytes:
    """The `md` export format: `render_markdown` as UTF-8, the text exactly as typed."""
    return render_markdown(interview, options.meta, options.interview_id).encode("utf-8")
