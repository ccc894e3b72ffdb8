"""The commands of plain mode: a line of its own starting with `/`, Swedish with English aliases.

A line that is one word after a single `/` (no space, no further `/`) is a command, or an
unknown command, which is reported and changes nothing. Any other line is text: `/usr/bin` and
`/ och /` are text, and `//hoppa` is the text `/hoppa`.
"""

from __future__ import annotations

import enum
import re


class Command(enum.Enum):
    """What a command line asks for."""

    BACK = "back"
    SKIP = "skip"
    READ = "read"
    CLEAR = "clear"
    DONE = "done"
    HELP = "help"


# every spelling of each command; the ASCII forms help keyboards without å, ä and ö
WORDS: dict[str, Command] = {
    "tillbaka": Command.BACK,
    "back": Command.BACK,
    "hoppa": Command.SKIP,
    "skip": Command.SKIP,
    "läs": Command.READ,
    "las": Command.READ,
    "read": Command.READ,
    "töm": Command.CLEAR,
    "tom": Command.CLEAR,
    "clear": Command.CLEAR,
    "klar": Command.DONE,
    "done": Command.DONE,
    "finish": Command.DONE,
    "hjälp": Command.HELP,
    "hjalp": Command.HELP,
    "help": Command.HELP,
    "?": Command.HELP,
}

HELP_KEYS = ("help.back", "help.skip", "help.read", "help.clear", "help.done", "help.help")

_COMMAND_LINE = re.compile(r"/[^\s/]+")


class UnknownCommand(Exception):
    """A line shaped like a command that is none."""


def read_command(line: str) -> Command | str:
    """The command a line gives, or the line as text (`//x` gives `/x`).

    Raises UnknownCommand for `/word` when the word is no command.
    """
    stripped = line.strip()
    if stripped.startswith("//"):
        return line.replace("//", "/", 1)
    if _COMMAND_LINE.fullmatch(stripped) is None:
        return line
    command = WORDS.get(stripped[1:].lower())
    if command is None:
        raise UnknownCommand(stripped)
    return command
