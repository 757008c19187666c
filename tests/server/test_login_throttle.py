"""Sign-in throttling against the real server on both databases.

What must hold: parallel guesses never get more password checks than the limit (and never a 5xx);
an attacker can only lock out the (user, address) they attack from, never a colleague's own PC or
another address; typos under several usernames on a shared counter PC lock nobody out; and
``X-Forwarded-For`` only counts when it comes from a configured proxy.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import httpx
from sqlalchemy import select

from guide_server.db import Database
from guide_server.models import AuditLog, LoginThrottle
from guide_server.models.base import utcnow
from guide_server.throttle import SignInThrottle, ThrottleRules, counter_key

API = "/api/v1"
PW = "demo1234"
TRUST_LOOPBACK = {"GUIDE_SERVER_TRUSTED_PROXIES": "127.0.0.1"}


def _login(server, username, password=PW, device="dev-1", forwarded: str | None = None):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return httpx.post(
        f"{server.url}{API}/auth/login",
        json={"username": username, "password": password, "device_id": device},
        headers=headers,
        timeout=60,
    )


def _audit(server, username: str, action: str) -> list[AuditLog]:
    db = Database(server.database_url)
    try:
        with db.read() as s:
            return list(
                s.scalars(
                    select(AuditLog)
                    .where(AuditLog.username == username, AuditLog.action == action)
                    .order_by(AuditLog.id)
                )
            )
    finally:
        db.dispose()


def _parallel(n: int, call) -> list[httpx.Response]:
    """``call(i)`` from ``n`` threads released at the same moment."""
    gate = threading.Barrier(n)

    def one(i: int) -> httpx.Response:
        gate.wait()
        return call(i)

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(one, range(n)))


def _assert_throttled(r: httpx.Response) -> None:
    assert r.status_code == 429, r.text
    assert int(r.headers["Retry-After"]) > 0
    assert "尝试次数过多" in r.json()["detail"]


def test_parallel_wrong_passwords_get_at_most_the_limit_of_checks(live_server):
    replies = _parallel(40, lambda i: _login(live_server, "s001-g2", f"wrong-{i}", device=f"d{i}"))
    codes = [r.status_code for r in replies]
    assert not [c for c in codes if c >= 500], [r.text for r in replies if r.status_code >= 500]
    checks = len(_audit(live_server, "s001-g2", "login_failed"))
    assert codes.count(401) == checks
    assert 1 <= checks <= 5, codes
    assert codes.count(429) == 40 - checks
    for r in replies:
        if r.status_code == 429:
            _assert_throttled(r)


def test_parallel_guesses_from_many_addresses_get_at_most_the_free_checks(server_factory):
    """Per user across addresses: after the free failures each check waits (here 10 minutes)."""
    server = server_factory(
        env={**TRUST_LOOPBACK, "GUIDE_SERVER_LOGIN_USER_BASE_DELAY_SECONDS": "600"}
    )
    replies = _parallel(
        40,
        lambda i: _login(server, "s001-g2", f"wrong-{i}", device=f"d{i}", forwarded=f"10.9.0.{i}"),
    )
    codes = [r.status_code for r in replies]
    assert not [c for c in codes if c >= 500], codes
    checks = len(_audit(server, "s001-g2", "login_failed"))
    assert codes.count(401) == checks
    assert 1 <= checks <= 10, codes
    assert {a.address for a in _audit(server, "s001-g2", "login_failed")} <= {
        f"10.9.0.{i}" for i in range(40)
    }


def test_attacker_locks_only_their_own_address_not_the_colleagues_pc(server_factory):
    server = server_factory(env=TRUST_LOOPBACK)
    store_nat = "10.1.0.5"
    assert _login(server, "s001-g1", device="pc-colleague", forwarded=store_nat).status_code == 200
    # Someone else behind the store's address guesses the colleague's password from a phone.
    for i in range(5):
        r = _login(server, "s001-g1", f"guess-{i}", device="phone", forwarded=store_nat)
        assert r.status_code == 401, r.text
    _assert_throttled(_login(server, "s001-g1", device="phone", forwarded=store_nat))
    # The colleague's own PC (same address) and any other address still get in.
    assert _login(server, "s001-g1", device="pc-colleague", forwarded=store_nat).status_code == 200
    assert _login(server, "s001-g1", device="laptop", forwarded="10.2.0.9").status_code == 200
    # The attacker's lock stays (a success elsewhere does not clear it).
    _assert_throttled(_login(server, "s001-g1", "guess-x", device="phone", forwarded=store_nat))


def test_backoff_across_addresses_spares_known_device_and_known_address(server_factory):
    server = server_factory(
        env={**TRUST_LOOPBACK, "GUIDE_SERVER_LOGIN_USER_BASE_DELAY_SECONDS": "600"}
    )
    home = "10.1.0.5"
    assert _login(server, "s001-g1", device="pc-1", forwarded=home).status_code == 200
    codes = [
        _login(
            server, "s001-g1", f"guess-{a}-{i}", device="bot", forwarded=f"10.9.0.{a}"
        ).status_code
        for a in range(4)
        for i in range(5)
    ]
    assert codes == [401] * 10 + [429] * 10
    # A stranger (new device, new address) waits, even with the right password ...
    _assert_throttled(_login(server, "s001-g1", device="new-pc", forwarded="10.3.0.3"))
    # ... but the colleague's known PC (anywhere) and the address they use do not.
    assert _login(server, "s001-g1", device="pc-1", forwarded="10.4.4.4").status_code == 200
    assert _login(server, "s001-g1", device="pc-2", forwarded=home).status_code == 200


def test_typos_under_several_usernames_on_one_pc_lock_nobody_out(live_server):
    users = ["s001-g1", "s001-g2", "s001-mgr", "s002-g1", "hq"]
    for name in users:
        assert _login(live_server, name, "typo", device="counter-pc").status_code == 401
    for name in [*users, "s002-mgr"]:
        r = _login(live_server, name, device="counter-pc")
        assert r.status_code == 200, (name, r.text)


def test_spraying_from_one_address_hits_the_address_limit(server_factory):
    server = server_factory(env={**TRUST_LOOPBACK, "GUIDE_SERVER_LOGIN_ADDRESS_MAX_FAILURES": "6"})
    users = ["s001-g1", "s001-g2", "s001-mgr", "s002-g1", "s002-mgr", "hq"]
    for name in users:
        r = _login(server, name, "Password1", device="spray", forwarded="10.5.5.5")
        assert r.status_code == 401, r.text
    _assert_throttled(_login(server, "s002-g2", "Password1", device="spray", forwarded="10.5.5.5"))
    assert (
        _login(server, "s002-g2", "Password1", device="spray", forwarded="10.6.6.6").status_code
        == 401
    )
    # A success returns its reservation: signing in does not use up the address.
    server2 = server_factory(env={**TRUST_LOOPBACK, "GUIDE_SERVER_LOGIN_ADDRESS_MAX_FAILURES": "2"})
    for name in users:
        assert _login(server2, name, device="pc", forwarded="10.5.5.5").status_code == 200


def test_forwarded_for_is_ignored_without_a_trusted_proxy(live_server):
    for i in range(5):
        r = _login(live_server, "s001-g2", f"bad-{i}", device="d", forwarded=f"10.7.7.{i}")
        assert r.status_code == 401
    _assert_throttled(_login(live_server, "s001-g2", device="d", forwarded="10.8.8.8"))
    assert {a.address for a in _audit(live_server, "s001-g2", "login_failed")} == {"127.0.0.1"}


def test_forwarded_for_from_a_trusted_proxy_takes_the_rightmost_untrusted_hop(server_factory):
    server = server_factory(env={"GUIDE_SERVER_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8"})
    # The client wrote the left-most entry itself; the proxies appended the rest.
    r = _login(server, "s001-g2", "bad", forwarded="1.2.3.4, 203.0.113.9, 10.0.0.2")
    assert r.status_code == 401
    r = _login(server, "s001-g1", "bad", forwarded="::ffff:10.1.1.1")
    assert r.status_code == 401
    assert _audit(server, "s001-g2", "login_failed")[0].address == "203.0.113.9"
    # Every hop trusted (an IPv4-mapped address is the IPv4 one): the left-most is the client.
    assert _audit(server, "s001-g1", "login_failed")[0].address == "10.1.1.1"


def test_backoff_doubles_after_the_free_failures_up_to_the_cap():
    rules = ThrottleRules(user_free_failures=10, user_base_delay=1.0, user_max_delay=300.0)
    delays = [rules.user_delay(n).total_seconds() for n in range(1, 22)]
    assert delays == [0.0] * 9 + [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0] + [300.0] * 3


def test_counter_keys_are_unambiguous_and_fit_the_column():
    assert counter_key("pair", "a@b", "c") != counter_key("pair", "a", "b@c")
    assert counter_key("user", "s001-g1") == "user:s001-g1"
    long_key = counter_key("dev", "名" * 64, "d" * 64)
    assert long_key.startswith("dev:#") and len(long_key) <= 128


def test_purge_drops_only_counters_that_limit_and_remember_nothing(demo_template, tmp_path):
    url, _ = demo_template.fresh_copy(tmp_path)
    db = Database(url)
    now = utcnow()
    long_ago, days_ago = now - timedelta(hours=3), now - timedelta(days=40)
    rows = {
        "addr:stale": dict(window_start=long_ago),
        "addr:live": dict(window_start=now - timedelta(minutes=5)),
        "pair:known": dict(window_start=long_ago, last_success_at=now - timedelta(days=2)),
        "pair:forgotten": dict(window_start=days_ago, last_success_at=days_ago),
        "user:backing-off": dict(window_start=long_ago, next_allowed_at=now + timedelta(minutes=1)),
    }
    try:
        with db.write() as s:
            for key, values in rows.items():
                s.add(LoginThrottle(key=key, failures=3, **values))
        assert SignInThrottle(db, ThrottleRules()).purge() == 2
        with db.read() as s:
            left = set(s.scalars(select(LoginThrottle.key)))
        assert left == {"addr:live", "pair:known", "user:backing-off"}
    finally:
        db.dispose()
