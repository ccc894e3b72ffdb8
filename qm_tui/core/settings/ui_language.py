"""The interface language: Swedish unless asked for English (by option or by the locale).

One rule for the app and the plain line-by-line mode. Import-free, so both start cheaply.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES = ("sv", "en")


def detect_lang(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The UI language: `explicit` if given, else `en` for an English locale, else `sv`.

    The locale is the first non-empty of LC_ALL, LC_MESSAGES and LANG (the POSIX order).
    """
    if explicit:
        return explicit if explicit in LANGUAGES else "sv"
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "sv"
    return "sv"
