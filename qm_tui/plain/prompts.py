"""Lines in and lines out: the only place plain mode reads input or writes to the terminal.

Every line written goes through `visible_controls`, so no escape byte, BEL or bidi override
from stored or typed text reaches the terminal, and plain mode itself writes none: no colours,
no cursor movement. On a terminal, lines are read with the standard library's readline (line
editing and history), set up so that it writes no escape sequences of its own either: it is
told the terminal is `dumb`, so a long line scrolls sideways, redrawn with carriage returns and
backspaces, instead of being redrawn with cursor-movement sequences. (Without readline the
kernel's line editing would cut a typed line off at 4095 bytes.) From a pipe, lines are read as
they come and each prompt ends its line.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from ..core.interview.controls import remove_controls, visible_controls

# readline settings that keep it from writing escape sequences or bells, and a tab that is a tab
_READLINE_SETTINGS = (
    "set enable-bracketed-paste off",
    "set enable-meta-key off",
    "set bell-style none",
    "tab: tab-insert",
)


class Prompter:
    """Writes lines and reads them, from a terminal or a pipe."""

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None) -> None:
        self.stdin = sys.stdin if stdin is None else stdin
        self.stdout = sys.stdout if stdout is None else stdout
        for stream, errors in ((self.stdin, "replace"), (self.stdout, "backslashreplace")):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors=errors)  # a stray byte is a character, never a traceback
        # `input` edits lines with readline only when both ends are the process's terminal
        self.interactive = (
            self.stdin is sys.stdin
            and self.stdout is sys.stdout
            and self.stdin.isatty()
            and self.stdout.isatty()
        )
        if self.interactive:
            _set_up_readline()
        self.removed_controls = False  # the last line read had control characters taken out

    def say(self, text: str) -> None:
        """Write `text` as one or more lines, control characters made visible."""
        self.stdout.write(visible_controls(text) + "\n")
        self.stdout.flush()

    def ask(self, prompt: str = "") -> str | None:
        """One line typed after `prompt`, without its line end; None at the end of input.

        Control characters in the line (other than tab) are removed: `removed_controls` says so.
        """
        shown = visible_controls(prompt)
        if self.interactive:
            try:
                line = input(shown)
            except EOFError:
                self.stdout.write("\n")
                return None
        else:
            if shown:
                self.stdout.write(shown.rstrip() + "\n")
            self.stdout.flush()
            raw = self.stdin.readline()
            if not raw:
                return None
            line = raw[:-1] if raw.endswith("\n") else raw
        line = line.removesuffix("\r")
        clean = remove_controls(line).replace("\r", "")
        self.removed_controls = clean != line
        return clean


def _set_up_readline() -> None:
    """Line editing for `input` on a terminal, when the platform has readline."""
    term = os.environ.get("TERM")
    os.environ["TERM"] = "dumb"  # read once, when readline starts: no cursor-movement sequences
    try:
        import readline
    except ImportError:  # Windows without pyreadline: plain input still works
        return
    finally:
        if term is None:
            del os.environ["TERM"]
        else:
            os.environ["TERM"] = term
    for setting in _READLINE_SETTINGS:
        readline.parse_and_bind(setting)
