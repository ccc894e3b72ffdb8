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


# Tags and attributes, built once (the walk meets them per paragraph and run).
_ALT_CHUNK = _w("altChunk")
_AUTHOR = _w("author")
_BODY = _w("body")
_BR = _w("br")
_COMMENT_RANGE_START = _w("commentRangeStart")
_COMMENT_REFERENCE = _w("commentReference")
_CR = _w("cr")
_DATE = _w("date")
_DEL = _w("del")
_DEL_INSTR_TEXT = _w("delInstrText")
_DEL_TEXT = _w("delText")
_DRAWING = _w("drawing")
_ENDNOTE_REFERENCE = _w("endnoteReference")
_FLD_CHAR = _w("fldChar")
_FLD_CHAR_TYPE = _w("fldCharType")
_FOOTNOTE_REFERENCE = _w("footnoteReference")
_ID = _w("id")
_INS = _w("ins")
_INSTR_TEXT = _w("instrText")
_MOVE_FROM = _w("moveFrom")
_MOVE_TO = _w("moveTo")
_NO_BREAK_HYPHEN = _w("noBreakHyphen")
_OBJECT = _w("object")
_P = _w("p")
_P_PR = _w("pPr")
_P_STYLE = _w("pStyle")
_PICT = _w("pict")
_PTAB = _w("ptab")
_R = _w("r")
_R_PR = _w("rPr")
_R_STYLE = _w("rStyle")
_RUBY = _w("ruby")
_RUBY_BASE = _w("rubyBase")
_SDT = _w("sdt")
_SDT_CONTENT = _w("sdtContent")
_SOFT_HYPHEN = _w("softHyphen")
_SYM = _w("sym")
_T = _w("t")
_TAB = _w("tab")
_TBL = _w("tbl")
_TC = _w("tc")
_TR = _w("tr")
_TXBX_CONTENT = _w("txbxContent")
_VAL = _w("val")
_CHAR = _w("char")
_ALTERNATE, _CHOICE, _FALLBACK = (
    f"{{{_MC}}}{t}" for t in ("AlternateContent", "Choice", "Fallback")
)
_MATH = (f"{{{_M}}}oMath", f"{{{_M}}}oMathPara")
_RUN_OBJECTS = (_DRAWING, _PICT, _OBJECT, _ALTERNATE)

_CHANGE_KINDS = {
    _INS: ("insert", False),
    _DEL: ("delete", False),
    _MOVE_TO: ("insert", True),
    _MOVE_FROM: ("delete", True),
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
_BREAKS = {_BR, _CR}
_TABS = {_TAB, _PTAB}
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
    body = root.find(_BODY)
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
    return "".join(t.text or "" for t in el.iter(_T, _DEL_TEXT))


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
        if tag == _P:
            self.paragraph(el)
        elif tag in (_TBL, _TR, _TC):
            self.blocks(el)  # each cell once, however many columns it spans
        elif tag in _TRANSPARENT_BLOCK:
            self.blocks(el)
        elif tag == _SDT:
            content = el.find(_SDT_CONTENT)
            if content is not None:
                self.blocks(content)
        elif tag in _CHANGE_KINDS:  # block-level moves and insertions (rare, but valid)
            self.changes.append(self.change_of(el))
            self.blocks(el)
            self.changes.pop()
        elif tag == _COMMENT_RANGE_START:
            self.out.anchors.setdefault(el.get(_ID, ""), self.para)
        elif tag == _ALT_CHUNK:
            self.warn("altChunk", "an embedded document (altChunk) in the file was not read")
        elif tag == _ALTERNATE:
            self.alternate(el, self.block)
        elif tag in _SILENT or not isinstance(tag, str):
            return
        else:
            self.unknown(el)

    def change_of(self, el: _Element) -> tuple[str, str, str, bool]:
        kind, moved = _CHANGE_KINDS[el.tag]
        return kind, el.get(_AUTHOR, ""), el.get(_DATE, ""), moved

    def paragraph(self, p: _Element) -> None:
        mark: tuple[str, str, str, bool] | None = None
        ppr = p.find(_P_PR)
        if ppr is not None:
            style = ppr.find(_P_STYLE)
            if style is not None:
                self.out.styles[self.para] = self.styles.get(style.get(_VAL, ""), "")
            rpr = ppr.find(_R_PR)
            for child in rpr if rpr is not None else ():
                if child.tag in (_INS, _DEL, _MOVE_TO, _MOVE_FROM):
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
        if tag == _R:
            self.run(el)
        elif tag in _CHANGE_KINDS:
            self.changes.append(self.change_of(el))
            for child in el:
                self.inline(child)
            self.changes.pop()
        elif tag in _TRANSPARENT_INLINE:
            for child in el:
                self.inline(child)
        elif tag == _SDT:
            content = el.find(_SDT_CONTENT)
            for child in content if content is not None else ():
                self.inline(child)
        elif tag == _RUBY:
            base = el.find(_RUBY_BASE)
            for child in base if base is not None else ():
                self.inline(child)
        elif tag == _COMMENT_RANGE_START:
            self.out.anchors.setdefault(el.get(_ID, ""), self.para)
        elif tag == _ALTERNATE:
            self.alternate(el, self.inline)
        elif tag in _MATH:
            self.warn("equations", "an equation in the file was not read")
        elif tag in _SILENT or not isinstance(tag, str):
            return
        else:
            self.unknown(el)

    def alternate(self, el: _Element, read: object) -> None:
        """Markup compatibility: the first choice only (the fallback repeats the same content)."""
        chosen = el.find(_CHOICE)
        if chosen is None:
            chosen = el.find(_FALLBACK)
        for child in chosen if chosen is not None else ():
            read(child)  # type: ignore[operator]

    def run(self, r: _Element) -> None:
        changes = tuple(self.changes)
        rpr = r.find(_R_PR)
        style = rpr.find(_R_STYLE) if rpr is not None else None
        run_style = self.styles.get(style.get(_VAL, ""), "") if style is not None else ""
        for child in r:
            tag = child.tag
            text = ""
            if tag in (_T, _DEL_TEXT):
                text = child.text or ""
            elif tag in _BREAKS:
                text = "\n"
            elif tag in _TABS:
                text = "\t"
            elif tag == _NO_BREAK_HYPHEN:
                text = "-"
            elif tag == _SOFT_HYPHEN:
                continue
            elif tag == _FLD_CHAR:
                self.field_char(child.get(_FLD_CHAR_TYPE, ""))
                continue
            elif tag in (_INSTR_TEXT, _DEL_INSTR_TEXT):
                continue
            elif tag == _COMMENT_REFERENCE:
                self.out.anchors.setdefault(child.get(_ID, ""), self.para)
                continue
            elif tag in (_FOOTNOTE_REFERENCE, _ENDNOTE_REFERENCE):
                kind = "footnote" if tag == _FOOTNOTE_REFERENCE else "endnote"
                self.out.notes.append((kind, child.get(_ID, "")))
                continue
            elif tag == _SYM:
                self.warn("symbols", f"a symbol character ({child.get(_CHAR)}) was not read")
                continue
            elif tag in _RUN_OBJECTS:
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
        if node.tag == _TXBX_CONTENT:
            yield node
            continue
        if node.tag == _ALTERNATE:
            chosen = node.find(_CHOICE)
            if chosen is None:
                chosen = node.find(_FALLBACK)
            stack.extend(reversed(list(chosen)) if chosen is not None else ())
            continue
        stack.extend(reversed(list(node)))
