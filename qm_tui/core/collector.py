"""Pausing Python's cyclic garbage collector while a database is read.

Reading builds many long-lived objects and no cyclic garbage; meanwhile the collector, triggered
by the allocations, walks every live object again and again (full collections of 40-70 ms at
10,000 interviews, each holding the interpreter, so keys typed meanwhile waited for them).
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

__all__ = ["collector_paused"]

_lock = threading.Lock()
_pausers = 0  # readers inside `collector_paused`; the collector is off while any is
_was_enabled = False


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Turn automatic collection off for the block (and back on after the last of several
    threads' blocks, if it was on before the first)."""
    global _pausers, _was_enabled
    with _lock:
        if _pausers == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pausers += 1
    try:
        yield
    finally:
        with _lock:
            _pausers -= 1
            if _pausers == 0 and _was_enabled:
                gc.enable()
