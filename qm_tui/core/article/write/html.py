"""The article as a standalone HTML5 page (or its `<article>` alone): markdown-it-py's rendering
of `render_markdown`.

Questions become `h2` headings, the pull quote a `blockquote.pull-quote`, the facts and contact
boxes `<aside>`s. Only the constructs our own Markdown uses are enabled, plus linkify: web
addresses and e-mail addresses in the text become `https://` and `mailto:` links (only `http`,
`https` and `mailto` ever do), so no other link, image or raw HTML from typed text can ever be
live. Swedish sets get Swedish typography (see `typography.py`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from .markdown import is_question_paragraph, normalise_line, render_markdown
from .typography import SWEDISH_QUOTES, add_spaced_hyphen_rule, typeset, wants_typography

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from ...interview.model import Interview
    from ...publish.export import ExportOptions

__all__ = ["ARTICLE_RULES", "STYLESHEET", "article_body", "build_renderer", "export", "render_html"]

STYLESHEET = """\
:root{color-scheme:light}
body{margin:0;background:#fbfaf7;color:#1d1d1b;font:1.0625rem/1.6 Georgia,"Times New Roman",serif}
article{max-width:36em;margin:3em auto;padding:0 1.25em}
h1{font-size:2.4em;line-height:1.1;margin:0 0 .25em}
.byline{margin:0 0 1.5em;color:#555;font-style:italic;font-size:1.1em}
.pull-quote{margin:1.5em 0 2em;padding:.2em 0 .2em .9em;border-left:.25em solid #a31f34;\
font-size:1.6em;line-height:1.3;font-style:italic}
.pull-quote p{margin:0}
h2.question{margin:1.6em 0 .4em;font-size:1.05em;line-height:1.4}
hr{border:0;border-top:1px solid #ccc;margin:2.5em 0 1.5em}
aside{margin:1.25em 0;padding:.9em 1.3em;background:#efece4;border-radius:.3em;\
font:.95rem/1.55 "Helvetica Neue",Arial,sans-serif}
aside h2{margin:0 0 .6em;font-size:.95rem;letter-spacing:.08em}
aside p{margin:.5em 0}
@media print{body{background:#fff}article{margin:0 auto}aside{border:1px solid #999}}
"""


# A dot between a word character and two letters (`vaxjo.se`), the dot first so that the regex
# engine can skip to each dot (five times faster on article text than `\w\.[^\W\d_]{2}`).
_DOMAIN_DOT = re.compile(r"\.(?<=\w\.)[^\W\d_]{2}")


def _may_hold_link(text: str) -> bool:
    """True if `text` might hold an address: `@`, `://` or a domain-like dot (`vaxjo.se`)."""
    return "@" in text or "://" in text or _DOMAIN_DOT.search(text) is not None


ARTICLE_RULES = ("heading", "blockquote", "hr", "reference", "escape", "emphasis", "newline")


@cache
def _article_renderer() -> MarkdownIt:
    """markdown-it-py restricted to the constructs of our own article Markdown."""
    from markdown_it import MarkdownIt

    return MarkdownIt("zero", {"html": False, "xhtmlOut": False}).enable(list(ARTICLE_RULES))


# Distinct texts whose links (and link targets) are remembered per renderer; the same contact
# box and web address recur in every article of a question set.
_MEMO_SIZE = 4096


def _remember(memo: dict[str, Any], key: str, compute: Callable[[str], Any]) -> Any:
    """`compute(key)`, remembered in `memo` (emptied when it holds `_MEMO_SIZE` entries)."""
    try:
        return memo[key]
    except KeyError:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        value = memo[key] = compute(key)
        return value


@cache
def _publishing_renderer(typography: bool) -> MarkdownIt:
    """The article renderer, built once, remembering links (see `build_renderer`)."""
    return build_renderer(typography, remember=True)


def build_renderer(typography: bool, remember: bool) -> MarkdownIt:
    """The article renderer with linkify (http, https, mailto only) and, optionally, typography.

    With `remember`, what linkify finds in a text and the links it makes of it, pure functions
    of the text, are remembered per distinct text: markdown-it-py's own linkify rule runs
    unchanged, calling memoised `test`, `match`, `normalizeLink` and `normalizeLinkText`. The
    output is the same either way (a test renders with both).
    """
    from linkify_it import LinkifyIt
    from markdown_it import MarkdownIt
    from markdown_it.rules_core.linkify import linkify

    class WebLinks(LinkifyIt):  # type: ignore[misc]
        """Addresses without a scheme (`www.example.se`) link to `https://`."""

        def pretest(self, text: str) -> bool:
            # linkify-it's own pretest is a large regex; most paragraphs fail this one first.
            return _may_hold_link(text) and bool(super().pretest(text))

        def normalize(self, match: object) -> None:
            super().normalize(match)
            if not getattr(match, "schema", "") and match.url.startswith("http://"):  # type: ignore[attr-defined]
                match.url = "https://" + match.url[len("http://") :]  # type: ignore[attr-defined]

    class RememberedLinks(WebLinks):
        """`WebLinks` remembering the links found in each distinct text."""

        def __init__(self) -> None:
            super().__init__()
            self.memo: dict[str, Any] = {}

        def test(self, text: str) -> bool:
            # A text token with no link gives the same tokens whether or not it is split up.
            return self.match(text) is not None

        def match(self, text: str) -> Any:
            return _remember(self.memo, text, self._links)

        def _links(self, text: str) -> Any:
            if not _may_hold_link(text) or not super().test(text):
                return None
            return super().match(text)

    class Publisher(MarkdownIt):
        """markdown-it-py remembering the links it normalises (see `_remember`)."""

        def __init__(self, options: dict[str, Any]) -> None:
            super().__init__("zero", options)
            self.link_memo: dict[str, str] = {}
            self.text_memo: dict[str, str] = {}

        def normalizeLink(self, url: str) -> str:
            return str(_remember(self.link_memo, url, super().normalizeLink))

        def normalizeLinkText(self, link: str) -> str:
            return str(_remember(self.text_memo, link, super().normalizeLinkText))

    options: dict[str, Any] = {"html": False, "xhtmlOut": False, "linkify": True}
    if typography:
        options |= {"typographer": True, "quotes": SWEDISH_QUOTES}
    md = Publisher(options) if remember else MarkdownIt("zero", options)
    md.linkify = (RememberedLinks() if remember else WebLinks()).add("ftp:", None).add("//", None)
    rules = list(ARTICLE_RULES)
    if typography:
        rules += ["replacements", "smartquotes"]
    md.enable(rules)
    # Linkify runs on the text as shown, after backslash escapes are joined back into it (the
    # inline linkify rule would read `\&` from the source into the address).
    md.core.ruler.after("text_join", "linkify_shown_text", linkify)
    return add_spaced_hyphen_rule(md) if typography else md


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
                # `**1. Question**` becomes `<h2 class="question">1. Question</h2>`.
                tok.tag = tokens[i + 2].tag = "h2"
                tok.attrSet("class", "question")
                inline = tokens[i + 1]
                strong = ("strong_open", "strong_close")
                inline.children = [c for c in inline.children or () if c.type not in strong]
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


def article_body(interview: Interview, md: MarkdownIt) -> str:
    """The HTML inside `<article>`: `render_markdown` rendered by `md`, its parts marked up."""
    tokens = md.parse(render_markdown(interview, meta=False), {})
    _mark_up(tokens)
    return str(md.renderer.render(tokens, md.options, {}))


def render_html(
    interview: Interview, lang: str = "sv", typography: bool = True, fragment: bool = False
) -> str:
    """The article as a standalone HTML5 page rendered from `render_markdown`; no scripts.

    `typography` applies to Swedish (`lang` sv); `fragment` gives the `<article>` element alone.
    """
    swedish = wants_typography(lang, typography)
    body = article_body(interview, _publishing_renderer(swedish))
    article = f'<article class="qm-profile">\n{body}</article>\n'
    if fragment:
        return article
    name, org = normalise_line(interview.name), normalise_line(interview.organisation)
    title = " – ".join(x for x in (name, org) if x) or "Intervju"
    if swedish:
        title = typeset(title)
    return (
        "<!doctype html>\n"
        f'<html lang="{html.escape(lang, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{_uid_meta(interview.uid)}"
        f"<title>{html.escape(title, quote=False)}</title>\n"
        f"<style>\n{STYLESHEET}</style>\n</head>\n<body>\n{article}</body>\n</html>\n"
    )


def _uid_meta(uid: str) -> str:
    """The interview's uid as a `<meta>` line (which interview the page is, in every copy of
    the database), or nothing."""
    if not uid:
        return ""
    return f'<meta name="qm-tui-uid" content="{html.escape(uid, quote=True)}">\n'


def export(interview: Interview, options: ExportOptions) -> bytes:
    """The `html` export format: `render_html` in the set's language, as UTF-8."""
    page = render_html(interview, options.lang, options.typography, options.fragment)
    return page.encode("utf-8")
