"""A push batch the server keeps failing on never stalls the outbox (issue 8).

Real server on loopback (SQLite and PostgreSQL), real Session, cache and sync
engine. The server failure is injected by an httpx transport in front of the
real server: for a push batch holding a marked edit it first forwards the
edits that come before the marked one (the server applies them, as a server
failing half-way through a batch does) and then answers 500 instead of the
server's reply. That stands in for a server bug, which the real server can no
longer be made to produce on demand.
"""

from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy import create_engine, text

from guide_app.cache.attention import (
    DEPENDS_FAILED,
    SERVER_FAILED,
    SERVER_REFUSED,
    UNANSWERED_CODE,
)
from guide_app.services.customer_query import CustomerQuery
from guide_app.sync.api import ApiClient
from guide_app.sync.errors import ProtocolMismatch, ServerError
from guide_app.sync.push_failures import ISOLATE_AFTER
from guide_core import protocol

#: Enough cycles for: 3 failed tries of the batch, the split, one more failure alone.
MAX_CYCLES = 8


@pytest.fixture
def server(live_server):
    """Both server databases (SQLite and PostgreSQL) for this module."""
    return live_server


class FailingPush(httpx.BaseTransport):
    """Forwards to the real server, except push batches holding a ``marked`` entity id.

    Such a batch gets ``status`` (with or without the protocol header), or a
    network failure with ``error`` ``"connect"`` / ``"timeout"``; only the first
    ``times`` such batches when ``times`` is set (a transient failure).
    ``marked=None``: every push fails, even an empty one. ``pushed`` lists the
    mutation ids of every push the client sent.
    """

    def __init__(
        self,
        marked: set[str] | None,
        *,
        status: int = 500,
        header: bool = False,
        times: int | None = None,
        error: str | None = None,
    ) -> None:
        self.inner = httpx.HTTPTransport()
        self.marked = marked
        self.status = status
        self.header = header
        self.times = times
        self.error = error
        self.failed = 0
        self.pushed: list[list[str]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/sync/push"):
            body = json.loads(request.read())
            mutations = body["mutations"]
            self.pushed.append([m["mutation_id"] for m in mutations])
            if self.marked is None:
                return self._failure()
            bad = [m for m in mutations if m["entity_id"] in self.marked]
            if bad and (self.times is None or self.failed < self.times):
                self.failed += 1
                if self.error == "connect":
                    raise httpx.ConnectError("connection refused", request=request)
                if self.error == "timeout":
                    raise httpx.ReadTimeout("timed out", request=request)
                first = min(m["seq"] for m in bad)
                before = [m for m in mutations if m["seq"] < first]
                if before and self.status >= 500:  # applied; the answer is lost in the 500
                    self._forward(request, {**body, "mutations": before})
                return self._failure()
        return self.inner.handle_request(request)

    def _forward(self, request: httpx.Request, body: dict) -> None:
        headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
        sub = httpx.Request("POST", request.url, headers=headers, content=json.dumps(body))
        resp = self.inner.handle_request(sub)
        resp.read()
        resp.close()
        assert resp.status_code == 200

    def _failure(self) -> httpx.Response:
        if self.header:
            return httpx.Response(
                self.status,
                headers={protocol.PROTOCOL_HEADER: "1", "Content-Type": "application/json"},
                content=b'{"detail": "internal error"}',
            )
        return httpx.Response(  # what an ASGI server sends for an unhandled exception
            self.status,
            headers={"Content-Type": "text/plain; charset=utf-8"},
            content=b"Internal Server Error",
        )

    def close(self) -> None:
        self.inner.close()


@pytest.fixture
def failing(server):
    """``failing(session, marked, **kw)``: route the session's sync through a FailingPush."""
    made = []

    def wrap(session, marked, **kw):
        transport = FailingPush(marked, **kw)
        api = ApiClient(server.url, token=session.api.token, transport=transport)
        session.sync.api = api
        made.append(api)
        return transport

    yield wrap
    for api in made:
        api.close()


def _applied_ids(server, device_id: str) -> list[str]:
    engine = create_engine(server.database_url)
    try:
        with engine.connect() as conn:
            return [
                r[0]
                for r in conn.execute(
                    text("SELECT mutation_id FROM applied_mutation WHERE device_id = :d"),
                    {"d": device_id},
                )
            ]
    finally:
        engine.dispose()


def _outbox_ids(session) -> list[str]:
    return [str(m.mutation_id) for m in session.cache.outbox.pending(limit=10_000)]


def _cycles(session, limit: int = MAX_CYCLES) -> list[tuple[bool, str | None]]:
    """Run sync cycles until one succeeds with an empty outbox; (ok, status error) each."""
    seen = []
    for _ in range(limit):
        ok = session.sync.sync_once()
        seen.append((ok, session.sync.status.error))
        if ok and session.cache.outbox.count() == 0:
            break
    return seen


def _two_customers(session):
    rows = session.customers.page(CustomerQuery(mine_only=True), 0, 2)
    assert len(rows) == 2
    return rows[0].id, rows[1].id


def _a_script(session) -> str:
    """A script HQ can see too (not someone's personal one)."""
    return next(s.id for s in session.scripts.list(limit=200) if s.scope != "personal")


@pytest.mark.parametrize("header", [False, True], ids=["no-header", "with-header"])
def test_poisoned_edit_goes_to_attention_and_the_rest_is_delivered(
    clients, failing, server, server_view, header
):
    a = clients("s001-g1")
    assert a.sync.sync_once()
    c1, c2 = _two_customers(a)
    script = _a_script(a)
    uses_before = server_view()["script"][script].data["use_count"]

    f_before = a.customers.add_follow_up(c1, "chat", "之前的跟进")
    a.scripts.record_use(script)  # counted twice if applied twice
    a.customers.update(c1, notes="坏记录之前的备注")
    poisoned = a.customers.add_follow_up(c2, "chat", "服务器处理不了的跟进")
    a.customers.update(c2, notes="坏记录之后的备注")
    f_after = a.customers.add_follow_up(c1, "phone", "之后的跟进")
    queued = _outbox_ids(a)
    assert len(queued) == 6
    poisoned_mid = queued[3]
    transport = failing(a, {poisoned}, header=header)

    seen = _cycles(a)
    # ISOLATE_AFTER failed tries of the batch, the third one split it: the good
    # edits went through then, the poisoned one failed alone (held back); in the
    # next cycle it failed alone again and moved to the attention list
    assert [ok for ok, _ in seen] == [False] * ISOLATE_AFTER + [True], seen
    assert a.cache.outbox.count() == 0 and a.sync.status.pending == 0
    # every failed cycle said what happened: the server failed, not "not our server"
    for _, error in seen[:-1]:
        assert "服务器出错" in error and "HTTP 500" in error, error
        assert protocol.PROTOCOL_HEADER not in error and "不是导购工作台服务器" not in error
    assert "1 条修改暂缓上传" in seen[ISOLATE_AFTER - 1][1]
    assert seen[-1][1] is None

    items = a.attention.list()
    assert [i.entity_id for i in items] == [poisoned]
    assert items[0].reason.startswith(SERVER_FAILED) and "HTTP 500" in items[0].reason
    assert items[0].code == UNANSWERED_CODE  # what retry keys on (not the text)
    assert "已移到待处理列表" in items[0].reason
    assert a.sync.status.attention == 1

    # the server has every other edit, each exactly once, and not the poisoned one
    applied = _applied_ids(server, a.cache.device_id())
    assert sorted(applied) == sorted(m for m in queued if m != poisoned_mid)
    view = server_view()
    assert f_before in view["follow_up"] and f_after in view["follow_up"]
    assert poisoned not in view["follow_up"]
    assert view["customer"][c1].data["notes"] == "坏记录之前的备注"
    assert view["customer"][c2].data["notes"] == "坏记录之后的备注"
    assert view["script"][script].data["use_count"] == uses_before + 1
    # a batch was retried with the same ids (the server deduplicated them)
    assert sum(1 for batch in transport.pushed if queued[0] in batch) >= 2

    # the server is fixed: retrying sends the SAME mutation id, applied once
    transport.marked.clear()
    a.attention.retry(items[0].id)
    assert _outbox_ids(a) == [poisoned_mid]
    assert a.sync.sync_once() and a.attention.count() == 0
    assert poisoned in server_view()["follow_up"]
    assert poisoned_mid in _applied_ids(server, a.cache.device_id())


def test_transient_server_error_quarantines_nothing(clients, failing, server, server_view):
    a = clients("s001-g1")
    assert a.sync.sync_once()
    c1, c2 = _two_customers(a)
    script = _a_script(a)
    uses_before = server_view()["script"][script].data["use_count"]
    a.scripts.record_use(script)
    flaky = a.customers.add_follow_up(c2, "chat", "服务器一时出错")
    after = a.customers.add_follow_up(c1, "chat", "之后的跟进")
    queued = _outbox_ids(a)
    transport = failing(a, {flaky}, header=True, times=2)

    seen = _cycles(a)
    assert [ok for ok, _ in seen] == [False, False, True]
    assert transport.failed == 2
    assert a.attention.count() == 0 and a.cache.outbox.count() == 0
    assert sorted(_applied_ids(server, a.cache.device_id())) == sorted(queued)
    view = server_view()
    assert flaky in view["follow_up"] and after in view["follow_up"]
    assert view["script"][script].data["use_count"] == uses_before + 1


def test_quarantined_create_takes_its_dependents_along(clients, failing, server, server_view):
    """A new customer the server keeps failing on: its follow-up and tag would be refused
    as "unknown customer" (or applied against a missing row), so they move with it; an
    edit of another customer still goes through. Retry in order, once the server is
    fixed, delivers all three with their original mutation ids."""
    a = clients("s001-g1")
    assert a.sync.sync_once()
    c1, _ = _two_customers(a)
    tag = next(t.id for g in a.tags.groups() if g.choice == "multi" for t in g.tags)
    new = a.customers.create(name="新客户", phone="13912345678")
    follow = a.customers.add_follow_up(new, "chat", "新客户的第一次跟进")
    a.customers.add_tag(new, tag)
    other = a.customers.add_follow_up(c1, "chat", "别的客户")
    queued = _outbox_ids(a)
    transport = failing(a, {new}, header=False)

    seen = _cycles(a)
    assert [ok for ok, _ in seen] == [False] * ISOLATE_AFTER + [True], seen
    assert a.cache.outbox.count() == 0
    items = a.attention.list()
    assert [(i.entity, i.op) for i in items] == [
        ("customer", "create"),
        ("follow_up", "create"),
        ("customer_tag", "add"),
    ]
    assert items[0].reason.startswith(SERVER_FAILED)
    assert all(i.reason.startswith(DEPENDS_FAILED) for i in items[1:])
    assert "新客户" in items[1].reason
    # the local rows the server never had are gone, like a refused create
    assert a.customers.count(CustomerQuery(text="新客户")) == 0
    assert _applied_ids(server, a.cache.device_id()) == [queued[3]]
    assert other in server_view()["follow_up"]

    transport.marked.clear()
    for item in items:
        a.attention.retry(item.id)
    assert _outbox_ids(a) == queued[:3]
    assert a.sync.sync_once() and a.attention.count() == 0
    view = server_view()
    assert view["customer"][new].data["name"] == "新客户"
    assert follow in view["follow_up"]
    assert protocol.customer_tag_id(new, tag) in view["customer_tag"]
    assert sorted(_applied_ids(server, a.cache.device_id())) == sorted(queued)


def test_server_failing_every_push_quarantines_nothing(clients, failing, server):
    """A server down for every push (503 from a proxy, no header) is not one edit's fault."""
    a = clients("s001-g1")
    assert a.sync.sync_once()
    c1, c2 = _two_customers(a)
    a.customers.add_follow_up(c1, "chat", "一")
    a.customers.add_follow_up(c2, "chat", "二")
    queued = _outbox_ids(a)
    failing(a, None, status=503, header=False)
    for _ in range(MAX_CYCLES):
        assert a.sync.sync_once() is False
        assert "服务器出错" in a.sync.status.error and "503" in a.sync.status.error
    assert _outbox_ids(a) == queued and a.attention.count() == 0


@pytest.mark.parametrize("status", [502, 503, 504])
def test_unavailable_never_quarantines_an_edit(clients, failing, server, status):
    """503 is the server's "database busy, send again" (a lock on one table can fail one
    edit while an empty push goes through); 502/504 a gateway's "server down"."""
    a = clients("s001-g1")
    assert a.sync.sync_once()
    c1, c2 = _two_customers(a)
    a.customers.add_follow_up(c1, "chat", "先")
    busy = a.customers.add_follow_up(c2, "chat", "表被锁住")
    queued = _outbox_ids(a)
    failing(a, {busy}, status=status, header=status == 503)
    for _ in range(MAX_CYCLES):
        assert a.sync.sync_once() is False
        assert "服务器出错" in a.sync.status.error and str(status) in a.sync.status.error
    assert a.attention.count() == 0 and _outbox_ids(a) == queued


@pytest.mark.parametrize("error", ["connect", "timeout"])
def test_network_errors_never_quarantine(clients, failing, server, error):
    a = clients("s001-g1")
    assert a.sync.sync_once()
    c1, c2 = _two_customers(a)
    a.customers.add_follow_up(c1, "chat", "先")
    lost = a.customers.add_follow_up(c2, "chat", "连不上")
    queued = _outbox_ids(a)
    failing(a, {lost}, error=error)
    for _ in range(MAX_CYCLES):
        assert a.sync.sync_once() is False
        assert not a.sync.status.online
    assert a.attention.count() == 0 and _outbox_ids(a) == queued


def test_edit_too_large_for_the_server_is_split_out_at_once(clients, failing, server):
    """413 for a batch: the server refuses the request as a whole; one edit it refuses on
    its own goes to the attention list at the first split (it can never fit)."""
    a = clients("s001-g1")
    assert a.sync.sync_once()
    c1, c2 = _two_customers(a)
    a.customers.add_follow_up(c1, "chat", "前")
    big = a.customers.add_follow_up(c2, "chat", "太大")
    a.customers.add_follow_up(c1, "chat", "后")
    failing(a, {big}, status=413, header=True)
    seen = _cycles(a)
    assert [ok for ok, _ in seen] == [True]
    items = a.attention.list()
    assert [i.entity_id for i in items] == [big]
    assert items[0].reason.startswith(SERVER_REFUSED) and "413" in items[0].reason
    assert len(_applied_ids(server, a.cache.device_id())) == 2


@pytest.fixture
def scripted():
    """A scripted HTTP server on loopback (a proxy or a broken server in front)."""
    from tests.client.test_sync_api import ScriptedServer

    bad = ScriptedServer()
    bad.thread.start()
    yield bad
    bad.httpd.shutdown()
    bad.httpd.server_close()


@pytest.mark.parametrize(
    ("status", "raw", "error", "words"),
    [
        (500, b"Internal Server Error", ServerError, "服务器出错（HTTP 500"),
        (502, b"<html>Bad Gateway</html>", ServerError, "服务器出错（HTTP 502"),
        (200, b'{"results": []}', ProtocolMismatch, protocol.PROTOCOL_HEADER),
        (404, b"<html>Not Found</html>", ProtocolMismatch, protocol.PROTOCOL_HEADER),
    ],
)
def test_reply_without_protocol_header(scripted, status, raw, error, words):
    """A 5xx without the header is the server failing (an unhandled error or a proxy whose
    server is down); a 2xx/4xx without it is a page of something else."""
    scripted.answer("POST", "/sync/push", status, raw=raw, headers={"Content-Type": "text/html"})
    with ApiClient(scripted.url, token="t") as api, pytest.raises(error) as exc:
        api.push("dev", [])
    assert words in exc.value.message
    if error is ServerError:
        assert exc.value.status_code == status and "不是导购工作台服务器" not in exc.value.message
