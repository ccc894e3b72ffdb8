"""Reading a Word article (.docx): its text in the plain-text profile layout, plus metadata.

Paragraphs and the paragraphs of table cells (the facts and contact boxes) are read in document
order; line breaks inside a paragraph stay line breaks. Our own export's styles say where the
title ends and the organisation starts, and its document properties give the question set,
interviewer, status and date. Any other Word article is read by its text alone.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ..errors import ArticleError
from .docx import STYLE_NAMES

if TYPE_CHECKING:
    from docx.document import Document

__all__ = ["ZIP_MAGIC", "read_docx"]

ZIP_MAGIC = b"PK\x03\x04"


def read_docx(data: bytes, set_ids: set[str] | None = None) -> tuple[str, dict[str, str]]:
    """(the article's text, metadata hints) of a .docx; ArticleError if it is not one."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ArticleError(f"not a Word document ({exc})") from None
    except Exception as exc:  # a damaged zip or XML: python-docx raises many kinds
        raise ArticleError(f"not a readable Word document ({type(exc).__name__})") from None
    blocks, hints = _blocks(doc)
    props = doc.core_properties
    if set_ids is not None and props.category in set_ids:
        hints["set"] = props.category or ""
        if props.author:
            hints["interviewer"] = props.author
        if props.content_status:
            hints["status"] = props.content_status
        if props.created is not None:
            hints["date"] = props.created.date().isoformat()
        if props.identifier:
            hints["uid"] = props.identifier
    return "\n\n".join(blocks) + "\n", hints


def _blocks(doc: Document) -> tuple[list[str], dict[str, str]]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[str] = []
    hints: dict[str, str] = {}
    for item in doc.iter_inner_content():
        paragraphs = (
            [p for row in item.rows for cell in row.cells for p in cell.paragraphs]
            if isinstance(item, Table)
            else [item]
        )
        for para in paragraphs:
            assert isinstance(para, Paragraph)
            text = para.text.replace("\r", "\n").replace("\u000b", "\n")
            if not text.strip():
                continue
            blocks.append(text)
            if para.style is not None and para.style.name == STYLE_NAMES["byline"]:
                hints |= _byline_hints(para)
    return blocks, hints


def _byline_hints(para: object) -> dict[str, str]:
    """Where the title ends and the organisation starts, from the runs' character styles."""
    parts: dict[str, str] = {}
    for run in getattr(para, "runs", ()):
        name = run.style.name if run.style is not None else ""
        for key in ("title", "organisation"):
            if name == STYLE_NAMES[key]:
                parts[key] = parts.get(key, "") + run.text
    if parts.get("title") and parts.get("organisation"):
        return {"title": parts["title"]}
    if parts:
        return {"byline": next(iter(parts))}
    return {}
