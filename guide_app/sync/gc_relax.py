"""Fewer garbage-collector passes while a pull allocates.

A pull page makes tens of thousands of short-lived, acyclic objects (parsed
JSON, validated rows, column tuples) that reference counting frees at once.
With CPython's default thresholds the cyclic collector still walks the whole
heap again and again meanwhile: over half the CPU time of preparing a page.
Inside :func:`relaxed_gc` the thresholds are raised (never lowered); the
previous ones come back when the last pull in the process ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Thresholds during a pull (generation 0 allocations, then passes of 0 and 1).
PULL_THRESHOLDS = (100_000, 50, 1000)

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, int, int] = gc.get_threshold()


@contextmanager
def relaxed_gc() -> Iterator[None]:
    """Raise the collector's thresholds for the duration (re-entrant, thread-safe)."""
    global _depth, _saved
    with _lock:
        if _depth == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(*(max(a, b) for a, b in zip(_saved, PULL_THRESHOLDS, strict=True)))
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.set_threshold(*_saved)
