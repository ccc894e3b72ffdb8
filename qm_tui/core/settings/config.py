"""The user's settings: the config folder and its `config.toml`.

The folder is `locations.config_dir()`. `config.toml` knows one key so far::

    question_set = "qm-en"   # the set new interviews start with (default: qm-sv)
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from ..errors import QMError
from ..filesystem.os_errors import reason
from ..filesystem.reading import read_small_text
from .locations import config_file

__all__ = [
    "DEFAULT_SET",
    "ConfigError",
    "chosen_set_id",
    "read_config",
]

KNOWN_KEYS = ("question_set",)
MAX_CONFIG_SIZE = 1 << 20  # bytes; a settings file of one key is a few dozen
DEFAULT_SET = "qm-sv"


class ConfigError(QMError):
    """A config file that cannot be used (named, with the problem)."""


def read_config(path: Path | None = None) -> dict[str, Any]:
    """The settings in `config.toml`; empty when there is no file. ConfigError when it is
    unreadable, not TOML, or holds an unknown key or a value of the wrong type."""
    path = path or config_file()
    try:
        text = read_small_text(path, MAX_CONFIG_SIZE)
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        why = reason(exc) if isinstance(exc, OSError) else "not UTF-8 text"
        raise ConfigError(f"cannot read {path}: {why}") from None

    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML: nested too deeply") from None
    except ValueError as exc:  # TOMLDecodeError, or a number of thousands of digits
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - set(KNOWN_KEYS))
    if unknown:
        known = ", ".join(KNOWN_KEYS)
        raise ConfigError(f"{path}: unknown setting {unknown[0]!r} (known: {known})")
    value = data.get("question_set", "")
    if not isinstance(value, str):
        raise ConfigError(f"{path}: 'question_set' must be a text, like \"qm-sv\"")
    return data


def chosen_set_id(cli_set: str | None = None) -> tuple[str, str]:
    """The id of the set new interviews start with, and where that choice comes from:
    `--set ID`, else `$QM_TUI_SET`, else `question_set` in `config.toml`, else `qm-sv`.
    Raises ConfigError for an unusable config file. Here, not with the question sets, so the
    app's start checks the choice without loading the interview model."""
    if cli_set and cli_set.strip():
        return cli_set.strip(), "--set"
    env = os.environ.get("QM_TUI_SET", "").strip()
    if env:
        return env, "$QM_TUI_SET"
    configured = str(read_config().get("question_set", "")).strip()
    if configured:
        return configured, str(config_file())
    return DEFAULT_SET, "default"
