"""The Markdown article: layout, escaping of whatever was typed, and the reference profile."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from qm_tui.core.article.write.markdown import (
    escape_markdown,
    normalise_block,
    normalise_line,
    render_markdown,
)
from qm_tui.core.intake.importing import parse_article
from qm_tui.core.interview.controls import remove_controls
from qm_tui.core.interview.model import Answer, Contact, Facts, Interview
from qm_tui.core.interview.questions import QuestionSets, load_question_sets
from tests.conftest import REFERENCE

# Everything CommonMark/GFM gives a meaning to, plus Swedish letters, emoji and odd whitespace.
ALPHABET = st.sampled_from(
    [
        *"*_#>-+=|`~[]()<>!&\\:;.\"'{}^$@%/ \n\t\r1234567890abcXYZåäöÅÄÖé",
        "😀",
        "\u00a0",
        "\u2003",
        "\x0b",
        "\x0c",
        "\u2028",
        "&amp;",
        "&#35;",
        "---",
        "1. ",
        "    ",
    ]
)
HOSTILE_TEXT = st.lists(ALPHABET, max_size=60).map("".join) | st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=60
)

COMMONMARK = MarkdownIt("commonmark", {"html": False})


def fold(text: str) -> str:
    """Whitespace folded: what a reader sees, ignoring layout."""
    return " ".join(text.split())


def visible_text(markdown: str) -> str:
    """The text a reader sees when the Markdown is rendered (tags stripped, entities decoded)."""
    rendered = COMMONMARK.render(markdown)
    return html.unescape(re.sub(r"<[^>]*>", " ", rendered))


def sets() -> QuestionSets:
    return load_question_sets()


def sample(**fields: str) -> Interview:
    """The standard qm-sv interview with the given person fields and a few answers."""
    qs = sets().default()
    iv = qs.new_interview(
        name=fields.pop("name", "Nils-Petter Nilsson"),
        title=fields.pop("title", "vd/centrumutvecklare"),
        organisation=fields.pop("organisation", "Växjö City"),
        date="2026-11-27",
    )
    for i in range(len(iv.answers)):
        iv = iv.with_answer(i, f"Svar {i + 1}.")
    return Interview.from_dict({**iv.to_dict(), **fields})


def test_layout_follows_the_printed_profile() -> None:
    iv = sample(quote="Viktigt att säkerställa.")
    md = render_markdown(iv, meta=False)
    assert md.startswith("# Nils-Petter Nilsson\n\nvd/centrumutvecklare Växjö City\n\n")
    assert "> Viktigt att säkerställa." in md
    assert "**1. På vilket sätt har samverkan" in md
    assert md.index("**1.") < md.index("Svar 1.") < md.index("**2.") < md.index("---")
    assert md.index("---") < md.index("> ## FAKTA OM QM") < md.index("> ## KONTAKT")
    tokens = COMMONMARK.parse(md)
    # Question numbers are text, never an auto-numbered list.
    assert not [t for t in tokens if t.type in ("ordered_list_open", "bullet_list_open")]
    texts = [t.content for t in tokens if t.type == "inline"]
    assert "1. På vilket sätt har samverkan i er stad" in texts[3]
    # Facts and contact are two block quotes after the rule.
    hr = next(i for i, t in enumerate(tokens) if t.type == "hr")
    boxes = [t for t in tokens[hr:] if t.type == "blockquote_open"]
    assert len(boxes) == 2


def test_reference_profile_survives_import_and_export() -> None:
    """Acceptance: every non-empty line of the reference shows, in order, word for word."""
    text = REFERENCE.read_text(encoding="utf-8")
    result = parse_article(text, sets())
    shown = fold(visible_text(render_markdown(result.interview)))
    pos = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        found = shown.find(fold(line), pos)
        assert found >= 0, f"missing or out of order: {line!r}"
        pos = found + len(fold(line))


def test_empty_parts_are_left_out() -> None:
    iv = Interview(question_set="x", answers=(Answer("Fråga?"),), date="2026-01-01")
    md = render_markdown(iv, meta=False)
    assert md == "#\n\n**1. Fråga?**\n"
    assert "---" not in md and ">" not in md


@pytest.mark.parametrize(
    "typed",
    [
        "*fet* och _kursiv_ och **mer**",
        "# inte en rubrik",
        "1. inte en lista",
        "2) inte heller",
        "- punkt\n+ punkt\n* punkt",
        "> inte ett citat",
        "rad\n---",
        "rad\n===",
        "---",
        "***",
        "`kod` och ```staket```",
        "~~~\nstaket\n~~~",
        "[text](https://example.com) och ![bild](x.png)",
        "[x](javascript:alert(1))",
        "<script>alert(1)</script>",
        "<b onclick=alert(1)>fet</b>",
        "<https://example.com> och <a@b.se>",
        "&amp; &lt; &#35; &copy;",
        "bak\\snedstreck\\",
        "\\*inte fet\\*",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "[fot]: https://example.com",
        "~~genomstruken~~",
        "- [ ] uppgift",
        "    fyra mellanslag",
        "\tflik",
        "två mellanslag på slutet  \nnästa rad",
        "2022. Det var året",
        "a\n\n\n\nb",
        "a\n   \nb",
        "  \n  ",
        "😀 åäö ÅÄÖ é",
    ],
)
def test_typed_markdown_and_html_show_as_typed(typed: str) -> None:
    iv = sample(quote=typed, name=normalise_line(typed) or "x").with_answer(0, typed)
    md = render_markdown(iv)
    body = render_markdown(iv, meta=False)
    assert md.endswith(body) and md.startswith("---\n")
    tokens = COMMONMARK.parse(body)
    # Nothing typed turns into markup: only the article's own structure appears.
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or ()}
    assert kinds <= {
        "heading_open", "heading_close", "paragraph_open", "paragraph_close", "inline", "text",
        "blockquote_open", "blockquote_close", "strong_open", "strong_close", "hr", "hardbreak",
        "softbreak",
    }  # fmt: skip
    back = parse_article(md, sets()).interview
    assert back.answers[0].answer == normalise_block(typed)
    assert back.quote == normalise_block(typed)
    assert back.name == (normalise_line(typed) or "x")
    assert fold(typed) in fold(visible_text(body))


def test_line_breaks_and_paragraphs_are_kept() -> None:
    iv = sample().with_answer(0, "Första raden\nandra raden\n\nNytt stycke")
    md = render_markdown(iv)
    assert "Första raden\\\nandra raden\n\nNytt stycke" in md
    rendered = COMMONMARK.render(md)
    assert "<p>Första raden<br />\nandra raden</p>\n<p>Nytt stycke</p>" in rendered


def test_escaping_is_minimal_for_ordinary_prose() -> None:
    prose = "Växjö Citysamverkan (sedan 2012) är QM-certifierad: 100 % nöjda, visst?"
    assert escape_markdown(prose) == prose


def test_normalisation() -> None:
    assert normalise_block("\r\n  a  \r\n\n\n\n b\x00\n \n") == "a\n\nb"
    assert normalise_line(" Anna \n Karin ") == "Anna Karin"


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=HOSTILE_TEXT,
    title=HOSTILE_TEXT,
    organisation=HOSTILE_TEXT,
    quote=HOSTILE_TEXT,
    question=HOSTILE_TEXT,
    answer=HOSTILE_TEXT,
    facts=HOSTILE_TEXT,
    contact=HOSTILE_TEXT,
)
def test_visible_text_equals_typed_text(
    name: str,
    title: str,
    organisation: str,
    quote: str,
    question: str,
    answer: str,
    facts: str,
    contact: str,
) -> None:
    """For any typed text, the rendered article shows exactly that text (whitespace folded)."""
    iv = Interview(
        question_set="qm-sv",
        name=name,
        title=title,
        organisation=organisation,
        quote=quote,
        answers=(Answer(question, answer),),
        facts=Facts(facts, answer),
        contact=Contact(contact, contact, title, contact, quote),
    )
    expected = [name, title, organisation, quote, "1.", question, answer, facts, answer]
    expected += [contact, contact, title, contact, quote]
    # control characters are left out of every article (qm_tui.core.interview.controls)
    visible = fold(visible_text(render_markdown(iv, meta=False)))
    assert visible == fold(remove_controls(" ".join(expected)))
