"""Plain mode on a terminal: `qm-tui interview` in a pseudo-terminal, typed key by key.

On a terminal the lines are read with readline (line editing, no 4095-byte limit of the
kernel's own line editing), and still no escape byte is written, whatever is typed or stored.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from qm_tui.core.database.store import InterviewStore

from ..conftest import sample

LEFT = "\x1b[D"  # the left arrow key, as the terminal sends it
DEADLINE = 120  # seconds a step may take before the test gives up (a guard, not a timing)


class Terminal:
    """`qm-tui --db DB ARGS` running in a pseudo-terminal that the test types into."""

    def __init__(self, db: Path, *args: str) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {**os.environ, "QM_TUI_SPELLCHECK": "off", "TERM": "xterm-256color"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "qm_tui", "--db", str(db), *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            preexec_fn=_own_terminal,  # the pty becomes its controlling terminal: ^C is SIGINT
        )
        os.close(slave)
        self.output = bytearray()
        self._seen = 0  # how much of the output `expect` has matched so far
        self.closed = False

    def _read_some(self) -> None:
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the process has ended and closed the terminal
            data = b""
        if not data:
            self.closed = True
        self.output += data

    def expect(self, text: str) -> None:
        """Read until `text` appears after what the last `expect` matched."""
        wanted = text.encode("utf-8")
        deadline = time.monotonic() + DEADLINE
        while (found := self.output.find(wanted, self._seen)) < 0:
            assert not self.closed, f"ended before {text!r}: {bytes(self.output)!r}"
            assert time.monotonic() < deadline, f"no {text!r} in {bytes(self.output)!r}"
            if select.select([self.master], [], [], 0.5)[0]:
                self._read_some()
        self._seen = found + len(wanted)

    def type(self, text: str) -> None:
        """Type `text` once readline reads the keys, reading the echo meanwhile so neither
        side blocks.

        Keys typed while the terminal is in the kernel's line mode (between two lines) reach
        readline too, but a ctrl+d typed then is an end of input that readline never sees.
        """
        deadline = time.monotonic() + DEADLINE
        while termios.tcgetattr(self.master)[3] & termios.ICANON:  # readline not reading yet
            assert time.monotonic() < deadline, bytes(self.output)
            if select.select([self.master], [], [], 0.05)[0]:
                self._read_some()
        data = text.encode("utf-8")
        while data:
            readable, writable, _ = select.select([self.master], [self.master], [], 0.5)
            if readable:
                self._read_some()
            if writable:
                written = os.write(self.master, data[:512])
                data = data[written:]

    def finish(self) -> int:
        """Read everything until the process ends; its exit code."""
        deadline = time.monotonic() + DEADLINE
        while not self.closed:
            assert time.monotonic() < deadline, bytes(self.output)
            if select.select([self.master], [], [], 0.5)[0]:
                self._read_some()
        os.close(self.master)
        return self.proc.wait(timeout=DEADLINE)


def _own_terminal() -> None:
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


@pytest.fixture
def terminal(db_path: Path) -> Iterator[list[Terminal]]:
    started: list[Terminal] = []
    yield started
    for term in started:
        if term.proc.poll() is None:
            term.proc.kill()
            term.proc.wait()


def test_an_interview_typed_on_a_terminal(db_path: Path, terminal: list[Terminal]) -> None:
    term = Terminal(db_path, "interview")
    terminal.append(term)
    term.expect("Namn: ")
    term.type("Åsa Öbrg")
    term.type(LEFT * 2 + "e\r")  # readline's line editing: "Öbrg" becomes "Öberg"
    for prompt in ("Titel: ", "Organisation: ", "tom rad ger ", "Intervjuare: "):
        term.expect(prompt)
        term.type("\r")
    term.expect("Fråga 1 av 5: ")
    long = "Växjö är en stad med ett levande centrum. " * 120  # 5,040 characters
    term.type(long + "\r")  # more than the kernel's own line editing takes (4095 bytes)
    term.type("\r")
    term.expect("Fråga 2 av 5: ")
    wrapped = "ord " * 40  # two rows and a bit: readline would move the cursor up on xterm
    term.type(wrapped + "\r\r")
    term.expect("Fråga 3 av 5: ")
    term.type("/klar\r")
    term.expect("Fortsätt: ")
    assert term.finish() == 0
    iv = InterviewStore(db_path).get(1)
    assert iv.name == "Åsa Öberg"
    assert iv.answers[0].answer == long
    assert iv.answers[1].answer == wrapped
    assert b"\x1b" not in term.output
    assert b"\x07" not in term.output


def test_stored_escapes_and_typed_ones_never_reach_the_terminal(
    db_path: Path, terminal: list[Terminal]
) -> None:
    hostile = "\x1b]0;pwned\x07\x1b[31mröd\u202eevil\x9b2J"
    iv = sample(name=hostile).with_answer(0, "Svar " + hostile)
    InterviewStore(db_path).add(iv.with_text("quote", hostile))
    term = Terminal(db_path, "interview", "1")
    terminal.append(term)
    term.expect("tom rad behåller: ")
    term.type("/läs\r")
    term.expect("tom rad behåller: ")
    term.type("\r")
    for _ in range(4):
        term.expect(": ")
        term.type("\r")
    term.expect("Fråga 1 av 5: ")
    term.type("/läs\r")
    term.expect("Svar 1: ")
    term.type("Ny rad \x16\x07 med klocka\r\r")  # ctrl+v ctrl+g: a BEL typed, removed
    term.expect("Styrtecken i raden togs bort.")
    term.expect("Fråga 2 av 5: ")
    term.type("/klar\r")
    term.expect("Fortsätt: ")
    assert term.finish() == 0
    for byte in (b"\x1b", b"\x07", b"\xc2\x9b", "\u202e".encode()):
        assert byte not in term.output
    assert b"\\x1b]0;pwned\\x07" in term.output  # shown, made visible
    assert InterviewStore(db_path).get(1).answers[0].answer == "Ny rad  med klocka"


def test_ctrl_d_half_way_saves_and_exits_0(db_path: Path, terminal: list[Terminal]) -> None:
    term = Terminal(db_path, "interview")
    terminal.append(term)
    term.expect("Namn: ")
    term.type("Anna\r")
    for _ in range(4):
        term.expect(": ")
        term.type("\r")
    term.expect("Fråga 1 av 5: ")
    term.type("Halvt svar\r")
    term.type("\x04")  # Ctrl-D at the start of a line: the end of input
    term.expect("Slut på indata; allt skrivet är sparat.")
    assert term.finish() == 0
    assert InterviewStore(db_path).get(1).answers[0].answer == "Halvt svar"
    assert b"\x1b" not in term.output


def test_ctrl_c_saves_and_exits(db_path: Path, terminal: list[Terminal]) -> None:
    term = Terminal(db_path, "interview")
    terminal.append(term)
    term.expect("Namn: ")
    term.type("Anna\r")
    term.expect("Titel: ")
    term.type("Chef\r")
    term.expect("Organisation: ")
    term.type("Växjö Ci")  # typed, not finished: the field being typed is what is lost
    term.expect("Växjö Ci")  # echoed: readline has the keys (a ctrl+c before flushes them)
    term.type("\x03")
    term.expect("Avbrutet; allt skrivet är sparat.")
    assert term.finish() == 130
    iv = InterviewStore(db_path).get(1)
    assert (iv.name, iv.title, iv.organisation) == ("Anna", "Chef", "")
    assert b"\x1b" not in term.output
