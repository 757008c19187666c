"""Tell a barcode scanner (a keyboard wedge) from a person typing.

A scanner "types" a whole code in a burst — a few milliseconds per character —
and ends with Enter. People type 100+ ms apart. Pure logic over timestamps so it
is testable without a keyboard.
"""

from __future__ import annotations

#: Largest gap between two characters of one scan.
MAX_GAP_S = 0.035
#: Shortest code we treat as a scan (member numbers and order numbers are longer).
MIN_LENGTH = 6


class WedgeDetector:
    """Feed characters with their time; ask at Enter whether they were a scan."""

    def __init__(self, max_gap_s: float = MAX_GAP_S, min_length: int = MIN_LENGTH) -> None:
        self.max_gap_s = max_gap_s
        self.min_length = min_length
        self._burst: list[str] = []
        self._last: float | None = None

    def feed(self, char: str, at: float) -> None:
        if self._last is None or at - self._last > self.max_gap_s:
            self._burst = []
        self._burst.append(char)
        self._last = at

    def reset(self) -> None:
        self._burst = []
        self._last = None

    def finish(self, at: float) -> str | None:
        """Called on Enter: the scanned code, or None if this was ordinary typing."""
        code = "".join(self._burst)
        fast_end = self._last is not None and at - self._last <= self.max_gap_s * 3
        self.reset()
        if fast_end and len(code) >= self.min_length and code.strip() == code:
            return code
        return None
