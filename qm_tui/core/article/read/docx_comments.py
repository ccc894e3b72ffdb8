"""Word comments: `comments.xml` (author, date, text) and `commentsExtended.xml` (replies and
whether a thread is resolved, Word 2013's `w15:done`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .docx_package import W

if TYPE_CHECKING:
    from lxml.etree import _Element

__all__ = ["WordComment", "read_comments"]

_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
MAX_COMMENTS = 1000


@dataclass(frozen=True)
class WordComment:
    """One comment: `parent` is the id of the comment it answers ("" for a thread's first)."""

    id: str
    author: str
    date: str
    text: str
    resolved: bool = False
    parent: str = ""


def read_comments(comments: _Element | None, extended: _Element | None) -> list[WordComment]:
    """The comments in document order of their ids' appearance in comments.xml."""
    if comments is None:
        return []
    done: dict[str, bool] = {}
    parent_para: dict[str, str] = {}
    for ex in extended.iter(f"{{{_W15}}}commentEx") if extended is not None else ():
        para = ex.get(f"{{{_W15}}}paraId", "")
        done[para] = ex.get(f"{{{_W15}}}done", "0") in ("1", "true")
        if ex.get(f"{{{_W15}}}paraIdParent"):
            parent_para[para] = ex.get(f"{{{_W15}}}paraIdParent", "")
    by_para: dict[str, str] = {}
    raw: list[tuple[str, str, str, str, str]] = []
    for n, el in enumerate(comments.iter(f"{{{W}}}comment")):
        if n >= MAX_COMMENTS:
            break
        paras = el.findall(f"{{{W}}}p")
        lines = ["".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in paras]
        para_id = paras[-1].get(f"{{{_W14}}}paraId", "") if paras else ""
        cid = el.get(f"{{{W}}}id", "")
        if para_id:  # LibreOffice leaves it out where it writes no commentsExtended entry
            by_para[para_id] = cid
        text = "\n".join(line for line in lines if line.strip()).strip()
        raw.append((cid, el.get(f"{{{W}}}author", ""), el.get(f"{{{W}}}date", ""), text, para_id))
    out = []
    for cid, author, date, text, para_id in raw:
        parent = by_para.get(parent_para.get(para_id, ""), "") if para_id else ""
        top, seen = para_id, {para_id}
        while True:  # a reply is resolved with its thread
            up = parent_para.get(top, "")
            if not up or up not in by_para or up in seen:
                break
            top = up
            seen.add(top)
        resolved = bool(para_id) and (done.get(para_id, False) or done.get(top, False))
        out.append(WordComment(cid, author, date, text, resolved, parent))
    return out
