"""Export file names: readable, ASCII, safe inside the target folder, never colliding."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qm_tui.core.interview.model import Interview
from qm_tui.core.publish.filenames import MAX_STEM, article_filename, slugify

SAFE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.(md|html)$")


def iv(name: str = "", organisation: str = "", date: str = "2026-11-27") -> Interview:
    return Interview(question_set="qm-sv", name=name, organisation=organisation, date=date)


def test_date_name_and_organisation() -> None:
    name = article_filename(iv("Nils-Petter Nilsson", "Växjö City"), ".md", set())
    assert name == "2026-11-27-nils-petter-nilsson-vaxjo-city.md"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Åsa Öhrström", "asa-ohrstrom"),
        ("Ängelholms Näringsliv", "angelholms-naringsliv"),
        ("Hélène Müller", "helene-muller"),
        ("Søren Æbelø", "soren-aebelo"),
        ("Straße", "strasse"),
        ("  A  --  B  ", "a-b"),
        ("😀🎉", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize(
    "hostile",
    ["../../etc/passwd", "/", "..", ".", "a/b\\c", "nul\x00byte", "😀🎉", "CON", "x" * 500, "\n\t"],
)
def test_hostile_names_stay_safe(hostile: str) -> None:
    name = article_filename(iv(hostile, hostile), ".html", set())
    assert SAFE.match(name), name
    assert ".." not in name and "/" not in name and "\\" not in name
    assert len(name) <= MAX_STEM + len(".html")


def test_fallback_when_nothing_is_left() -> None:
    assert article_filename(iv("😀", "/", date=""), ".md", set()) == "intervju.md"


def test_taken_names_get_a_number() -> None:
    taken: set[str] = set()
    names = []
    for _ in range(3):
        name = article_filename(iv("Anna", "Gävle"), ".md", taken)
        taken.add(name)
        names.append(name)
    assert names == [
        "2026-11-27-anna-gavle.md",
        "2026-11-27-anna-gavle-2.md",
        "2026-11-27-anna-gavle-3.md",
    ]


def test_long_names_are_cut_at_a_word() -> None:
    name = article_filename(iv("Anna " * 40, "Gävle"), ".md", set())
    stem = name.removesuffix(".md")
    assert len(stem) <= MAX_STEM and not stem.endswith("-")
    assert stem.endswith("anna")


def test_a_suffix_that_is_not_one_is_refused() -> None:
    with pytest.raises(ValueError, match="suffix"):
        article_filename(iv("Anna"), "../x", set())


@settings(max_examples=200, deadline=None)
@given(name=st.text(), organisation=st.text(), fmt=st.sampled_from([".md", ".html"]))
def test_any_name_gives_a_safe_file_name(name: str, organisation: str, fmt: str) -> None:
    result = article_filename(iv(name, organisation), fmt, set())
    assert SAFE.match(result), result
    assert len(result) <= MAX_STEM + 5
