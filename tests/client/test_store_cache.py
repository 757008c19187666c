"""Opening the cache file: pragmas, identity, corrupt and incompatible files.

The full integrity check (``PRAGMA quick_check``) runs at open only after a
session that did not close cleanly; after a clean close it runs later through
``Cache.check_integrity()`` and a failure rebuilds the file at the next open.
"""

from __future__ import annotations

import sqlite3
import threading

import pytest

from guide_app.cache.database import SESSION_STATE_KEY, open_cache, rebuild_mark_path
from guide_app.services.customers import CustomerService

from .conftest import G1, seed_changes


def test_fresh_cache_uses_wal_full_sync_and_keeps_its_device_id(tmp_path):
    path = tmp_path / "c.db"
    cache = open_cache(path)
    with cache.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 0
    device = cache.device_id()
    assert not cache.rebuilt and cache.cursor() is None
    cache.close()
    again = open_cache(path)
    assert again.device_id() == device and not again.rebuilt
    again.close()


def _die(cache):
    """What a killed process leaves: no connection, no claim, the file marked ``open``."""
    cache.engine.dispose()
    cache.owner.release()


def _cache_with_edits(path, close=True):
    cache = open_cache(path)
    rows, s = seed_changes()
    cache.apply_pull_page(rows, "c1")
    svc = CustomerService(cache, G1)
    svc.update(s["zhangsan"], notes="喜欢羊绒")
    new_id = svc.create(name="赵六", phone="13812345678")
    pending = cache.outbox.pending()
    device = cache.device_id()
    if close:
        cache.close()
    else:
        _die(cache)  # connections go, "closed cleanly" is never recorded
    return pending, device, new_id


