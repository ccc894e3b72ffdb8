"""A real terminal for the benchmarks: a process on a pseudo-terminal, timed by what it paints.

Everything an app writes to its terminal is what the terminal shows, so "the text is on screen"
is measured as "the app has written it to the pty": the clock starts before the process is
forked and stops when the text's bytes arrive on the master side. No terminal emulator sits in
between (tmux would add its own polling delay); `tmux_check` cross-checks a run by hand.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Sequence
from pathlib import Path

COLUMNS, LINES = 110, 34


class Terminal:
    """A child process on a pty of COLUMNS x LINES; read what it paints, send it keys."""

    def __init__(self, argv: Sequence[str], env: dict[str, str] | None = None) -> None:
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become the app
            try:
                size = struct.pack("HHHH", LINES, COLUMNS, 0, 0)
                fcntl.ioctl(0, termios.TIOCSWINSZ, size)
                os.execvpe(argv[0], list(argv), {**os.environ, **(env or {})})
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.buffer = bytearray()
        self.seen = 0  # `wait_for` searches from here on
        self.maxrss_kb = 0
        self.exited = False

    def _pump(self, timeout: float) -> bool:
        """Read whatever is there within `timeout`; False on end of output."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            return False
        if not data:
            return False
        self.buffer += data
        return True

    def wait_for(self, text: str, timeout: float = 60.0) -> float:
        """Seconds from launch until `text` has been painted (after the last match)."""
        needle = text.encode()
        deadline = time.perf_counter() + timeout
        while True:
            at = self.buffer.find(needle, max(0, self.seen - len(needle)))
            if at >= 0:
                self.seen = at + len(needle)
                return time.perf_counter() - self.started
            self.seen = len(self.buffer)
            if time.perf_counter() > deadline:
                tail = bytes(self.buffer[-400:])
                raise TimeoutError(f"{text!r} not painted in {timeout} s; last output {tail!r}")
            if not self._pump(0.05):
                raise RuntimeError(f"the app ended before painting {text!r}")

    def drain(self, quiet: float = 0.3, limit: float = 10.0) -> None:
        """Read until the app has painted nothing for `quiet` seconds."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            before = len(self.buffer)
            self._pump(quiet)
            if len(self.buffer) == before:
                break
        self.seen = len(self.buffer)

    def send(self, keys: str | bytes) -> float:
        """Type `keys`; returns the moment it was sent (perf_counter)."""
        os.write(self.fd, keys.encode() if isinstance(keys, str) else keys)
        return time.perf_counter()

    def key_to_paint(self, key: str, painted: str, timeout: float = 30.0) -> float:
        """Seconds from sending `key` until `painted` appears in what follows it."""
        self.seen = len(self.buffer)
        sent = self.send(key)
        self.wait_for(painted, timeout)
        return time.perf_counter() - sent

    def close(self, quit_keys: str = "\x11", grace: float = 5.0) -> int:
        """Quit with `quit_keys` (ctrl+q), else kill; returns the peak memory in KiB.

        The peak is the process's VmHWM just before quitting (`ru_maxrss` would count the
        benchmark's own memory, which the forked child inherits until it execs).
        """
        if not self.exited:
            self.maxrss_kb = peak_kib(self.pid)
            self.send(quit_keys)
            deadline = time.perf_counter() + grace
            while time.perf_counter() < deadline:
                if not self._pump(0.05):
                    break
                pid, _, _ = os.wait4(self.pid, os.WNOHANG)
                if pid:
                    self.exited = True
                    break
            if not self.exited:
                os.kill(self.pid, signal.SIGKILL)
                os.wait4(self.pid, 0)
                self.exited = True
        os.close(self.fd)
        return self.maxrss_kb


def peak_kib(pid: int) -> int:
    """The peak resident size of a running process (VmHWM), in KiB; 0 if unknown."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def tmux_check(argv: Sequence[str], text: str, session: str = "qm-bench-check") -> float:
    """Seconds until `text` shows in a tmux pane running `argv` (polled every 10 ms)."""
    import shlex
    import subprocess

    command = " ".join(shlex.quote(a) for a in argv)
    started = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", str(COLUMNS), "-y", str(LINES), command],
        check=True,
    )
    try:
        while time.perf_counter() - started < 60:
            pane = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            if text in pane:
                return time.perf_counter() - started
            time.sleep(0.01)
        raise TimeoutError(text)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
