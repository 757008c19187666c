"""A broken server stops the cycle with a displayable error; cache and outbox stay as they were.

The engine and the cache are the real ones; the server is a scripted bad
server on loopback (see test_sync_api.ScriptedServer).
"""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime

import pytest

from guide_app.cache.database import open_cache
from guide_app.cache.outbox import record_edit
from guide_app.sync.api import ApiClient
from guide_app.sync.engine import SyncEngine
from tests.client.test_sync_api import OK_HEADERS, ScriptedServer


@pytest.fixture
def bad_server():
    server = ScriptedServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def engine(bad_server, tmp_path):
    cache = open_cache(tmp_path / "c.db")
    for i in range(3):
        record_edit(
            cache,
            "u1",
            "follow_up",
            "create",
            str(uuid.uuid4()),
            {
                "customer_id": "cust-1",
                "channel": "chat",
                "text": f"第{i}次跟进",
                "at": datetime.now(UTC).isoformat(),
            },
            None,
        )
    api = ApiClient(bad_server.url, token="t")
    eng = SyncEngine(cache, api)
    yield eng
    eng.stop()
    cache.close()
    api.close()


def _snapshot(eng):
    return ([str(m.mutation_id) for m in eng.cache.outbox.pending()], eng.cache.cursor())


def _accept_push(bad_server, engine) -> None:
    """The push of every pending edit answered ``applied``."""
    sent = [str(m.mutation_id) for m in engine.cache.outbox.pending()]
    bad_server.answer(
        "POST",
        "/sync/push",
        200,
        {"results": [{"mutation_id": m, "status": "applied"} for m in sent]},
    )


GOOD_PULL = {"changes": [], "cursor": "cur-1", "has_more": False}


@pytest.mark.parametrize(
    ("route", "status", "raw", "headers", "declared", "expect"),
    [
        ("/sync/push", 200, b"<html>proxy error</html>", OK_HEADERS, None, "JSON"),
        ("/sync/push", 200, b'{"results": [{"mutation_id": "x"', OK_HEADERS, 400, "/sync/push"),
        ("/sync/push", 200, b'{"results": 5}', OK_HEADERS, None, "results"),
        (
            "/sync/push",
            200,
            b'{"results": []}',
            {"Content-Type": "application/json"},
            None,
            "X-Guide-Protocol",
        ),
        ("/sync/push", 426, b'{"detail": "upgrade to protocol 2"}', OK_HEADERS, None, "upgrade"),
        ("/sync/push", 502, b"Bad Gateway", OK_HEADERS, None, "502"),
    ],
)
def test_bad_push_reply_keeps_outbox(
    bad_server, engine, route, status, raw, headers, declared, expect
):
    bad_server.answer("POST", route, status, raw=raw, headers=headers, declared_length=declared)
    bad_server.answer("GET", "/sync/pull", 200, GOOD_PULL)
    before = _snapshot(engine)
    assert engine.sync_once() is False
    assert _snapshot(engine) == before and len(before[0]) == 3
    assert expect in engine.status.error
    assert engine.status.pending == 3 and not engine.status.syncing


def test_reply_cut_mid_body_is_offline_not_a_bad_server(bad_server, engine):
    """A connection broken after the status line (a server killed mid-reply) is the
    network: the status says offline, the outbox and cursor stay."""
    _accept_push(bad_server, engine)
    engine.sync_once()
    bad_server.answer("GET", "/sync/pull", 200, raw=b'{"changes": [', declared_length=4000)
    before = _snapshot(engine)
    assert engine.sync_once() is False
    assert _snapshot(engine) == before
    assert engine.status.online is False and "不完整" in engine.status.error


