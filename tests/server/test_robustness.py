"""No 5xx for junk input; OpenAPI is served; throttling also counts per client address."""

from __future__ import annotations

import random
import uuid

import httpx

from tests.server.api import API, Api

JUNK = [None, 0, -1, 2**70, 1.5, "", "x" * 20_000, "电话", [], {}, [1, {"a": None}], True, "\x00"]


def _junk_mutation(rng: random.Random) -> dict:
    m = {
        "mutation_id": str(uuid.uuid4()),
        "seq": rng.choice([0, 1, -5, "a", None]),
        "entity": rng.choice(
            ["customer", "follow_up", "item_check", "assignment", "script", "x", 3]
        ),
        "op": rng.choice(["create", "update", "add", "set", "review", "use", "", None]),
        "entity_id": rng.choice([str(uuid.uuid4()), "", "a" * 100, None, 5]),
        "fields": rng.choice(
            [
                {},
                {"name": rng.choice(JUNK)},
                {"phone": rng.choice(JUNK)},
                {"customer_id": rng.choice(JUNK), "tag_id": rng.choice(JUNK)},
                JUNK,
                None,
            ]
        ),
        "base_version": rng.choice([None, 0, -1, "v"]),
    }
    for key in rng.sample(sorted(m), rng.randint(0, 2)):
        if key != "mutation_id":
            m.pop(key)
    return m


def test_junk_never_gets_a_5xx(sqlite_live_server):
    api = Api(sqlite_live_server, "s001-g1")
    rng = random.Random(7)
    for _ in range(60):
        r = api.http.post(
            "/sync/push", json={"device_id": "fuzz", "mutations": [_junk_mutation(rng)]}
        )
        assert r.status_code < 500, r.text
        if r.status_code == 200:
            assert r.json()["results"][0]["status"] == "rejected"
    for value in JUNK:
        for path, params in (("/sync/pull", {"cursor": value}), ("/sync/pull", {"limit": value})):
            if value is None or isinstance(value, (list, dict)):
                continue
            assert api.http.get(path, params=params).status_code < 500
        body = {"username": value, "password": value, "device_id": value}
        assert httpx.post(f"{sqlite_live_server.url}{API}/auth/login", json=body).status_code < 500
    assert api.http.put("/blobs/" + "0" * 64, content=b"").status_code == 400


def test_openapi_and_docs_are_served(sqlite_live_server):
    spec = httpx.get(f"{sqlite_live_server.url}/openapi.json")
    assert spec.status_code == 200
    paths = spec.json()["paths"]
    assert {
        f"{API}/sync/pull",
        f"{API}/sync/push",
        f"{API}/auth/login",
        f"{API}/blobs/{{sha256}}",
    } <= set(paths)
    assert httpx.get(f"{sqlite_live_server.url}/docs").status_code == 200
