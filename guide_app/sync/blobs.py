"""Content-addressed file cache for materials and task evidence.

Files live at ``<dir>/<sha[:2]>/<sha>`` and are only ever created complete and
verified (download to ``.part``, hash, rename). A tiny SQLite index next to
them tracks size, last access (for LRU eviction beyond the budget) and whether
the server already has the file: evidence photos taken offline stay
``uploaded = 0`` until the sync engine PUTs them, and such files are never
evicted.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guide_app import paths
from guide_app.sync.api import ApiClient

log = logging.getLogger(__name__)

DEFAULT_BUDGET_BYTES = 2 * 1024**3

_SCHEMA = """
CREATE TABLE IF NOT EXISTS blob (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    last_access REAL NOT NULL,
    uploaded INTEGER NOT NULL DEFAULT 1
)
"""


@dataclass(frozen=True)
class PrefetchReport:
    fetched: int
    skipped_budget: int
    failed: int


class BlobCache:
    """One cache folder, one server (through ``api``), one size budget."""

    def __init__(
        self, directory: Path, api: ApiClient | None, budget_bytes: int = DEFAULT_BUDGET_BYTES
    ) -> None:
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.api = api
        self.budget_bytes = budget_bytes
        self._lock = threading.Lock()
        self._download_lock = threading.Lock()  # one download at a time: no two writers of a .part
        self._db = sqlite3.connect(
            self.dir / "index.sqlite", check_same_thread=False, isolation_level=None
        )
        paths.private_file(self.dir / "index.sqlite")  # before WAL: -wal/-shm copy its mode
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # ------------------------------------------------------------------ lookups

    def path_for(self, sha256: str) -> Path | None:
        """The local file of a blob, or None if it is not here (no network)."""
        path = self._file(sha256)
        if not path.exists():
            return None
        self._touch(sha256, path.stat().st_size)
        return path

    def has_local_only(self, sha256: str) -> bool:
        with self._lock:
            row = self._db.execute(
                "SELECT uploaded FROM blob WHERE sha256 = ?", (sha256,)
            ).fetchone()
        return bool(row) and not row[0]

    def total_bytes(self) -> int:
        with self._lock:
            (total,) = self._db.execute("SELECT COALESCE(SUM(size), 0) FROM blob").fetchone()
        return int(total)

    # ------------------------------------------------------------------ network

    def fetch(self, sha256: str) -> Path:
        """The blob's file, downloading (and verifying) it first if needed."""
        path = self.path_for(sha256)
        if path is not None:
            return path
        if self.api is None:
            raise FileNotFoundError(f"文件 {sha256[:12]}… 不在本机，且当前离线")
        with self._download_lock:
            dest = self._file(sha256)
            if not dest.exists():  # another thread may have fetched it meanwhile
                dest.parent.mkdir(parents=True, exist_ok=True)
                self.api.get_blob(sha256, dest)
                paths.private_file(dest)
            self._record(sha256, dest.stat().st_size, uploaded=True)
        self.evict(keep=sha256)
        return dest

    def prefetch(self, materials: Iterable[Any]) -> PrefetchReport:
        """Download material files for offline use, most used first, within the budget.

        ``materials`` are ``MaterialData`` (or objects/dicts with ``blob_sha256``,
        ``blob_size`` and ``use_count``) in the caller's order (newest first);
        ties on use count keep that order.
        """
        items = [_material_blob(m) for m in materials]
        wanted = [(i, sha, size, uses) for i, (sha, size, uses) in enumerate(items) if sha]
        wanted.sort(key=lambda t: (-t[3], t[0]))
        room = self.budget_bytes
        fetched = skipped = failed = 0
        for _, sha, size, _ in wanted:
            if self._file(sha).exists():
                room -= self._file(sha).stat().st_size
                continue
            if size is not None and size > room:
                skipped += 1
                continue
            try:
                path = self.fetch(sha)
            except Exception as exc:  # one bad file must not stop the rest
                log.warning("prefetch of %s failed: %s", sha[:12], exc)
                failed += 1
                continue
            room -= path.stat().st_size
            fetched += 1
        return PrefetchReport(fetched, skipped, failed)

    def add_local(self, source: Path) -> str:
        """Copy a file taken on this PC (evidence photo) into the cache; returns its sha256."""
        digest = _sha256_file(source)
        dest = self._file(digest)
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp = dest.with_name(dest.name + ".part")
            shutil.copyfile(source, tmp)
            paths.private_file(tmp)
            tmp.replace(dest)
        with self._lock:
            self._db.execute(
                "INSERT INTO blob (sha256, size, last_access, uploaded) VALUES (?, ?, ?, 0) "
                "ON CONFLICT(sha256) DO UPDATE SET last_access = excluded.last_access",
                (digest, dest.stat().st_size, time.time()),
            )
        return digest

    def ensure_uploaded(self, sha256: str) -> None:
        """PUT a local-only blob (idempotent on the server); raises on network errors."""
        if not self.has_local_only(sha256):
            return
        path = self._file(sha256)
        if not path.exists():
            log.warning(
                "evidence %s is gone from the cache; the server will judge the check", sha256[:12]
            )
            return
        if self.api is None:
            raise RuntimeError("no server connection for the upload")
        self.api.put_blob(sha256, path)
        with self._lock:
            self._db.execute("UPDATE blob SET uploaded = 1 WHERE sha256 = ?", (sha256,))

    # ------------------------------------------------------------------ eviction

    def evict(self, keep: str | None = None) -> int:
        """Delete least recently used uploaded files until the cache fits the budget.

        ``keep`` (the file just fetched for the caller) survives even when it
        alone is over the budget.
        """
        with self._lock:
            (total,) = self._db.execute("SELECT COALESCE(SUM(size), 0) FROM blob").fetchone()
            if total <= self.budget_bytes:
                return 0
            rows = self._db.execute(
                "SELECT sha256, size FROM blob WHERE uploaded = 1 ORDER BY last_access"
            ).fetchall()
            removed = 0
            for sha, size in rows:
                if total <= self.budget_bytes:
                    break
                if sha == keep:
                    continue
                self._file(sha).unlink(missing_ok=True)
                self._db.execute("DELETE FROM blob WHERE sha256 = ?", (sha,))
                total -= size
                removed += 1
        return removed

    # ------------------------------------------------------------------ internals

    def _file(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"不是有效的 sha256：{sha256!r}")
        return self.dir / sha256[:2] / sha256

    def _record(self, sha256: str, size: int, *, uploaded: bool) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO blob (sha256, size, last_access, uploaded) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(sha256) DO UPDATE SET size = excluded.size, last_access = excluded.last_access",
                (sha256, size, time.time(), int(uploaded)),
            )

    def _touch(self, sha256: str, size: int) -> None:
        with self._lock:
            cur = self._db.execute(
                "UPDATE blob SET last_access = ? WHERE sha256 = ?", (time.time(), sha256)
            )
            if cur.rowcount == 0:  # a file the index lost (e.g. index deleted): adopt it
                self._db.execute(
                    "INSERT INTO blob (sha256, size, last_access, uploaded) VALUES (?, ?, ?, 1)",
                    (sha256, size, time.time()),
                )


def _material_blob(m: Any) -> tuple[str | None, int | None, int]:
    get = m.get if isinstance(m, dict) else (lambda k, d=None: getattr(m, k, d))
    return get("blob_sha256"), get("blob_size"), int(get("use_count", 0) or 0)


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(256 * 1024):
            h.update(block)
    return h.hexdigest()
