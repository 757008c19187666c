"""The cursor: tampering is refused, other epochs and purged tombstones force a resync."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import uuid
import zlib
from datetime import timedelta

from sqlalchemy import update

from guide_server.db import Database
from guide_server.models import SyncRow
from guide_server.models.base import utcnow
from tests.server.api import Api


def _flip(cursor: str) -> str:
    """The same cursor with one scope's version lowered, signature kept."""
    body, mac = cursor.split(".")
    state = json.loads(zlib.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))))
    scope = sorted(state["scopes"])[0]
    state["scopes"][scope] -= 1
    raw = zlib.compress(json.dumps(state, sort_keys=True, separators=(",", ":")).encode())
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode() + "." + mac


def test_tampered_or_garbage_cursor_is_400(live_server):
    api = Api(live_server, "s001-g1")
    _, cursor = api.pull_all()
    for bad in (_flip(cursor), "garbage", cursor + "x", "a.b.c", "%%%"):
        r = api.http.get("/sync/pull", params={"cursor": bad})
        assert r.status_code == 400, (bad, r.text)
        assert r.json()["detail"].startswith("invalid cursor")


def _cli(server, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "guide_server", *args, "--database-url", server.database_url],
        check=True,
        capture_output=True,
    )


def test_cursor_of_another_epoch_gets_409_resync(live_server):
    api = Api(live_server, "s001-g1")
    _, cursor = api.pull_all()
    _cli(live_server, "new-epoch")  # a restore from backup
    live_server.restart()
    r = api.http.get("/sync/pull", params={"cursor": cursor})
    assert r.status_code == 409 and r.json() == {"detail": "resync"}
    assert api.http.get("/sync/pull", params={"cursor": ""}).status_code == 200


def test_cursor_below_the_tombstone_floor_gets_409_resync(live_server):
    api = Api(live_server, "s001-g1")
    sid = str(uuid.uuid4())
    _, before = api.pull_all()
    api.push_one("script", "create", sid, {"title": "临时", "body": "临时话术"})
    _, holding = api.pull_all(before)
    api.push_one("script", "delete", sid)
    _, after = api.pull_all(holding)
    db = Database(live_server.database_url)
    with db.write() as s:
        s.execute(
            update(SyncRow)
            .where(SyncRow.entity_id == sid)
            .values(changed_at=utcnow() - timedelta(days=200))
        )
    db.dispose()
    _cli(live_server, "purge-tombstones")
    live_server.restart()  # forget cached counters
    r = api.http.get("/sync/pull", params={"cursor": holding})
    assert r.status_code == 409 and r.json()["detail"] == "resync"
    ok = api.http.get("/sync/pull", params={"cursor": after})
    assert ok.status_code == 200 and ok.json()["changes"] == []
    assert api.http.get("/sync/pull", params={"cursor": ""}).status_code == 200
