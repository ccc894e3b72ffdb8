# ruff: noqa: E501  (literal WordprocessingML, kept as Word writes it, one element a line)
"""Word files as an interviewee's review comes back, written the way Word writes them.

Run `python tests/data/make_review_docx.py` to (re)write `tests/data/review-word.docx`; the
tests build the same bytes in memory with `review_docx()`, and the hostile variants with the
other builders. Word's habits copied here: revision ids, authors and dates on every change,
rsids on paragraphs and runs, runs split in the middle of words (`rsidR` boundaries), w14:paraId
on paragraphs, `comments.xml` with `commentRangeStart`/`commentRangeEnd` and a
`commentReference` run, `commentsExtended.xml` with `w15:done` and a reply's `paraIdParent`,
a paragraph moved with `moveFrom`/`moveTo` and their range marks, a whole inserted and a whole
deleted paragraph (the paragraph mark itself in `w:rPr/w:ins` or `w:del`), block and inline
content controls, a smart tag, simple and complex fields, a hyperlink, a text box (Word's
`mc:AlternateContent` with a VML fallback repeating it), and formatting-only revisions.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

NS = (
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'mc:Ignorable="w14 w15 wp14"'
)
AUTHOR = "Nils-Petter Nilsson"
DATE = "2026-11-30T14:12:00Z"
EDITOR = "Pia Sandin"
EDITOR_DATE = "2026-12-01T09:03:00Z"

_ids = itertools.count(1)
_rsids = itertools.cycle(["00A1B2C3", "004D5E6F", "0012AB34", "00F0E1D2"])
_para_ids = itertools.count(0x1A2B3C00)


def reset() -> None:
    """Start ids afresh (every build gives the same bytes)."""
    global _ids, _rsids, _para_ids
    _ids = itertools.count(1)
    _rsids = itertools.cycle(["00A1B2C3", "004D5E6F", "0012AB34", "00F0E1D2"])
    _para_ids = itertools.count(0x1A2B3C00)


def _t(text: str, tag: str = "w:t") -> str:
    space = ' xml:space="preserve"' if text != text.strip() or "  " in text else ""
    return f"<{tag}{space}>{escape(text)}</{tag}>"


def run(text: str, deleted: bool = False, split: bool = True, rpr: str = "") -> str:
    """Runs holding `text`, split mid-word as Word does when a word was typed in two sittings."""
    tag = "w:delText" if deleted else "w:t"
    pieces = [text]
    if split and len(text) > 8:
        cut = len(text) // 2 + 1  # inside a word, usually
        pieces = [text[:cut], text[cut:]]
    out = []
    for piece in pieces:
        out.append(f'<w:r w:rsidR="{next(_rsids)}">{rpr}{_t(piece, tag)}</w:r>')
    return "".join(out)


def _rev(kind: str, inner: str, author: str = AUTHOR, date: str = DATE) -> str:
    return f'<w:{kind} w:id="{next(_ids)}" w:author={quoteattr(author)} w:date="{date}">{inner}</w:{kind}>'


def ins(text: str, author: str = AUTHOR, date: str = DATE) -> str:
    return _rev("ins", run(text), author, date)


def dele(text: str, author: str = AUTHOR, date: str = DATE) -> str:
    return _rev("del", run(text, deleted=True), author, date)


def para(*content: str, style: str = "", mark: str = "", ppr_extra: str = "") -> str:
    """A paragraph; `mark` "ins" or "del" tracks its paragraph mark (a whole paragraph added or
    removed)."""
    rpr = ""
    if mark:
        rpr = f'<w:rPr><w:{mark} w:id="{next(_ids)}" w:author="{AUTHOR}" w:date="{DATE}"/></w:rPr>'
    ppr = ""
    if style or rpr or ppr_extra:
        pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
        ppr = f"<w:pPr>{pstyle}{ppr_extra}{rpr}</w:pPr>"
    rsid = next(_rsids)
    pid = f"{next(_para_ids):08X}"
    return (
        f'<w:p w14:paraId="{pid}" w14:textId="77777777" w:rsidR="{rsid}" w:rsidRDefault="{rsid}">'
        f"{ppr}{''.join(content)}</w:p>"
    )


def comment_anchor(cid: int, *content: str) -> str:
    """Content with a comment's range around it and its reference run after, as Word writes."""
    return (
        f'<w:commentRangeStart w:id="{cid}"/>{"".join(content)}<w:commentRangeEnd w:id="{cid}"/>'
        f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
        f'<w:commentReference w:id="{cid}"/></w:r>'
    )


