"""The demo retail chain: rows for every synced entity, generated on the fly.

``guide-server demo``, the tests and the benchmarks all seed from here, so the
same code gives a 3-store trial and a 100,000-customer / 500,000-order store.
Rows come out as ``(entity, batch)`` in dependency order and are never held
all at once: per store only a compact plan (``array`` columns) lives until its
orders are written, and the customers' derived purchase figures are summed
from that plan before the customer rows go out.

Ids are deterministic (uuid5 of the seed and a key; orders from a seeded
``random.Random``), so the same seed and ``today`` give the same chain.
"""

from __future__ import annotations

import bisect
import random
import uuid
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from guide_app.sync.protocol import customer_tag_id, item_check_id
from guide_server.demo import content
from guide_server.demo.assets import asset_by_name, demo_assets
from guide_server.demo.names import (
    mobile,
    person_name,
    product_catalogue,
    remark_name,
    staff_name,
    store_site,
)

__all__ = ["BATCH_SIZE", "DEMO_PASSWORD", "demo_assets", "generate_chain", "sign_ins"]

DEMO_PASSWORD = "demo1234"
BATCH_SIZE = 5000
#: Store clocks: the chain is in China, times carry +08:00.
TZ = timezone(timedelta(hours=8))
HQ_USERNAME = "hq"
HQ_DISPLAY_NAME = "总部运营-王敏"
#: Orders that count towards a customer's purchase figures (refunds and cancellations do not).
COUNTED_STATUSES = frozenset({"paid", "shipped", "finished"})

_NAMESPACE = uuid.UUID("0b9c5a8e-3f3e-4f0a-8d55-2f1f6b1c7a42")
_DAY = 86400
_CHANNELS = ("pos", "tmall", "jd", "youzan", "douyin")
_CHANNEL_CUM = (35, 60, 72, 85, 100)
_STATUSES = ("paid", "shipped", "finished", "refunded", "cancelled")
_PAID, _SHIPPED, _FINISHED, _REFUNDED, _CANCELLED = range(5)
_NO_SKU = 0xFFFF
_MAX_ITEMS = 4
_LEVELS = ((2_000_000, "black"), (600_000, "gold"), (200_000, "silver"), (0, "normal"))


def sign_ins(stores: int, guides_per_store: int) -> list[tuple[str, str, str]]:
    """(username, role, description) of every demo account, for the CLI to print."""
    rows = [(HQ_USERNAME, "hq", f"{HQ_DISPLAY_NAME}，可查看全部门店")]
    for index in range(stores):
        code = _store_code(index)
        site = store_site(index, _site_rng(index))
        rows.append((f"{code.lower()}-mgr", "supervisor", f"{code} {site.name} 店长"))
        for g in range(1, guides_per_store + 1):
            rows.append((f"{code.lower()}-g{g}", "guide", f"{code} {site.name} 导购"))
    return rows


