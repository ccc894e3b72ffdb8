"""The article as a Word document (python-docx), built from named styles an editor can restyle.

The name is in `Title`, the line under it in `QM Byline` (with the title and the organisation as
the character styles `QM Title` and `QM Organisation`, so an import can tell them apart), the pull
quote in `QM Pull Quote`, each numbered question in `QM Question` (bold), the answers in `Normal`,
and the facts and contact boxes in `QM Box Heading` / `QM Box Text`, each box a shaded, bordered
one-cell table. Text is never formatted directly, only through styles: a user template
(`template.docx` in the config folder) supplies the house style, and any of these styles it
defines is used as it is. The document properties hold the title, the interviewer as author,
the language (sv-SE, for Word's own spell check), and the question set, status and date.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...errors import QMError
from ...filesystem.os_errors import reason
from ...settings.locations import template_file
from .markdown import normalise_block, normalise_line
from .typography import typeset, wants_typography

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

    from ...interview.model import Interview
    from ...publish.export import ExportOptions

__all__ = ["LANGUAGES", "STYLE_NAMES", "export", "render_docx"]

LANGUAGES = {"sv": "sv-SE", "en": "en-GB"}
STYLE_NAMES = {
    "byline": "QM Byline",
    "title": "QM Title",
    "organisation": "QM Organisation",
    "quote": "QM Pull Quote",
    "question": "QM Question",
    "box_heading": "QM Box Heading",
    "box_text": "QM Box Text",
}
_INK, _GREY, _ACCENT, _BOX, _BORDER = "1D1D1B", "555555", "A31F34", "EFECE4", "B8B2A3"
FONT = "Georgia"  # the HTML page's font; one family for the whole article


def render_docx(
    interview: Interview,
    lang: str = "sv",
    typography: bool = False,
    template: Path | None = None,
    interview_id: int | None = None,
) -> bytes:
    """The article as the bytes of a .docx file; `template` supplies the styles if given, and
    `interview_id` names the interview in the document properties."""
    import docx

    language = LANGUAGES.get(lang.split("-")[0], lang)
    key = None
    if template is not None:
        try:
            stat = template.stat()
        except OSError as exc:
            raise QMError(f"cannot use the Word template {template}: {reason(exc)}") from None
        key = (str(template), stat.st_mtime_ns, stat.st_size)
    base, st = _base_document(key, language)
    doc = docx.Document(io.BytesIO(base))
    ts: Callable[[str], str] = typeset if typography else str
    iv = interview

    def line(text: str) -> str:
        return ts(normalise_line(text))

    def paragraphs(text: str, style: str | None = None) -> None:
        for para in ts(normalise_block(text)).split("\n\n") if text.strip() else ():
            _add_lines(_paragraph(doc, st, style), para)

    _paragraph(doc, st, "Title", line(iv.name))
    title, organisation = line(iv.title), line(iv.organisation)
    if title or organisation:
        byline = _paragraph(doc, st, "byline")
        if title:
            _run(byline, title, st["title"])
        if title and organisation:
            byline.add_run(" ")
        if organisation:
            _run(byline, organisation, st["organisation"])
    paragraphs(iv.quote, "quote")
    for n, answer in enumerate(iv.answers, 1):
        question = line(answer.question)
        _paragraph(doc, st, "question", f"{n}. {question}".rstrip())
        paragraphs(answer.answer)
    c = iv.contact
    facts_heading, contact_heading = line(iv.facts.heading), line(c.heading)
    person = [x for x in (line(c.name), line(c.title), line(c.email)) if x]
    boxes: list[tuple[str, list[str]]] = []
    if facts_heading or iv.facts.text.strip():
        boxes.append((facts_heading, _split(ts(normalise_block(iv.facts.text)))))
    if contact_heading or person or c.note.strip():
        person_lines = ["\n".join(person)] if person else []
        boxes.append((contact_heading, person_lines + _split(ts(normalise_block(c.note)))))
    for heading, texts in boxes:
        _add_box(doc, heading, texts, st)
    props = doc.core_properties
    name, org = normalise_line(iv.name), normalise_line(iv.organisation)
    props.title = " – ".join(x for x in (name, org) if x)
    props.author = normalise_line(iv.interviewer)
    props.last_modified_by = props.author
    props.language = language
    props.subject = "Quality Mark"
    props.category = iv.question_set
    props.content_status = iv.status
    props.comments = ""
    props.keywords = ""
    props.revision = 1
    uid = iv.uid
    if interview_id is not None:  # which interview and version: `update` checks them
        props.identifier = f"qm-tui {interview_id} {uid}".strip()
        props.version = iv.updated
    else:
        props.identifier = uid  # which interview this is, in every copy of the database
    try:
        day = dt.date.fromisoformat(iv.date)
        props.created = props.modified = dt.datetime(day.year, day.month, day.day)
    except ValueError:
        pass
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@lru_cache(maxsize=8)
def _base_document(
    template: tuple[str, int, int] | None, language: str
) -> tuple[bytes, dict[str, str | None]]:
    """The empty document with the article's styles, and the ids of those styles.

    Built once and reopened for every article. The ids are resolved here, once, as python-docx
    resolves a style it is given (`None` for the document's default style): its lookup scans
    every style of the document to find the default, which cost a third of the export when it
    ran for every paragraph.
    """
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    path = template[0] if template is not None else None
    try:
        doc = docx.Document(path) if path is not None else docx.Document()
    except Exception as exc:  # python-docx raises several types for a file that is not a .docx
        raise QMError(f"cannot use the Word template {path}: {exc}") from None
    if path is not None:
        _clear_body(doc)
    _define_styles(doc, language, own=path is None)
    para, char = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER
    kinds = {"title": char, "organisation": char}
    names = {**STYLE_NAMES, "Title": "Title"}
    style_id: Callable[[Any, Any], str | None] = doc.part.get_style_id  # untyped in python-docx
    ids = {k: style_id(doc.styles[n], kinds.get(k, para)) for k, n in names.items()}
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue(), ids


def _split(block: str) -> list[str]:
    return block.split("\n\n") if block else []


def _paragraph(
    container: Any, ids: dict[str, str | None], style: str | None, text: str = ""
) -> Paragraph:
    """`container.add_paragraph(text, style)` with the style's id looked up in `ids`.

    Exactly what python-docx's `Paragraph.style` setter writes, without its style search.
    """
    paragraph: Paragraph = container.add_paragraph(text)
    if style is not None:
        paragraph._p.style = ids[style]
    return paragraph


def _run(paragraph: Paragraph, text: str, style_id: str | None) -> None:
    """`paragraph.add_run(text, style)` with the style's id already resolved."""
    run = paragraph.add_run(text)
    run._r.style = style_id


def _add_box(doc: Document, heading: str, texts: list[str], st: dict[str, str | None]) -> None:
    """A facts or contact box: a shaded one-cell table holding the box's styled paragraphs."""
    doc.add_paragraph()  # air above the box
    table = doc.add_table(rows=1, cols=1)
    cell = table.cell(0, 0)
    cell.paragraphs[0]._p.style = st["box_heading"]
    cell.paragraphs[0].add_run(heading)
    for text in texts:
        _add_lines(_paragraph(cell, st, "box_text"), text)
    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.makeelement(_w("tblBorders"), {})
    for side in ("top", "left", "bottom", "right"):
        attrs = {_w("val"): "single", _w("sz"): "6", _w("space"): "0", _w("color"): _BORDER}
        borders.append(borders.makeelement(_w(side), attrs))
    tbl_pr.append(borders)
    margins = tbl_pr.makeelement(_w("tblCellMar"), {})
    for side in ("top", "left", "bottom", "right"):
        margins.append(margins.makeelement(_w(side), {_w("w"): "140", _w("type"): "dxa"}))
    tbl_pr.append(margins)
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = {_w("val"): "clear", _w("color"): "auto", _w("fill"): _BOX}
    tc_pr.append(tc_pr.makeelement(_w("shd"), shading))
    tr_pr = table.rows[0]._tr.get_or_add_trPr()  # the box is never split across two pages
    tr_pr.append(tr_pr.makeelement(_w("cantSplit"), {}))


def _add_lines(paragraph: Paragraph, text: str) -> None:
    """Text with single line breaks as Word line breaks, in one paragraph."""
    for i, part in enumerate(text.split("\n")):
        run = paragraph.add_run(part)
        if i:
            run._r.insert(0, run._r.makeelement(_w("br"), {}))


def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _clear_body(doc: Document) -> None:
    """Remove a template's own text and tables, keeping its section settings."""
    body = doc.element.body
    for child in list(body):
        if child.tag != _w("sectPr"):
            body.remove(child)


def _define_styles(doc: Document, language: str, own: bool) -> None:
    """Add the article's styles that the document lacks; with `own`, set the base look too."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    styles = doc.styles
    names = {s.name for s in styles}

    def add(key: str, kind: Any = WD_STYLE_TYPE.PARAGRAPH, base: str = "Normal") -> Any:
        name = STYLE_NAMES[key]
        if name in names:
            return None
        style = styles.add_style(name, kind)
        if kind == WD_STYLE_TYPE.PARAGRAPH:
            style.base_style = styles[base]
            style.quick_style = True
        return style

    normal = styles["Normal"]
    _set_language(normal.element, language)
    if own:
        _set_page(doc)
        normal.font.name = FONT
        normal.font.size = Pt(11)
        normal.paragraph_format.space_after = Pt(8)
        normal.paragraph_format.line_spacing = 1.2
        # the name as the HTML page's <h1>: large, in the body's font, no rule under it (the
        # default template's Title has a theme font and a thin blue bottom border)
        title = styles["Title"]
        _drop_theme_fonts(title.element)
        _drop_borders(title.element)
        title.font.name = FONT
        title.font.size = Pt(28)
        title.font.color.rgb = RGBColor.from_string(_INK)
        title.paragraph_format.space_after = Pt(4)
    if style := add("byline"):
        style.font.italic = True
        style.font.size = Pt(13)
        style.font.color.rgb = RGBColor.from_string(_GREY)
        style.paragraph_format.space_after = Pt(18)
    for key in ("title", "organisation"):
        add(key, WD_STYLE_TYPE.CHARACTER)
    if style := add("quote"):
        style.font.italic = True
        style.font.size = Pt(17)
        style.font.color.rgb = RGBColor.from_string(_INK)
        fmt = style.paragraph_format
        fmt.left_indent = Pt(14)
        fmt.space_before, fmt.space_after = Pt(6), Pt(18)
        fmt.line_spacing = 1.15
        _set_borders(style.element, ("left",), _ACCENT, size=24, space=10)
    if style := add("question"):
        style.font.bold = True
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(14), Pt(4)
        fmt.keep_with_next = True
    for key in ("box_heading", "box_text"):
        if style := add(key):
            style.font.size = Pt(10)  # the body's font (one family), smaller, as the HTML aside
            fmt = style.paragraph_format
            fmt.space_before, fmt.space_after = Pt(2), Pt(6)
            fmt.line_spacing = 1.15
            if key == "box_heading":
                # no keep-with-next: in a table cell LibreOffice keeps the whole table with
                # what follows, which pushed both boxes to a page of their own
                style.font.bold = True


def _set_page(doc: Document) -> None:
    """A4 with margins for reading and notes: 25 mm at the sides, 22 mm above and below (the
    text is about as wide as the HTML page's column)."""
    from docx.shared import Mm

    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin = section.bottom_margin = Mm(22)


def _drop_theme_fonts(style: Any) -> None:
    """Remove a style's theme fonts, which Word prefers to the font named in the style."""
    fonts = style.get_or_add_rPr().find(_w("rFonts"))
    if fonts is not None:
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(_w(attr), None)


def _drop_borders(style: Any) -> None:
    p_pr = style.get_or_add_pPr()
    for old in p_pr.findall(_w("pBdr")):
        p_pr.remove(old)


def _set_language(style: Any, language: str) -> None:
    r_pr = style.get_or_add_rPr()
    for old in r_pr.findall(_w("lang")):
        r_pr.remove(old)
    lang = r_pr.makeelement(_w("lang"), {_w("val"): language, _w("eastAsia"): language})
    r_pr.append(lang)


def _set_borders(style: Any, sides: tuple[str, ...], color: str, size: int, space: int) -> None:
    p_pr = style.get_or_add_pPr()
    borders = p_pr.makeelement(_w("pBdr"), {})
    for side in sides:
        attrs = {_w("val"): "single", _w("sz"): str(size), _w("space"): str(space)}
        borders.append(borders.makeelement(_w(side), {**attrs, _w("color"): color}))
    _insert_in_order(p_pr, borders)


# Schema order of the pPr children that python-docx may have written before ours.
_P_PR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
               "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
               "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
               "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
               "mirrorIndents", "suppressOverlap", "jc")  # fmt: skip


def _insert_in_order(p_pr: Any, element: Any) -> None:
    """Insert `element` into pPr where the schema wants it (Word rejects misordered files)."""
    name = element.tag.rsplit("}", 1)[1]
    rank = _P_PR_ORDER.index(name)
    for old in p_pr.findall(element.tag):
        p_pr.remove(old)
    for i, child in enumerate(p_pr):
        other = child.tag.rsplit("}", 1)[1]
        if other in _P_PR_ORDER and _P_PR_ORDER.index(other) > rank:
            p_pr.insert(i, element)
            return
    p_pr.append(element)


def config_template() -> Path | None:
    """`template.docx` in the config folder, if there is one."""
    path = template_file()
    return path if path.is_file() else None


def export(interview: Interview, options: ExportOptions) -> bytes:
    """The `docx` export format, with the config folder's `template.docx` when there is one."""
    template = options.template if options.template is not None else config_template()
    typography = wants_typography(options.lang, options.typography)
    return render_docx(interview, options.lang, typography, template, options.interview_id)
