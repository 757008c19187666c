"""Bad input gets a 4xx naming what was wrong; never a 500, never a half-applied change."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy import func, select

from guide_server.db import Database
from guide_server.models import AppliedMutation, Customer
from tests.server.api import API, Api, mutation


def test_login_bad_bodies(live_server):
    url = f"{live_server.url}{API}/auth/login"
    r = httpx.post(url, content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and "JSON" in r.json()["detail"]
    r = httpx.post(url, json={"username": "hq", "device_id": "d"})
    assert (
        r.status_code == 422
        and "body:password" in r.json()["detail"]
        and "必填" in r.json()["detail"]
    )
    r = httpx.post(url, json={"username": "hq", "password": "x", "device_id": "d", "extra": 1})
    assert r.status_code == 422 and "unknown field" in r.json()["detail"]
    r = httpx.post(url, json={"username": "u" * 500, "password": "x", "device_id": "d"})
    assert r.status_code == 422 and "body:username" in r.json()["detail"]
    r = httpx.post(url, json=["hq"])
    assert r.status_code == 422


def test_pull_bad_query(live_server):
    api = Api(live_server, "s001-g1")
    r = api.http.get("/sync/pull", params={"limit": "lots"})
    assert r.status_code == 422 and "query:limit" in r.json()["detail"]
    r = api.http.get("/sync/pull", params={"limit": 999_999})
    assert r.status_code == 422 and "query:limit" in r.json()["detail"]


def test_push_bad_bodies_change_nothing(live_server):
    api = Api(live_server, "s001-g1")
    db = Database(live_server.database_url)

    def counts():
        with db.read() as s:
            return (
                s.scalar(select(func.count()).select_from(Customer)),
                s.scalar(select(func.count()).select_from(AppliedMutation)),
            )

    before = counts()
    bodies = [
        (b"{oops", 400, "JSON"),
        (b"[]", 422, "对象"),
        (b'{"mutations": []}', 422, "device_id"),
        (b'{"device_id": "d", "mutations": {}}', 422, "mutations"),
        (b'{"device_id": "d", "mutations": [{"seq": 1}]}', 422, "mutation_id"),
        (b'{"device_id": "d", "mutations": [], "x": 1}', 422, "unknown field"),
    ]
    for raw, status, words in bodies:
        r = api.http.post("/sync/push", content=raw, headers={"Content-Type": "application/json"})
        assert r.status_code == status, (raw, r.text)
        assert words in r.json()["detail"], (raw, r.text)
    too_many = [mutation("material", "use", "x") for _ in range(501)]
    r = api.http.post("/sync/push", json={"device_id": "d", "mutations": too_many})
    assert r.status_code == 422 and "500" in r.json()["detail"]
    assert counts() == before
    db.dispose()


def test_malformed_mutation_is_one_rejected_result(live_server):
    api = Api(live_server, "s001-g1")
    good = mutation("customer", "create", str(uuid.uuid4()), {"name": "赵六"})
    weird = {
        "mutation_id": str(uuid.uuid4()),
        "seq": "first",
        "entity": "spaceship",
        "op": "x",
        "entity_id": "1",
        "fields": [],
    }
    results = api.push(weird, good)
    assert results[0]["status"] == "rejected"
    assert "mutations[0]" in results[0]["reason"] and "entity" in results[0]["reason"]
    assert results[1]["status"] == "applied"


def test_wrong_field_types_and_invalid_phone_on_create(live_server):
    api = Api(live_server, "s001-g1")
    cases = [
        ({"name": "孙七", "phone": "1380013800O"}, "手机号"),
        ({"name": "孙七", "birthday": "not a date"}, "生日: 应为日期"),
        ({"name": "孙七", "in_group": "maybe"}, "进群: 应为是或否"),
        ({"name": ""}, "姓名"),
        ({"name": "孙七", "level": "platinum"}, "等级: 只能是以下之一"),
        ({"name": "孙" * 100}, "最多64字"),
    ]
    for fields, words in cases:
        r = api.push_one("customer", "create", str(uuid.uuid4()), fields)
        assert r["status"] == "rejected" and words in r["reason"], (fields, r)


def test_unknown_path_and_method_are_4xx(live_server):
    api = Api(live_server, "s001-g1")
    assert api.http.get("/nope").status_code == 404
    assert api.http.delete("/sync/pull").status_code == 405
    assert api.http.get("/blobs/not-a-sha").status_code == 422
