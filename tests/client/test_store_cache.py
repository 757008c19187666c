"""Opening the cache file: pragmas, identity, corrupt and incompatible files."""

from __future__ import annotations

import sqlite3

from guide_app.store.cache import open_cache
from guide_app.store.customers import CustomerService

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


def _cache_with_edits(path):
    cache = open_cache(path)
    rows, s = seed_changes()
    cache.apply_pull_page(rows, "c1")
    svc = CustomerService(cache, G1)
    svc.update(s["zhangsan"], notes="喜欢羊绒")
    new_id = svc.create(name="赵六", phone="13812345678")
    pending = cache.outbox.pending()
    device = cache.device_id()
    cache.close()
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


def test_damaged_pages_rebuild_keeps_every_readable_outbox_row(tmp_path):
    path = tmp_path / "c.db"
    pending, device, new_id = _cache_with_edits(path)
    # Corrupt the customers table's pages but not the outbox: find the root page
    # of the customers table and overwrite it.
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'customers'").fetchone()[0]
    con.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xff" * page_size)
    cache = open_cache(path)
    assert cache.rebuilt
    again = cache.outbox.pending()
    assert [m.mutation_id for m in again] == [m.mutation_id for m in pending]
    assert [m.fields for m in again] == [m.fields for m in pending]
    assert cache.device_id() == device
    assert cache.cursor() is None  # the engine pulls everything again
    # the offline create is visible again at once; the update waits for the pull
    assert CustomerService(cache, G1).get(new_id).name == "赵六"
    cache.close()


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
