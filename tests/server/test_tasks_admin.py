"""``/admin/tasks`` over HTTP (issue 13): who publishes, edits, withdraws and reads the
board; what a guide who already started keeps. The app as the server builds it
(``create_app``), driven in-process. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from guide_core.protocol import API_PREFIX, PROTOCOL_HEADER, item_check_id
from guide_core.rules.tasks import CHAIN_TZ
from guide_server.app import create_app
from guide_server.config import Settings
from guide_server.db import Database
from guide_server.models import Assignment, ItemCheck, Store

T = f"{API_PREFIX}/admin/tasks"


@pytest.fixture
def client(demo_template, tmp_path):
    url, data_dir = demo_template.fresh_copy(tmp_path)
    app = create_app(Settings(database_url=url, data_dir=data_dir))
    with TestClient(app, headers={PROTOCOL_HEADER: "1"}) as c:
        c.db = Database(url)
        yield c
        c.db.dispose()


def _who(client, username: str) -> dict:
    r = client.post(
        f"{API_PREFIX}/auth/login",
        json={"username": username, "password": "demo1234", "device_id": "t"},
    )
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}", "Content-Type": "application/json"}


def _send(client, method: str, path: str, who: dict, body: dict):
    data = json.dumps(body, ensure_ascii=False).encode()
    return client.request(method, path, content=data, headers=who)


def _due(days: float = 1) -> str:
    return (datetime.now(CHAIN_TZ) + timedelta(days=days)).replace(microsecond=0).isoformat()


def _task(**kw) -> dict:
    return {
        "title": "价签检查",
        "kind": "display",
        "due_at": _due(),
        "items": [{"text": "核对"}],
    } | kw


def test_who_publishes_what(client):
    hq, mgr, guide = _who(client, "hq"), _who(client, "s001-mgr"), _who(client, "s001-g1")
    r = _send(client, "POST", T, guide, _task())
    assert r.status_code == 403
    r = _send(client, "POST", T, mgr, _task(targets={"store_codes": ["S002"]}))
    assert r.status_code == 422
    assert "店长只能给本店导购发布任务" in r.json()["problems"][0]["message"]
    r = _send(client, "POST", T, mgr, _task(targets={"guides": ["s001-g1"]}))
    assert r.status_code == 201, r.text
    report = r.json()
    assert report["published"] and report["assignments"] == 1
    store_task = report["task_id"]
    r = _send(client, "POST", T, hq, _task(targets={"regions": ["no-such-region"]}))
    assert r.status_code == 422 and r.json()["problems"][0]["where"] == "区域 no-such-region"
    r = _send(client, "POST", T, hq, _task(targets={"store_codes": ["S002"]}, dry_run=True))
    assert r.status_code == 200 and not r.json()["published"] and r.json()["assignments"] > 0
    body = _task(id="retry-1", targets={"store_codes": ["S002"]})
    r = _send(client, "POST", T, hq, body)
    assert r.status_code == 201
    hq_task = r.json()["task_id"]
    again = _send(client, "POST", T, hq, body)  # the app retries after a lost answer
    assert again.status_code == 201 and again.json()["assignments"] == r.json()["assignments"]
    r = _send(client, "POST", T, mgr, _task(id="retry-1"))
    assert r.status_code == 422 and r.json()["problems"][0]["message"] == "该任务编号已发布过"
    # a supervisor manages their store's tasks, not HQ's; another store's is unknown
    r = _send(client, "PATCH", f"{T}/{hq_task}", _who(client, "s002-mgr"), {"title": "改"})
    assert r.status_code == 403 and "总部任务只能由总部修改" in r.json()["detail"]
    r = _send(client, "PATCH", f"{T}/{store_task}", _who(client, "s002-mgr"), {"title": "改"})
    assert r.status_code == 404
    listed = client.get(T, headers=mgr).json()["tasks"]
    assert store_task in {t["id"] for t in listed} and hq_task not in {t["id"] for t in listed}


def test_edit_keeps_started_work_and_withdraw_keeps_submitted(client):
    hq = _who(client, "hq")
    body = _task(targets={"store_codes": ["S001"]}, items=[{"id": "it-1", "text": "核对"}])
    report = _send(client, "POST", T, hq, body).json()
    task_id = report["task_id"]
    with client.db.write() as s:
        rows = list(s.scalars(select(Assignment).where(Assignment.task_id == task_id)))
        started, submitted = rows[0], rows[1]
        for a in (started, submitted):
            s.add(
                ItemCheck(
                    id=item_check_id(a.id, "it-1"),
                    assignment_id=a.id,
                    item_id="it-1",
                    store_id=a.store_id,
                    done=True,
                    note="ok",
                )
            )
        started.status, submitted.status = "in_progress", "submitted"
    edit = {
        "note": "加拍照",
        "due_at": _due(2),
        "items": [{"id": "it-1", "text": "核对"}, {"text": "拍照", "requires_evidence": True}],
    }
    r = _send(client, "PATCH", f"{T}/{task_id}", hq, edit)
    assert r.status_code == 200, r.text
    task = r.json()["task"]
    assert task["revision"] == 2
    assert (
        task["edit_note"].startswith("说明: 加拍照; 截止时间:")
        and "新增清单项「拍照」" in task["edit_note"]
    )
    with client.db.read() as s:
        assert s.get(ItemCheck, item_check_id(started.id, "it-1")).note == "ok"
        moved = s.get(Assignment, started.id).due_at
        kept = s.get(Assignment, submitted.id).due_at
    assert moved > kept  # open work follows the new due time, submitted work keeps its own

    r = _send(client, "POST", f"{T}/{task_id}/withdraw", hq, {"reason": "活动取消"})
    assert r.status_code == 200 and r.json()["task"]["status"] == "withdrawn"
    assert "已提交和已通过的记录保留" in r.json()["task"]["edit_note"]
    with client.db.read() as s:
        left = {
            a.id: a.status
            for a in s.scalars(select(Assignment).where(Assignment.task_id == task_id))
        }
        assert left == {submitted.id: "submitted"}
        assert s.get(ItemCheck, item_check_id(started.id, "it-1")) is None
    r = _send(client, "POST", f"{T}/{task_id}/withdraw", hq, {})
    assert r.status_code == 409


def test_board_and_ranking(client):
    hq, mgr = _who(client, "hq"), _who(client, "s001-mgr")
    _send(client, "POST", T, mgr, _task(due_at=_due(0.05)))
    board = client.get(f"{T}/board", headers=mgr, params={"weeks": 4})
    assert board.status_code == 200, board.text
    b = board.json()
    assert b["total"]["assigned"] >= 1 and len(b["weeks"]) == 4
    assert b["by_guide"] and all(len(row["weeks"]) == 4 for row in b["by_guide"])
    with client.db.read() as s:
        s2 = s.scalar(select(Store.id).where(Store.code == "S002"))
    assert client.get(f"{T}/board", headers=mgr, params={"store_id": s2}).status_code == 403
    assert client.get(f"{T}/board", headers=_who(client, "s001-g1")).status_code == 403
    chain = client.get(f"{T}/board", headers=hq).json()
    assert chain["by_store"] and not chain["by_guide"]
    ranking = client.get(f"{T}/ranking", headers=hq, params={"by": "store"}).json()
    rates = [row["counts"]["rate"] for row in ranking["rows"]]
    assert rates == sorted(rates, reverse=True) and ranking["rows"][0]["rank"] == 1


def test_bad_times_and_clashing_item_ids_are_clear_refusals(client):
    hq = _who(client, "hq")
    past = _task(due_at=_due(-1), targets={"store_codes": ["S001"]})
    r = _send(client, "POST", T, hq, past)
    assert r.status_code == 422 and r.json()["problems"][0]["message"] == "截止时间已过"
    long_ago = _task(
        start_at=_due(-60),
        due_at=_due(-59.9),
        recurrence="daily",
        targets={"store_codes": ["S001"]},
    )
    r = _send(client, "POST", T, hq, long_ago)
    assert r.status_code == 422 and "31天" in r.json()["problems"][0]["message"]
    twice = _task(items=[{"id": "same", "text": "a"}, {"id": "same", "text": "b"}])
    r = _send(client, "POST", T, hq, twice | {"targets": {"store_codes": ["S001"]}})
    assert r.status_code == 422 and r.json()["problems"][0]["where"] == "第2项 编号"
    first = _send(client, "POST", T, hq, _task(items=[{"id": "mine", "text": "a"}])).json()
    other = _send(client, "POST", T, hq, _task(title="另一个")).json()["task_id"]
    r = _send(client, "PATCH", f"{T}/{other}", hq, {"items": [{"id": "mine", "text": "偷"}]})
    assert r.status_code == 422 and "已被其他任务使用" in r.json()["detail"]
    assert first["published"]
