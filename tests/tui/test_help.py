"""The help (F1): wrapped descriptions keep to their column; one capitalisation (issue 23)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from qm_tui.tui.dialogs.help import help_sections, help_table
from qm_tui.tui.i18n import Texts


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_wrapped_description_keeps_to_its_column(lang: str) -> None:
    t = Texts(lang)
    out = io.StringIO()
    Console(file=out, width=48, color_system=None, legacy_windows=False).print(help_table(t))
    lines = out.getvalue().splitlines()
    titles = {title for title, _ in help_sections(t)}
    width = max(len(k) for _, rows in help_sections(t) for k, _ in rows)
    column = 2 + width + 2  # indent, keys, gap
    wrapped = 0
    for line in lines:
        if not line.strip() or line.strip() in titles:
            continue
        assert line.startswith("  "), line
        if not line[:column].strip():  # a continuation: under the description
            wrapped += 1
            assert line[column] != " ", line
    assert wrapped  # at 48 columns some descriptions wrap


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_description_starts_with_a_capital(lang: str) -> None:
    for _, rows in help_sections(Texts(lang)):
        for keys, what in rows:
            assert what[0].isupper(), f"{keys}: {what}"
