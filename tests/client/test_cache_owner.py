"""One process owns a cache file: ``<cache>.lock`` (guide_app.cache.owner_lock).

Another process is told (:class:`CacheInUse`) or waits; the caches of one
process share the claim; the claim goes with the last connection; a failed
open keeps nothing open; and only damage, never a lock, moves a file aside.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from guide_app.cache import database as cache_module
from guide_app.cache import owner_lock
from guide_app.cache.database import (
    SESSION_STATE_KEY,
    CacheInUse,
    open_cache,
    remove_cache_files,
)
from guide_app.sync.oneshot import start_child
from tests.file_probes import open_files

HOLDER = """
import sys
from guide_app.cache.database import open_cache
cache = open_cache(sys.argv[1])
print("HELD", flush=True)
sys.stdin.readline()
cache.close()
print("CLOSED", flush=True)
"""


def _state(path: Path) -> str:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT value FROM meta WHERE key = ?", (SESSION_STATE_KEY,)).fetchone()[
            0
        ]
    finally:
        con.close()


def _free(path: Path) -> bool:
    """Whether nobody (no other process, no Cache of this one) holds the file."""
    try:
        owner_lock.claim(path, 0, sole=True).release()
    except CacheInUse:
        return False
    return True


@pytest.fixture
def holder(tmp_path):
    """A child process that holds ``c.db`` open until told to close it."""
    path = tmp_path / "c.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "HELD"
    yield path, proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc to list open files")
def test_another_process_is_told_then_waits_cleanly_for_the_file(holder):
    path, proc = holder
    with pytest.raises(CacheInUse) as info:
        open_cache(path, wait_s=0.3)
    assert info.value.message.startswith("此账户已在本机另一个窗口中打开")
    assert open_files(path) == []  # the refused open left nothing behind

    def let_go() -> None:
        proc.stdin.write("\n")
        proc.stdin.flush()

    threading.Timer(0.5, let_go).start()
    cache = open_cache(path, wait_s=30)  # waits for the other process, then opens
    try:
        assert proc.stdout.readline().strip() == "CLOSED"
        assert not cache.rebuilt and cache.outbox.count() == 0
    finally:
        cache.close()


def test_command_line_sync_says_the_cache_is_in_use(tmp_path):
    path = tmp_path / "c.db"
    cache = open_cache(path)
    try:
        proc = start_child("http://127.0.0.1:9", path, "token")
        out, _ = proc.communicate(timeout=60)
    finally:
        cache.close()
    assert proc.returncode == 1
    assert "SYNC FAILED 此账户已在本机另一个窗口中打开" in out


def test_caches_of_one_process_share_the_file_and_the_last_closes_it(tmp_path):
    path = tmp_path / "c.db"
    first = open_cache(path)
    second = open_cache(path)  # a window signing in again, before the old one closes
    assert first.owner.first and not second.owner.first
    assert second.integrity_checked and not second.rebuilt
    with pytest.raises(CacheInUse):
        remove_cache_files(path, wait_s=0)  # never deleted under an open Cache
    first.close()
    assert _state(path) == "open"  # the second one still uses it
    assert not _free(path)
    second.close()
    assert _state(path) == "closed" and _free(path)
    remove_cache_files(path, wait_s=0)
    assert not path.exists() and owner_lock.owner_lock_path(path).exists()


def test_claim_goes_with_the_last_connection_after_close(tmp_path):
    path = tmp_path / "c.db"
    cache = open_cache(path)
    straggler = cache.engine.connect()  # a worker thread still inside a query at close
    straggler.exec_driver_sql("SELECT 1")
    cache.close()
    assert not _free(path)  # another process would still be refused
    with pytest.raises(Exception, match="cache closed"):
        cache.engine.connect()  # and no new connection opens
    straggler.close()
    assert _free(path)


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc to list open files")
def test_failed_open_leaves_nothing_open(tmp_path, monkeypatch):
    path = tmp_path / "c.db"
    open_cache(path).close()

    def broken(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(cache_module, "_create_schema", broken)
    with pytest.raises(OSError, match="disk full"):
        open_cache(path)
    assert open_files(path) == [] and _free(path)


def test_a_locked_file_is_refused_not_moved_aside(tmp_path):
    path = tmp_path / "c.db"
    open_cache(path).close()
    other = sqlite3.connect(path, isolation_level=None)  # someone holding SQLite's own lock
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            open_cache(path)
    finally:
        other.close()
    assert not list(tmp_path.glob("*.corrupt-*")) and _free(path)
    cache = open_cache(path)
    assert not cache.rebuilt
    cache.close()


def test_session_refused_the_cache_closes_what_it_opened(holder, tmp_path, monkeypatch):
    """Session.open (what sign-in and resume call) keeps nothing after CacheInUse."""
    from guide_app import paths
    from guide_app.session import Session
    from guide_app.sync.api import ApiClient

    from .conftest import G1

    path, _proc = holder
    data_dir = tmp_path / "data"
    monkeypatch.setattr(paths, "cache_path", lambda *_a: path)
    monkeypatch.setattr(owner_lock, "OWNER_WAIT_S", 0.2)
    api = ApiClient("http://127.0.0.1:9", token="t")
    with pytest.raises(CacheInUse):
        Session.open(
            server_url="http://127.0.0.1:9",
            user=G1,
            api=api,
            data_dir=data_dir,
            offline=True,
            keyring_available=False,
            start_sync=True,
        )
    assert api._client.is_closed
    assert not (path.parent / f"{path.stem}.blobs").exists()  # no session was built
