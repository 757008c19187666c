"""A small built-in chain, used only while the full demo generator is unavailable.

Same interface and account names as ``guide_server.demo.generate``: stores
``S001``…, users ``hq``, ``s001-mgr``, ``s001-g1``…, a 张三 (…1234) and a 李四
in S001, single- and multi-choice tag groups, a role-limited tag group, a
region-limited material, an HQ task for S001 only, and a store task.
"""

from __future__ import annotations

import hashlib
import io
import random
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from PIL import Image

from guide_core.protocol import customer_tag_id, item_check_id

_NS = uuid.UUID("3d0f1d3e-0d7e-4c55-9a1f-5e8c0b7f2a11")
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"


def _id(seed: int, key: str) -> str:
    return str(uuid.uuid5(_NS, f"{seed}:{key}"))


def _png() -> bytes:
    """A 16×16 rose-coloured PNG (the one image the small chain's material names)."""
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 80, 120)).save(out, "PNG")
    return out.getvalue()


def fixture_assets() -> list[tuple[str, bytes, str, str]]:
    data = _png()
    return [(hashlib.sha256(data).hexdigest(), data, "image/png", "card.png")]


def fixture_chain(
    *,
    stores: int = 2,
    customers_per_store: int = 20,
    orders_per_store: int = 40,
    guides_per_store: int = 2,
    seed: int = 1,
    today: date | None = None,
) -> Iterator[tuple[str, list[dict]]]:
    rng = random.Random(seed)
    today = today or date(2026, 11, 23)
    now = datetime(today.year, today.month, today.day, 10, tzinfo=UTC)
    regions = [(_id(seed, "region:east"), "华东"), (_id(seed, "region:south"), "华南")]
    store_rows, users = (
        [],
        [
            {
                "id": _id(seed, "user:hq"),
                "username": "hq",
                "display_name": "总部运营-王敏",
                "role": "hq",
            }
        ],
    )
    staff: dict[str, list[str]] = {}
    for n in range(1, stores + 1):
        code = f"S{n:03d}"
        sid = _id(seed, f"store:{code}")
        region_id, region_name = regions[(n - 1) % 2]
        store_rows.append(
            {
                "id": sid,
                "code": code,
                "name": f"上海{n}号店",
                "region_id": region_id,
                "region_name": region_name,
                "city": "上海",
                "address": f"南京西路{n}号",
            }
        )
        mgr = {
            "id": _id(seed, f"user:{code}:mgr"),
            "username": f"{code.lower()}-mgr",
            "display_name": f"店长{n}",
            "role": "supervisor",
            "store_id": sid,
        }
        guides = [
            {
                "id": _id(seed, f"user:{code}:g{g}"),
                "username": f"{code.lower()}-g{g}",
                "display_name": f"导购{n}-{g}",
                "role": "guide",
                "store_id": sid,
            }
            for g in range(1, guides_per_store + 1)
        ]
        users += [mgr, *guides]
        staff[sid] = [g["id"] for g in guides]
    yield "store", store_rows
    yield "user", users

    skin, hobby, secret = _id(seed, "tg:skin"), _id(seed, "tg:hobby"), _id(seed, "tg:mgr")
    groups = [
        {"id": skin, "name": "肤质", "choice": "single", "sort": 1},
        {"id": hobby, "name": "兴趣", "choice": "multi", "sort": 2},
        {
            "id": secret,
            "name": "店长备注",
            "choice": "multi",
            "visible_roles": ["supervisor", "hq"],
            "sort": 3,
        },
    ]
    tags = [
        {
            "id": _id(seed, f"tag:{g}:{name}"),
            "group_id": g,
            "name": name,
            "color": "#3b82f6",
            "sort": i,
        }
        for g, names in ((skin, "干性 油性 混合 敏感"), (hobby, "瑜伽 旅行 美食"), (secret, "重点"))
        for i, name in enumerate(names.split())
    ]
    yield "tag_group", groups
    yield "tag", tags
    yield (
        "sensitive_word",
        [
            {"id": _id(seed, f"sw:{w}"), "word": w, "severity": s}
            for w, s in (("最便宜", "block"), ("全网最低", "block"), ("根治", "warn"))
        ],
    )
    sg = _id(seed, "sg:open")
    yield "script_group", [{"id": sg, "name": "开场白", "sort": 1}]
    yield (
        "script",
        [
            {
                "id": _id(seed, "script:hello"),
                "group_id": sg,
                "title": "问候",
                "body": "{称呼}您好, 我是{门店}的{导购}",
                "keywords": ["问候"],
            }
        ],
    )
    sha, data, mime, name = fixture_assets()[0]
    yield (
        "material",
        [
            {
                "id": _id(seed, "mat:card"),
                "kind": "image",
                "title": "新品卡片",
                "blob_sha256": sha,
                "blob_size": len(data),
                "mime": mime,
                "file_name": name,
            },
            {
                "id": _id(seed, "mat:south"),
                "kind": "link",
                "title": "华南活动",
                "url": "https://example.com",
                "visibility": {"region_ids": [regions[1][0]]},
            },
        ],
    )

    customers, links, follow_ups, orders = [], [], [], []
    for store in store_rows:
        sid, guides = store["id"], staff[store["id"]]
        for c in range(customers_per_store):
            cid = _id(seed, f"customer:{store['code']}:{c}")
            name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
            phone = f"13{rng.randint(0, 9)}{rng.randint(0, 9999):04d}{rng.randint(0, 9999):04d}"
            if store["code"] == "S001" and c == 0:
                name, phone = "张三", "13800001234"
            elif store["code"] == "S001" and c == 1:
                name = "李四"
            customers.append(
                {
                    "id": cid,
                    "store_id": sid,
                    "owner_id": guides[c % len(guides)],
                    "name": name,
                    "phone": phone,
                    "member_no": f"M{store['code'][1:]}{c:07d}",
                    "level": "normal",
                    "member_since": (today - timedelta(days=rng.randint(1, 2000))).isoformat(),
                    "created_at": now.isoformat(),
                }
            )
            tag = tags[c % 4]
            links.append(
                {
                    "id": customer_tag_id(cid, tag["id"]),
                    "customer_id": cid,
                    "tag_id": tag["id"],
                    "store_id": sid,
                    "added_at": now.isoformat(),
                }
            )
            if c % 3 == 0:
                follow_ups.append(
                    {
                        "id": _id(seed, f"fu:{cid}"),
                        "customer_id": cid,
                        "store_id": sid,
                        "guide_id": guides[0],
                        "channel": "chat",
                        "text": "回访新品试用感受",
                        "at": now.isoformat(),
                    }
                )
        store_customers = customers[-customers_per_store:] if customers_per_store else []
        for o in range(orders_per_store):
            customer = store_customers[o % len(store_customers)] if store_customers else None
            price = rng.randint(50, 900) * 100
            paid = now - timedelta(days=rng.randint(1, 700))
            orders.append(
                {
                    "id": _id(seed, f"order:{sid}:{o}"),
                    "channel": "pos",
                    "channel_order_no": f"POS-{store['code']}-{o:06d}",
                    "store_id": sid,
                    "customer_id": customer["id"] if customer else None,
                    "status": "finished",
                    "amount_cents": price,
                    "items": [
                        {"sku": f"SKU{o % 9}", "name": "修护精华", "qty": 1, "price_cents": price}
                    ],
                    "paid_at": paid.isoformat(),
                    "finished_at": paid.isoformat(),
                }
            )
            if customer:
                customer["order_count"] = customer.get("order_count", 0) + 1
                customer["total_spent_cents"] = customer.get("total_spent_cents", 0) + price
                first = customer.get("first_purchase_at") or paid.isoformat()
                last = customer.get("last_purchase_at") or paid.isoformat()
                customer["first_purchase_at"] = min(first, paid.isoformat())
                customer["last_purchase_at"] = max(last, paid.isoformat())
    yield "customer", customers
    yield "customer_tag", links
    yield "follow_up", follow_ups
    yield "order", orders

    hq_task = _id(seed, "task:hq")
    tasks = [
        {
            "id": hq_task,
            "title": "双11会员回访",
            "kind": "outreach",
            "scope": "hq",
            "store_ids": [store_rows[0]["id"]],
            "due_at": (now + timedelta(days=3)).isoformat(),
        }
    ]
    items = [
        {
            "id": _id(seed, f"item:hq:{i}"),
            "task_id": hq_task,
            "sort": i,
            "text": text,
            "requires_evidence": i == 1,
        }
        for i, text in enumerate(("电话回访三位金卡会员", "拍照上传陈列"))
    ]
    assignments, checks = [], []
    for store in store_rows:
        sid = store["id"]
        task_id = _id(seed, f"task:store:{sid}")
        tasks.append(
            {
                "id": task_id,
                "title": "本店陈列检查",
                "kind": "display",
                "scope": "store",
                "store_ids": [sid],
            }
        )
        items.append({"id": _id(seed, f"item:{sid}"), "task_id": task_id, "text": "检查橱窗"})
        targets = [(hq_task, g) for g in staff[sid]] if sid == store_rows[0]["id"] else []
        targets += [(task_id, g) for g in staff[sid]]
        for t, g in targets:
            aid = _id(seed, f"asg:{t}:{g}")
            assignments.append(
                {
                    "id": aid,
                    "task_id": t,
                    "guide_id": g,
                    "store_id": sid,
                    "status": "in_progress" if t == hq_task else "todo",
                }
            )
            if t == hq_task:
                checks.append(
                    {
                        "id": item_check_id(aid, items[0]["id"]),
                        "assignment_id": aid,
                        "item_id": items[0]["id"],
                        "store_id": sid,
                        "done": True,
                        "done_at": now.isoformat(),
                        "checked_by": g,
                    }
                )
    yield "task", tasks
    yield "task_item", items
    yield "assignment", assignments
    yield "item_check", checks
