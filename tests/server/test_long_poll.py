"""Long-poll: a pull with ``wait`` and nothing new is held until a change in the reader's
scopes commits (on SQLite and PostgreSQL, across worker processes), or empty after ``wait``."""

from __future__ import annotations

import re
import socket
import threading
import time
import uuid

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.server.api import Api, mutation
from tests.support import plugin
from tests.support.server import ServerProcess


@pytest.fixture(scope="module")
def server(demo_template, tmp_path_factory):
    """One server per database kind for the tests that only read and add follow-ups."""
    started = plugin._start(demo_template, tmp_path_factory.mktemp("long-poll"))
    yield started
    started.stop()


class HeldPull:
    """``GET /sync/pull?wait=`` on its own thread; ``.page`` and ``.done_at`` when answered."""

    def __init__(self, api: Api, cursor: str, wait: float) -> None:
        self.page: dict | None = None
        self.error: BaseException | None = None
        self.done_at: float | None = None
        self.started_at = time.monotonic()
        self._thread = threading.Thread(target=self._run, args=(api, cursor, wait), daemon=True)
        self._thread.start()

    def _run(self, api: Api, cursor: str, wait: float) -> None:
        try:
            r = api.http.get(
                "/sync/pull", params={"cursor": cursor, "wait": wait}, timeout=wait + 30
            )
            assert r.status_code == 200, r.text
            self.page = r.json()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            self.error = exc
        finally:
            self.done_at = time.monotonic()

    def result(self, timeout: float) -> dict:
        self._thread.join(timeout)
        assert self.done_at is not None, "the held pull did not answer"
        if self.error is not None:
            raise self.error
        assert self.page is not None
        return self.page

    @property
    def answered(self) -> bool:
        return self.done_at is not None


def _current(api: Api) -> str:
    return api.pull_all()[1]


def _store_customer(api: Api) -> str:
    held, _ = api.state()
    return next(
        i for (e, i), d in held.items() if e == "customer" and d["store_id"] == api.user["store_id"]
    )


def _follow_up(customer_id: str, text: str) -> dict:
    return mutation(
        "follow_up",
        "create",
        str(uuid.uuid4()),
        {
            "customer_id": customer_id,
            "channel": "chat",
            "text": text,
            "at": "2026-11-20T10:00:00+08:00",
        },
    )


def _wait_held(api_server, held: list[HeldPull], settle: float = 0.5) -> None:
    """Give the requests time to reach the server and go to sleep there."""
    time.sleep(settle)
    assert not any(h.answered for h in held), "a held pull answered before any change"


def test_held_pull_answers_when_a_colleague_pushes_in_its_store(server):
    reader, writer = Api(server, "s001-g1"), Api(server, "s001-g2")
    customer = _store_customer(writer)
    held = HeldPull(reader, _current(reader), wait=20)
    _wait_held(server, [held])
    text = f"长轮询 {uuid.uuid4().hex[:6]}"
    pushed_at = time.monotonic()
    assert writer.push(_follow_up(customer, text))[0]["status"] == "applied"
    page = held.result(timeout=25)
    # Answered by the change, long before its 20 s wait (the speed itself is bench/sync_latency.py)
    assert held.done_at - pushed_at < 5
    assert [c["data"]["text"] for c in page["changes"] if c["entity"] == "follow_up"] == [text]
    # Its cursor is current: the same pull again has nothing new.
    again = reader.http.get("/sync/pull", params={"cursor": page["cursor"]}).json()
    assert again["changes"] == [] and again["has_more"] is False


def test_nothing_new_answers_empty_after_the_wait(server):
    reader = Api(server, "s001-g1")
    cursor = _current(reader)
    held = HeldPull(reader, cursor, wait=1.0)
    page = held.result(timeout=15)
    assert page == {"changes": [], "cursor": cursor, "has_more": False}
    assert held.done_at - held.started_at >= 0.9  # it was held, not answered at once


def test_a_change_in_another_store_does_not_answer_it(server):
    reader, stranger = Api(server, "s001-g1"), Api(server, "s002-g1")
    customer = _store_customer(stranger)
    cursor = _current(reader)
    held = HeldPull(reader, cursor, wait=2.5)
    _wait_held(server, [held])
    assert stranger.push(_follow_up(customer, "别家门店"))[0]["status"] == "applied"
    page = held.result(timeout=15)
    assert page["changes"] == [] and page["cursor"] == cursor
    assert held.done_at - held.started_at >= 2.3  # slept through the other store's change


def test_without_wait_a_pull_answers_at_once(server):
    """An older client sends no ``wait``: nothing changes for it."""
    reader = Api(server, "s001-g1")
    cursor = _current(reader)
    t0 = time.monotonic()
    page = reader.http.get("/sync/pull", params={"cursor": cursor}).json()
    assert page["changes"] == [] and time.monotonic() - t0 < 5


def test_server_stop_answers_held_pulls_at_once(server_factory):
    """uvicorn waits for requests in flight: held pulls must not keep it up for their wait."""
    srv = server_factory()
    reader = Api(srv, "s001-g1")
    cursor = _current(reader)
    held = [HeldPull(reader, cursor, wait=50) for _ in range(3)]
    _wait_held(srv, held)
    t0 = time.monotonic()
    srv.stop()  # SIGTERM; it would SIGKILL after 10 s
    stopped = time.monotonic() - t0
    for h in held:
        assert h.result(timeout=5) == {"changes": [], "cursor": cursor, "has_more": False}
    assert stopped < 8, srv.log_tail()