def box(*paragraphs: str, span: int = 1) -> str:
    """A one-cell table (the facts and contact boxes), the cell spanning `span` grid columns."""
    grid = "".join('<w:gridCol w:w="9000"/>' for _ in range(span))
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
        f'<w:tr w:rsidR="{next(_rsids)}"><w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/>'
        f'<w:gridSpan w:val="{span}"/></w:tcPr>{"".join(paragraphs)}</w:tc></w:tr></w:tbl>'
    )


def text_box(*paragraphs: str) -> str:
    """A run holding a text box, its content repeated in the VML fallback as Word writes."""
    inner = "".join(paragraphs)
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent>"
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def document_xml(body: str) -> bytes:
    sect = (
        '<w:sectPr w:rsidR="00A1B2C3"><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417"/></w:sectPr>'
    )
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NS}><w:body>{body}{sect}</w:body></w:document>'
    return xml.encode("utf-8")


STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f"<w:styles {NS}>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Rubrik"><w:name w:val="Title"/></w:style>'
    '<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Kommentarer"><w:name w:val="annotation text"/></w:style>'
    "</w:styles>"
).encode()


def comments_xml(comments: list[tuple[int, str, str, str, str]]) -> bytes:
    """(id, author, date, text, paraId) per comment."""
    items = "".join(
        f'<w:comment w:id="{cid}" w:author={quoteattr(author)} w:date="{date}" w:initials="{author[:1]}">'
        f'<w:p w14:paraId="{pid}" w14:textId="77777777"><w:pPr><w:pStyle w:val="Kommentarer"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
        f"{run(text, split=False)}</w:p></w:comment>"
        for cid, author, date, text, pid in comments
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments {NS}>{items}</w:comments>'.encode()


def comments_extended_xml(entries: list[tuple[str, str, bool]]) -> bytes:
    """(paraId, parent paraId or "", done) per comment."""
    items = "".join(
        f'<w15:commentEx w15:paraId="{pid}"'
        + (f' w15:paraIdParent="{parent}"' if parent else "")
        + f' w15:done="{1 if done else 0}"/>'
        for pid, parent, done in entries
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w15:commentsEx {NS}>{items}</w15:commentsEx>'.encode()


def package(
    document: bytes,
    comments: bytes | None = None,
    extended: bytes | None = None,
    core: dict[str, str] | None = None,
    main_type: str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    extra: dict[str, bytes] | None = None,
    footnotes: bytes | None = None,
) -> bytes:
    """The zip Word writes around the parts."""
    overrides = {
        "/word/document.xml": main_type,
        "/word/styles.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    }
    rels = [("rId1", "styles", "styles.xml")]
    parts: dict[str, bytes] = {"word/document.xml": document, "word/styles.xml": STYLES}
    if comments is not None:
        parts["word/comments.xml"] = comments
        overrides["/word/comments.xml"] = (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
        )
        rels.append(("rId2", "comments", "comments.xml"))
    if extended is not None:
        parts["word/commentsExtended.xml"] = extended
        overrides["/word/commentsExtended.xml"] = (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
        )
        rels.append(("rId3", "commentsExtended", "commentsExtended.xml"))
    if footnotes is not None:
        parts["word/footnotes.xml"] = footnotes
        overrides["/word/footnotes.xml"] = (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
        )
        rels.append(("rId4", "footnotes", "footnotes.xml"))
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    ms = "http://schemas.microsoft.com/office/2011/relationships/"
    doc_rels = "".join(
        f'<Relationship Id="{rid}" Type="{ms if kind == "commentsExtended" else base}{kind}" Target="{target}"/>'
        for rid, kind, target in rels
    )
    props = {"creator": EDITOR, "lastModifiedBy": AUTHOR, "revision": "3", **(core or {})}
    core_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + "".join(
            f"<{'cp' if k in ('lastModifiedBy', 'revision', 'category', 'contentStatus', 'version') else 'dc'}:{k}>"
            f"{escape(v)}</{'cp' if k in ('lastModifiedBy', 'revision', 'category', 'contentStatus', 'version') else 'dc'}:{k}>"
            for k, v in props.items()
        )
        + "</cp:coreProperties>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in overrides.items())
        + "</Types>"
    )
    package_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{base}officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        "</Relationships>"
    )
    doc_rels_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{doc_rels}</Relationships>'
    )
    members = {
        "[Content_Types].xml": content_types.encode(),
        "_rels/.rels": package_rels.encode(),
        "docProps/core.xml": core_xml.encode(),
        "word/_rels/document.xml.rels": doc_rels_xml.encode(),
        **parts,
        **(extra or {}),
    }
    return zip_members(members)


