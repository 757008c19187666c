"""Rows of an import parked on disk, read back grouped by order.

An order may span rows far apart in a file, or two files (an order file and an item
file). Rather than holding a 2 GB file's orders in memory, every usable row goes to
a temporary SQLite file as it is read; reading it back ordered by order no. gives each
order's rows together. Memory stays flat whatever the file's size; the temporary
file is deleted when the import ends.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import orjson

_CHUNK = 5000


class Staging:
    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="guide-orders-")
        self._db = sqlite3.connect(Path(self._dir.name) / "staging.db")
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("PRAGMA cache_size=-16384")
        self._db.execute(
            "CREATE TABLE line (order_no TEXT, kind INTEGER, file INTEGER, line INTEGER, data BLOB)"
        )
        self._pending: list[tuple] = []

    def add(self, order_no: str, kind: int, file: int, line: int, record: dict) -> None:
        """``kind``: 0 an order row (or an order's line with its item), 1 an item-only row."""
        self._pending.append((order_no, kind, file, line, orjson.dumps(record)))
        if len(self._pending) >= _CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._db.executemany("INSERT INTO line VALUES (?, ?, ?, ?, ?)", self._pending)
            self._pending = []

    def orders(self) -> Iterator[tuple[str, list[tuple[int, int, int, dict]]]]:
        """``(order_no, [(kind, file, line, record), …])`` in order-number order."""
        self._flush()
        self._db.commit()
        cursor = self._db.execute(
            "SELECT order_no, kind, file, line, data FROM line ORDER BY order_no, kind, file, line"
        )
        current: str | None = None
        rows: list[tuple[int, int, int, dict]] = []
        loads = orjson.loads
        while True:
            chunk = cursor.fetchmany(_CHUNK)
            if not chunk:
                break
            for order_no, kind, file, line, data in chunk:
                if order_no != current:
                    if current is not None:
                        yield current, rows
                    current, rows = order_no, []
                rows.append((kind, file, line, loads(data)))
        if current is not None:
            yield current, rows

    def close(self) -> None:
        self._db.close()
        self._dir.cleanup()
