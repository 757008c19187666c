"""Blobs: upload verified by hash, ranged download, size limit, who may read."""

from __future__ import annotations

import hashlib
import os

from guide_core.protocol import item_check_id
from tests.server.api import Api, of


def _blob(n: int = 3000) -> tuple[str, bytes]:
    data = os.urandom(n)
    return hashlib.sha256(data).hexdigest(), data


def test_put_get_range_and_idempotence(live_server):
    api = Api(live_server, "s001-g1")
    sha, data = _blob()
    r = api.http.put(f"/blobs/{sha}", content=data, headers={"Content-Type": "image/jpeg"})
    assert r.status_code == 200 and r.json() == {"sha256": sha, "size": len(data)}
    assert api.http.put(f"/blobs/{sha}", content=data).status_code == 200  # idempotent
    got = api.http.get(f"/blobs/{sha}")
    assert got.status_code == 200 and got.content == data
    assert got.headers["content-type"].startswith("image/jpeg")
    part = api.http.get(f"/blobs/{sha}", headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == data[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(data)}"


def test_body_not_matching_its_name_is_refused_and_not_stored(live_server):
    api = Api(live_server, "s001-g1")
    sha, data = _blob()
    r = api.http.put(f"/blobs/{sha}", content=data + b"!")
    assert r.status_code == 400 and "sha256 mismatch" in r.json()["detail"]
    assert api.http.get(f"/blobs/{sha}").status_code in (403, 404)
    blob_dir = live_server.data_dir / "blobs" / sha[:2]
    assert not blob_dir.exists() or not [
        p for p in blob_dir.iterdir() if sha in p.name or p.name.startswith(".")
    ]


def test_over_the_limit_is_413(server_factory):
    server = server_factory(env={"GUIDE_SERVER_MAX_BLOB_BYTES": "1000"})
    api = Api(server, "s001-g1")
    sha, data = _blob(5000)
    r = api.http.put(f"/blobs/{sha}", content=data)
    assert r.status_code == 413 and "MiB" in r.json()["detail"]

    def chunks():  # no Content-Length: the limit is enforced while streaming
        yield data[:800]
        yield data[800:]

    r = api.http.put(f"/blobs/{sha}", content=chunks())
    assert r.status_code == 413
    small_sha, small = _blob(500)
    assert api.http.put(f"/blobs/{small_sha}", content=small).status_code == 200


def test_read_permission_follows_the_rows_naming_the_blob(live_server):
    g1 = Api(live_server, "s001-g1")
    mgr = Api(live_server, "s001-mgr")
    outsider = Api(live_server, "s002-g1")
    sha, data = _blob()
    assert g1.http.put(f"/blobs/{sha}", content=data).status_code == 200
    assert g1.http.get(f"/blobs/{sha}").status_code == 200  # the uploader
    assert mgr.http.get(f"/blobs/{sha}").status_code == 403  # not named by any row yet
    held, _ = g1.state()
    assignment = next(
        a
        for a in of(held, "assignment")
        if a["guide_id"] == g1.user["id"] and a["status"] != "approved"
    )
    item = next(i for i in of(held, "task_item") if i["task_id"] == assignment["task_id"])
    r = g1.push_one(
        "item_check",
        "set",
        item_check_id(assignment["id"], item["id"]),
        {
            "assignment_id": assignment["id"],
            "item_id": item["id"],
            "done": True,
            "evidence_sha256": sha,
        },
    )
    assert r["status"] == "applied", r
    assert mgr.http.get(f"/blobs/{sha}").content == data
    denied = outsider.http.get(f"/blobs/{sha}")
    assert denied.status_code == 403 and "forbidden" in denied.json()["detail"]
    material = next(m for m in of(outsider.state()[0], "material") if m["blob_sha256"])
    assert outsider.http.get(f"/blobs/{material['blob_sha256']}").status_code == 200