def test_a_client_that_leaves_ends_its_held_pull(server_factory):
    """The server notices the closed connection at once (no waiter left until its wait)."""
    srv = server_factory()
    reader = Api(srv, "s001-g1")
    cursor = _current(reader)
    sock = socket.create_connection(("127.0.0.1", srv.port))
    sock.sendall(
        f"GET /api/v1/sync/pull?cursor={cursor}&wait=40 HTTP/1.1\r\nHost: x\r\n"
        f"Authorization: Bearer {reader.token}\r\nX-Guide-Protocol: 1\r\n\r\n".encode()
    )
    time.sleep(0.8)
    sock.close()

    def held_lines() -> list[float]:  # the access log's ms of each pull that was held
        found = re.findall(r"path=/api/v1/sync/pull status=\d+ ms=([\d.]+)", srv.log_tail(500))
        return [float(ms) for ms in found if float(ms) >= 500]

    deadline = time.monotonic() + 10
    while not held_lines() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert held_lines() and held_lines()[0] < 5000, srv.log_tail()


# ---------------------------------------------------------------------- PostgreSQL workers


#: Several worker processes share one database only on PostgreSQL (SQLite serves one process),
#: so these run on PostgreSQL alone instead of skipping a SQLite variant.
ON_POSTGRES = pytest.mark.parametrize("db_kind", ["postgres"], indirect=True)


@pytest.fixture(scope="module")
def two_workers(db_kind, demo_template, tmp_path_factory):
    assert db_kind == "postgres"
    url, data_dir = demo_template.fresh_copy(tmp_path_factory.mktemp("long-poll-workers"))
    started = ServerProcess(url, data_dir, workers=2)
    started.start()
    yield started
    started.stop()


@ON_POSTGRES
def test_two_workers_wake_each_others_held_pulls(two_workers):
    """A push on one worker process answers pulls held by both (NOTIFY/LISTEN).

    Each held pull has its own connection; the kernel hands them to either worker, so
    with eight of them both workers hold some (and on PostgreSQL even a pull held by
    the pushing worker is woken only through LISTEN).
    """
    reader, writer = Api(two_workers, "s001-g1"), Api(two_workers, "s001-g2")
    customer = _store_customer(writer)
    cursor = _current(reader)
    clients = [
        httpx.Client(base_url=reader.http.base_url, headers=dict(reader.http.headers), timeout=60)
        for _ in range(8)
    ]
    try:
        held = []
        for client in clients:
            api = Api.__new__(Api)
            api.http = client
            held.append(HeldPull(api, cursor, wait=20))
        _wait_held(two_workers, held, settle=1.0)
        text = f"跨进程 {uuid.uuid4().hex[:6]}"
        pushed_at = time.monotonic()
        assert writer.push(_follow_up(customer, text))[0]["status"] == "applied"
        for h in held:
            page = h.result(timeout=25)
            assert [c["data"]["text"] for c in page["changes"] if c["entity"] == "follow_up"] == [
                text
            ]
            assert h.done_at - pushed_at < 5
    finally:
        for client in clients:
            client.close()


@ON_POSTGRES
def test_lost_listen_connection_reconnects(two_workers):
    """The LISTEN connections are killed: each worker reconnects, and a later change
    still answers a held pull well before its wait."""
    reader, writer = Api(two_workers, "s001-g1"), Api(two_workers, "s001-g2")
    customer = _store_customer(writer)
    database = make_url(two_workers.database_url).database
    admin = create_engine(plugin.harness.pg_admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            killed = conn.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE datname = :db AND query ILIKE 'LISTEN %'"
                ),
                {"db": database},
            ).scalar_one()
    finally:
        admin.dispose()
    assert killed == 2  # one per worker process
    time.sleep(1.5)  # reconnect (first pause 0.2 s)
    held = HeldPull(reader, _current(reader), wait=20)
    _wait_held(two_workers, [held])
    pushed_at = time.monotonic()
    assert writer.push(_follow_up(customer, "重连之后"))[0]["status"] == "applied"
    page = held.result(timeout=25)
    assert page["changes"] and held.done_at - pushed_at < 5


# ---------------------------------------------------------------------- where wake-ups come from


def test_a_wake_up_is_sent_at_commit_only(db_kind, tmp_path):
    """Not when a savepoint is released (SQLAlchemy's after_commit fires for those too:
    a woken pull then ran before the commit and found nothing), and never on rollback."""
    import psycopg

    from guide_server.db import Database
    from guide_server.sync import live
    from guide_server.sync.versions import take_versions
    from tests.support.server import fresh_database_url, init_database

    url = fresh_database_url(db_kind, tmp_path)
    init_database(url)
    db = Database(url)
    heard: list[str] = []
    hub = live.ChangeHub(url)
    hub.committed = lambda scopes: heard.extend(scopes)
    listener = None
    if db_kind == "postgres":
        conninfo = make_url(url).set(drivername="postgresql").render_as_string(False)
        listener = psycopg.connect(conninfo, autocommit=True)
        listener.execute(f"LISTEN {live.CHANNEL}")

    def notified() -> list[str]:
        if listener is None:
            return list(heard)
        return heard + [n.payload for n in listener.notifies(timeout=0.5, stop_after=10)]

    try:
        with db.write() as session:
            with session.begin_nested():
                take_versions(session, "store:a")
            take_versions(session, "store:b")
            session.flush()
            assert notified() == []  # savepoint released, nothing committed yet
        assert sorted(notified()) == ["store:a", "store:b"]
        heard.clear()
        with pytest.raises(RuntimeError), db.write() as session:
            take_versions(session, "store:c")
            raise RuntimeError("rolled back")
        assert notified() == []
    finally:
        if listener is not None:
            listener.close()
        db.dispose()
