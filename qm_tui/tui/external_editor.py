"""Hand a text to the user's $VISUAL / $EDITOR and take back what they saved."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from textual.app import App, SuspendNotSupported

from .i18n import Texts


def editor_command() -> str:
    """$VISUAL, else $EDITOR, else vi."""
    return os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"


def edit_externally(app: App[object], text: str, t: Texts) -> str | None:
    """Suspend the app, edit `text` in the user's editor, and return the edited text.

    None when the editor could not run (the user is told why). A trailing newline added by the
    editor is dropped unless the text had one.
    """
    editor = editor_command()
    fd, name = tempfile.mkstemp(prefix="qm-tui-", suffix=".md", text=True)
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        try:
            with app.suspend():
                subprocess.run([*shlex.split(editor), str(path)], check=False)
        except SuspendNotSupported:
            app.notify(t("editor.unsupported"), severity="warning")
            return None
        except OSError as exc:
            app.notify(t("editor.failed", editor=editor, error=exc), severity="error")
            return None
        edited = path.read_text(encoding="utf-8")
    finally:
        path.unlink(missing_ok=True)
    return edited if text.endswith("\n") else edited.removesuffix("\n")
