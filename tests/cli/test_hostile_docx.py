# ruff: noqa: E501  (a table of cases, one row a line)
"""Hostile Word files: one clear line, nothing saved, memory bounded.

A table of cases, each a .docx built by `tests/data/make_review_docx.py`'s helpers and given to
`import` and `update`; to add a case, add a row. Then the files that are odd but fine: read
quickly, every text once, what cannot be placed named in a warning.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from qm_tui.cli import main
from qm_tui.core.article.read.docx import read_docx
from qm_tui.core.article.read.docx_package import MAX_PART
from qm_tui.core.database.store import InterviewStore
from qm_tui.core.errors import ArticleError
from qm_tui.core.interview.model import Answer, Interview
from tests.data import make_review_docx as word

LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
    + "]>"
)  # fmt: skip
XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _plain_article() -> bytes:
    word.reset()
    body = "".join(
        [
            word.para(word.run("Anna Berg")),
            word.para(word.run("vd Lunds City")),
            word.para(word.run("Citatet.")),
            word.para(word.run("1. Hur går det?")),
            word.para(word.run("Bra."), '<w:r><w:footnoteReference w:id="1"/></w:r>'),
        ]
    )
    comments = word.comments_xml([(0, "A", "2026-12-01", "Ok?", "0AAA0001")])
    extended = word.comments_extended_xml([("0AAA0001", "", False)])
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {word.NS}>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>Fotnot.</w:t></w:r></w:p></w:footnote></w:footnotes>'
    ).encode()
    return word.package(word.document_xml(body), comments, extended, footnotes=footnotes)


def _with_entities(part: str, doctype: str, reference: str) -> bytes:
    """The plain article with `doctype` declared in `part` (and `reference` used in its text)."""
    members = _members(_plain_article())
    xml = members[part].decode()
    decl_end = xml.index("?>") + 2 if xml.startswith("<?xml") else 0
    xml = xml[:decl_end] + doctype + xml[decl_end:]
    if part == "word/document.xml":
        xml = xml.replace("Bra.", f"Bra.{reference}", 1)
    members[part] = xml.encode()
    return word.zip_members(members)


def _without(part: str) -> bytes:
    members = _members(_plain_article())
    del members[part]
    return word.zip_members(members)


def _replaced(part: str, data: bytes) -> bytes:
    members = _members(_plain_article())
    members[part] = data
    return word.zip_members(members)


def _bomb() -> bytes:
    """document.xml unpacking to more than MAX_PART (from a few tens of kilobytes)."""
    members = _members(_plain_article())
    members["word/document.xml"] = members["word/document.xml"] + b" " * (MAX_PART + 10)
    return word.zip_members(members)


def _many_members() -> bytes:
    members = _members(_plain_article())
    members |= {f"customXml/item{n}.xml": b"<a/>" for n in range(6000)}
    return word.zip_members(members)


def _deep() -> bytes:
    body = (
        "<w:sdt><w:sdtContent>" * 3000 + word.para(word.run("x")) + "</w:sdtContent></w:sdt>" * 3000
    )
    return _replaced("word/document.xml", word.document_xml(body))


def _many_paragraphs() -> bytes:
    body = "<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 100_000
    return _replaced("word/document.xml", word.document_xml(body))


PARTS = [
    "[Content_Types].xml",
    "_rels/.rels",
    "word/_rels/document.xml.rels",
    "word/document.xml",
    "word/styles.xml",
    "word/comments.xml",
    "word/commentsExtended.xml",
    "word/footnotes.xml",
    "docProps/core.xml",
]

CASES: list[tuple[str, Callable[[], bytes], str]] = [
    *((f"billion laughs in {p}", lambda p=p: _with_entities(p, LAUGHS, "&lol9;"), f"the part '{p}' declares a DTD (entities), which no Word file has; not read") for p in PARTS),
    *((f"external entity in {p}", lambda p=p: _with_entities(p, XXE, "&xxe;"), f"the part '{p}' declares a DTD (entities), which no Word file has; not read") for p in PARTS),
    ("zip bomb", _bomb, f"the part 'word/document.xml' unpacks to {MAX_PART + 10 + len(_members(_plain_article())['word/document.xml']):,} bytes; more than an article can hold ({MAX_PART:,})"),
    ("no main document part", lambda: _without("word/document.xml"), "not a Word document: the part 'word/document.xml' is missing"),
    ("no content types", lambda: _without("[Content_Types].xml"), "not a Word document: the part '[Content_Types].xml' is missing"),
    ("no package relationships", lambda: _without("_rels/.rels"), "not a Word document: the part '_rels/.rels' is missing"),
    ("comments named but missing", lambda: _without("word/comments.xml"), "not a Word document: the part 'word/comments.xml' is missing"),
    ("a damaged zip", lambda: _plain_article()[:-200], "not a readable Word document (a damaged zip: File is not a zip file)"),
    ("a part that is not XML", lambda: _replaced("word/document.xml", b"\x00\x01 not xml"), "the part 'word/document.xml' is not valid XML ("),
    ("XML nested 3,000 deep", _deep, "the part 'word/document.xml' is nested too deeply to read"),
    ("6,000 files in the zip", _many_members, f"not a Word document: its zip holds {6000 + len(_members(_plain_article())):,} files"),
    ("100,000 paragraphs, no article", _many_paragraphs, "300,000 characters is more than an article (at most 256,000; a profile is about 15,000)"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "make", "message"), CASES, ids=[c[0] for c in CASES])
def test_a_hostile_word_file_gets_one_line_and_saves_nothing(
    case: str,
    make: Callable[[], bytes],
    message: str,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store = InterviewStore(db_path)
    iid = store.add(Interview("qm-sv", name="Anna Berg", answers=(Answer("Hur går det?", "Bra."),)))
    before = db_path.read_bytes()
    path = tmp_path / "svar.docx"
    path.write_bytes(make())
    for args in (["import", str(path)], ["update", str(iid), str(path)]):
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        assert (code, out) == (1, ""), case
        # the XML parser's own words (line and column) may follow the message
        assert err.startswith(f"qm-tui: error: {path}: {message}"), case
        assert err.count("\n") == 1 and err.endswith("\n"), case
        assert "root:" not in err
    assert db_path.read_bytes() == before


def test_a_huge_member_the_article_does_not_need_is_never_read() -> None:
    """A thumbnail unpacking to far more than memory allows: never opened."""
    members = _members(_plain_article())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
        with z.open("docProps/thumbnail.jpeg", "w", force_zip64=True) as big:
            chunk = b"\0" * (1 << 20)
            for _ in range((2 * MAX_PART) >> 20):
                big.write(chunk)
    data = out.getvalue()
    assert len(data) < MAX_PART // 50
    tracemalloc.start()
    try:
        content = read_docx(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "Anna Berg" in content.text()
    assert peak < 8 << 20


def test_a_cell_spanning_fifty_million_columns_is_read_once() -> None:
    word.reset()
    body = word.box(word.para(word.run("FAKTA OM QM")), word.para(word.run("En gång.")), span=1)
    body = body.replace('<w:gridSpan w:val="1"/>', '<w:gridSpan w:val="50000000"/>')
    content = read_docx(_replaced("word/document.xml", word.document_xml(body)))
    assert content.text().count("En gång.") == 1


def test_nested_tables_are_read_and_footnotes_named() -> None:
    word.reset()
    inner = word.box(word.para(word.run("Text i en inre tabell.")))
    body = word.para(word.run("Bra."), '<w:r><w:footnoteReference w:id="1"/></w:r>')
    body += word.box(word.para(word.run("FAKTA OM QM")), inner + word.para())
    content = read_docx(_replaced("word/document.xml", word.document_xml(body)))
    assert "Text i en inre tabell." in content.text()
    assert content.warnings == [
        "footnote 1 ('Fotnot.') was not read: an article has no place for it"
    ]


def test_what_could_not_be_placed_is_a_warning_of_import_and_update(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fotnot.docx"
    path.write_bytes(_plain_article())
    warning = f"qm-tui: warning: {path}: footnote 1 ('Fotnot.') was not read: an article has no place for it"
    assert main(["--db", str(db_path), "import", str(path)]) == 0
    assert warning in capsys.readouterr().err
    assert main(["--db", str(db_path), "update", "1", str(path)]) == 0
    assert warning.replace(f"{path}: ", "") in capsys.readouterr().err


def test_text_in_an_unknown_element_is_named() -> None:
    body = word.para(
        word.run("Bra."), "<w:unknownThing><w:r><w:t>Gömd text.</w:t></w:r></w:unknownThing>"
    )
    content = read_docx(_replaced("word/document.xml", word.document_xml(body)))
    assert content.warnings == ["text in a Word element <unknownThing> was not read: 'Gömd text.'"]


def test_a_styles_relationship_pointing_at_another_part_is_harmless() -> None:
    members = _members(_plain_article())
    rels = members["word/_rels/document.xml.rels"].decode()
    members["word/_rels/document.xml.rels"] = rels.replace(
        'Target="styles.xml"', 'Target="document.xml"'
    ).encode()
    content = read_docx(word.zip_members(members))
    assert "Anna Berg" in content.text()


def test_vertically_merged_rows_are_read() -> None:
    restart = ' w:val="restart"'
    rows = "".join(
        f"<w:tr><w:tc><w:tcPr><w:vMerge{'' if n else restart}/></w:tcPr>"
        f"<w:p><w:r><w:t>{'Rad.' if n == 0 else ''}</w:t></w:r></w:p></w:tc></w:tr>"
        for n in range(1200)
    )
    content = read_docx(_replaced("word/document.xml", word.document_xml(f"<w:tbl>{rows}</w:tbl>")))
    assert content.text().count("Rad.") == 1


def test_reading_a_part_is_an_article_error_not_a_crash() -> None:
    with pytest.raises(ArticleError):
        read_docx(b"PK\x03\x04" + b"\0" * 100)