def test_bad_pull_reply_keeps_cursor_and_rows(bad_server, engine):
    # the push goes through; the pull answers garbage in several ways
    _accept_push(bad_server, engine)
    bad_server.answer(
        "GET",
        "/sync/pull",
        200,
        {
            "changes": [
                {
                    "entity": "customer",
                    "id": "c9",
                    "version": 1,
                    "data": {"id": "c9", "name": "缺门店"},
                }
            ],
            "cursor": "cur-2",
            "has_more": False,
        },
    )
    assert engine.sync_once() is False
    assert engine.cache.outbox.count() == 0  # the push answers were stored before the pull
    assert engine.cache.cursor() is None
    assert "门店: 必填" in engine.status.error and "customer c9" in engine.status.error
    for raw, declared in [
        (b'{"changes": [], "cursor": "cur-3", "has_more": fal', None),
        (json.dumps(GOOD_PULL).encode()[:20], 200),
    ]:
        bad_server.answer("GET", "/sync/pull", 200, raw=raw, declared_length=declared)
        assert engine.sync_once() is False
        assert engine.cache.cursor() is None
        assert "/sync/pull" in engine.status.error
    bad_server.answer("GET", "/sync/pull", 200, GOOD_PULL)
    assert engine.sync_once() is True
    assert engine.cache.cursor() == "cur-1" and engine.status.error is None


def test_unauthorized_signs_out(bad_server, engine):
    bad_server.answer("POST", "/sync/push", 401, {"detail": "token revoked"})
    assert engine.sync_once() is False
    assert engine.status.signed_out and "重新登录" in engine.status.error
    assert engine.cache.outbox.count() == 3


def test_worker_backs_off_and_honours_retry_after(bad_server, engine):
    from guide_app.sync.status import Backoff

    engine._backoff = Backoff(base_s=0.05, cap_s=0.1)  # fast schedule for the test
    bad_server.answer("POST", "/sync/push", 503, {"detail": "maintenance"})
    engine.start()
    time.sleep(1.0)
    failures = len(bad_server.requests)
    assert 4 <= failures <= 25  # retried on the short schedule, not in a busy loop
    assert "503" in engine.status.error and engine.status.online

    bad_server.answer(
        "POST",
        "/sync/push",
        429,
        {"detail": "slow down"},
        headers={**OK_HEADERS, "Retry-After": "1"},
    )
    time.sleep(0.3)
    start = len(bad_server.requests)
    time.sleep(1.5)
    assert len(bad_server.requests) - start <= 3  # waits the server's Retry-After
    engine.stop()
    assert engine.cache.outbox.count() == 3


def _paged(pages: dict[str | None, object]):
    """A pull route answering by the request's cursor (``None`` = first page)."""

    def answer(handler):
        from urllib.parse import parse_qs, urlsplit

        cursor = parse_qs(urlsplit(handler.path).query).get("cursor", [None])[0]
        body = pages[cursor]
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        return 200, OK_HEADERS, raw

    return answer


def _customer(cid: str, name: str) -> dict:
    return {
        "entity": "customer",
        "id": cid,
        "version": 1,
        "data": {"id": cid, "store_id": "s1", "name": name},
    }


@pytest.mark.parametrize(
    ("second", "expect"),
    [
        (
            {
                "changes": [{**_customer("c2", "李四"), "data": {"id": "c2"}}],
                "cursor": "p2",
                "has_more": False,
            },
            "customer c2",
        ),
        (b'{"changes": [], "cursor": "p2", "has_', "JSON"),
        ({"changes": "none", "cursor": "p2", "has_more": False}, "changes"),
    ],
)
def test_bad_second_page_keeps_the_first_and_its_cursor(bad_server, engine, second, expect):
    """Page 2 is downloaded and checked while page 1 is stored: its failure must not
    undo or skip page 1, and must not move the cursor past it."""
    _accept_push(bad_server, engine)
    first = {"changes": [_customer("c1", "张三")], "cursor": "p1", "has_more": True}
    bad_server.routes[("GET", "/api/v1/sync/pull")] = (
        200,
        OK_HEADERS,
        _paged({None: first, "p1": second}),
        None,
    )
    assert engine.sync_once() is False
    assert expect in engine.status.error
    assert engine.cache.cursor() == "p1"
    with engine.cache.read() as conn:
        names = [r[0] for r in conn.exec_driver_sql("SELECT name FROM customers")]
    assert names == ["张三"]
    # fixed on the server: the next cycle asks from p1 and completes
    fixed = {"changes": [_customer("c2", "李四")], "cursor": "p2", "has_more": False}
    bad_server.routes[("GET", "/api/v1/sync/pull")] = (200, OK_HEADERS, _paged({"p1": fixed}), None)
    assert engine.sync_once() is True, engine.status.error
    assert engine.cache.cursor() == "p2"
