"""Taking over another cache's unsent edits (guide_app.cache.adopt), cache files only.

The sign-in path against the real server is in test_adopt_stranded.py; these
check the move itself: ids kept, seq after the current cache's, attention rows
too, the edits visible locally, the old outbox emptied, and which caches are
left alone (another owner, another process holding the file).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from guide_app import paths
from guide_app.cache.adopt import adopt_stranded, record_identity
from guide_app.cache.database import open_cache
from guide_app.services.customers import CustomerService
from guide_app.sync.blobs import BlobCache

from .conftest import G1, G2, rejected, seed_changes

SERVER = "server-one"


#: One server's rows: every cache of the test pulled the same.
ROWS, SEED = seed_changes()


def _cache(folder: Path, name: str, user=G1, server_id: str | None = SERVER):
    cache = open_cache(folder / f"{name}.db")
    cache.apply_pull_page(ROWS, "cursor-1")
    record_identity(cache, server_id, user)
    return cache, SEED


def _rows(cache_file: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(f"file:{cache_file}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "caches"


def test_rows_move_with_their_ids_after_the_current_seq(folder):
    old, seed = _cache(folder, "old")
    svc = CustomerService(old, G1)
    svc.add_follow_up(seed["zhangsan"], "visit", "旧缓存里的跟进")
    svc.update(seed["zhangsan"], notes="旧缓存里的备注")
    refused = svc.add_follow_up(seed["zhangsisi"], "visit", "被拒的跟进")
    refused_mid = next(m.mutation_id for m in old.outbox.pending() if m.entity_id == refused)
    old.apply_push_results([rejected(refused_mid, "forbidden")])
    stranded = [str(m.mutation_id) for m in old.outbox.pending()]
    assert len(stranded) == 2 and old.attention.count() == 1
    old.close()

    current, _ = _cache(folder, "current")
    own = CustomerService(current, G1).add_follow_up(seed["wangxiaoming"], "phone", "本缓存的")
    own_seq = current.outbox.pending()[0].seq

    adopted = adopt_stranded(current, SERVER, G1)

    assert [(a.source.name, a.outbox, a.attention) for a in adopted] == [("old.db", 2, 1)]
    pending = current.outbox.pending()
    assert pending[0].entity_id == own
    assert [str(m.mutation_id) for m in pending[1:]] == stranded  # same ids, same order
    assert all(m.seq > own_seq for m in pending[1:])
    assert [i.reason for i in current.attention.list()] == ["forbidden"]
    customer = CustomerService(current, G1).get(seed["zhangsan"])
    assert customer.notes == "旧缓存里的备注"  # the edits show in the current cache
    assert _rows(old.path, "SELECT count(*) FROM outbox") == [(0,)]
    assert _rows(old.path, "SELECT count(*) FROM attention") == [(0,)]
    current.close()


def test_caches_of_another_owner_or_without_a_server_id_stay(folder):
    left = []
    for name, user, server_id in (
        ("colleague", G2, SERVER),
        ("other-server", G1, "server-two"),
        ("unrecorded", G1, None),  # made before server ids, or only ever unlocked offline
    ):
        cache, seed = _cache(folder, name, user=user, server_id=server_id)
        CustomerService(cache, user).add_follow_up(seed["zhangsan"], "visit", "不该被接管")
        left.append(cache.path)
        cache.close()
    current, _ = _cache(folder, "current")
    assert adopt_stranded(current, SERVER, G1) == []
    assert current.outbox.count() == 0
    for path in left:
        assert _rows(path, "SELECT count(*) FROM outbox") == [(1,)]
    current.close()


def test_a_cache_held_by_another_process_or_session_is_skipped(folder):
    old, seed = _cache(folder, "old")
    CustomerService(old, G1).add_follow_up(seed["zhangsan"], "visit", "别的进程开着")
    current, _ = _cache(folder, "current")
    # Another session of this process still has it open: skipped.
    assert adopt_stranded(current, SERVER, G1) == []
    old.close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from guide_app.cache.owner_lock import claim; "
            "claim(sys.argv[1]); print('HELD', flush=True); time.sleep(60)",
            str(old.path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "HELD"
        assert adopt_stranded(current, SERVER, G1) == []  # another process has it
    finally:
        holder.kill()
        holder.wait(10)
    assert [a.outbox for a in adopt_stranded(current, SERVER, G1)] == [1]  # let go: taken over
    current.close()


def test_evidence_taken_offline_moves_before_the_check(folder, tmp_path):
    old, _ = _cache(folder, "old")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 evidence " + uuid.uuid4().bytes)
    old_blobs = BlobCache(paths.blob_dir(old.path), None)
    sha = old_blobs.add_local(photo)
    old_blobs.close()
    with old.write() as conn:  # an item check queued offline that names the photo
        conn.exec_driver_sql(
            "INSERT INTO outbox (seq, mutation_id, entity, op, entity_id, fields, base_version,"
            " user_id, created_at) VALUES (?, ?, 'item_check', 'set', 'ic-1', ?, NULL, ?, ?)",
            (
                old.next_seq(conn),
                str(uuid.uuid4()),
                f'{{"evidence_sha256": "{sha}"}}',
                G1.id,
                "2026-01-01T00:00:00+00:00",
            ),
        )
    old.close()
    current, _ = _cache(folder, "current")
    blobs = BlobCache(paths.blob_dir(current.path), None)
    try:
        adopted = adopt_stranded(current, SERVER, G1, keep_blob=blobs.add_local)
        assert [a.outbox for a in adopted] == [1]
        assert blobs.has_local_only(sha)  # uploaded by this session before the check is pushed
        assert blobs.path_for(sha) is not None
    finally:
        blobs.close()
        current.close()
