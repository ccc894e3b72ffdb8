"""A Word document's body as Word shows it, in document order, with its tracked changes.

Walks `word/document.xml` once: paragraphs, tables (nested ones too, each cell once however many
columns it spans), block and inline content controls, smart tags, custom XML, hyperlinks, simple
and complex field results (never their instructions), text boxes (after the paragraph holding
them), and runs inside insertions, deletions and moves. Formatting-only revisions (`rPrChange`,
`pPrChange`) change no text and are passed over. Anything else that holds text is named in a
warning, never skipped silently; footnotes and endnotes are named there too (no article layout
has a place for them).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .docx_package import W
from .tracked import TrackedText

if TYPE_CHECKING:
    from lxml.etree import _Element

__all__ = ["BodyText", "read_body"]

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_CHANGE_KINDS = {
    _w("ins"): ("insert", False),
    _w("del"): ("delete", False),
    _w("moveTo"): ("insert", True),
    _w("moveFrom"): ("delete", True),
}
# Elements whose content is read as if they were not there.
_TRANSPARENT_INLINE = {
    _w(t) for t in ("hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo", "sdtContent")
}
_TRANSPARENT_BLOCK = {_w(t) for t in ("customXml", "sdtContent", "body", "txbxContent")}
# Elements with no text of their own (properties, markers, pictures without a text box).
_SILENT = {
    _w(t)
    for t in (
        "pPr rPr tblPr tblGrid trPr tcPr sdtPr sdtEndPr sectPr bookmarkStart bookmarkEnd "
        "proofErr permStart permEnd moveFromRangeStart moveFromRangeEnd moveToRangeStart "
        "moveToRangeEnd commentRangeEnd lastRenderedPageBreak annotationRef separator "
        "continuationSeparator footnoteRef endnoteRef customXmlPr smartTagPr tblPrEx "
        "customXmlInsRangeStart customXmlInsRangeEnd customXmlDelRangeStart customXmlDelRangeEnd "
        "pgNum dayShort monthShort yearShort dayLong monthLong yearLong"
    ).split()
}
_BREAKS = {_w("br"), _w("cr")}
_TABS = {_w("tab"), _w("ptab")}
_WARN_LIMIT = 10  # warnings of one kind named one by one; the rest counted


@dataclass
class BodyText:
    """What the body holds: tracked text, paragraph styles, comment anchors, and warnings."""

    text: TrackedText = field(default_factory=TrackedText)
    styles: dict[int, str] = field(default_factory=dict)  # paragraph -> style name
    run_styles: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    anchors: dict[str, int] = field(default_factory=dict)  # comment id -> paragraph
    warnings: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (footnote/endnote, id)


def read_body(root: _Element, style_names: dict[str, str]) -> BodyText:
    """The body of a main document part (`w:document`)."""
    reader = _Reader(style_names)
    body = root.find(_w("body"))
    if body is None:
        reader.out.warnings.append("the document has no body")
        return reader.out
    reader.blocks(body)
    reader.finish()
    return reader.out


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return repr(text[:40] + ("…" if len(text) > 40 else ""))


def _all_text(el: _Element) -> str:
    return "".join(t.text or "" for t in el.iter(_w("t"), _w("delText")))


class _Reader:
    def __init__(self, style_names: dict[str, str]) -> None:
        self.out = BodyText()
        self.styles = style_names
        self.para = 0
        self.changes: list[tuple[str, str, str, bool]] = []
        self.fields: list[str] = []  # complex fields open: "instr" until separate, then "result"
        self.boxes: list[_Element] = []
        self.counts: dict[str, int] = {}
        self.run_style = ""

    # -- warnings -------------------------------------------------------------------------

    def warn(self, kind: str, text: str) -> None:
        n = self.counts.get(kind, 0) + 1
        self.counts[kind] = n
        if n <= _WARN_LIMIT:
            self.out.warnings.append(text)

    def finish(self) -> None:
        for kind, n in self.counts.items():
            if n > _WARN_LIMIT:
                self.out.warnings.append(f"… and {n - _WARN_LIMIT} more: {kind}")

    def unknown(self, el: _Element) -> None:
        """An element this reader does not know: named in a warning if it holds text."""
        text = _all_text(el)
        if text.strip():
            tag = el.tag.rpartition("}")[2] if isinstance(el.tag, str) else "?"
            self.warn(f"<{tag}>", f"text in a Word element <{tag}> was not read: {_snippet(text)}")

    # -- blocks ---------------------------------------------------------------------------

    def blocks(self, container: _Element) -> None:
        for el in container:
            self.block(el)

    def block(self, el: _Element) -> None:
        tag = el.tag
        if tag == _w("p"):
            self.paragraph(el)
        elif tag in (_w("tbl"), _w("tr"), _w("tc")):
            self.blocks(el)  # each cell once, however many columns it spans
        elif tag in _TRANSPARENT_BLOCK:
            self.blocks(el)
        elif tag == _w("sdt"):
            content = el.find(_w("sdtContent"))
            if content is not None:
                self.blocks(content)
        elif tag in _CHANGE_KINDS:  # block-level moves and insertions (rare, but valid)
            self.changes.append(self.change_of(el))
            self.blocks(el)
            self.changes.pop()
        elif tag == _w("commentRangeStart"):
            self.out.anchors.setdefault(el.get(_w("id"), ""), self.para)
        elif tag == _w("altChunk"):
            self.warn("altChunk", "an embedded document (altChunk) in the file was not read")
        elif tag == f"{{{_MC}}}AlternateContent":
            self.alternate(el, self.block)
        elif tag in _SILENT or not isinstance(tag, str):
            return
        else:
            self.unknown(el)

    def change_of(self, el: _Element) -> tuple[str, str, str, bool]:
        kind, moved = _CHANGE_KINDS[el.tag]
        return kind, el.get(_w("author"), ""), el.get(_w("date"), ""), moved

    def paragraph(self, p: _Element) -> None:
        mark: tuple[str, str, str, bool] | None = None
        ppr = p.find(_w("pPr"))
        if ppr is not None:
            style = ppr.find(_w("pStyle"))
            if style is not None:
                self.out.styles[self.para] = self.styles.get(style.get(_w("val"), ""), "")
            rpr = ppr.find(_w("rPr"))
            for child in rpr if rpr is not None else ():
                if child.tag in (_w("ins"), _w("del"), _w("moveTo"), _w("moveFrom")):
                    mark = self.change_of(child)
        for child in p:
            self.inline(child)
        self.add("\n\n", (*self.changes, mark) if mark is not None else tuple(self.changes))
        self.para += 1
        boxes, self.boxes = self.boxes, []
        for box in boxes:
            self.blocks(box)

    def add(self, text: str, changes: tuple[tuple[str, str, str, bool], ...]) -> None:
        self.out.text.add(text, self.para, changes)

    # -- inline ---------------------------------------------------------------------------

    def inline(self, el: _Element) -> None:
        tag = el.tag
        if tag == _w("r"):
            self.run(el)
        elif tag in _CHANGE_KINDS:
            self.changes.append(self.change_of(el))
            for child in el:
                self.inline(child)
            self.changes.pop()
        elif tag in _TRANSPARENT_INLINE:
            for child in el:
                self.inline(child)
        elif tag == _w("sdt"):
            content = el.find(_w("sdtContent"))
            for child in content if content is not None else ():
                self.inline(child)
        elif tag == _w("ruby"):
            base = el.find(_w("rubyBase"))
            for child in base if base is not None else ():
                self.inline(child)
        elif tag == _w("commentRangeStart"):
            self.out.anchors.setdefault(el.get(_w("id"), ""), self.para)
        elif tag == f"{{{_MC}}}AlternateContent":
            self.alternate(el, self.inline)
        elif tag in (f"{{{_M}}}oMath", f"{{{_M}}}oMathPara"):
            self.warn("equations", "an equation in the file was not read")
        elif tag in _SILENT or not isinstance(tag, str):
            return
        else:
            self.unknown(el)

    def alternate(self, el: _Element, read: object) -> None:
        """Markup compatibility: the first choice only (the fallback repeats the same content)."""
        chosen = el.find(f"{{{_MC}}}Choice")
        if chosen is None:
            chosen = el.find(f"{{{_MC}}}Fallback")
        for child in chosen if chosen is not None else ():
            read(child)  # type: ignore[operator]

    def run(self, r: _Element) -> None:
        changes = tuple(self.changes)
        rpr = r.find(_w("rPr"))
        style = rpr.find(_w("rStyle")) if rpr is not None else None
        run_style = self.styles.get(style.get(_w("val"), ""), "") if style is not None else ""
        for child in r:
            tag = child.tag
            text = ""
            if tag in (_w("t"), _w("delText")):
                text = child.text or ""
            elif tag in _BREAKS:
                text = "\n"
            elif tag in _TABS:
                text = "\t"
            elif tag == _w("noBreakHyphen"):
                text = "-"
            elif tag == _w("softHyphen"):
                continue
            elif tag == _w("fldChar"):
                self.field_char(child.get(_w("fldCharType"), ""))
                continue
            elif tag in (_w("instrText"), _w("delInstrText")):
                continue
            elif tag == _w("commentReference"):
                self.out.anchors.setdefault(child.get(_w("id"), ""), self.para)
                continue
            elif tag in (_w("footnoteReference"), _w("endnoteReference")):
                kind = "footnote" if tag == _w("footnoteReference") else "endnote"
                self.out.notes.append((kind, child.get(_w("id"), "")))
                continue
            elif tag == _w("sym"):
                self.warn("symbols", f"a symbol character ({child.get(_w('char'))}) was not read")
                continue
            elif tag in (_w("drawing"), _w("pict"), _w("object"), f"{{{_MC}}}AlternateContent"):
                self.boxes.extend(_text_boxes(child))
                continue
            elif tag in _SILENT or not isinstance(tag, str):
                continue
            else:
                self.unknown(child)
                continue
            if text and all(state == "result" for state in self.fields):
                self.add(text, changes)
                if run_style:
                    self.out.run_styles.setdefault(self.para, []).append((run_style, text))

    def field_char(self, kind: str) -> None:
        if kind == "begin":
            self.fields.append("instr")
        elif kind == "separate" and self.fields:
            self.fields[-1] = "result"
        elif kind == "end" and self.fields:
            self.fields.pop()


def _text_boxes(el: _Element) -> Iterator[_Element]:
    """The text box contents in a drawing or picture, each once (the first choice of any
    markup-compatibility alternative, whose fallback repeats it as VML)."""
    stack = [el]
    while stack:
        node = stack.pop()
        if node.tag == _w("txbxContent"):
            yield node
            continue
        if node.tag == f"{{{_MC}}}AlternateContent":
            chosen = node.find(f"{{{_MC}}}Choice")
            if chosen is None:
                chosen = node.find(f"{{{_MC}}}Fallback")
            stack.extend(reversed(list(chosen)) if chosen is not None else ())
            continue
        stack.extend(reversed(list(node)))
