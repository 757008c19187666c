"""An account made or stopped in the admin area reaches a guide's real client by sync.

The real server (SQLite) and the real client core: S001's guide signs in, syncs, HQ
creates a guide of S001 over ``/api/v1/admin/users``, the guide's next sync brings the
row into the cache's staff list; after the supervisor deactivates it, it leaves the list
of active staff.
"""

from __future__ import annotations

import httpx

from tests.support.server import sign_in

USERS = "/api/v1/admin/users"


def test_created_and_deactivated_user_reach_the_guide_client(server, clients):
    guide = clients("s001-g1")
    assert guide.sync.sync_once(), guide.sync.status.error
    s001 = guide.user.store_id
    assert "s001-new" not in {u.username for u in guide.users.store_staff()}

    hq_token, _ = sign_in(server.url, "hq")
    r = httpx.post(
        server.url + USERS,
        headers={"Authorization": f"Bearer {hq_token}"},
        json={"username": "s001-new", "role": "guide", "store_id": s001, "password": "secret99"},
    )
    assert r.status_code == 201, r.text
    assert guide.sync.sync_once(), guide.sync.status.error
    staff = {u.username: u for u in guide.users.store_staff()}
    assert staff["s001-new"].id == r.json()["id"] and staff["s001-new"].active

    mgr_token, _ = sign_in(server.url, "s001-mgr")
    r = httpx.post(
        f"{server.url}{USERS}/{r.json()['id']}/deactivate",
        headers={"Authorization": f"Bearer {mgr_token}"},
    )
    assert r.status_code == 200, r.text
    assert guide.sync.sync_once(), guide.sync.status.error
    assert "s001-new" not in {u.username for u in guide.users.store_staff()}
    everyone = {u.username for u in guide.users.store_staff(active_only=False)}
    assert "s001-new" in everyone
