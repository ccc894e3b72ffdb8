"""The HTML article: a standalone page rendered from the Markdown, with nothing typed made live."""

from __future__ import annotations

import html
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings

from qm_tui.core.article.write.html import _article_renderer, render_html
from qm_tui.core.article.write.markdown import commonmark_parser as _markdown_it
from qm_tui.core.article.write.markdown import render_markdown
from qm_tui.core.interview.controls import remove_controls
from qm_tui.core.interview.model import Answer, Contact, Facts, Interview
from qm_tui.core.interview.questions import load_question_sets
from tests.core.test_article_markdown import HOSTILE_TEXT, fold, sample


def body_of(page: str) -> str:
    """The `<article>` element of a page."""
    m = re.search(r"<article[^>]*>(.*)</article>", page, re.S)
    assert m is not None
    return m.group(1)


def page_text(page: str) -> str:
    """The text a reader sees in the article (tags stripped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]*>", " ", body_of(page)))


def test_standalone_page() -> None:
    page = render_html(sample(quote="Ett citat."), lang="sv")
    assert page.startswith('<!doctype html>\n<html lang="sv">')
    assert '<meta charset="utf-8">' in page
    assert "<title>Nils-Petter Nilsson – Växjö City</title>" in page
    assert "<style>" in page and "max-width" in page
    assert page.rstrip().endswith("</html>")
    assert "<script" not in page.lower()


def test_parts_are_marked_up_for_print() -> None:
    body = body_of(render_html(sample(quote="Ett citat.")))
    assert "<h1>Nils-Petter Nilsson</h1>" in body
    assert '<p class="byline">vd/centrumutvecklare Växjö City</p>' in body
    assert '<blockquote class="pull-quote">\n<p>Ett citat.</p>\n</blockquote>' in body
    assert body.count('<h2 class="question">') == 5 and "<strong>" not in body
    assert '<h2 class="question">1. På vilket sätt har samverkan' in body
    assert '<aside class="facts">\n<h2>FAKTA OM QM</h2>' in body
    assert '<aside class="contact">\n<h2>KONTAKT</h2>\n<p>Pia Sandin<br>' in body
    assert body.count("<aside") == 2 and body.count("<blockquote") == 1


def test_lang_comes_from_the_caller_and_is_escaped() -> None:
    assert '<html lang="en">' in render_html(sample(), lang="en")
    assert '<html lang="x&quot;&gt;">' in render_html(sample(), lang='x">')


def test_title_is_escaped() -> None:
    page = render_html(sample(name="<script>alert(1)</script>", organisation="A & B"))
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; – A &amp; B</title>" in page
    assert "<script" not in page


@pytest.mark.parametrize(
    "typed",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "[x](javascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "![x](javascript:alert(1))",
        "<javascript:alert(1)>",
        "[x]: javascript:alert(1)\n\n[x]",
        "<!-- kommentar -->",
        "<style>body{display:none}</style>",
        "&lt;script&gt;",
    ],
)
def test_no_markup_from_an_answer_is_live(typed: str) -> None:
    iv = sample(name=typed, quote=typed, title=typed).with_answer(0, typed)
    page = render_html(iv)
    body = body_of(page)
    assert "<script" not in page.lower()
    tags = re.findall(r"<[^>]*>", body)
    # The only links are the contact box's own e-mail and web address.
    links = [t for t in tags if re.match(r"<a\b", t)]
    assert links == [
        '<a href="mailto:pia.sandin@svenskastadskarnor.se">',
        '<a href="https://www.svenskastadskarnor.se">',
    ]
    assert not [t for t in tags if re.match(r"</?(img|style|b|script|iframe)\b", t, re.I)]
    assert not [t for t in tags if re.search(r"\s(on\w+|src)=", t, re.I)]
    assert fold(typed) in fold(page_text(render_html(iv, typography=False)))


@pytest.mark.parametrize("parser", [_markdown_it, _article_renderer])
def test_unsafe_links_are_not_linked_even_in_hand_written_markdown(parser) -> None:  # type: ignore[no-untyped-def]
    """The parsers themselves refuse raw HTML and javascript:/data: links (defence in depth)."""
    out = parser().render(
        "[a](javascript:alert(1)) [b](data:text/html,x) <b>raw</b> www.example.com <x@y.se>\n\n"
        "<script>alert(1)</script>"
    )
    assert 'href="javascript' not in out and 'href="data' not in out
    assert "<b>" not in out and "<script" not in out
    if parser is _article_renderer:
        assert "<a " not in out


def test_html_is_rendered_from_the_markdown() -> None:
    """One source of truth: the page's text is the Markdown's visible text."""
    from tests.core.test_article_markdown import visible_text

    iv = sample(quote="Citat *med* stjärnor.")
    page = render_html(iv, typography=False)
    assert fold(page_text(page)) == fold(visible_text(render_markdown(iv, meta=False)))


def test_importing_article_does_not_import_markdown_it() -> None:
    code = "import sys, qm_tui.core.article.write.markdown; print('markdown_it' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=HOSTILE_TEXT, quote=HOSTILE_TEXT, answer=HOSTILE_TEXT, contact=HOSTILE_TEXT)
def test_page_shows_typed_text_and_nothing_live(
    name: str, quote: str, answer: str, contact: str
) -> None:
    iv = Interview(
        question_set="qm-sv",
        name=name,
        quote=quote,
        answers=(Answer("Varför?", answer),),
        facts=Facts("FAKTA", answer),
        contact=Contact("KONTAKT", contact, "", "", quote),
    )
    page = render_html(iv, lang=load_question_sets().lang_of("qm-sv"), typography=False)
    # The article renderer (restricted to the article's constructs) renders like full CommonMark.
    markdown = render_markdown(iv, meta=False)
    assert _article_renderer().render(markdown) == _markdown_it().render(markdown)
    typed = [name, quote, "1. Varför?", answer, "FAKTA", answer, "KONTAKT", contact, quote]
    assert fold(page_text(page)) == fold(remove_controls(" ".join(typed)))
    tags = set(re.findall(r"<(/?[a-z0-9]+)", body_of(page)))
    assert tags <= {"h1", "/h1", "p", "/p", "blockquote", "/blockquote", "a", "/a",
                    "br", "hr", "aside", "/aside", "h2", "/h2"}  # fmt: skip
    # Only http(s) and mailto addresses ever become links.
    hrefs = re.findall(r'<a href="([^"]*)"', page)
    assert all(re.match(r"(https?://|mailto:)", h) for h in hrefs)
    assert not re.search(r"<a (?!href=\"[^\"]*\">)", page)
