"""Small domain rules shared by the model, the list summaries, the importer and the editor.

Import-free (beyond the standard library), so `qm-tui list` can use them without the model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


def is_filled(text: str) -> bool:
    """True when a text counts as given: anything but whitespace."""
    return bool(text.strip())


def count_answered(answers: Iterable[str]) -> int:
    """How many of the answer texts count as answered."""
    return sum(1 for text in answers if text.strip())  # is_filled, inlined: lists run it a lot


def is_iso_date(value: str) -> bool:
    """True for a YYYY-MM-DD date, the only form an interview's `date` takes."""
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False
