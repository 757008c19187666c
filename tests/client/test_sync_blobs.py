"""Blob cache against the real server: verified downloads, LRU budget, evidence upload."""

from __future__ import annotations

import hashlib
import os
import time

from guide_app.sync.api import ApiClient
from guide_app.sync.blobs import BlobCache


def _upload(api, tmp_path, n, size):
    shas = []
    for i in range(n):
        data = os.urandom(size)
        sha = hashlib.sha256(data).hexdigest()
        path = tmp_path / f"up{i}"
        path.write_bytes(data)
        api.put_blob(sha, path)
        shas.append(sha)
    return shas


def test_fetch_verifies_and_evicts_least_recently_used(server, tmp_path):
    with ApiClient(server.url) as api:
        api.login("s001-g1", "demo1234", "blob-test")
        shas = _upload(api, tmp_path, 4, 1000)
        cache = BlobCache(tmp_path / "blobs", api, budget_bytes=2500)
        try:
            first = cache.fetch(shas[0])
            assert hashlib.sha256(first.read_bytes()).hexdigest() == shas[0]
            cache.fetch(shas[1])
            assert cache.path_for(shas[0]) is not None  # touch: 0 is now newer than 1
            cache.fetch(shas[2])  # over budget: the least recently used (1) goes
            assert cache.path_for(shas[1]) is None
            assert cache.path_for(shas[0]) is not None and cache.path_for(shas[2]) is not None
            assert cache.total_bytes() <= 2500

            materials = [
                {"blob_sha256": s, "blob_size": 1000, "use_count": u}
                for s, u in zip(shas, [0, 9, 1, 5], strict=True)
            ]
            report = cache.prefetch(materials)
            assert cache.path_for(shas[1]) is not None and cache.path_for(shas[3]) is not None
            assert report.skipped_budget >= 1
        finally:
            cache.close()


def test_evidence_goes_up_before_its_check(clients, server, tmp_path):
    guide = clients("s001-g1")
    assert guide.sync.sync_once()
    assignments = guide.tasks.my_assignments()
    assert assignments, "demo chain gives the guide at least one assignment"
    aid = assignments[0].id
    item = guide.tasks.items(aid)[0]
    photo = tmp_path / "陈列.jpg"
    photo.write_bytes(os.urandom(3000))
    sha = guide.blobs.add_local(photo)
    assert guide.blobs.has_local_only(sha)

    server.stop()
    guide.tasks.check_item(aid, item.id, True, note="已陈列", evidence_sha256=sha)
    assert guide.sync.sync_once() is False
    assert guide.cache.outbox.count() >= 1 and guide.blobs.has_local_only(sha)
    server.start()
    assert guide.sync.sync_once(), guide.sync.status.error
    assert not guide.blobs.has_local_only(sha) and guide.sync.status.pending == 0

    mgr = clients("s001-mgr")
    assert mgr.sync.sync_once()
    got = mgr.blobs.fetch(sha)
    assert got.read_bytes() == photo.read_bytes()


def test_session_prefetches_material_files_after_sync(clients):
    s = clients("s001-g1", start_sync=True)
    with_blobs = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not with_blobs:
        with_blobs = [m for m in s.materials.list() if m.blob_sha256]
        time.sleep(0.05)
    assert with_blobs, "demo chain has materials with files"
    while time.monotonic() < deadline:
        if all(s.blobs.path_for(m.blob_sha256) for m in with_blobs):
            break
        time.sleep(0.05)
    for m in with_blobs:
        path = s.blobs.path_for(m.blob_sha256)
        assert path is not None and hashlib.sha256(path.read_bytes()).hexdigest() == m.blob_sha256
