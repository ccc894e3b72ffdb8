"""Reading a Word article (.docx) as Word shows it: its text, tracked changes and comments.

The package is opened with bounds (`docx_package`), the body walked once in document order
(`docx_body`), the comments read with their replies and resolved state (`docx_comments`). The
text comes in the plain-text profile layout, for any choice of accepted tracked changes. Our own
export's styles say where the title ends and the organisation starts, and its document
properties give the question set, interviewer, status, date, and which interview and version
the file was exported from.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from ...interview.model import is_uid
from ..write.docx import STYLE_NAMES
from .docx_body import read_body
from .docx_comments import WordComment, read_comments
from .docx_package import DocxPackage, W
from .tracked import TrackedText

__all__ = ["ZIP_MAGIC", "DocxContent", "read_docx"]

ZIP_MAGIC = b"PK\x03\x04"
_NOTE_LIMIT = 10


@dataclass
class DocxContent:
    """What a Word file holds: tracked text, comments (with the paragraph each is anchored in),
    metadata hints, the interview it names, and what could not be read."""

    tracked: TrackedText
    comments: list[WordComment] = field(default_factory=list)
    anchors: dict[str, int] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)
    identity: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def text(self, accepted: Collection[int] | None = None) -> str:
        """The article's text with `accepted` changes taken (None: all), the rest rejected."""
        return self.tracked.render(accepted)


def read_docx(data: bytes, set_ids: set[str] | None = None) -> DocxContent:
    """What a .docx holds; ArticleError (one line) if it is not a Word document we can read."""
    package = DocxPackage(data)
    styles = package.related("styles")
    names: dict[str, str] = {}
    for style in styles.iter(f"{{{W}}}style") if styles is not None else ():
        name = style.find(f"{{{W}}}name")
        if name is not None:
            names[style.get(f"{{{W}}}styleId", "")] = name.get(f"{{{W}}}val", "")
    body = read_body(package.main_document(), names)
    comments = read_comments(package.related("comments"), package.related("commentsExtended"))
    content = DocxContent(body.text, comments, body.anchors, warnings=list(body.warnings))
    content.warnings += _note_warnings(package, body.notes)
    content.hints = _byline_hints(body.styles, body.run_styles)
    props = package.core_properties()
    if set_ids is not None and props.get("category") in set_ids:
        content.hints["set"] = props["category"]
        for key, prop in (("interviewer", "creator"), ("status", "contentStatus")):
            if props.get(prop):
                content.hints[key] = props[prop]
        if props.get("created"):
            content.hints["date"] = props["created"][:10]
    content.identity = identity_from(props.get("identifier", ""), props.get("version", ""))
    if content.identity.get("uid") and "set" in content.hints:  # our export: `import` keeps it
        content.hints["uid"] = content.identity["uid"]
    return content


def identity_from(identifier: str, version: str) -> dict[str, str]:
    """`id` and `uid` from our export's identifier property (`qm-tui 12`, `qm-tui 12 <uid>` or
    just `<uid>`), and `updated`, the version of the interview it was exported from."""
    parts = identifier.split()
    out: dict[str, str] = {}
    if len(parts) == 1 and is_uid(parts[0]):  # exported without a local id
        out["uid"] = parts[0]
    if len(parts) >= 2 and parts[0] == "qm-tui" and parts[1].isdigit():
        out["id"] = parts[1]
        if len(parts) >= 3:
            out["uid"] = parts[2]
        if version:
            out["updated"] = version
    return out


def _byline_hints(styles: dict[int, str], runs: dict[int, list[tuple[str, str]]]) -> dict[str, str]:
    """Where the title ends and the organisation starts, from the byline's character styles."""
    for para, name in styles.items():
        if name != STYLE_NAMES["byline"]:
            continue
        parts: dict[str, str] = {}
        for style, text in runs.get(para, ()):
            for key in ("title", "organisation"):
                if style == STYLE_NAMES[key]:
                    parts[key] = parts.get(key, "") + text
        if parts.get("title") and parts.get("organisation"):
            return {"title": parts["title"]}
        if parts:
            return {"byline": next(iter(parts))}
    return {}


def _note_warnings(package: DocxPackage, notes: list[tuple[str, str]]) -> list[str]:
    """One warning per footnote or endnote referenced in the body, naming its text."""
    if not notes:
        return []
    texts: dict[tuple[str, str], str] = {}
    for kind in {k for k, _ in notes}:
        part = package.related(kind + "s")
        for note in part.iter(f"{{{W}}}{kind}") if part is not None else ():
            words = "".join(t.text or "" for t in note.iter(f"{{{W}}}t"))
            texts[(kind, note.get(f"{{{W}}}id", ""))] = " ".join(words.split())
    out = []
    for n, (kind, note_id) in enumerate(notes):
        if n == _NOTE_LIMIT:
            out.append(f"… and {len(notes) - n} more footnotes or endnotes, not read")
            break
        text = texts.get((kind, note_id), "")
        shown = repr(text[:40] + ("…" if len(text) > 40 else ""))
        out.append(f"{kind} {note_id} ({shown}) was not read: an article has no place for it")
    return out
