"""Client-core fixtures: caches built from synthetic pulled rows (no server needed).

``seeded`` holds one store with a guide (g1), a second guide (g2), a
supervisor and HQ, two tag groups (single-choice 性别, multi-choice 兴趣) and a
handful of customers, orders, scripts, materials and one task.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from guide_app.cache.database import Cache, open_cache
from guide_core.protocol import Change, MutationResult, UserInfo

STORE = "store-1"
OTHER_STORE = "store-2"

G1 = UserInfo(id="u-g1", username="s001-g1", display_name="导购小林", role="guide", store_id=STORE)
G2 = UserInfo(id="u-g2", username="s001-g2", display_name="导购小周", role="guide", store_id=STORE)
SUP = UserInfo(
    id="u-m1", username="s001-mgr", display_name="店长老陈", role="supervisor", store_id=STORE
)
HQ = UserInfo(id="u-hq", username="hq", display_name="总部", role="hq", store_id=None)

_versions = itertools.count(1)


def change(
    entity: str, data: dict[str, Any] | None, *, id: str | None = None, deleted: bool = False
) -> Change:
    """A pulled row with a fresh, increasing version."""
    row_id = id or (data or {})["id"]
    return Change(entity=entity, id=row_id, version=next(_versions), deleted=deleted, data=data)


def customer_data(name: str, owner: str | None = G1.id, **extra: Any) -> dict[str, Any]:
    data = {
        "id": extra.pop("id", str(uuid.uuid4())),
        "store_id": STORE,
        "owner_id": owner,
        "name": name,
    }
    data.update(extra)
    return data


@dataclass
class Seed:
    """Ids of the seeded rows, by a readable key."""

    ids: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> str:
        return self.ids[key]


def seed_changes() -> tuple[list[Change], Seed]:
    s = Seed()
    rows: list[Change] = [
        change(
            "store",
            {
                "id": STORE,
                "code": "S001",
                "name": "静安店",
                "region_id": "r1",
                "region_name": "华东",
            },
        ),
    ]
    for u in (G1, G2, SUP, HQ):
        rows.append(
            change(
                "user",
                {
                    "id": u.id,
                    "username": u.username,
                    "display_name": u.display_name,
                    "role": u.role,
                    "store_id": u.store_id,
                },
            )
        )
    rows.append(
        change("tag_group", {"id": "tg-sex", "name": "性别", "choice": "single", "sort": 1})
    )
    rows.append(change("tag_group", {"id": "tg-int", "name": "兴趣", "choice": "multi", "sort": 2}))
    rows.append(
        change(
            "tag_group",
            {
                "id": "tg-hq",
                "name": "总部内部",
                "choice": "multi",
                "visible_roles": ["hq"],
                "sort": 3,
            },
        )
    )
    for tid, gid, name in (
        ("t-f", "tg-sex", "女"),
        ("t-m", "tg-sex", "男"),
        ("t-yoga", "tg-int", "瑜伽"),
        ("t-run", "tg-int", "跑步"),
        ("t-makeup", "tg-int", "美妆"),
        ("t-secret", "tg-hq", "重点"),
    ):
        rows.append(change("tag", {"id": tid, "group_id": gid, "name": name, "color": "#cc3366"}))
    customers = {
        "zhangsan": customer_data(
            "张三",
            phone="13800001234",
            member_no="M0001",
            level="gold",
            member_since="2020-01-01",
            last_purchase_at="2026-11-01T10:00:00+08:00",
            order_count=5,
            birthday="1990-11-05",
        ),
        "zhangsisi": customer_data(
            "张思思", phone="13700002222", member_no="M0002", level="silver"
        ),
        "lisi": customer_data(
            "李四",
            owner=G2.id,
            phone="139****5678",
            phone_masked=True,
            member_no="M0003",
            member_since="2019-01-01",
            last_purchase_at="2020-01-01T10:00:00+08:00",
            order_count=2,
        ),
        "wangxiaoming": customer_data(
            "王小明", remark_name="小明哥", phone="13600003333", in_group=True
        ),
        "amy": customer_data("Amy王😊", phone="13500004444", level="black"),
    }
    for key, data in customers.items():
        s.ids[key] = data["id"]
        rows.append(change("customer", data))
    from guide_core.protocol import customer_tag_id

    for key, tag in (
        ("zhangsan", "t-f"),
        ("zhangsan", "t-yoga"),
        ("zhangsisi", "t-f"),
        ("zhangsisi", "t-run"),
        ("wangxiaoming", "t-m"),
        ("wangxiaoming", "t-yoga"),
        ("lisi", "t-secret"),
    ):
        cid = s[key]
        rows.append(
            change(
                "customer_tag",
                {
                    "id": customer_tag_id(cid, tag),
                    "customer_id": cid,
                    "tag_id": tag,
                    "store_id": STORE,
                },
            )
        )
    s.ids["order1"] = "o-1"
    rows.append(
        change(
            "order",
            {
                "id": "o-1",
                "channel": "tmall",
                "channel_order_no": "TM20261101001",
                "store_id": STORE,
                "customer_id": s["zhangsan"],
                "status": "finished",
                "amount_cents": 129900,
                "items": [{"sku": "A1", "name": "羊绒围巾", "qty": 1, "price_cents": 129900}],
                "paid_at": "2026-11-01T10:00:00+08:00",
            },
        )
    )
    rows.append(
        change(
            "script",
            {
                "id": "sc-1",
                "title": "生日祝福",
                "body": "{称呼}您好, 祝您生日快乐! 到店可领取专属礼品。",
                "keywords": ["生日", "关怀"],
            },
        )
    )
    rows.append(
        change(
            "material",
            {"id": "mt-1", "kind": "poster", "title": "双十二海报", "description": "全场满减"},
        )
    )
    rows.append(change("sensitive_word", {"id": "sw-1", "word": "最便宜", "severity": "block"}))
    rows.append(change("sensitive_word", {"id": "sw-2", "word": "保证", "severity": "warn"}))
    rows.append(change("task", {"id": "task-1", "title": "周末会员回访", "kind": "outreach"}))
    rows.append(
        change("task_item", {"id": "ti-1", "task_id": "task-1", "sort": 1, "text": "给张三发祝福"})
    )
    rows.append(
        change(
            "task_item",
            {
                "id": "ti-2",
                "task_id": "task-1",
                "sort": 2,
                "text": "拍陈列照",
                "requires_evidence": True,
            },
        )
    )
    rows.append(
        change(
            "assignment", {"id": "as-1", "task_id": "task-1", "guide_id": G1.id, "store_id": STORE}
        )
    )
    return rows, s


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    c = open_cache(tmp_path / "cache.db")
    yield c
    c.close()


@pytest.fixture
def seeded(cache: Cache) -> tuple[Cache, Seed]:
    rows, s = seed_changes()
    cache.apply_pull_page(rows, "cursor-1")
    return cache, s


def applied(mutation_id: uuid.UUID, row: Change | None = None) -> MutationResult:
    return MutationResult(mutation_id=mutation_id, status="applied", row=row)


def rejected(
    mutation_id: uuid.UUID, reason: str, row: Change | None = None, code: str | None = None
) -> MutationResult:
    return MutationResult(
        mutation_id=mutation_id, status="rejected", reason=reason, row=row, code=code
    )


# ---------------------------------------------------------------- sync, sign-in, Session (C2)
# The real server comes from tests.support.plugin (registered in tests/conftest.py).

import keyring as _keyring  # noqa: E402
from keyrings.alt.file import PlaintextKeyring as _PlaintextKeyring  # noqa: E402

DEMO_PASSWORD = "demo1234"


@pytest.fixture
def server(request):
    """The real server the sync tests talk to (SQLite: these tests are about the client)."""
    return request.getfixturevalue("sqlite_live_server")


@pytest.fixture
def test_keyring(tmp_path_factory):
    """A file keyring in its own temp folder (never inside a client's data dir)."""
    before = _keyring.get_keyring()
    kr = _PlaintextKeyring()
    kr.file_path = str(tmp_path_factory.mktemp("keyring") / "keyring_pass.cfg")
    _keyring.set_keyring(kr)
    yield kr
    _keyring.set_keyring(before)


@pytest.fixture
def clients(server, tmp_path, test_keyring):
    """``make(username)`` → a Session signed in to ``server`` with its own data dir.

    Sync is not started unless asked (tests drive ``session.sync.sync_once()``);
    every session is closed at teardown.
    """
    from guide_app.auth import sign_in

    made = []

    def make(username, password=DEMO_PASSWORD, *, data_dir=None, start_sync=False):
        folder = data_dir or tmp_path / f"data-{username}-{len(made)}"
        session = sign_in(server.url, username, password, data_dir=folder, start_sync=start_sync)
        made.append(session)
        return session

    yield make
    for session in made:
        session.close()


@pytest.fixture
def server_view(server):
    """``view()`` → {entity: {id: Change}} of the whole server right now: full pulls of HQ
    (global content, every account) and of each store's supervisor (the stores' data, which
    HQ reads online, not by pull)."""
    from guide_app.sync.api import ApiClient

    def view():
        rows: dict = {}
        for username in ("hq", "s001-mgr", "s002-mgr"):
            with ApiClient(server.url) as api:
                api.login(username, DEMO_PASSWORD, "server-view")
                cursor = None
                while True:
                    page = api.pull(cursor, 5000)
                    for ch in page.changes:
                        rows.setdefault(ch.entity, {}).setdefault(ch.id, ch)
                    cursor = page.cursor
                    if not page.has_more:
                        break
        return rows

    return view