def zip_members(members: dict[str, bytes]) -> bytes:
    """A zip of `members`, with fixed timestamps so the same parts give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 1, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return out.getvalue()


# The review: the Växjö profile as the interviewee sends it back.
QUOTE = "Viktigt att säkerställa att man arbetar på rätt sätt, både strategiskt och operativt."
Q = [
    "På vilket sätt har samverkan i er stad förändrats/utvecklats i ert arbete att få ett QM-certifikat?",
    "Vilken har varit den största förändringen/förbättringen som QM bidragit till? Ekonomiskt, organisationsmässigt, övrigt?",
    "På vilket sätt kommer ni att dra nytta av ert godkända QM?",
    "Varför är det viktigt att ha ett QM?",
    "Vad har varit den främsta anledningen till att ni vill kvalitetssäkra er stad med ett QM?",
]
COMMENT_QUOTE = "Kan ni byta citatet mot det om legitimitet?"
COMMENT_REPLY = "Ja, det går bra."
COMMENT_FACTS = "Stämmer årtalet?"


def review_body() -> str:
    """The reviewed article's body (see the module docstring for what it holds)."""
    name_rpr = (
        '<w:rPr><w:b/><w:rPrChange w:id="900" w:author="Nils-Petter Nilsson" '
        'w:date="2026-11-30T14:10:00Z"><w:rPr/></w:rPrChange></w:rPr>'
    )
    ppr_change = (
        '<w:pPrChange w:id="901" w:author="Nils-Petter Nilsson" w:date="2026-11-30T14:10:00Z">'
        '<w:pPr><w:jc w:val="left"/></w:pPr></w:pPrChange>'
    )
    parts = [
        para(run("Nils-Petter Nilsson", rpr=name_rpr), style="Rubrik"),
        para(run("vd/centrumutvecklare"), run(" Växjö City", split=False)),
        para(comment_anchor(0, run(QUOTE)), ppr_extra='<w:jc w:val="center"/>' + ppr_change),
        para(run("1. " + Q[0])),
        para(
            run("Det skapar en gemenskap och en stolthet vilket är "),
            dele("ytterst positiv"),
            ins("mycket positivt"),
            run(" för vår samverkan."),
        ),
        para(run("2. " + Q[1])),
        # a block content control around the answer
        '<w:sdt><w:sdtPr><w:alias w:val="Svar 2"/><w:id w:val="-1234"/></w:sdtPr><w:sdtContent>'
        + para(
            run("Växjö Citysamverkan har varit QM-certifierade sedan länge."),
            text_box(para(run("Text i en textruta."))),
        )
        + "</w:sdtContent></w:sdt>",
        para(run("3. " + Q[2])),
        para(
            run("Det är ett kvitto på att vi arbetar på "),
            '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">'
            + run("rätt sätt", split=False)
            + "</w:smartTag>",
            run(" enligt "),
            '<w:fldSimple w:instr=" DOCPROPERTY Company "><w:r><w:t>Svenska Stadskärnor</w:t></w:r></w:fldSimple>',
            run(", se "),
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://svenskastadskarnor.se" </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>hemsidan</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
            run(" och "),
            '<w:hyperlink r:id="rId9" w:history="1">'
            + run("länken", split=False)
            + "</w:hyperlink>",
            run("."),
            '<w:sdt><w:sdtPr><w:id w:val="77"/></w:sdtPr><w:sdtContent>'
            + run(" Inline kontroll.", split=False)
            + "</w:sdtContent></w:sdt>",
        ),
        # a whole paragraph inserted
        para(ins("En helt ny mening."), mark="ins"),
        para(run("4. " + Q[3])),
        # the second paragraph moved before the first
        '<w:moveToRangeStart w:id="501" w:author="Nils-Petter Nilsson" w:date="2026-11-30T14:12:00Z" w:name="move1"/>',
        para(
            _rev("moveTo", run("Ger ökad legitimitet både i intern och extern kommunikation.")),
            mark="moveTo",
        ),
        '<w:moveToRangeEnd w:id="501"/>',
        para(run("Viktigt att säkerställa att man arbetar på rätt sätt.")),
        '<w:moveFromRangeStart w:id="502" w:author="Nils-Petter Nilsson" w:date="2026-11-30T14:12:00Z" w:name="move1"/>',
        para(
            _rev("moveFrom", run("Ger ökad legitimitet både i intern och extern kommunikation.")),
            mark="moveFrom",
        ),
        '<w:moveFromRangeEnd w:id="502"/>',
        para(run("5. " + Q[4])),
        para(run("Först och främst är det en viktig bekräftelse.")),
        # a whole paragraph deleted
        para(dele("Sedan har Växjö ambitionen att bli årets stadskärna 2022."), mark="del"),
        para(),
        box(
            para(run("FAKTA OM QM")),
            para(comment_anchor(2, run("Quality Mark togs fram 2006 av TOCEMA Europe."))),
            span=2,
        ),
        para(),
        box(
            para(run("KONTAKT")),
            para(run("Pia Sandin"), "<w:r><w:br/></w:r>", run("Senior Advisor", split=False)),
        ),
    ]
    return "".join(parts)


def review_docx(core: dict[str, str] | None = None) -> bytes:
    """The reviewed article as Word saves it."""
    reset()
    body = review_body()
    comments = comments_xml(
        [
            (0, AUTHOR, DATE, COMMENT_QUOTE, "0AAA0001"),
            (1, EDITOR, EDITOR_DATE, COMMENT_REPLY, "0AAA0002"),
            (2, EDITOR, EDITOR_DATE, COMMENT_FACTS, "0AAA0003"),
        ]
    )
    # the reply is anchored where its thread is (Word repeats the range for each reply)
    body = body.replace(
        '<w:commentRangeEnd w:id="0"/>',
        '<w:commentRangeEnd w:id="0"/><w:commentRangeEnd w:id="1"/>',
    ).replace(
        '<w:commentRangeStart w:id="0"/>',
        '<w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="1"/>',
    )
    extended = comments_extended_xml(
        [("0AAA0001", "", True), ("0AAA0002", "0AAA0001", False), ("0AAA0003", "", False)]
    )
    return package(document_xml(body), comments, extended, core)


def main() -> None:
    out = Path(__file__).resolve().parent / "review-word.docx"
    out.write_bytes(review_docx())
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
