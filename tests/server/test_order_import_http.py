"""The order upload (``POST /admin/orders/import``) and the unmatched list over HTTP,
against the real server on loopback (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy import select

from guide_core.protocol import API_PREFIX
from guide_server.api.routes import admin_orders
from guide_server.db import Database
from guide_server.models import Order, Store
from tests.server import order_samples as S
from tests.support.server import sign_in


@pytest.fixture
def client(live_server):
    with httpx.Client(base_url=live_server.url, timeout=120) as c:
        c.db = Database(live_server.database_url)
        c.server = live_server
        yield c
        c.db.dispose()


def _token(client, username: str) -> dict:
    token, _ = sign_in(client.server.url, username)
    return {"Authorization": f"Bearer {token}"}


def _pos_file(tmp_path, *orders) -> bytes:
    return S.pos_csv(tmp_path / "pos.csv", orders, encoding="utf-8").read_bytes()


def _post(client, who: dict, body: bytes, **params):
    return client.post(
        f"{API_PREFIX}/admin/orders/import", params=params, content=body, headers=who
    )


def test_supervisor_imports_only_their_stores_pos_file(client, tmp_path):
    mgr = _token(client, "s001-mgr")
    mapping = json.dumps(S.POS_MAPPING, ensure_ascii=False)
    body = _pos_file(
        tmp_path,
        S.SampleOrder("HTTP-1", "销售", "10.00", phone="", store_code="S001"),
        S.SampleOrder("HTTP-2", "销售", "10.00", phone="", store_code="S002"),
    )
    r = _post(client, mgr, body, channel="pos", file_name="小票.csv", mapping=mapping)
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["orders_imported"] == 1 and report["rejected"] == 1
    assert report["problems"][0]["file"] == "小票.csv"
    assert "只能导入本店的订单" in report["problems"][0]["reason"]

    tmall = S.tmall_orders(tmp_path / "t.csv", [S.SampleOrder("HTTP-3", "交易成功", "1.00")])
    r = _post(client, mgr, tmall.read_bytes(), channel="tmall", file_name="t.csv")
    assert r.status_code == 403 and "门店POS" in r.json()["detail"]
    r = _post(
        client, mgr, body, channel="pos", file_name="x.csv", mapping=mapping, store_code="S002"
    )
    assert r.status_code == 403
    guide = _token(client, "s001-g1")
    r = _post(client, guide, body, channel="pos", file_name="x.csv", mapping=mapping)
    assert r.status_code == 403

    with client.db.read() as s:
        store = s.scalar(select(Store.id).where(Store.code == "S001"))
        assert s.scalar(select(Order.store_id).where(Order.channel_order_no == "HTTP-1")) == store
    r = client.get(f"{API_PREFIX}/admin/orders/unmatched", headers=mgr, params={"limit": 200})
    assert r.status_code == 200
    page = r.json()
    assert page["total"] >= 1 and "HTTP-1" in [i["channel_order_no"] for i in page["items"]]
    other = client.get(f"{API_PREFIX}/admin/orders/unmatched", headers=_token(client, "s002-mgr"))
    assert "HTTP-1" not in [i["channel_order_no"] for i in other.json()["items"]]


def test_hq_upload_wrong_channel_is_422_and_too_large_is_413(client, tmp_path):
    hq = _token(client, "hq")
    tmall = S.tmall_orders(tmp_path / "t.csv", [S.SampleOrder("HTTP-9", "交易成功", "1.00")])
    r = _post(client, hq, tmall.read_bytes(), channel="jd", file_name="t.csv", store_code="S001")
    assert r.status_code == 422
    assert (
        r.json()["failed"] is True and "不是京东的订单导出文件" in r.json()["problems"][0]["reason"]
    )
    r = _post(client, hq, tmall.read_bytes(), channel="tmall", file_name="t.csv", store_code="S001")
    assert r.status_code == 200 and r.json()["orders_imported"] == 1

    def body():  # streamed (chunked): the server counts while it writes, and stops
        chunk = b"x" * (1024 * 1024)
        for _ in range(admin_orders.MAX_ORDER_UPLOAD_BYTES // len(chunk) + 2):
            yield chunk

    r = client.post(
        f"{API_PREFIX}/admin/orders/import",
        params={"channel": "tmall", "file_name": "big.csv"},
        headers=hq,
        content=body(),
    )
    assert r.status_code == 413
    assert "guide-server import-orders" in r.json()["detail"]


def test_an_import_is_audited(client, tmp_path):
    from guide_server.models import AuditLog

    hq = _token(client, "hq")
    tmall = S.tmall_orders(tmp_path / "t.csv", [S.SampleOrder("HTTP-A", "交易成功", "1.00")])
    r = _post(
        client, hq, tmall.read_bytes(), channel="tmall", file_name="订单.csv", store_code="S001"
    )
    assert r.status_code == 200
    with client.db.read() as s:
        row = s.scalars(select(AuditLog).where(AuditLog.action == "orders_import")).one()
    assert row.username == "hq" and "订单.csv" in row.detail and "imported 1" in row.detail
