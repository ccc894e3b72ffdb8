"""Reading this tool's own Markdown export (and hand-edited copies of it) back."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...interview.model import Contact, Facts
from ..write.markdown import META_PREFIX, commonmark_parser, is_question_paragraph
from .found import Found, read_contact

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["parse_markdown"]


def _inline_text(inline: Token) -> str:
    """The visible text of an inline token: text as shown, line breaks as newlines."""
    parts = []
    for child in inline.children or ():
        if child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline_text(child))
        elif child.nesting == 0:
            parts.append(child.content)
    return "".join(parts)


def _block_text(tokens: list[Token]) -> str:
    """The visible text of a run of block tokens, paragraphs separated by blank lines."""
    return "\n\n".join(_inline_text(t) for t in tokens if t.type == "inline") + "".join(
        f"\n\n{t.content.rstrip()}" for t in tokens if t.type in ("fence", "code_block")
    )


def _top_blocks(tokens: list[Token]) -> list[list[Token]]:
    """Tokens grouped into the document's top-level blocks."""
    blocks: list[list[Token]] = []
    depth = 0
    for tok in tokens:
        if depth == 0:
            blocks.append([])
        blocks[-1].append(tok)
        depth += tok.nesting
    return blocks


def parse_markdown(text: str, meta: dict[str, str] | None = None) -> Found | None:
    """What an article in our Markdown layout holds; None if it does not start with a `# name`.

    `meta` is what the front matter said; older exports carry it in `[qm:key]` references.
    """
    env: dict[str, dict[str, dict[str, str]]] = {}
    tokens = commonmark_parser().parse(text, env)
    found = Found(meta=dict(meta or {}))
    prefix = META_PREFIX.upper()
    for label, ref in env.get("references", {}).items():
        if label.startswith(prefix):
            found.meta[label[len(prefix) :].lower()] = ref.get("title", "")
    blocks = _top_blocks(tokens)
    if not blocks or blocks[0][0].type != "heading_open" or blocks[0][0].tag != "h1":
        return None
    found.name = _inline_text(blocks[0][1])
    section = "header"
    answer: list[str] = []
    boxes: list[list[Token]] = []
    for block in blocks[1:]:
        first = block[0]
        kind = first.type
        if kind == "hr" and section != "boxes":
            section = "boxes"
        elif section == "boxes":
            if kind == "blockquote_open" and len(boxes) < 2:
                boxes.append(block)
            else:
                found.unplaced.append(_block_text(block))
        elif kind == "paragraph_open" and is_question_paragraph(block[1]):
            question = _inline_text(block[1])
            question = re.sub(r"^\d+\.\s*", "", question, count=1)
            found.questions.append((question, ""))
            section, answer = "answers", []
        elif section == "answers":
            answer.append(_block_text(block))
            found.questions[-1] = (found.questions[-1][0], "\n\n".join(answer))
        elif kind == "paragraph_open" and not found.byline and not found.quote:
            found.byline = _inline_text(block[1])
        elif kind == "blockquote_open" and not found.quote:
            found.quote = _block_text(block)
        else:
            found.unplaced.append(_block_text(block))
    for n, box in enumerate(boxes):
        heading, body = "", box[1:-1]
        if body and body[0].type == "heading_open":
            heading, body = _inline_text(body[1]), body[3:]
        paras = [_inline_text(t) for t in body if t.type == "inline"]
        if n == 0:
            found.facts = Facts(heading, "\n\n".join(paras))
        else:
            # Our own export lists name, title and email unless its metadata says otherwise.
            keys = found.meta.get("contact", "name title email" if "set" in found.meta else None)
            found.contact = read_contact(heading, paras, keys, found.warnings)
    if found.facts is None and "set" in found.meta:
        found.facts = Facts()
    if found.contact is None and "set" in found.meta:
        found.contact = Contact()
    return found
