"""Auto-tag rules (自动打标, issue 12) on SQLite and PostgreSQL: HQ's rule CRUD over HTTP,
rules applied after a real order import (Tmall files written like the platform's), tags
removed when no longer true, a person's tagging never overwritten, and the stage
condition in SQL agreeing with ``guide_core.lifecycle.stage_of``."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from guide_core.lifecycle import stage_of
from guide_core.protocol import TagChoice, customer_tag_id
from guide_core.tag_rules_api import StageCondition
from guide_server.models import Customer, CustomerTag, Store, Tag, TagGroup, TagRemoval
from guide_server.order_import import import_orders
from guide_server.services.chain_settings import stage_thresholds
from guide_server.services.tag_rules import apply_tag_rules, chain_today, matching
from tests.server import order_samples as S
from tests.server.settings_server import serve

RULES = "/admin/tag-rules"
BEIJING = timezone(timedelta(hours=8))


@pytest.fixture
def settings_server(demo_template, tmp_path):
    yield from serve(demo_template, tmp_path)


@pytest.fixture
def world(settings_server):
    """Three S001 customers with whole phones, a multi-choice HQ tag none of them has."""
    with settings_server.db.read() as s:
        store = s.scalar(select(Store.id).where(Store.code == "S001"))
        people = s.scalars(
            select(Customer)
            .where(Customer.store_id == store, Customer.phone != "")
            .order_by(Customer.id)
            .limit(3)
        ).all()
        tag = s.scalars(
            select(Tag)
            .join(TagGroup, TagGroup.id == Tag.group_id)
            .where(TagGroup.choice == TagChoice.MULTI, TagGroup.scope == "hq")
            .order_by(Tag.id)
            .limit(1)
        ).one()
        s.expunge_all()
    return store, people, tag


def _import(db, tmp_path, orders, name="a"):
    orders_file = S.tmall_orders(tmp_path / f"ExportOrderList-{name}.csv", orders, masked=False)
    items_file = S.tmall_items(tmp_path / f"ExportOrderDetailList-{name}.csv", orders)
    report = import_orders(db, "tmall", [orders_file, items_file], store_code="S001")
    assert not report.failed and report.rejected == 0, report.problems
    return report


def _link(db, customer_id, tag_id):
    with db.read() as s:
        link = s.get(CustomerTag, customer_tag_id(customer_id, tag_id))
        return None if link is None else (link.source or "")


def _order(no, who, status, when, item="限定款测试面霜 50ml"):
    return S.SampleOrder(
        no, status, "128.00", time=when, name=who.name, phone=who.phone,
        items=[("A1", item, 1, "128.00")],
    )  # fmt: skip


def test_rule_follows_imports_and_leaves_a_persons_tagging_alone(settings_server, world, tmp_path):
    db = settings_server.db
    store, (a, b, c), tag = world
    with db.write() as s:  # B has the tag by hand (a guide's own)
        s.query(CustomerTag).filter(CustomerTag.tag_id == tag.id).delete()
        s.add(CustomerTag(id=customer_tag_id(b.id, tag.id), customer_id=b.id, tag_id=tag.id,
                          store_id=store, added_by=None, source=""))  # fmt: skip
    hq = settings_server.client("hq")
    r = hq.post(RULES, json={
        "name": "买过测试面霜", "tag_id": tag.id,
        "condition": {"kind": "bought", "text": "测试面霜", "days": 30},
    })  # fmt: skip
    assert r.status_code == 201, r.text
    rule = r.json()
    source = f"rule:{rule['id']}"
    assert rule["tagged"] == 0

    when = (datetime.now(BEIJING) - timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    _import(db, tmp_path, [
        _order("9200000000000000001", a, "交易成功", when),
        _order("9200000000000000002", c, "交易成功", when),
    ])  # fmt: skip
    assert _link(db, a.id, tag.id) == source  # added after the import, marked as the rule's
    assert _link(db, c.id, tag.id) == source
    assert _link(db, b.id, tag.id) == ""  # manual, untouched (B bought nothing)

    # the guide takes the tag off C on their PC: pushed, remembered
    g = settings_server.client("s001-mgr")
    push = g.post("/sync/push", json={"device_id": "pc-1", "mutations": [{
        "mutation_id": str(uuid.uuid4()), "seq": 1, "entity": "customer_tag", "op": "remove",
        "entity_id": customer_tag_id(c.id, tag.id),
        "fields": {"customer_id": c.id, "tag_id": tag.id},
    }]})  # fmt: skip
    assert push.status_code == 200 and push.json()["results"][0]["status"] == "applied", push.text
    with db.read() as s:
        assert s.get(TagRemoval, (c.id, tag.id)) is not None
    run = apply_tag_rules(db)  # the on-demand run over everyone
    assert _link(db, c.id, tag.id) is None  # not re-added
    assert run.added == 0

    # A's order is refunded: the condition no longer holds, the rule's tag comes off
    _import(db, tmp_path, [_order("9200000000000000001", a, "交易关闭(退款)", when)], "b")
    assert _link(db, a.id, tag.id) is None
    assert _link(db, b.id, tag.id) == ""  # still the guide's
    assert [x["tagged"] for x in hq.get(RULES).json() if x["id"] == rule["id"]] == [0]

    # the pull carries the mark: buy again, the guide's store pulls source rule:<id>
    _import(db, tmp_path, [_order("9200000000000000003", a, "交易成功", when)], "c")
    rows, cursor = [], None
    while True:
        page = g.get(
            "/sync/pull", params={"limit": 5000, **({"cursor": cursor} if cursor else {})}
        ).json()
        rows += page["changes"]
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    link = next(ch for ch in rows if ch["id"] == customer_tag_id(a.id, tag.id))
    assert link["data"]["source"] == source

    # deleting the rule takes its tags off, never the guide's
    gone = hq.delete(f"{RULES}/{rule['id']}")
    assert gone.status_code == 200 and gone.json()["removed"] == 1
    assert _link(db, a.id, tag.id) is None and _link(db, b.id, tag.id) == ""
    assert hq.get(RULES).json() == []


def test_rule_crud_checks_and_permissions(settings_server, world):
    _, _, tag = world
    body = {
        "name": "高消费",
        "tag_id": tag.id,
        "condition": {"kind": "spent", "min_cents": 100_000, "days": 365},
    }
    for username in ("s001-g1", "s001-mgr"):
        c = settings_server.client(username)
        assert c.get(RULES).status_code == 403
        assert c.post(RULES, json=body).status_code == 403
    hq = settings_server.client("hq")
    assert hq.post(RULES, json={**body, "tag_id": "nope"}).status_code == 422
    bad = hq.post(RULES, json={**body, "condition": {"kind": "spent", "min_cents": 0}})
    assert bad.status_code == 422
    r = hq.post(RULES, json=body)
    assert r.status_code == 201
    rid = r.json()["id"]
    changed = hq.put(f"{RULES}/{rid}", json={**body, "active": False, "name": "停用"})
    assert changed.status_code == 200 and changed.json()["active"] is False
    assert hq.put(f"{RULES}/missing", json=body).status_code == 404
    assert hq.delete(f"{RULES}/missing").status_code == 404


def test_stage_condition_in_sql_agrees_with_stage_of(settings_server):
    db = settings_server.db
    today = chain_today()
    with db.read() as s:
        t = stage_thresholds(s)
        people = s.scalars(select(Customer)).all()
        expected = {
            stage: {c.id for c in people
                    if stage_of(c.last_purchase_at, c.member_since, c.order_count, today, t) == stage}
            for stage in ("new", "active", "dormant", "lost")
        }  # fmt: skip
        for stage, ids in expected.items():
            assert matching(s, StageCondition(kind="stage", stage=stage), None, today, t) == ids
        some = [c.id for c in people[:7]]
        got = matching(s, StageCondition(kind="stage", stage="active"), some, today, t)
        assert got == expected["active"] & set(some)
    assert sum(len(v) for v in expected.values()) == len(people)


def test_apply_tag_rules_command(settings_server, world, capsys):
    import argparse

    from guide_server.tag_rules_cli import add_parser, run

    _, _, tag = world
    hq = settings_server.client("hq")
    r = hq.post(RULES, json={
        "name": "活跃", "tag_id": tag.id, "condition": {"kind": "stage", "stage": "active"},
        "active": False,
    })  # fmt: skip
    assert r.status_code == 201 and r.json()["tagged"] == 0
    with settings_server.db.write() as s:  # switched on without running it
        from guide_server.models import TagRule

        s.get(TagRule, r.json()["id"]).active = True
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["apply-tag-rules", "--database-url", settings_server.db.url])
    assert run(args) == 0
    out = capsys.readouterr().out
    tagged = [x["tagged"] for x in hq.get(RULES).json()][0]
    assert tagged > 0 and f"加上标签 {tagged} 个" in out
