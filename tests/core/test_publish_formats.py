"""The published formats: plain text, Word, Markdown front matter, HTML links and typography."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from qm_tui.core.article.frontmatter import dump_front_matter, split_front_matter, yaml_string
from qm_tui.core.article.read.docx import read_docx
from qm_tui.core.article.write.docx import STYLE_NAMES
from qm_tui.core.article.write.html import render_html
from qm_tui.core.article.write.markdown import normalise_block, normalise_line, render_markdown
from qm_tui.core.article.write.txt import render_text
from qm_tui.core.article.write.typography import typeset
from qm_tui.core.intake.importing import parse_article
from qm_tui.core.interview.model import Interview
from qm_tui.core.interview.questions import QuestionSets, load_question_sets
from qm_tui.core.publish.export import ExportOptions, render
from tests.conftest import REFERENCE

SETS = load_question_sets()


def vaxjo() -> Interview:
    """The model article, imported, with the metadata a stored interview has."""
    iv = parse_article(REFERENCE.read_text(encoding="utf-8"), SETS).interview
    return dataclasses.replace(iv, date="2022-03-01", interviewer="Pia Sandin")


# -- plain text ---------------------------------------------------------------------------


def test_txt_export_is_the_model_article_line_for_line() -> None:
    out = render(vaxjo(), "txt", ExportOptions(lang="sv")).decode("utf-8")
    expected = REFERENCE.read_text(encoding="utf-8").lstrip("\n")
    assert out.splitlines() == expected.splitlines()
    assert out == expected + "\n"


def test_txt_has_no_markup_and_imports_back() -> None:
    iv = vaxjo().with_answer(0, "*Stjärnor* och <b>taggar</b> står kvar.\nNy rad.\n\nNytt stycke.")
    out = render_text(iv)
    assert "*Stjärnor* och <b>taggar</b> står kvar.\nNy rad.\n\nNytt stycke." in out
    back = parse_article(out, SETS).interview
    assert back.answers == iv.answers and back.contact == iv.contact and back.quote == iv.quote
    assert (back.name, back.title, back.organisation) == (iv.name, iv.title, iv.organisation)


# -- typography ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "typeset_text"),
    [
        ('Vi sa "ja" direkt.', "Vi sa ”ja” direkt."),
        ("Det var 'bra' sa han.", "Det var ’bra’ sa han."),
        ("Stad - och land", "Stad – och land"),
        ("Vänta...", "Vänta…"),
        ("QM-certifikat och 2020-2022", "QM-certifikat och 2020-2022"),
        ('Första\n\n"andra"', "Första\n\n”andra”"),
    ],
)
def test_swedish_typography(typed: str, typeset_text: str) -> None:
    assert typeset(typed) == typeset_text


def test_typography_applies_to_published_formats_of_swedish_sets_only() -> None:
    iv = vaxjo().with_answer(0, 'Vi sa "ja" - och det var bra...')
    sv, en = ExportOptions(lang="sv"), ExportOptions(lang="en")
    off = ExportOptions(lang="sv", typography=False)
    want, typed = "Vi sa ”ja” – och det var bra…", 'Vi sa "ja" - och det var bra...'
    assert want in render(iv, "txt", sv).decode()
    assert want in render(iv, "html", sv).decode()
    assert want in docx_text(render(iv, "docx", sv))
    for fmt in ("txt", "docx"):
        for options in (en, off):
            data = render(iv, fmt, options)
            assert typed in (docx_text(data) if fmt == "docx" else data.decode())
    assert "Vi sa &quot;ja&quot; - och det var bra..." in render(iv, "html", off).decode()
    # Markdown keeps the text as typed.
    assert typed in render(iv, "md", sv).decode()


def test_curly_and_straight_quotes_come_out_the_same() -> None:
    straight = vaxjo().with_answer(0, 'Han sa "kom" - och vi kom...')
    curly = vaxjo().with_answer(0, "Han sa ”kom” – och vi kom…")
    curly = dataclasses.replace(curly, uid=straight.uid)
    for fmt in ("txt", "html"):
        assert render(straight, fmt) == render(curly, fmt)


# -- Word -----------------------------------------------------------------------------------


def docx_text(data: bytes) -> str:
    return read_docx(data).text()


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_docx_uses_styles_for_every_part() -> None:
    iv = vaxjo().with_answer(1, "Första stycket\nmed radbrytning.\n\nAndra stycket.")
    doc = open_docx(render(iv, "docx", ExportOptions(lang="sv")))
    paras = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert paras[0] == ("Title", "Nils-Petter Nilsson")
    assert paras[1] == (STYLE_NAMES["byline"], "vd/centrumutvecklare Växjö City")
    byline = next(p for p in doc.paragraphs if p.style.name == STYLE_NAMES["byline"])
    runs = [(r.style.name, r.text) for r in byline.runs if r.text.strip()]
    assert runs == [("QM Title", "vd/centrumutvecklare"), ("QM Organisation", "Växjö City")]
    assert paras[2] == (STYLE_NAMES["quote"], iv.quote)
    questions = [t for s, t in paras if s == STYLE_NAMES["question"]]
    assert questions == [f"{n}. {a.question}" for n, a in enumerate(iv.answers, 1)]
    assert ("Normal", "Första stycket\nmed radbrytning.") in paras
    assert ("Normal", "Andra stycket.") in paras
    # Styles, not direct formatting: no run sets bold, italic, size or font itself.
    for p in doc.paragraphs:
        for r in p.runs:
            assert (r.bold, r.italic, r.font.size, r.font.name) == (None, None, None, None)
    styles = doc.styles
    assert styles[STYLE_NAMES["question"]].font.bold is True
    assert styles[STYLE_NAMES["quote"]].font.italic is True
    assert styles[STYLE_NAMES["quote"]].font.size.pt > styles["Normal"].font.size.pt


def test_docx_boxes_are_shaded_one_cell_tables() -> None:
    doc = open_docx(render(vaxjo(), "docx"))
    assert len(doc.tables) == 2
    facts, contact = ([p for p in t.cell(0, 0).paragraphs] for t in doc.tables)
    assert [p.style.name for p in facts] == ["QM Box Heading", "QM Box Text"]
    assert facts[0].text == "FAKTA OM QM" and facts[1].text.startswith("Quality Mark baseras")
    assert [p.text for p in contact] == [
        "KONTAKT",
        "Pia Sandin\nSenior Advisor\npia.sandin@svenskastadskarnor.se",
        "Du hittar mer information på vår hemsida www.svenskastadskarnor.se",
    ]
    for table in doc.tables:
        xml = table._tbl.xml
        assert 'w:fill="EFECE4"' in xml and "<w:tblBorders>" in xml
        assert "<w:cantSplit/>" in xml  # a box is never split across two pages


def test_docx_is_a4_with_margins_and_one_font_family() -> None:
    """Issues 23.6 and 23.14: US Letter with python-docx's margins; the default Title style
    with its theme font and thin blue rule; a serif body beside sans-serif boxes; boxes
    kept with what follows, which pushed both to a page of their own."""
    from docx.shared import Mm

    doc = open_docx(render(vaxjo(), "docx"))
    (section,) = doc.sections
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    for margin in (section.left_margin, section.right_margin):
        assert Mm(20) <= margin <= Mm(30)
    for margin in (section.top_margin, section.bottom_margin):
        assert Mm(18) <= margin <= Mm(30)
    title = doc.styles["Title"].element.xml
    assert "w:pBdr" not in title and "Theme" not in title and "theme" not in title
    fonts = set()
    for paragraph in [*doc.paragraphs, *(p for t in doc.tables for p in t.cell(0, 0).paragraphs)]:
        style = paragraph.style
        while style is not None and style.font.name is None:
            style = style.base_style
        fonts.add(style.font.name if style is not None else None)
    assert fonts == {"Georgia"}
    assert not doc.styles[STYLE_NAMES["box_heading"]].paragraph_format.keep_with_next


def test_docx_keeps_hyphen_lines_as_typed_lines() -> None:
    """Issue 23.15: "- item" lines stay lines of their paragraph (no list), as in HTML."""
    iv = vaxjo().with_answer(0, "Tre saker:\n- trygghet\n- tillgänglighet")
    doc = open_docx(render(iv, "docx"))
    texts = [p.text for p in doc.paragraphs]
    assert "Tre saker:\n- trygghet\n- tillgänglighet" in texts
    html = render_html(iv)
    assert "Tre saker:<br>\n- trygghet<br>\n- tillgänglighet</p>" in html and "<ul" not in html


def test_docx_properties_and_language() -> None:
    doc = open_docx(render(vaxjo(), "docx"))
    props = doc.core_properties
    assert props.title == "Nils-Petter Nilsson – Växjö City"
    assert props.author == "Pia Sandin" and props.language == "sv-SE"
    assert props.category == "qm-sv" and props.created.date().isoformat() == "2022-03-01"
    assert 'w:val="sv-SE"' in doc.styles["Normal"].element.xml
    en = open_docx(render(vaxjo(), "docx", ExportOptions(lang="en")))
    assert en.core_properties.language == "en-GB"


def test_docx_uses_the_user_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import RGBColor

    template = docx.Document()
    template.add_paragraph("Mallens egen text")
    style = template.styles.add_style("QM Question", WD_STYLE_TYPE.PARAGRAPH)
    style.font.color.rgb = RGBColor(0x11, 0x22, 0x33)
    config = tmp_path / "config"
    config.mkdir()
    template.save(str(config / "template.docx"))
    monkeypatch.setenv("QM_TUI_CONFIG_DIR", str(config))
    doc = open_docx(render(vaxjo(), "docx"))
    assert "Mallens egen text" not in docx_text(render(vaxjo(), "docx"))
    assert doc.styles["QM Question"].font.color.rgb == RGBColor(0x11, 0x22, 0x33)
    assert doc.styles["QM Question"].font.bold is None  # the house style is used as it is
    assert doc.styles["QM Pull Quote"].font.italic is True  # what the template lacks is added


def test_a_broken_template_is_one_clear_error(tmp_path: Path) -> None:
    from qm_tui.core.errors import QMError

    bad = tmp_path / "template.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(QMError, match="cannot use the Word template"):
        render(vaxjo(), "docx", ExportOptions(template=bad))


def test_docx_imports_back(sets: QuestionSets) -> None:
    iv = vaxjo()
    content = read_docx(render(iv, "docx", ExportOptions(typography=False)), set(sets.sets))
    back = parse_article(content.text(), sets, content.hints).interview
    assert dataclasses.replace(back, created=iv.created, updated=iv.updated) == iv


# -- Markdown front matter ------------------------------------------------------------------


def test_markdown_starts_with_front_matter() -> None:
    iv = vaxjo()
    md = render(iv, "md", ExportOptions(interview_id=7)).decode()
    front, body = split_front_matter(md)
    assert front == {
        "id": "7",
        "name": "Nils-Petter Nilsson",
        "title": "vd/centrumutvecklare",
        "organisation": "Växjö City",
        "date": "2022-03-01",
        "interviewer": "Pia Sandin",
        "question_set": "qm-sv",
        "status": "complete",
        "uid": iv.uid,
        "updated": iv.updated,  # the version exported: `update` warns of later changes
    }
    assert body.startswith("# Nils-Petter Nilsson\n") and "[qm:" not in md
    assert yaml.safe_load(md.split("---")[1]) == front


def test_no_meta_leaves_the_front_matter_out() -> None:
    md = render(vaxjo(), "md", ExportOptions(meta=False)).decode()
    assert md.startswith("# Nils-Petter Nilsson\n") and "question_set" not in md


def test_markdown_with_front_matter_imports_back() -> None:
    iv = dataclasses.replace(vaxjo(), notes='Foto: Anna\n\n"citat"', title="tf vd")
    back = parse_article(render_markdown(iv, interview_id=3), SETS).interview
    assert dataclasses.replace(back, created=iv.created, updated=iv.updated) == iv


def test_old_exports_with_reference_lines_still_import() -> None:
    old = (REFERENCE.parent / "vaxjo-export-0.1.md").read_text(encoding="utf-8")
    assert "[qm:set]" in old
    iv = parse_article(old, SETS).interview
    assert (iv.date, iv.interviewer, iv.notes) == ("2022-03-01", "Pia Sandin", "Foto: Anna")
    assert (iv.title, iv.organisation) == ("vd/centrumutvecklare", "Växjö City")


def test_hand_written_front_matter_of_any_yaml_types() -> None:
    md = render_markdown(vaxjo(), meta=False)
    text = "---\ndate: 2021-05-04\nstatus: approved\ntags: [a, b]\nid: 12\n---\n" + md
    iv = parse_article(text, SETS).interview
    assert (iv.date, iv.status) == ("2021-05-04", "approved")


def test_broken_front_matter_is_one_clear_error() -> None:
    from qm_tui.core.errors import ArticleError

    with pytest.raises(ArticleError, match="front matter is not valid YAML"):
        parse_article("---\nname: [oops\n---\n# Namn\n\n**1. Fråga?**\n", SETS)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.from_regex(r"[a-z_]{1,10}", fullmatch=True) | st.text(max_size=10), st.text(), max_size=5
    )
)
@example({"A\n": "", "no": "x"})  # a key ending in a newline once passed for a plain key
def test_front_matter_emitter_agrees_with_yaml(fields: dict[str, str]) -> None:
    """Any string, written by the small emitter, is read back exactly by PyYAML."""
    block = dump_front_matter(fields)
    assert yaml.safe_load(block.strip().strip("-")) == (fields or None)
    for value in fields.values():
        assert yaml.safe_load(yaml_string(value)) == value
        assert "\n" not in yaml_string(value)


# -- HTML -------------------------------------------------------------------------------------


def test_html_fragment_is_the_article_alone() -> None:
    out = render(vaxjo(), "html", ExportOptions(fragment=True)).decode()
    assert out.startswith('<article class="qm-profile">\n<h1>') and out.endswith("</article>\n")
    assert "<html" not in out and "<style" not in out


def test_html_links_only_web_and_mail_addresses() -> None:
    typed = (
        "Se www.vaxjo.se, https://a.se/x?y=1&z=2, http://b.se och ftp://c.se, skriv till "
        "info@vaxjo.se; aldrig javascript:alert(1), file:///etc/passwd, data:text/html,x "
        "eller //evil.example"
    )
    page = render_html(vaxjo().with_answer(0, typed), fragment=True)
    hrefs = re.findall(r'<a href="([^"]*)">', page)
    assert hrefs[:4] == [
        "https://www.vaxjo.se",
        "https://a.se/x?y=1&amp;z=2",
        "http://b.se",
        "mailto:info@vaxjo.se",
    ]
    assert all(re.match(r"(https?://|mailto:)", h) for h in hrefs)
    assert '<a href="mailto:pia.sandin@svenskastadskarnor.se">' in page
    assert '<a href="https://www.svenskastadskarnor.se">' in page
    for text in ("ftp://c.se", "javascript:alert(1)", "file:///etc/passwd", "//evil.example"):
        assert text in page


# -- typed text comes out as typed in every format -----------------------------------------

TYPED = st.text(
    st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="\u2028\u2029\x85"),
    min_size=1,
    max_size=80,
) | st.sampled_from(['"citat"', "a - b", "vänta...", "<b>fet</b>", "*x*", "1. inte en fråga"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=TYPED, quote=TYPED)
def test_typed_text_comes_out_as_typed_in_every_format(answer: str, quote: str) -> None:
    iv = dataclasses.replace(vaxjo().with_answer(2, answer), quote=quote)
    shown_answer, shown_quote = normalise_block(answer), normalise_block(quote)
    options = ExportOptions(lang="sv", typography=False)
    txt = render(iv, "txt", options).decode()
    assert f"\n\n{shown_answer}\n\n" in txt and f"\n\n{shown_quote}\n\n" in txt
    word = open_docx(render(iv, "docx", options))
    texts = [p.text for p in word.paragraphs]
    assert shown_answer.split("\n\n")[0] in texts and shown_quote.split("\n\n")[0] in texts
    md = render(iv, "md", options).decode()
    back = parse_article(md, SETS).interview
    assert back.answers[2].answer == shown_answer and back.quote == shown_quote
    page = render(iv, "html", options).decode()
    import html as html_module

    visible = html_module.unescape(re.sub(r"<[^>]*>", "", page))
    assert " ".join(shown_answer.split()) in " ".join(visible.split())
    assert normalise_line(iv.name) in visible