def test_garbage_file_is_moved_aside_and_rebuilt(tmp_path):
    path = tmp_path / "c.db"
    path.write_bytes(b"this is not a database" * 100)
    cache = open_cache(path)
    assert cache.rebuilt and "损坏" in cache.rebuilt_reason
    assert cache.outbox.count() == 0
    aside = list(tmp_path.glob("c.db.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")
    cache.close()


def _damage_customers_table(path):
    """Overwrite the customers table's root page (the outbox pages stay readable)."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'customers'").fetchone()[0]
    con.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xff" * page_size)


def _assert_rebuilt_with_outbox(cache, pending, device, new_id):
    assert cache.rebuilt
    again = cache.outbox.pending()
    assert [m.mutation_id for m in again] == [m.mutation_id for m in pending]
    assert [m.fields for m in again] == [m.fields for m in pending]
    assert cache.device_id() == device
    assert cache.cursor() is None  # the engine pulls everything again
    # the offline create is visible again at once; the update waits for the pull
    assert CustomerService(cache, G1).get(new_id).name == "赵六"


@pytest.fixture
def quick_checks(monkeypatch):
    """Every ``PRAGMA quick_check`` any sqlite3 connection runs (SQLAlchemy's included)."""
    seen: list[str] = []
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        con = real_connect(*args, **kwargs)
        con.set_trace_callback(lambda sql: seen.append(sql) if "quick_check" in sql else None)
        return con

    monkeypatch.setattr(sqlite3, "connect", connect)
    return seen


def test_unclean_previous_session_is_checked_at_open_and_rebuilt_with_outbox(tmp_path):
    path = tmp_path / "c.db"
    pending, device, new_id = _cache_with_edits(path, close=False)  # as if killed
    _damage_customers_table(path)
    cache = open_cache(path)
    # quick_check reports the page, or SQLite raises while checking it
    assert "完整性检查失败" in cache.rebuilt_reason or "malformed" in cache.rebuilt_reason
    _assert_rebuilt_with_outbox(cache, pending, device, new_id)
    assert (
        len([f for f in tmp_path.glob("c.db.corrupt-*") if f.suffix[-4:] not in ("-wal", "-shm")])
        == 1
    )
    cache.close()


def test_clean_close_then_damage_is_found_by_the_background_check_and_rebuilt_next_open(
    tmp_path,
):
    path = tmp_path / "c.db"
    pending, device, new_id = _cache_with_edits(path)
    _damage_customers_table(path)
    cache = open_cache(path)  # only the cheap checks: the damage is not seen yet
    assert not cache.rebuilt and not cache.integrity_checked
    result: list[str | None] = []
    worker = threading.Thread(target=lambda: result.append(cache.check_integrity()))
    worker.start()
    worker.join(30)
    assert result and result[0] is not None and "完整性检查失败" in result[0]
    assert rebuild_mark_path(path).exists()
    cache.close()

    cache = open_cache(path)
    assert "后台完整性检查失败" in cache.rebuilt_reason
    _assert_rebuilt_with_outbox(cache, pending, device, new_id)
    assert not rebuild_mark_path(path).exists()  # rebuilt once, not at every start
    assert cache.check_integrity() is None
    cache.close()
    again = open_cache(path)
    assert not again.rebuilt and again.outbox.count() == len(pending)
    again.close()


def test_clean_reopen_runs_no_quick_check_and_an_unclean_one_does(tmp_path, quick_checks):
    path = tmp_path / "c.db"
    _cache_with_edits(path)
    cache = open_cache(path)
    assert not cache.rebuilt and not cache.integrity_checked
    assert quick_checks == []
    with cache.read() as conn:
        assert cache.meta_get(SESSION_STATE_KEY, conn) == "open"
    _die(cache)  # the process dies: no clean close recorded

    cache = open_cache(path)
    assert not cache.rebuilt and cache.integrity_checked
    assert len(quick_checks) == 1
    cache.close()
    with sqlite3.connect(path) as con:
        state = con.execute("SELECT value FROM meta WHERE key = ?", (SESSION_STATE_KEY,))
        assert state.fetchone()[0] == "closed"
    open_cache(path).close()
    assert len(quick_checks) == 1


def test_file_from_before_the_marker_is_checked_once(tmp_path, quick_checks):
    path = tmp_path / "c.db"
    _cache_with_edits(path)
    with sqlite3.connect(path) as con:  # written by a version that kept no session state
        con.execute("DELETE FROM meta WHERE key = ?", (SESSION_STATE_KEY,))
    open_cache(path).close()
    open_cache(path).close()
    assert len(quick_checks) == 1


def test_check_interrupted_by_close_is_not_a_failure(tmp_path):
    path = tmp_path / "c.db"
    _cache_with_edits(path)
    cache = open_cache(path)
    cache.close()
    assert cache.check_integrity() is None  # closed: nothing checked, nothing marked
    assert not rebuild_mark_path(path).exists()


def test_incompatible_schema_version_is_rebuilt_with_outbox(tmp_path):
    path = tmp_path / "c.db"
    pending, _device, _ = _cache_with_edits(path)
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    cache = open_cache(path)
    assert cache.rebuilt and "版本" in cache.rebuilt_reason
    assert [m.mutation_id for m in cache.outbox.pending()] == [m.mutation_id for m in pending]
    # seq keeps growing after a rebuild: the server orders a device's batch by it
    svc = CustomerService(cache, G1)
    svc.create(name="钱七")
    seqs = [m.seq for m in cache.outbox.pending()]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    cache.close()


def test_foreign_sqlite_file_is_not_taken_over(tmp_path):
    path = tmp_path / "c.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    cache = open_cache(path)
    assert cache.rebuilt
    cache.close()


def test_rebuild_mark_without_its_file_is_dropped(tmp_path):
    path = tmp_path / "c.db"
    rebuild_mark_path(path).write_text("后台完整性检查失败: x", encoding="utf-8")
    cache = open_cache(path)
    assert not cache.rebuilt and cache.integrity_checked
    assert not rebuild_mark_path(path).exists()
    cache.close()
    again = open_cache(path)
    assert not again.rebuilt
    again.close()
