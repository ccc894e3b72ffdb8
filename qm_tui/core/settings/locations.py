"""Where qm-tui keeps its files: the one place that knows the folders.

- The config folder: `$QM_TUI_CONFIG_DIR`, else `qm-tui` in the platform's config folder
  (`~/.config/qm-tui/` on Linux). It holds `config.toml`, the user's question sets in
  `questions/`, the Word template `template.docx` and the spelling word list `words.txt`.
- The database: `$QM_TUI_DB`, else `interviews.json` in the platform's data folder
  (`~/.local/share/qm-tui/` on Linux).
- The export folder: `$QM_TUI_EXPORT_DIR`, else `qm-tui` in the user's documents folder.
- The spelling dictionaries: the packaged ones, unless `$QM_TUI_DICTIONARY_DIR` names a folder.

A leading `~` in a variable is the user's home folder, for every path here.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "qm-tui"


def _from_env(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    """`$QM_TUI_CONFIG_DIR`, else `qm-tui` in the platform's user config folder."""
    override = _from_env("QM_TUI_CONFIG_DIR")
    if override is not None:
        return override
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    """The settings file, `config.toml` in the config folder (it need not exist)."""
    return config_dir() / "config.toml"


def user_sets_dir() -> Path:
    """The user's own question sets, `questions/` in the config folder."""
    return config_dir() / "questions"


def template_file() -> Path:
    """The Word export's template, `template.docx` in the config folder (it need not exist)."""
    return config_dir() / "template.docx"


def user_words_file() -> Path:
    """The spelling check's own word list, `words.txt` in the config folder."""
    return config_dir() / "words.txt"


def dictionary_dir() -> Path | None:
    """`$QM_TUI_DICTIONARY_DIR`, a folder of Hunspell files that overrides the packaged ones."""
    return _from_env("QM_TUI_DICTIONARY_DIR")


def default_db_path() -> Path:
    """`$QM_TUI_DB`, else `interviews.json` in the platform's user data folder."""
    override = _from_env("QM_TUI_DB")
    if override is not None:
        return override
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "interviews.json"


def export_dir() -> Path:
    """`$QM_TUI_EXPORT_DIR`, else `qm-tui` in the user's documents folder."""
    override = _from_env("QM_TUI_EXPORT_DIR")
    if override is not None:
        return override
    from platformdirs import user_documents_path

    return user_documents_path() / APP_NAME
