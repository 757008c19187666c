"""The demo chain generator: every row fits the wire format, and the data hangs together.

Small sizes keep this fast; the large-size timing lives in
``python -m guide_server.demo.generate``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest

from guide_core.phone import normalize_cn_mobile
from guide_core.protocol import ENTITY_DATA, customer_tag_id, item_check_id
from guide_server.demo import DEMO_PASSWORD, demo_assets, generate_chain, sign_ins
from guide_server.demo.generate import BATCH_SIZE, COUNTED_STATUSES
from guide_server.demo.names import PHONE_PREFIXES

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)
SIZES = {"stores": 3, "customers_per_store": 200, "orders_per_store": 800, "guides_per_store": 3}
ORDER = [
    "store", "user", "tag_group", "tag", "sensitive_word", "script_group", "script", "material",
    "customer", "customer_tag", "follow_up", "order", "task", "task_item", "assignment",
    "item_check",
]  # fmt: skip


def _collect(**kwargs) -> tuple[dict[str, list[dict]], list[str], list[int]]:
    rows: dict[str, list[dict]] = defaultdict(list)
    sequence: list[str] = []
    sizes: list[int] = []
    for entity, batch in generate_chain(**kwargs):
        rows[entity].extend(batch)
        sizes.append(len(batch))
        if not sequence or sequence[-1] != entity:
            sequence.append(entity)
    return rows, sequence, sizes


@pytest.fixture(scope="module")
def chain() -> dict[str, list[dict]]:
    return _collect(**SIZES, seed=7, today=TODAY)[0]


def _by_id(rows: list[dict]) -> dict[str, dict]:
    return {r["id"]: r for r in rows}


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def test_entities_come_in_dependency_order_in_bounded_batches() -> None:
    rows, sequence, sizes = _collect(
        stores=1, customers_per_store=3000, orders_per_store=12000, seed=3, today=TODAY
    )
    assert sequence == ORDER  # each entity once, contiguous, in the documented order
    assert max(sizes) == BATCH_SIZE and min(sizes) >= 1
    assert len(rows["customer"]) == 3000 and len(rows["order"]) == 12000


def test_every_row_validates_and_is_json(chain: dict[str, list[dict]]) -> None:
    for entity, rows in chain.items():
        model = ENTITY_DATA[entity]
        ids = [r["id"] for r in rows]
        assert len(ids) == len(set(ids)), f"duplicate ids in {entity}"
        for row in rows:
            model.model_validate(row)
        json.dumps(rows, ensure_ascii=False)  # JSON-compatible values only
    assert set(chain) == set(ORDER)


def test_org_users_and_sign_ins(chain: dict[str, list[dict]]) -> None:
    stores = chain["store"]
    assert [s["code"] for s in stores] == ["S001", "S002", "S003"]
    assert stores[0]["name"] == "上海静安嘉里店" and stores[0]["region_name"] == "华东"
    assert all(s["address"].startswith(s["city"]) for s in stores)
    users = {u["username"]: u for u in chain["user"]}
    listed = sign_ins(3, 3)
    assert [u for u, _, _ in listed] == list(users)
    for username, role, description in listed:
        assert users[username]["role"] == role and description
    assert users["hq"]["store_id"] is None and users["hq"]["display_name"].startswith("总部运营-")
    store_ids = {s["code"]: s["id"] for s in stores}
    assert users["s002-mgr"]["store_id"] == store_ids["S002"]
    assert users["s003-g3"]["role"] == "guide"
    assert all(re.search(r"[\u4e00-\u9fff]", u["display_name"]) for u in users.values())
    assert DEMO_PASSWORD == "demo1234"


def test_phones_valid_unique_and_member_numbers_unique(chain: dict[str, list[dict]]) -> None:
    customers = chain["customer"]
    phones = [c["phone"] for c in customers]
    assert len(phones) == len(set(phones)) == 600
    for phone in phones:
        assert normalize_cn_mobile(phone) == phone and phone[:3] in PHONE_PREFIXES
    members = [c["member_no"] for c in customers if c["member_no"]]
    assert len(members) == len(set(members)) > 500
    assert all(re.fullmatch(r"M\d{10}", m) for m in members)


def test_customers_look_like_a_real_membership(chain: dict[str, list[dict]]) -> None:
    customers = chain["customer"]
    levels = Counter(c["level"] for c in customers)
    assert levels["normal"] > levels["silver"] > levels["gold"] >= levels["black"]
    for c in customers:
        assert 1 <= len(c["name"]) <= 4
        if c["birthday"]:
            born = date.fromisoformat(c["birthday"])
            age = TODAY.year - born.year - ((TODAY.month, TODAY.day) < (born.month, born.day))
            assert 18 <= age <= 65
        if c["member_since"]:
            assert 0 <= (TODAY - date.fromisoformat(c["member_since"])).days <= 6 * 366
    assert 0.45 < sum(c["in_group"] for c in customers) / len(customers) < 0.75
    assert any("-" in c["remark_name"] or "(" in c["remark_name"] for c in customers)
    assert sum(c["owner_id"] is None for c in customers) < len(customers) * 0.15


def test_named_customers_for_tests_exist_in_s001(chain: dict[str, list[dict]]) -> None:
    s001 = chain["store"][0]["id"]
    users = {u["id"]: u["username"] for u in chain["user"]}
    zhang = [c for c in chain["customer"] if c["name"] == "张三"]
    assert (
        len(zhang) == 1
        and zhang[0]["store_id"] == s001
        and users[zhang[0]["owner_id"]] == "s001-g1"
    )
    assert [c for c in chain["customer"] if c["phone"].endswith("1234")] == zhang
    assert zhang[0]["order_count"] > 0 and zhang[0]["member_no"] and zhang[0]["birthday"]
    li = [c for c in chain["customer"] if c["name"] == "李四"]
    assert len(li) == 1 and li[0]["store_id"] == s001 and users[li[0]["owner_id"]] == "s001-g2"


def test_orders_are_consistent(chain: dict[str, list[dict]]) -> None:
    orders = chain["order"]
    now = datetime.fromisoformat("2026-11-23T09:00:00+08:00")
    patterns = {
        "tmall": r"\d{18,19}",
        "jd": r"\d{12}",
        "youzan": r"E\d{14}\d{8}",
        "douyin": r"\d{19}",
        "pos": r"POS-S00\d-\d{8}-\d{4}",
    }
    numbers: dict[str, set[str]] = defaultdict(set)
    for o in orders:
        number = o["channel_order_no"]
        assert re.fullmatch(patterns[o["channel"]], number), number
        assert number not in numbers[o["channel"]], f"duplicate {o['channel']} {number}"
        numbers[o["channel"]].add(number)
        assert 1 <= len(o["items"]) <= 4
        assert o["amount_cents"] == sum(i["qty"] * i["price_cents"] for i in o["items"]) > 0
        paid, shipped, finished = _dt(o["paid_at"]), _dt(o["shipped_at"]), _dt(o["finished_at"])
        assert paid is not None and paid < now
        assert (now - paid).days <= 31 * 30
        if o["channel"] == "pos":
            assert shipped is None and o["logistics_no"] == ""
            assert o["status"] in ("finished", "refunded")
            assert number.split("-")[2] == f"{paid:%Y%m%d}"
        if o["status"] == "finished":
            assert finished is not None and paid <= finished < now
        if o["status"] in ("shipped", "finished") and o["channel"] != "pos":
            assert shipped is not None and paid < shipped and o["logistics_no"]
        if o["status"] in ("paid", "cancelled"):
            assert shipped is None and finished is None and o["logistics_no"] == ""
        if shipped and finished:
            assert shipped < finished
    pos_hours = [_dt(o["paid_at"]).hour for o in orders if o["channel"] == "pos"]
    assert sum(10 <= h < 22 for h in pos_hours) >= 0.95 * len(pos_hours)  # opening hours
    statuses = Counter(o["status"] for o in orders)
    assert statuses["finished"] > len(orders) * 0.75 and statuses["refunded"] > 0
    assert set(Counter(o["channel"] for o in orders)) == set(patterns)
    matched = sum(o["customer_id"] is not None for o in orders) / len(orders)
    assert 0.85 < matched < 0.95


def test_customer_purchase_figures_match_their_orders(chain: dict[str, list[dict]]) -> None:
    mine: dict[str, list[dict]] = defaultdict(list)
    for o in chain["order"]:
        if o["customer_id"] and o["status"] in COUNTED_STATUSES:
            mine[o["customer_id"]].append(o)
    buyers = 0
    for c in chain["customer"]:
        orders = mine.get(c["id"], [])
        assert c["order_count"] == len(orders)
        assert c["total_spent_cents"] == sum(o["amount_cents"] for o in orders)
        if orders:
            buyers += 1
            paid = [_dt(o["paid_at"]) for o in orders]
            assert _dt(c["first_purchase_at"]) == min(paid)
            assert _dt(c["last_purchase_at"]) == max(paid)
        else:
            assert c["first_purchase_at"] is None and c["last_purchase_at"] is None
    assert 0.5 < buyers / len(chain["customer"]) < 0.95


def test_tags_respect_single_choice_groups(chain: dict[str, list[dict]]) -> None:
    groups = _by_id(chain["tag_group"])
    tags = _by_id(chain["tag"])
    names = {g["name"] for g in groups.values()}
    assert {"肤质", "宝宝月龄", "消费偏好", "来源渠道", "兴趣", "会员意向", "本店活动"} <= names
    assert all(re.fullmatch(r"#[0-9A-F]{6}", t["color"]) for t in tags.values())
    per_customer: dict[str, list[str]] = defaultdict(list)
    for link in chain["customer_tag"]:
        assert link["id"] == customer_tag_id(link["customer_id"], link["tag_id"])
        per_customer[link["customer_id"]].append(link["tag_id"])
    for tag_ids in per_customer.values():
        assert len(tag_ids) <= 5
        chosen = Counter(tags[t]["group_id"] for t in tag_ids)
        for group_id, n in chosen.items():
            if groups[group_id]["choice"] == "single":
                assert n == 1, groups[group_id]["name"]
    store_groups = [g for g in groups.values() if g["scope"] == "store"]
    assert len(store_groups) == 3 and all(g["store_id"] for g in store_groups)


def test_every_foreign_id_points_at_an_emitted_row(chain: dict[str, list[dict]]) -> None:
    ids = {entity: set(_by_id(rows)) for entity, rows in chain.items()}
    customers = _by_id(chain["customer"])
    refs = {
        "store_id": "store", "owner_id": "user", "customer_id": "customer", "tag_id": "tag",
        "group_id": None, "guide_id": "user", "added_by": "user", "parent_id": "script_group",
        "material_id": "material", "script_id": "script", "task_id": "task",
        "assignment_id": "assignment", "item_id": "task_item", "created_by": "user",
        "reviewed_by": "user", "checked_by": "user",
    }  # fmt: skip
    checked = Counter()
    for entity, rows in chain.items():
        for row in rows:
            for key, target in refs.items():
                value = row.get(key)
                if value is None:
                    continue
                if key == "group_id":
                    target = "tag_group" if entity == "tag" else "script_group"
                assert value in ids[target], f"{entity}.{key} → missing {target} {value}"
                checked[key] += 1
    for script in chain["script"]:
        for item in script["items"]:
            assert item["material_id"] is None or item["material_id"] in ids["material"]
    for task in chain["task"]:
        assert set(task["store_ids"]) <= ids["store"] and set(task["guide_ids"]) <= ids["user"]
    tasks = _by_id(chain["task"])
    for item in chain["task_item"]:
        for cid in item["customer_ids"]:
            assert customers[cid]["store_id"] in tasks[item["task_id"]]["store_ids"]
    region_ids = {s["region_id"] for s in chain["store"]}
    for material in chain["material"]:
        assert set(material["visibility"]["region_ids"]) <= region_ids
    assets = {sha for sha, *_ in demo_assets()}
    for check in chain["item_check"]:
        assert check["id"] == item_check_id(check["assignment_id"], check["item_id"])
        assert check["evidence_sha256"] is None or check["evidence_sha256"] in assets
    assert min(checked.values()) > 0 and len(checked) == len(refs)


def test_content_hq_publishes(chain: dict[str, list[dict]]) -> None:
    scripts = [s for s in chain["script"] if s["scope"] == "hq"]
    assert len(scripts) >= 55
    assert sum("{" in s["body"] for s in scripts) > len(scripts) * 0.8
    for variable in ("{称呼}", "{姓名}", "{导购}", "{门店}", "{生日}", "{上次购买}"):
        assert any(variable in s["body"] for s in scripts), variable
    assert any(len(s["items"]) == 2 for s in scripts)
    assert {s["scope"] for s in chain["script"]} == {"hq", "store", "personal"}
    assert any(g["parent_id"] for g in chain["script_group"])
    kinds = Counter(m["kind"] for m in chain["material"])
    assert set(kinds) == {
        "text", "image", "video", "link", "miniprogram", "file", "poster", "moments",
    }  # fmt: skip
    assert any(m["visibility"]["roles"] for m in chain["material"])
    words = {w["word"]: w["severity"] for w in chain["sensitive_word"]}
    assert len(words) >= 30 and words["全网最低"] == "block" and "warn" in words.values()
    items_per_task = Counter(i["task_id"] for i in chain["task_item"])
    assert all(2 <= n <= 5 for n in items_per_task.values())
    assert len(chain["task"]) == 5 + 3  # HQ tasks + one per store
    assert any(i["requires_evidence"] for i in chain["task_item"])
    assert any(i["customer_ids"] for i in chain["task_item"])


def test_assignments_and_checks_fit_their_status(chain: dict[str, list[dict]]) -> None:
    users = _by_id(chain["user"])
    items_of: dict[str, list[str]] = defaultdict(list)
    for item in chain["task_item"]:
        items_of[item["task_id"]].append(item["id"])
    checks: dict[str, set[str]] = defaultdict(set)
    for check in chain["item_check"]:
        checks[check["assignment_id"]].add(check["item_id"])
    statuses = Counter()
    for a in chain["assignment"]:
        statuses[a["status"]] += 1
        assert users[a["guide_id"]]["role"] == "guide"
        assert users[a["guide_id"]]["store_id"] == a["store_id"]
        done = checks.get(a["id"], set())
        assert done <= set(items_of[a["task_id"]])
        if a["status"] == "todo":
            assert not done and a["submitted_at"] is None
        elif a["status"] == "in_progress":
            assert done and a["submitted_at"] is None
        else:
            assert done == set(items_of[a["task_id"]]) and a["submitted_at"]
        if a["status"] in ("approved", "sent_back"):
            assert users[a["reviewed_by"]]["role"] == "supervisor"
            assert _dt(a["reviewed_at"]) > _dt(a["submitted_at"])
        if a["status"] == "sent_back":
            assert a["review_reason"]
    assert len(statuses) == 5


def test_same_seed_same_chain_other_seed_other_chain() -> None:
    small = {"stores": 2, "customers_per_store": 40, "orders_per_store": 120, "today": TODAY}
    first = _collect(**small, seed=5)[0]
    again = _collect(**small, seed=5)[0]
    other = _collect(**small, seed=6)[0]
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)
    assert first["customer"][5]["phone"] != other["customer"][5]["phone"]
    assert first["order"][0]["id"] != other["order"][0]["id"]


def test_same_chain_in_another_process_with_other_hash_seeds() -> None:
    script = (
        "import hashlib, json, sys; from datetime import date;"
        "from guide_server.demo import generate_chain;"
        "h = hashlib.sha256();"
        "[h.update(json.dumps([e, b], sort_keys=True).encode()) for e, b in generate_chain("
        "stores=2, customers_per_store=30, orders_per_store=90, seed=5, today=date(2026, 11, 23))];"
        "print(h.hexdigest())"
    )
    digests = set()
    for hash_seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        digests.add(done.stdout.strip())
    here = hashlib.sha256()
    for entity, batch in generate_chain(
        stores=2, customers_per_store=30, orders_per_store=90, seed=5, today=TODAY
    ):
        here.update(json.dumps([entity, batch], sort_keys=True).encode())
    assert digests == {here.hexdigest()}


def test_bad_sizes_are_refused_with_the_argument_named() -> None:
    with pytest.raises(ValueError, match="stores"):
        next(generate_chain(stores=0))
    with pytest.raises(ValueError, match="orders_per_store"):
        next(generate_chain(orders_per_store=-1))
    with pytest.raises(ValueError, match="guides_per_store"):
        next(generate_chain(guides_per_store="3"))  # type: ignore[arg-type]


def test_a_store_without_customers_still_sells() -> None:
    rows = _collect(stores=1, customers_per_store=0, orders_per_store=30, today=TODAY)[0]
    assert "customer" not in rows and len(rows["order"]) == 30
    assert all(o["customer_id"] is None for o in rows["order"])


def test_assets_are_real_png_and_pdf_files(chain: dict[str, list[dict]]) -> None:
    """Sizes and hashes here; that each file decodes: tests/server/test_demo_materials.py."""
    assets = demo_assets()
    assert len(assets) >= 8
    kinds = Counter()
    for sha, data, mime, name in assets:
        assert hashlib.sha256(data).hexdigest() == sha
        assert len(data) < 300_000
        kinds[mime] += 1
        suffix = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}
        assert name.endswith(suffix.get(mime, ".pdf"))
        if mime == "application/pdf":
            assert data.startswith(b"%PDF-1.") and data.rstrip().endswith(b"%%EOF")
    assert kinds["image/png"] + kinds["image/jpeg"] >= 5 and kinds["application/pdf"] >= 2
    by_sha = {sha: (data, mime, name) for sha, data, mime, name in assets}
    pointing = [m for m in chain["material"] if m["blob_sha256"]]
    assert {m["kind"] for m in pointing} == {"image", "poster", "file"}
    for m in pointing:
        data, mime, name = by_sha[m["blob_sha256"]]
        assert (m["blob_size"], m["mime"], m["file_name"]) == (len(data), mime, name)
    assert demo_assets() == assets  # stable bytes, stable names
