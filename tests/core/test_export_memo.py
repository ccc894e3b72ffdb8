"""The HTML renderer's link memo changes nothing: remembered links render as freshly found ones."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qm_tui.core.article.write import html
from qm_tui.core.article.write.html import _publishing_renderer, article_body, build_renderer
from qm_tui.core.interview.model import Answer, Contact, Facts, Interview
from tests.core.test_article_markdown import HOSTILE_TEXT

ADDRESSES = st.sampled_from(
    [
        "pia.sandin@svenskastadskarnor.se",
        "www.svenskastadskarnor.se",
        "Du hittar mer information på vår hemsida www.vaxjo.se.",
        "https://vaxjo.se/city?a=1&b=2",
        "http://example.se/ä",
        "mailto:info@vaxjo.se",
        "ftp://files.example.se",
        "//example.se",
        "javascript:alert(1)",
        "t.ex. och bl.a.",
        "1.2.3.4",
        "a@b",
    ]
)
# Typed text mixing addresses with anything, so that the same texts recur across examples.
TEXT = st.lists(ADDRESSES | HOSTILE_TEXT, max_size=4).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quote=TEXT, answer=TEXT, email=TEXT, note=TEXT, typography=st.booleans())
def test_remembered_links_render_as_fresh_ones(
    quote: str, answer: str, email: str, note: str, typography: bool
) -> None:
    iv = Interview(
        question_set="qm-sv",
        name="Anna",
        quote=quote,
        answers=(Answer("Varför?", answer), Answer("Hur?", note)),
        facts=Facts("FAKTA", answer),
        contact=Contact("KONTAKT", "Pia", "Advisor", email, note),
    )
    fresh = article_body(iv, build_renderer(typography, remember=False))
    shared = _publishing_renderer(typography)
    assert article_body(iv, shared) == fresh
    assert article_body(iv, shared) == fresh  # a second time, every text remembered


def test_the_memo_stays_bounded(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(html, "_MEMO_SIZE", 8)
    md = build_renderer(True, remember=True)
    for n in range(30):
        iv = Interview(question_set="qm-sv", name="A", quote=f"www.stad{n}.se och a{n}@b.se")
        assert f'href="https://www.stad{n}.se"' in article_body(iv, md)
        assert f'href="mailto:a{n}@b.se"' in article_body(iv, md)
    assert 0 < len(md.linkify.memo) <= 8
    assert 0 < len(md.link_memo) <= 8  # type: ignore[attr-defined]