def generate_chain(
    *,
    stores: int = 3,
    customers_per_store: int = 200,
    orders_per_store: int = 800,
    guides_per_store: int = 3,
    seed: int = 1,
    today: date | None = None,
) -> Iterator[tuple[str, list[dict]]]:
    """Yield (entity, batch) in dependency order: store, user, tag_group, tag, sensitive_word,
    script_group, script, material, customer, customer_tag, follow_up, order, task, task_item,
    assignment, item_check. Batches of at most 5,000 rows. Every dict validates under
    guide_app.sync.protocol.ENTITY_DATA[entity] (JSON-compatible values: ISO strings for dates/times
    are fine). Deterministic for a given seed and today."""
    for name, value, low in (
        ("stores", stores, 1),
        ("customers_per_store", customers_per_store, 0),
        ("orders_per_store", orders_per_store, 0),
        ("guides_per_store", guides_per_store, 1),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise ValueError(f"{name} 应为不小于{low}的整数, 实际为 {value!r}")
    if guides_per_store > 999 or stores > 9999:
        raise ValueError("门店最多9999家, 每店导购最多999人")
    chain = _Chain(seed, today or date.today(), customers_per_store, orders_per_store)
    chain.build_org(stores, guides_per_store)
    yield from _batches("store", chain.store_rows())
    yield from _batches("user", chain.user_rows())
    yield from _batches("tag_group", chain.tag_group_rows())
    yield from _batches("tag", chain.tag_rows())
    yield from _batches("sensitive_word", chain.sensitive_word_rows())
    yield from _batches("script_group", chain.script_group_rows())
    yield from _batches("script", chain.script_rows())
    yield from _batches("material", chain.material_rows())
    yield from _batches("customer", chain.customer_rows())
    yield from _batches("customer_tag", chain.customer_tag_rows())
    yield from _batches("follow_up", chain.follow_up_rows())
    yield from _batches("order", chain.order_rows())
    tasks = chain.plan_tasks()
    yield from _batches("task", (t.row for t in tasks))
    yield from _batches("task_item", (row for t in tasks for row in t.items))
    yield from _batches("assignment", chain.assignment_rows(tasks))
    yield from _batches("item_check", chain.item_check_rows())


def _batches(entity: str, rows: Iterable[dict]) -> Iterator[tuple[str, list[dict]]]:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH_SIZE:
            yield entity, batch
            batch = []
    if batch:
        yield entity, batch


def _store_code(index: int) -> str:
    return f"S{index + 1:03d}"


def _site_rng(index: int) -> random.Random:
    """Store sites do not depend on the seed, so ``sign_ins`` can name them."""
    return random.Random(f"store-site:{index}")


def _iso(ts: int) -> str:
    return datetime.fromtimestamp(ts, TZ).isoformat()


def _scramble(n: int, modulus: int, salt: int) -> int:
    """A bijection on ``range(modulus)`` (modulus a power of ten): unique, random-looking digits.

    Multiplying by a unit near ``modulus`` × golden ratio spreads neighbours far apart.
    """
    factor = int(modulus * 0.6180339887498949) | 1
    if factor % 5 == 0:
        factor += 2
    return (n * factor + salt * 0x9E3779B97F4A7C15 + 0x2545F4914F6CDD1D) % modulus


# --------------------------------------------------------------------------- plan records


@dataclass
class _Store:
    index: int
    code: str
    id: str
    name: str
    city: str
    region: str
    address: str
    mgr_id: str = ""
    guide_ids: list[str] = field(default_factory=list)
    tag_ids: list[str] = field(default_factory=list)  # the store-scope group's tags
    store_group_id: str = ""


@dataclass
class _Plan:
    """One store's customers and orders as compact columns (about 40 bytes an order)."""

    store: _Store
    ids: list[str]
    female: bytearray
    age: bytearray
    since: array  # date ordinals
    owner: array  # guide index, -1 = unowned
    source: bytearray
    first: array  # epoch seconds of the first counted order, 0 = none
    last: array
    count: array
    spent: array
    o_cust: array  # customer index, -1 = walk-in / unmatched
    o_ts: array  # paid_at, epoch seconds
    o_ship: array  # seconds from paid to shipped, 0 = not shipped
    o_finish: array  # seconds from shipped (or paid, at POS) to finished, -1 = not finished
    o_chan: bytearray
    o_status: bytearray
    o_amount: array
    o_sku: array  # _MAX_ITEMS product indexes per order, _NO_SKU pads
    o_qty: bytearray


@dataclass
class _Task:
    row: dict
    items: list[dict]
    store_codes: list[str]  # stores whose guides are assigned


# --------------------------------------------------------------------------- the chain


class _Chain:
    def __init__(self, seed: int, today: date, customers: int, orders: int) -> None:
        self.seed = seed
        self.today = today
        self.customers = customers
        self.orders = orders
        self.now = int(datetime.combine(today, time(9, 0), TZ).timestamp())
        self.ns = uuid.uuid5(_NAMESPACE, f"guide-demo:{seed}")
        self.products = product_catalogue()
        self.stores: list[_Store] = []
        self.plans: list[_Plan] = []
        self.hq_id = self.id("user", HQ_USERNAME)
        self.phones: set[int] = set()
        self.member_counter = 0
        self.channel_counter = [0] * len(_CHANNELS)
        self.tag_group_ids: dict[str, str] = {}
        self.tag_ids: dict[tuple[str, str], str] = {}
        self.script_ids: dict[str, str] = {}
        self.material_ids: dict[str, str] = {}
        self.assignments: list[tuple[dict, _Task]] = []
        # popular products sell more: Zipf-like weights over a shuffled catalogue
        order = list(range(len(self.products)))
        random.Random(f"{seed}:catalogue").shuffle(order)
        weights = [0.0] * len(order)
        for rank, index in enumerate(order):
            weights[index] = 1 / (rank + 3)
        self.product_cum = _cumulative(weights)

    def id(self, kind: str, key: str) -> str:
        return str(uuid.uuid5(self.ns, f"{kind}:{key}"))

    def rng(self, purpose: str, store: _Store | None = None) -> random.Random:
        return random.Random(f"{self.seed}:{purpose}:{store.code if store else '-'}")

    def date_str(self, days_from_today: int) -> str:
        return (self.today + timedelta(days=days_from_today)).isoformat()

    # ----------------------------------------------------------------- org

    def build_org(self, stores: int, guides: int) -> None:
        for index in range(stores):
            code = _store_code(index)
            site = store_site(index, _site_rng(index))
            store = _Store(
                index, code, self.id("store", code), site.name, site.city, site.region, site.address
            )
            store.mgr_id = self.id("user", f"{code.lower()}-mgr")
            store.guide_ids = [
                self.id("user", f"{code.lower()}-g{g}") for g in range(1, guides + 1)
            ]
            self.stores.append(store)

    def store_rows(self) -> Iterator[dict]:
        for s in self.stores:
            yield {
                "id": s.id,
                "code": s.code,
                "name": s.name,
                "region_id": self.id("region", s.region),
                "region_name": s.region,
                "city": s.city,
                "address": s.address,
            }

    def user_rows(self) -> Iterator[dict]:
        yield {
            "id": self.hq_id,
            "username": HQ_USERNAME,
            "display_name": HQ_DISPLAY_NAME,
            "role": "hq",
            "store_id": None,
            "active": True,
        }
        for s in self.stores:
            rng = self.rng("staff", s)
            prefix = s.code.lower()
            yield {
                "id": s.mgr_id,
                "username": f"{prefix}-mgr",
                "display_name": f"店长-{staff_name(rng)}",
                "role": "supervisor",
                "store_id": s.id,
                "active": True,
            }
            for g, guide_id in enumerate(s.guide_ids, start=1):
                yield {
                    "id": guide_id,
                    "username": f"{prefix}-g{g}",
                    "display_name": staff_name(rng),
                    "role": "guide",
                    "store_id": s.id,
                    "active": True,
                }

    # ----------------------------------------------------------------- HQ content

    def tag_group_rows(self) -> Iterator[dict]:
        for sort, (name, choice, roles, _tags) in enumerate(content.TAG_GROUPS):
            gid = self.tag_group_ids[name] = self.id("tag_group", name)
            yield {
                "id": gid,
                "name": name,
                "choice": choice,
                "scope": "hq",
                "store_id": None,
                "visible_roles": list(roles),
                "sort": sort,
            }
        name, choice, _tags = content.STORE_TAG_GROUP
        for s in self.stores:
            s.store_group_id = self.id("tag_group", f"{name}:{s.code}")
            yield {
                "id": s.store_group_id,
                "name": name,
                "choice": choice,
                "scope": "store",
                "store_id": s.id,
                "visible_roles": [],
                "sort": len(content.TAG_GROUPS),
            }

    def tag_rows(self) -> Iterator[dict]:
        for group, _choice, _roles, tags in content.TAG_GROUPS:
            for sort, (tag, color) in enumerate(tags):
                tid = self.tag_ids[(group, tag)] = self.id("tag", f"{group}:{tag}")
                yield {
                    "id": tid,
                    "group_id": self.tag_group_ids[group],
                    "name": tag,
                    "color": color,
                    "sort": sort,
                }
        group, _choice, tags = content.STORE_TAG_GROUP
        for s in self.stores:
            count = 2 + s.index % 2  # 2–3 tags per store
            for sort, (tag, color) in enumerate(tags[:count]):
                tid = self.id("tag", f"{group}:{s.code}:{tag}")
                s.tag_ids.append(tid)
                yield {
                    "id": tid,
                    "group_id": s.store_group_id,
                    "name": tag,
                    "color": color,
                    "sort": sort,
                }

    def sensitive_word_rows(self) -> Iterator[dict]:
        for word, severity in content.SENSITIVE_WORDS:
            yield {"id": self.id("sensitive_word", word), "word": word, "severity": severity}

    def script_group_rows(self) -> Iterator[dict]:
        for sort, (key, name, parent) in enumerate(content.SCRIPT_GROUPS):
            yield {
                "id": self.id("script_group", key),
                "name": name,
                "scope": "hq",
                "parent_id": self.id("script_group", parent) if parent else None,
                "store_id": None,
                "owner_id": None,
                "sort": sort,
            }
        for s in self.stores:
            yield {
                "id": self.id("script_group", f"store:{s.code}"),
                "name": "本店话术",
                "scope": "store",
                "parent_id": None,
                "store_id": s.id,
                "owner_id": None,
                "sort": 100,
            }

    def script_rows(self) -> Iterator[dict]:
        rng = self.rng("scripts")
        for material_key, *_ in content.MATERIALS:
            self.material_ids[material_key] = self.id("material", material_key)
        for n, (group, title, body, keywords, material) in enumerate(content.SCRIPTS):
            sid = self.script_ids[title] = self.id("script", f"hq:{n}")
            items = []
            if material:
                if rng.random() < 0.5:
                    items.append(
                        {"kind": "text", "text": "给您发一下详细介绍👇", "material_id": None}
                    )
                items.append(
                    {"kind": "material", "text": "", "material_id": self.material_ids[material]}
                )
            timed = group.startswith("events")
            used = int(rng.paretovariate(1.2) * 20) - 20 if rng.random() < 0.85 else 0
            yield {
                "id": sid,
                "group_id": self.id("script_group", group),
                "title": title,
                "body": body,
                "keywords": list(keywords),
                "scope": "hq",
                "store_id": None,
                "owner_id": None,
                "items": items,
                "use_count": used,
                "valid_from": self.date_str(-30) if timed else None,
                "valid_to": self.date_str(rng.randint(10, 40)) if timed else None,
                "last_used_at": _iso(self.now - rng.randrange(30 * _DAY)) if used else None,
            }
        for s in self.stores:
            for n, (title, body, keywords) in enumerate(content.STORE_SCRIPTS):
                yield {
                    "id": self.id("script", f"{s.code}:{n}"),
                    "title": title,
                    "body": body,
                    "group_id": self.id("script_group", f"store:{s.code}"),
                    "keywords": list(keywords),
                    "scope": "store",
                    "store_id": s.id,
                    "owner_id": None,
                    "items": [],
                    "use_count": rng.randrange(50),
                    "valid_from": None,
                    "valid_to": None,
                    "last_used_at": None,
                }
        title, body = content.PERSONAL_SCRIPT
        for guide_id in self.stores[0].guide_ids:
            yield {
                "id": self.id("script", f"personal:{guide_id}"),
                "title": title,
                "body": body,
                "group_id": None,
                "keywords": ["常用"],
                "scope": "personal",
                "store_id": None,
                "owner_id": guide_id,
                "items": [],
                "use_count": rng.randrange(200),
                "valid_from": None,
                "valid_to": None,
                "last_used_at": None,
            }

    def material_rows(self) -> Iterator[dict]:
        rng = self.rng("materials")
        for key, kind, title, desc, tags, target, visibility in content.MATERIALS:
            row = {
                "id": self.material_ids[key],
                "kind": kind,
                "title": title,
                "description": desc,
                "tags": list(tags),
                "blob_sha256": None,
                "blob_size": None,
                "mime": None,
                "file_name": None,
                "url": None,
                "visibility": {"region_ids": [], "store_ids": [], "roles": []},
                "valid_from": None,
                "valid_to": None,
                "use_count": int(rng.paretovariate(1.3) * 30) - 30,
            }
            if target.endswith((".png", ".pdf")):
                sha, data, mime, file_name = asset_by_name(target)
                row.update(blob_sha256=sha, blob_size=len(data), mime=mime, file_name=file_name)
            elif target:
                row["url"] = target
            axis, _, value = visibility.partition(":")
            if axis == "region":
                row["visibility"]["region_ids"] = [self.id("region", value)]
            elif axis == "role":
                row["visibility"]["roles"] = [value, "hq"]
            if "1111" in key:
                row.update(valid_from=self.date_str(-20), valid_to=self.date_str(15))
            yield row

    # ----------------------------------------------------------------- customers and orders

    def customer_rows(self) -> Iterator[dict]:
        for store in self.stores:
            plan = self._plan_store(store)
            self.plans.append(plan)
            yield from self._customers_of(plan)

    def _plan_store(self, store: _Store) -> _Plan:
        rng = self.rng("plan", store)
        n, today_ord, guides = self.customers, self.today.toordinal(), len(store.guide_ids)
        window_start = self.now - 913 * _DAY  # 30 months
        source_cum = _cumulative([w for _, w in content.SOURCE_CHANNELS])
        plan = _Plan(
            store,
            [],
            bytearray(n),
            bytearray(n),
            array("i"),
            array("h"),
            bytearray(n),
            array("q", bytes(8 * n)),
            array("q", bytes(8 * n)),
            array("i", bytes(4 * n)),
            array("q", bytes(8 * n)),
            array("i"),
            array("q"),
            array("i"),
            array("i"),
            bytearray(),
            bytearray(),
            array("q"),
            array("H"),
            bytearray(),
        )
        span_from, span_to, weights = array("q"), array("q"), []
        for i in range(n):
            plan.ids.append(self.id("customer", f"{store.code}:{i}"))
            special = store.index == 0 and i < 2  # 张三 and 李四 (tests rely on them)
            plan.female[i] = 0 if special else rng.random() < 0.78
            age = 35 if special else min(65, max(18, int(rng.gauss(34, 9))))
            plan.age[i] = age
            since = today_ord - int(2190 * rng.random() ** 1.4)
            plan.since.append(since)
            plan.owner.append(
                0 if special else (rng.randrange(guides) if rng.random() < 0.95 else -1)
            )
            plan.source[i] = bisect.bisect(source_cum, rng.random() * source_cum[-1])
            gap = rng.choices(
                (
                    rng.randrange(60),
                    60 + rng.randrange(120),
                    180 + rng.randrange(185),
                    365 + rng.randrange(540),
                ),
                (35, 25, 25, 15),
            )[0]
            to = max(
                self.now - gap * _DAY - rng.randrange(_DAY),
                (since - 719163) * _DAY + 10 * 3600 - 8 * 3600,
            )
            to = min(to, self.now - 600)
            span_to.append(to)
            span_from.append(min(to, max(window_start, (since - 719163) * _DAY)))
            buyer = special or rng.random() >= 0.25
            weights.append((3.0 if special else rng.paretovariate(1.5)) if buyer else 0.0)
        cum = _cumulative(weights) if n else [0.0]
        total = cum[-1]
        prices = [p.price_cents for p in self.products]
        product_cum, product_total = self.product_cum, self.product_cum[-1]
        counted = (_PAID, _SHIPPED, _FINISHED)
        for _ in range(self.orders):
            if total > 0 and rng.random() < 0.9:
                c = min(bisect.bisect(cum, rng.random() * total), n - 1)
                lo, hi = span_from[c], span_to[c]
            else:
                c, lo, hi = -1, window_start, self.now - 600
            chan = bisect.bisect(_CHANNEL_CUM, rng.random() * 100)
            ts = lo + int(rng.random() * (hi - lo))
            day_second = (ts + 8 * 3600) % _DAY  # squeeze into opening / waking hours
            opening = (36000, 12) if chan == 0 else (28800, 16)
            ts = ts - day_second + opening[0] + day_second * opening[1] // 24
            if ts > self.now - 60:  # later today than "now": the day before, same time
                ts = max(lo, ts - _DAY)
            status, ship, finish = self._order_status(rng, chan, self.now - ts)
            amount = 0
            n_items = rng.choices((1, 2, 3, 4), (55, 28, 12, 5))[0]
            for k in range(_MAX_ITEMS):
                if k < n_items:
                    sku = bisect.bisect(product_cum, rng.random() * product_total)
                    qty = 1 if rng.random() < 0.85 else rng.choice((2, 2, 3))
                    amount += prices[sku] * qty
                    plan.o_sku.append(sku)
                    plan.o_qty.append(qty)
                else:
                    plan.o_sku.append(_NO_SKU)
                    plan.o_qty.append(0)
            plan.o_cust.append(c)
            plan.o_ts.append(ts)
            plan.o_ship.append(ship)
            plan.o_finish.append(finish)
            plan.o_chan.append(chan)
            plan.o_status.append(status)
            plan.o_amount.append(amount)
            if c >= 0 and status in counted:
                plan.count[c] += 1
                plan.spent[c] += amount
                if not plan.first[c] or ts < plan.first[c]:
                    plan.first[c] = ts
                if ts > plan.last[c]:
                    plan.last[c] = ts
        return plan

    @staticmethod
    def _order_status(rng: random.Random, chan: int, age: int) -> tuple[int, int, int]:
        """(status, seconds paid→shipped, seconds →finished) consistent with the order's age."""
        roll = rng.random()
        if chan == 0:  # POS: paid and finished at the counter
            return (_REFUNDED, 0, -1) if roll < 0.05 else (_FINISHED, 0, 0)
        if roll < 0.03:
            return _CANCELLED, 0, -1
        ship = 4 * 3600 + rng.randrange(32 * 3600)
        finish = 2 * _DAY + rng.randrange(5 * _DAY)
        if roll < 0.09:
            return (_REFUNDED, ship, -1) if ship < age and roll < 0.06 else (_REFUNDED, 0, -1)
        if ship >= age:
            return _PAID, 0, -1
        if ship + finish >= age:
            return _SHIPPED, ship, -1
        return _FINISHED, ship, finish

    def _customers_of(self, plan: _Plan) -> Iterator[dict]:
        store = plan.store
        rng = self.rng("people", store)
        sources = [name for name, _ in content.SOURCE_CHANNELS]
        for i, cid in enumerate(plan.ids):
            female, age = bool(plan.female[i]), plan.age[i]
            if store.index == 0 and i < 2:
                family, name = ("张", "张三") if i == 0 else ("李", "李四")
                phone = mobile(rng, self.phones, suffix="1234" if i == 0 else "")
            else:
                family, name = person_name(rng, female)
                phone = mobile(rng, self.phones)
            self.member_counter += 1
            member_no = ""
            if rng.random() < 0.95:
                member_no = f"M{_scramble(self.member_counter, 10**10, self.seed):010d}"
            spent = plan.spent[i]
            level = next(code for floor, code in _LEVELS if spent >= floor)
            birth = date.fromordinal(self.today.toordinal() - age * 365 - rng.randrange(365))
            since = plan.since[i]
            owner = plan.owner[i]
            yield {
                "id": cid,
                "store_id": store.id,
                "owner_id": store.guide_ids[owner] if owner >= 0 else None,
                "name": name,
                "remark_name": remark_name(rng, family, female, age) if rng.random() < 0.3 else "",
                "phone": phone,
                "phone_masked": False,
                "member_no": member_no,
                "level": level,
                "birthday": birth.isoformat() if rng.random() < 0.9 else None,
                "member_since": date.fromordinal(since).isoformat() if member_no else None,
                "source_channel": sources[plan.source[i]],
                "in_group": rng.random() < 0.6,
                "consent_sms": rng.random() < 0.45,
                "consent_wecom": rng.random() < 0.92,
                "notes": rng.choice(content.NOTES) if rng.random() < 0.15 else "",
                "first_purchase_at": _iso(plan.first[i]) if plan.count[i] else None,
                "last_purchase_at": _iso(plan.last[i]) if plan.count[i] else None,
                "order_count": plan.count[i],
                "total_spent_cents": spent,
                "created_at": _iso((since - 719163) * _DAY + 3 * 3600 + rng.randrange(10 * 3600)),
            }

    def customer_tag_rows(self) -> Iterator[dict]:
        hq_groups = {
            name: [self.tag_ids[(name, t)] for t, _ in tags]
            for name, _c, _r, tags in content.TAG_GROUPS
        }
        source_tags = [self.tag_ids[("来源渠道", name)] for name, _ in content.SOURCE_CHANNELS]
        for plan in self.plans:
            store, rng = plan.store, self.rng("tags", plan.store)
            for i, cid in enumerate(plan.ids):
                female, age = plan.female[i], plan.age[i]
                picked: list[str] = []
                if rng.random() < (0.8 if female else 0.4):
                    picked.append(rng.choice(hq_groups["肤质"]))
                if female and 24 <= age <= 40 and rng.random() < 0.25:
                    picked.append(rng.choice(hq_groups["宝宝月龄"]))
                if rng.random() < 0.6:
                    picked += rng.sample(hq_groups["消费偏好"], rng.choice((1, 1, 2)))
                if rng.random() < 0.5:
                    picked.append(source_tags[plan.source[i]])
                if rng.random() < 0.3:
                    picked.append(rng.choice(hq_groups["兴趣"]))
                if rng.random() < 0.25:
                    picked.append(rng.choice(hq_groups["会员意向"]))
                if store.tag_ids and rng.random() < 0.1:
                    picked.append(rng.choice(store.tag_ids))
                risky = rng.random() < 0.01
                owner = plan.owner[i]
                by = store.guide_ids[owner] if owner >= 0 else store.mgr_id
                since_ts = (plan.since[i] - 719163) * _DAY
                for tid in picked[: 4 if risky else 5]:
                    yield self._tag_link(cid, tid, store, by, rng, since_ts)
                if risky:
                    tid = rng.choice(hq_groups["风险标记"])
                    yield self._tag_link(cid, tid, store, store.mgr_id, rng, since_ts)

    def _tag_link(
        self, cid: str, tid: str, store: _Store, by: str, rng: random.Random, since_ts: int
    ) -> dict:
        start = max(since_ts, self.now - 700 * _DAY)
        return {
            "id": customer_tag_id(cid, tid),
            "customer_id": cid,
            "tag_id": tid,
            "store_id": store.id,
            "added_by": by,
            "added_at": _iso(start + rng.randrange(max(1, self.now - start))),
        }

    def follow_up_rows(self) -> Iterator[dict]:
        channels = list(content.FOLLOW_UP_TEXTS)
        for plan in self.plans:
            store, rng = plan.store, self.rng("follow_ups", plan.store)
            for i, cid in enumerate(plan.ids):
                if rng.random() >= 0.4:
                    continue
                owner = plan.owner[i]
                guide = store.guide_ids[owner] if owner >= 0 else store.guide_ids[0]
                since_ts = (plan.since[i] - 719163) * _DAY
                start = max(since_ts, self.now - 180 * _DAY)
                moments = sorted(
                    start + rng.randrange(max(1, self.now - start))
                    for _ in range(rng.randint(1, 4))
                )
                for n, at in enumerate(moments):
                    channel = rng.choices(channels, (55, 10, 15, 20))[0]
                    product = self.products[rng.randrange(len(self.products))].name
                    text = rng.choice(content.FOLLOW_UP_TEXTS[channel]).format(product=product)
                    nxt = None
                    if rng.random() < 0.3:
                        nxt = (
                            datetime.fromtimestamp(at, TZ).date()
                            + timedelta(days=rng.randint(3, 30))
                        ).isoformat()
                    yield {
                        "id": self.id("follow_up", f"{cid}:{n}"),
                        "customer_id": cid,
                        "store_id": store.id,
                        "guide_id": guide,
                        "channel": channel,
                        "text": text,
                        "at": _iso(at),
                        "next_follow_up_on": nxt,
                        "created_at": _iso(min(self.now, at + rng.randrange(5, 600))),
                    }

    def order_rows(self) -> Iterator[dict]:
        logistic_prefixes = ("SF", "YT", "ZTO", "JT")
        products = self.products
        for p_index, plan in enumerate(self.plans):
            store, rng = plan.store, self.rng("orders", plan.store)
            pos_daily: dict[str, int] = {}
            for k in sorted(range(len(plan.o_ts)), key=plan.o_ts.__getitem__):
                chan, ts, status = plan.o_chan[k], plan.o_ts[k], plan.o_status[k]
                self.channel_counter[chan] += 1
                seq = self.channel_counter[chan]
                paid = datetime.fromtimestamp(ts, TZ)
                if chan == 0:
                    day = paid.strftime("%Y%m%d")
                    pos_daily[day] = pos_daily.get(day, 0) + 1
                    number = f"POS-{store.code}-{day}-{pos_daily[day]:04d}"
                elif chan == 1:  # 天猫: 18–19 digits
                    number = f"{1 + seq % 3}{_scramble(seq, 10**17, 11):017d}"
                    number = number + str(seq % 10) if seq % 2 else number
                elif chan == 2:  # 京东: 12 digits
                    number = f"2{_scramble(seq, 10**11, 29):011d}"
                elif chan == 3:  # 有赞: E + time + 8 digits
                    number = f"E{paid:%Y%m%d%H%M%S}{_scramble(seq, 10**8, 7):08d}"
                else:  # 抖音: 19 digits
                    number = f"6{_scramble(seq, 10**18, 53):018d}"
                ship, finish = plan.o_ship[k], plan.o_finish[k]
                shipped_ts = ts + ship if ship else 0
                logistics = ""
                if shipped_ts:
                    prefix = "JDVA" if chan == 2 else logistic_prefixes[seq % 4]
                    logistics = f"{prefix}{_scramble(seq * 5 + chan, 10**12, 97):012d}"
                finished_ts = (shipped_ts or ts) + finish if finish >= 0 else 0
                items = []
                base = k * _MAX_ITEMS
                for slot in range(base, base + _MAX_ITEMS):
                    sku = plan.o_sku[slot]
                    if sku == _NO_SKU:
                        break
                    product = products[sku]
                    items.append(
                        {
                            "sku": product.sku,
                            "name": product.name,
                            "qty": plan.o_qty[slot],
                            "price_cents": product.price_cents,
                        }
                    )
                c = plan.o_cust[k]
                yield {
                    "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "channel": _CHANNELS[chan],
                    "channel_order_no": number,
                    "store_id": store.id,
                    "customer_id": plan.ids[c] if c >= 0 else None,
                    "status": _STATUSES[status],
                    "amount_cents": plan.o_amount[k],
                    "items": items,
                    "paid_at": paid.isoformat(),
                    "shipped_at": _iso(shipped_ts) if shipped_ts else None,
                    "finished_at": _iso(finished_ts) if finished_ts else None,
                    "logistics_no": logistics,
                }
            # the orders are written: keep only what tasks need (last purchase, owners)
            for column in ("o_cust", "o_ts", "o_ship", "o_finish", "o_amount", "o_sku"):
                setattr(plan, column, array(getattr(plan, column).typecode))
            plan.o_chan, plan.o_status, plan.o_qty = bytearray(), bytearray(), bytearray()
            self.plans[p_index] = plan

    # ----------------------------------------------------------------- tasks

    def plan_tasks(self) -> list[_Task]:
        rng = self.rng("tasks")
        tasks: list[_Task] = []
        east = [s for s in self.stores if s.region == self.stores[0].region]
        for key, title, kind, desc, due, recurrence, items in content.HQ_TASKS:
            targets = east if key == "t_moments" else self.stores
            row = self._task_row(
                self.id("task", key),
                title,
                kind,
                desc,
                due,
                recurrence,
                self.hq_id,
                "hq",
                [s.id for s in targets] if targets is east else [],
                rng,
            )
            tasks.append(
                _Task(row, self._task_items(row["id"], items, []), [s.code for s in targets])
            )
        key, title, kind, desc, due, recurrence, items = content.STORE_TASK
        for plan in self.plans:
            s = plan.store
            sleeping = [
                cid
                for i, cid in enumerate(plan.ids)
                if plan.count[i] and 90 * _DAY <= self.now - plan.last[i] <= 365 * _DAY
            ]
            row = self._task_row(
                self.id("task", f"{key}:{s.code}"),
                title,
                kind,
                desc,
                due,
                recurrence,
                s.mgr_id,
                "store",
                [s.id],
                rng,
            )
            tasks.append(_Task(row, self._task_items(row["id"], items, sleeping[:8]), [s.code]))
        return tasks

    def _task_row(
        self,
        tid: str,
        title: str,
        kind: str,
        desc: str,
        due: int,
        recurrence: str | None,
        by: str,
        scope: str,
        store_ids: list[str],
        rng: random.Random,
    ) -> dict:
        due_at = datetime.combine(self.today + timedelta(days=due), time(22, 0), TZ)
        created = due_at - timedelta(days=rng.randint(7, 14), hours=rng.randint(0, 8))
        return {
            "id": tid,
            "title": title,
            "kind": kind,
            "description": desc,
            "created_by": by,
            "scope": scope,
            "store_ids": store_ids,
            "guide_ids": [],
            "due_at": due_at.isoformat(),
            "recurrence": recurrence,
            "created_at": created.isoformat(),
        }

    def _task_items(self, task_id: str, items: tuple, customers: list[str]) -> list[dict]:
        rows = []
        for sort, (text, script, material, targeted, evidence) in enumerate(items):
            rows.append(
                {
                    "id": self.id("task_item", f"{task_id}:{sort}"),
                    "task_id": task_id,
                    "sort": sort,
                    "text": text,
                    "script_id": self.script_ids[script] if script else None,
                    "material_id": self.material_ids[material] if material else None,
                    "customer_ids": list(customers) if targeted else [],
                    "requires_evidence": evidence,
                }
            )
        return rows

    def assignment_rows(self, tasks: list[_Task]) -> Iterator[dict]:
        rng = self.rng("assignments")
        by_code = {s.code: s for s in self.stores}
        for task in tasks:
            overdue = task.row["due_at"] < datetime.combine(self.today, time(9, 0), TZ).isoformat()
            mix = (10, 10, 20, 50, 10) if overdue else (40, 30, 15, 10, 5)
            for code in task.store_codes:
                store = by_code[code]
                for guide_id in store.guide_ids:
                    status = rng.choices(
                        ("todo", "in_progress", "submitted", "approved", "sent_back"), mix
                    )[0]
                    row = {
                        "id": self.id("assignment", f"{task.row['id']}:{guide_id}"),
                        "task_id": task.row["id"],
                        "guide_id": guide_id,
                        "store_id": store.id,
                        "status": status,
                        "submitted_at": None,
                        "reviewed_by": None,
                        "reviewed_at": None,
                        "review_reason": "",
                    }
                    if status in ("submitted", "approved", "sent_back"):
                        submitted = self.now - rng.randrange(3600, 5 * _DAY)
                        row["submitted_at"] = _iso(submitted)
                        if status != "submitted":
                            row["reviewed_by"] = store.mgr_id
                            row["reviewed_at"] = _iso(
                                submitted + rng.randrange(600, self.now - submitted)
                            )
                        if status == "sent_back":
                            row["review_reason"] = rng.choice(
                                (
                                    "照片不清晰，请重新拍摄",
                                    "名单上还有3位会员未联系",
                                    "价签未更换，请整改后再提交",
                                )
                            )
                    if status != "todo":
                        self.assignments.append((row, task))
                    yield row

    def item_check_rows(self) -> Iterator[dict]:
        rng = self.rng("checks")
        evidence = asset_by_name("evidence_shelf.png")[0]
        for row, task in self.assignments:
            items = task.items
            if row["status"] == "in_progress":
                chosen = items[: rng.randint(1, max(1, len(items) - 1))]
                end = self.now - 60
            else:
                chosen = items
                end = datetime.fromisoformat(row["submitted_at"]).timestamp()
            for n, item in enumerate(chosen):
                done_at = int(end) - (len(chosen) - n) * rng.randrange(300, 4 * 3600)
                yield {
                    "id": item_check_id(row["id"], item["id"]),
                    "assignment_id": row["id"],
                    "item_id": item["id"],
                    "store_id": row["store_id"],
                    "done": True,
                    "done_at": _iso(done_at),
                    "note": rng.choice(("", "", "已完成", "顾客已回复", "明天继续跟进")),
                    "evidence_sha256": evidence if item["requires_evidence"] else None,
                    "checked_by": row["guide_id"],
                }


def _cumulative(weights: list[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out
