"""The cyclic garbage collector paused while a sync cycle (push, then pull) or an
order import runs (the server's import uses it too, hence ``guide_core``).

A pull page makes tens of thousands of short-lived, acyclic objects (parsed
JSON, validated rows, column tuples) that reference counting frees at once.
The cyclic collector still walks them, and the pages in flight, again and
again: with CPython's default thresholds that was over half the CPU time of
preparing a page, and in the window's process single collections held the
GIL for up to 167 ms (a visible freeze) during a full first sync. So the
collector is off for the duration of a pull; it is switched back on (if it
was on) when the last pull in the process ends, and the next allocation
collects whatever cycles other threads made meanwhile.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = True


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection for the duration (re-entrant, thread-safe)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
