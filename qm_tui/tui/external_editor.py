"""Hand a text to the user's $VISUAL / $EDITOR and take back what they saved.

Whatever the editor does, the app goes on: a command that cannot be parsed or started, an editor
that exits with an error, removes the file, puts a folder in its place or saves it in another
encoding each leave the field as it was (or take the text, named) with one notification. The
file lives in a folder of its own that is removed afterwards, whatever is left in it. Text coming
back has its control characters removed, as the editor does with stored text on open.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from textual.app import App, SuspendNotSupported

from ..core.interview.controls import remove_controls
from .i18n import Texts

FILE_NAME = "qm-tui.md"  # the name the editor shows (Markdown: answers may use its syntax)


def editor_command() -> str:
    """$VISUAL, else $EDITOR, else vi."""
    return os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"


def run_editor(command: list[str], path: Path, t: Texts) -> str | None:
    """Run `command path` and wait; why it failed (a UI text), or None when it exited with 0."""
    try:
        done = subprocess.run([*command, str(path)], check=False)
    except FileNotFoundError:
        return t("editor.missing", editor=shlex.join(command))
    except (OSError, ValueError, subprocess.SubprocessError) as exc:
        error = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        return t("editor.failed", editor=shlex.join(command), error=error)
    if done.returncode != 0:
        return t("editor.exit", editor=shlex.join(command), code=done.returncode)
    return None


def read_back(path: Path, t: Texts) -> tuple[str | None, list[str]]:
    """The text the editor left at `path` (without control characters) and what to tell the
    user about it; None for the text when there is none to take."""
    try:
        data = path.read_bytes()
    except OSError:  # removed, or a folder in its place
        return None, [t("editor.no_file")]
    notes = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # every byte is a character: nothing typed is lost
        notes.append(t("editor.not_utf8"))
    text = text.replace("\r\n", "\n")
    clean = remove_controls(text)
    if clean != text:
        notes.append(t("editor.controls_removed_back"))
    return clean, notes


def edit_externally(app: App[object], text: str, t: Texts) -> str | None:
    """Suspend the app, edit `text` in the user's editor, and return the edited text.

    None when there is nothing to take back (the user is told why). A trailing newline added by
    the editor is dropped unless the text had one.
    """
    editor = editor_command()
    try:
        command = shlex.split(editor)
    except ValueError as exc:  # an unbalanced quote
        app.notify(t("editor.bad_command", editor=editor, error=exc), severity="error")
        return None
    if not command:
        app.notify(t("editor.bad_command", editor=editor, error="?"), severity="error")
        return None
    with tempfile.TemporaryDirectory(prefix="qm-tui-", ignore_cleanup_errors=True) as folder:
        path = Path(folder) / FILE_NAME
        path.write_text(text, encoding="utf-8")
        try:
            with app.suspend():
                # caught in here: an exception out of `suspend()` skips the terminal's restore
                failure = run_editor(command, path, t)
        except SuspendNotSupported:
            app.notify(t("editor.unsupported"), severity="warning")
            return None
        if failure is not None:
            app.notify(failure, severity="error", timeout=10)
            return None
        edited, notes = read_back(path, t)
    for note in notes:
        app.notify(note, severity="warning", timeout=10)
    if edited is None:
        return None
    return edited if text.endswith("\n") else edited.removesuffix("\n")
