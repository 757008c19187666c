"""Sign-in, tokens, throttling and /me, against the real server on both databases."""

from __future__ import annotations

import httpx
from sqlalchemy import select, update

from guide_server.db import Database
from guide_server.models import AuditLog, AuthToken
from guide_server.security import token_hash
from tests.support.server import sign_in

API = "/api/v1"


def _login(server, username, password="demo1234", device="dev-1"):
    return httpx.post(
        f"{server.url}{API}/auth/login",
        json={"username": username, "password": password, "device_id": device},
    )


def test_good_sign_in_returns_token_and_user(live_server):
    r = _login(live_server, "s001-g1")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["user"]["username"] == "s001-g1"
    assert body["user"]["role"] == "guide"
    assert body["user"]["store_id"]
    assert len(body["token"]) >= 32
    assert r.headers["X-Guide-Protocol"] == "1"
    me = httpx.get(
        f"{live_server.url}{API}/me", headers={"Authorization": f"Bearer {body['token']}"}
    )
    assert me.status_code == 200
    scopes = me.json()["scopes"]
    assert scopes == ["global", f"store:{body['user']['store_id']}", f"user:{body['user']['id']}"]


def test_hq_scopes_are_global_staff_and_self(live_server):
    """HQ pulls no store scope (store data is read online): every store's accounts come
    through ``staff``, so the list stays three long however many stores there are."""
    token, user = sign_in(live_server.url, "hq")
    scopes = httpx.get(
        f"{live_server.url}{API}/me", headers={"Authorization": f"Bearer {token}"}
    ).json()["scopes"]
    assert scopes == ["global", "staff", f"user:{user['id']}"]


def test_wrong_password_is_401_with_message_and_audited(live_server):
    r = _login(live_server, "s001-g1", "nope")
    assert r.status_code == 401
    assert "密码错误" in r.json()["detail"]
    r = _login(live_server, "nobody", "nope")
    assert r.status_code == 401
    db = Database(live_server.database_url)
    with db.read() as s:
        actions = [
            a.action for a in s.scalars(select(AuditLog).where(AuditLog.username == "s001-g1"))
        ]
    db.dispose()
    assert "login_failed" in actions


def test_repeated_failures_are_throttled_even_with_right_password(live_server):
    for _ in range(5):
        assert _login(live_server, "s001-g2", "bad").status_code == 401
    r = _login(live_server, "s001-g2")
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) > 0
    assert "分钟" in r.json()["detail"]


def test_logout_revokes_token(live_server):
    token, _ = sign_in(live_server.url, "s001-g1")
    h = {"Authorization": f"Bearer {token}"}
    assert httpx.post(f"{live_server.url}{API}/auth/logout", headers=h).status_code == 200
    r = httpx.get(f"{live_server.url}{API}/me", headers=h)
    assert r.status_code == 401
    assert "退出" in r.json()["detail"]


def test_expired_token_is_refused(live_server):
    token, _ = sign_in(live_server.url, "s001-g1")
    db = Database(live_server.database_url)
    with db.write() as s:
        s.execute(
            update(AuthToken)
            .where(AuthToken.token_hash == token_hash(token))
            .values(expires_at=AuthToken.created_at)
        )
    db.dispose()
    r = httpx.get(f"{live_server.url}{API}/me", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401
    assert "过期" in r.json()["detail"]


def test_missing_or_garbage_token(live_server):
    assert httpx.get(f"{live_server.url}{API}/me").status_code == 401
    r = httpx.get(f"{live_server.url}{API}/me", headers={"Authorization": "Bearer xyz"})
    assert r.status_code == 401 and r.json()["detail"]


def test_other_protocol_major_version_gets_426(live_server):
    r = httpx.get(f"{live_server.url}{API}/health", headers={"X-Guide-Protocol": "2"})
    assert r.status_code == 426
    assert "协议" in r.json()["detail"]
