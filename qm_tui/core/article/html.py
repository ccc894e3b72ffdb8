"""The article as a standalone HTML5 page: markdown-it-py's rendering of `render_markdown`.

The pull quote and the facts and contact boxes are marked up for print-like styling. Only the
constructs our own Markdown uses are enabled, so no link, image or raw HTML from typed text can
ever be live in the page.
"""

from __future__ import annotations

import html
from functools import cache
from typing import TYPE_CHECKING

from .markdown import is_question_paragraph, normalise_line, render_markdown

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from ..export import ExportOptions
    from ..model import Interview

__all__ = ["ARTICLE_RULES", "STYLESHEET", "export", "render_html"]

STYLESHEET = """\
:root{color-scheme:light}
body{margin:0;background:#fbfaf7;color:#1d1d1b;font:1.0625rem/1.6 Georgia,"Times New Roman",serif}
article{max-width:36em;margin:3em auto;padding:0 1.25em}
h1{font-size:2.4em;line-height:1.1;margin:0 0 .25em}
.byline{margin:0 0 1.5em;color:#555;font-style:italic;font-size:1.1em}
.pull-quote{margin:1.5em 0 2em;padding:.2em 0 .2em .9em;border-left:.25em solid #a31f34;\
font-size:1.6em;line-height:1.3;font-style:italic}
.pull-quote p{margin:0}
.question{margin:1.6em 0 .4em}
hr{border:0;border-top:1px solid #ccc;margin:2.5em 0 1.5em}
aside{margin:1.25em 0;padding:.9em 1.3em;background:#efece4;border-radius:.3em;\
font:.95rem/1.55 "Helvetica Neue",Arial,sans-serif}
aside h2{margin:0 0 .6em;font-size:.95rem;letter-spacing:.08em}
aside p{margin:.5em 0}
@media print{body{background:#fff}article{margin:0 auto}aside{border:1px solid #999}}
"""


ARTICLE_RULES = ("heading", "blockquote", "hr", "reference", "escape", "emphasis", "newline")


@cache
def _article_renderer() -> MarkdownIt:
    """markdown-it-py restricted to the constructs of our own article Markdown."""
    from markdown_it import MarkdownIt

    return MarkdownIt("zero", {"html": False, "xhtmlOut": False}).enable(list(ARTICLE_RULES))


def _mark_up(tokens: list[Token]) -> None:
    """Give the article's parts their HTML: byline, pull quote, questions, boxes as `<aside>`."""
    after_rule = False
    seen_question = False
    boxes = 0
    for i, tok in enumerate(tokens):
        if tok.level != 0:
            continue
        if tok.type == "hr":
            after_rule = True
        elif tok.type == "paragraph_open" and not after_rule:
            if is_question_paragraph(tokens[i + 1]):
                tok.attrSet("class", "question")
                seen_question = True
            elif i >= 3 and tokens[i - 1].type == "heading_close" and tokens[i - 1].tag == "h1":
                tok.attrSet("class", "byline")
        elif tok.type in ("blockquote_open", "blockquote_close"):
            if after_rule:
                tok.tag = "aside"
                if tok.type == "blockquote_open":
                    tok.attrSet("class", ("facts", "contact")[min(boxes, 1)])
                    boxes += 1
            elif not seen_question and tok.type == "blockquote_open":
                tok.attrSet("class", "pull-quote")


def render_html(interview: Interview, lang: str = "sv") -> str:
    """The article as a standalone HTML5 page rendered from `render_markdown`; no scripts."""
    md = _article_renderer()
    tokens = md.parse(render_markdown(interview), {})
    _mark_up(tokens)
    body = md.renderer.render(tokens, md.options, {})
    name, org = normalise_line(interview.name), normalise_line(interview.organisation)
    title = " – ".join(x for x in (name, org) if x) or "Intervju"
    return (
        "<!doctype html>\n"
        f'<html lang="{html.escape(lang, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title, quote=False)}</title>\n"
        f"<style>\n{STYLESHEET}</style>\n</head>\n<body>\n"
        f'<article class="qm-profile">\n{body}</article>\n</body>\n</html>\n'
    )


def export(interview: Interview, options: ExportOptions) -> bytes:
    """The `html` export format: `render_html` in the set's language, as UTF-8."""
    return render_html(interview, lang=options.lang).encode("utf-8")
