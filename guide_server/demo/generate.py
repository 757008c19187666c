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
import hashlib
import random
import uuid
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from guide_app.sync.protocol import customer_tag_id
from guide_server.demo import content
from guide_server.demo.assets import demo_assets
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
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_CHANNELS = ("pos", "tmall", "jd", "youzan", "douyin")
_CHANNEL_CUM = (35, 60, 72, 85, 100)
_STATUSES = ("paid", "shipped", "finished", "refunded", "cancelled")
_PAID, _SHIPPED, _FINISHED, _REFUNDED, _CANCELLED = range(5)
_ITEMS_CUM = (55, 83, 95)  # 1–4 items an order: 55/28/12/5 %
#: days since the last purchase: active, cooling, sleeping, lost (35/25/25/15 %)
_GAP_BANDS = ((0, 60), (60, 180), (180, 365), (365, 905))
_GAP_CUM = (35, 60, 85)
_NO_SKU = 0xFFFF
#: Only 张三 (S001) has a phone ending in these digits.
_RESERVED_TAIL = "1234"
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
    chain = Chain(seed, today or date.today(), customers_per_store, orders_per_store)
    chain.build_org(stores, guides_per_store)
    yield from _batches("store", chain.store_rows())
    yield from _batches("user", chain.user_rows())
    yield from _batches("tag_group", content.tag_group_rows(chain))
    yield from _batches("tag", content.tag_rows(chain))
    yield from _batches("sensitive_word", content.sensitive_word_rows(chain))
    yield from _batches("script_group", content.script_group_rows(chain))
    yield from _batches("script", content.script_rows(chain))
    yield from _batches("material", content.material_rows(chain))
    yield from _batches("customer", chain.customer_rows())
    yield from _batches("customer_tag", chain.customer_tag_rows())
    yield from _batches("follow_up", chain.follow_up_rows())
    yield from _batches("order", chain.order_rows())
    tasks = content.plan_tasks(chain)
    yield from _batches("task", (t.row for t in tasks))
    yield from _batches("task_item", (row for t in tasks for row in t.items))
    yield from _batches("assignment", content.assignment_rows(chain, tasks))
    yield from _batches("item_check", content.item_check_rows(chain))


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


def _epoch_day(ordinal: int) -> int:
    """Epoch seconds of 00:00 UTC on the day with this ``date.toordinal()``."""
    return (ordinal - _EPOCH_ORDINAL) * _DAY


def _years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (29 Feb becomes 28 Feb)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


_DAY_PREFIXES: dict[int, str] = {}


def _iso(ts: int) -> str:
    """``datetime.fromtimestamp(ts, TZ).isoformat()``, three times faster (a hot path)."""
    day, second = divmod(ts + 8 * 3600, _DAY)
    prefix = _DAY_PREFIXES.get(day)
    if prefix is None:
        prefix = _DAY_PREFIXES[day] = date.fromordinal(day + _EPOCH_ORDINAL).isoformat()
    hour, rest = divmod(second, 3600)
    return f"{prefix}T{hour:02d}:{rest // 60:02d}:{rest % 60:02d}+08:00"


def _uuid_text(value: int) -> str:
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _uuid4_text(bits: int) -> str:
    """``str(uuid.UUID(int=bits, version=4))`` without building the object."""
    return _uuid_text((bits & ~(0xF000 << 64) | (0x4000 << 64)) & ~(0xC000 << 48) | (0x8000 << 48))


def _uuid5_text(namespace: bytes, name: str) -> str:
    """``str(uuid.uuid5(namespace, name))`` without building the object."""
    value = int.from_bytes(hashlib.sha1(namespace + name.encode()).digest()[:16], "big")
    return _uuid_text((value & ~(0xF000 << 64) | (0x5000 << 64)) & ~(0xC000 << 48) | (0x8000 << 48))


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


def _column(typecode: str) -> array:
    return field(default_factory=lambda: array(typecode))  # type: ignore[return-value]


@dataclass
class _Plan:
    """One store's customers and orders as compact columns (about 40 bytes an order)."""

    store: _Store
    ids: list[str] = field(default_factory=list)
    female: bytearray = field(default_factory=bytearray)
    age: bytearray = field(default_factory=bytearray)
    since: array = _column("i")  # date ordinals
    owner: array = _column("h")  # guide index, -1 = unowned
    source: bytearray = field(default_factory=bytearray)
    first: array = _column("q")  # epoch seconds of the first counted order, 0 = none
    last: array = _column("q")
    count: array = _column("i")
    spent: array = _column("q")
    o_cust: array = _column("i")  # customer index, -1 = walk-in / unmatched
    o_ts: array = _column("q")  # paid_at, epoch seconds
    o_ship: array = _column("i")  # seconds from paid to shipped, 0 = not shipped
    o_finish: array = _column("i")  # seconds from shipped (or paid at POS) to finished, -1 = not
    o_chan: bytearray = field(default_factory=bytearray)
    o_status: bytearray = field(default_factory=bytearray)
    o_amount: array = _column("q")
    o_sku: array = _column("H")  # _MAX_ITEMS product indexes per order, _NO_SKU pads
    o_qty: bytearray = field(default_factory=bytearray)

    def drop_orders(self) -> None:
        """Free the order columns once the orders are written (tasks need only customers)."""
        for name in ("o_cust", "o_ts", "o_ship", "o_finish", "o_amount", "o_sku"):
            setattr(self, name, array(getattr(self, name).typecode))
        self.o_chan, self.o_status, self.o_qty = bytearray(), bytearray(), bytearray()


# --------------------------------------------------------------------------- the chain


class Chain:
    """State shared while one chain is generated: ids, clocks, the stores and their plans."""

    def __init__(self, seed: int, today: date, customers: int, orders: int) -> None:
        self.seed = seed
        self.today = today
        self.customers = customers
        self.orders = orders
        self.now = int(datetime.combine(today, time(9, 0), TZ).timestamp())
        self.ns_bytes = uuid.uuid5(_NAMESPACE, f"guide-demo:{seed}").bytes
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
        self.started_assignments: list[tuple[dict, content.Task]] = []
        self.tz = TZ
        # popular products sell more: Zipf-like weights over a shuffled catalogue
        order = list(range(len(self.products)))
        random.Random(f"{seed}:catalogue").shuffle(order)
        weights = [0.0] * len(order)
        for rank, index in enumerate(order):
            weights[index] = 1 / (rank + 3)
        self.product_cum = _cumulative(weights)

    def id(self, kind: str, key: str) -> str:
        return _uuid5_text(self.ns_bytes, f"{kind}:{key}")

    def rng(self, purpose: str, store: _Store | None = None) -> random.Random:
        return random.Random(f"{self.seed}:{purpose}:{store.code if store else '-'}")

    def iso(self, ts: int) -> str:
        return _iso(ts)

    def sleeping_customers(self, plan: _Plan, limit: int) -> list[str]:
        """Ids of up to ``limit`` customers whose last purchase was 90–365 days ago (沉睡)."""
        found = []
        for i, cid in enumerate(plan.ids):
            if plan.count[i] and 90 * _DAY <= self.now - plan.last[i] <= 365 * _DAY:
                found.append(cid)
                if len(found) == limit:
                    break
        return found

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

    # ----------------------------------------------------------------- customers and orders

    def customer_rows(self) -> Iterator[dict]:
        for store in self.stores:
            plan = self._plan_store(store)
            self.plans.append(plan)
            yield from self._customers_of(plan)

    def _plan_store(self, store: _Store) -> _Plan:
        """Customers' cheap attributes, then their orders, summed per customer."""
        rng = self.rng("plan", store)
        plan = _Plan(store)
        spans = self._plan_customers(plan, rng)
        self._plan_orders(plan, rng, *spans)
        return plan

    def _plan_customers(self, plan: _Plan, rng: random.Random) -> tuple[array, array, list[float]]:
        """Fill the customer columns; return each one's buying window and buying weight."""
        store, today_ord, guides = plan.store, self.today.toordinal(), len(plan.store.guide_ids)
        window_start = self.now - 913 * _DAY  # 30 months of orders
        source_cum = _cumulative([w for _, w in content.SOURCE_CHANNELS])
        span_from, span_to, weights = array("q"), array("q"), []
        for i in range(self.customers):
            plan.ids.append(self.id("customer", f"{store.code}:{i}"))
            special = store.index == 0 and i < 2  # 张三 and 李四 (tests rely on them)
            plan.female.append(0 if special else rng.random() < 0.78)
            plan.age.append(35 if special else min(65, max(18, int(rng.gauss(34, 9)))))
            since = today_ord - int(2190 * rng.random() ** 1.4)  # joined in the last 6 years
            plan.since.append(since)
            owned = special or rng.random() < 0.95
            if special:  # 张三 belongs to s001-g1, 李四 to s001-g2 (masking tests)
                plan.owner.append(i % guides)
            else:
                plan.owner.append(int(rng.random() * guides) if owned else -1)
            plan.source.append(bisect.bisect(source_cum, rng.random() * source_cum[-1]))
            for column in (plan.first, plan.last, plan.count, plan.spent):
                column.append(0)
            # how long ago they last bought: active, cooling, sleeping, lost
            low, high = _GAP_BANDS[bisect.bisect(_GAP_CUM, rng.random() * 100)]
            gap = low * _DAY + int(rng.random() * (high - low) * _DAY)
            since_ts = _epoch_day(since)
            if gap >= self.now - since_ts:  # joined more recently than that: within membership
                gap = int(rng.random() * (self.now - since_ts))
            to = min(self.now - gap, self.now - 600)
            span_to.append(to)
            span_from.append(min(to, max(window_start, since_ts)))
            buyer = special or rng.random() >= 0.25
            weights.append((3.0 if special else rng.paretovariate(1.5)) if buyer else 0.0)
        return span_from, span_to, weights

    def _plan_orders(
        self, plan: _Plan, rng: random.Random, span_from: array, span_to: array, weights: list
    ) -> None:
        """Pick each order's customer (heavy buyers more often), time, channel, status and items."""
        n = len(plan.ids)
        cum = _cumulative(weights) if n else [0.0]
        total = cum[-1]
        window_start = self.now - 913 * _DAY
        prices = [p.price_cents for p in self.products]
        product_cum, product_total = self.product_cum, self.product_cum[-1]
        counted = (_PAID, _SHIPPED, _FINISHED)
        # 张三 and 李四 always have a purchase history, however small the chain
        forced = (0, 0, 0, 1, 1) if plan.store.index == 0 and n >= 2 and total > 0 else ()
        for k in range(self.orders):
            if total > 0 and rng.random() < 0.9:
                c = min(bisect.bisect(cum, rng.random() * total), n - 1)
                c = forced[k] if k < len(forced) else c
                lo, hi = span_from[c], span_to[c]
            else:
                c, lo, hi = -1, window_start, self.now - 600
            chan = bisect.bisect(_CHANNEL_CUM, rng.random() * 100)
            drawn = lo + int(rng.random() * (hi - lo))
            day_second = (drawn + 8 * 3600) % _DAY  # squeeze into opening / waking hours
            opening, hours = (36000, 12) if chan == 0 else (28800, 16)
            ts = drawn - day_second + opening + day_second * hours // 24
            if ts > self.now - 60:  # later today than "now": same time yesterday, if allowed
                ts = ts - _DAY if ts - _DAY >= lo else drawn
            status, ship, finish = self._order_status(rng, chan, self.now - ts)
            amount = 0
            n_items = 1 + bisect.bisect(_ITEMS_CUM, rng.random() * 100)
            for k in range(_MAX_ITEMS):
                if k < n_items:
                    sku = bisect.bisect(product_cum, rng.random() * product_total)
                    roll = rng.random()
                    qty = 1 if roll < 0.85 else 2 if roll < 0.95 else 3
                    amount += prices[sku] * qty
                else:
                    sku, qty = _NO_SKU, 0
                plan.o_sku.append(sku)
                plan.o_qty.append(qty)
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
                plan.last[c] = max(plan.last[c], ts)

    @staticmethod
    def _order_status(rng: random.Random, chan: int, age: int) -> tuple[int, int, int]:
        """(status, seconds paid→shipped, seconds →finished) consistent with the order's age."""
        roll = rng.random()
        if chan == 0:  # POS: paid and finished at the counter
            return (_REFUNDED, 0, -1) if roll < 0.05 else (_FINISHED, 0, 0)
        if roll < 0.03:
            return _CANCELLED, 0, -1
        ship = 4 * 3600 + int(rng.random() * 32 * 3600)
        finish = 2 * _DAY + int(rng.random() * 5 * _DAY)
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
            known = store.index == 0 and i < 2  # 张三 and 李四: complete records for tests
            if known:
                family, name = ("张", "张三") if i == 0 else ("李", "李四")
            else:
                family, name = person_name(rng, female)
            if store.index == 0 and i == 0:
                phone = mobile(rng, self.phones, suffix=_RESERVED_TAIL)
            else:
                phone = mobile(rng, self.phones, avoid_suffix=_RESERVED_TAIL)
            self.member_counter += 1
            member_no = ""
            if rng.random() < 0.95 or known:
                member_no = f"M{_scramble(self.member_counter, 10**10, self.seed):010d}"
            spent = plan.spent[i]
            level = next(code for floor, code in _LEVELS if spent >= floor)
            birth = _years_before(self.today, age) - timedelta(days=rng.randrange(365))
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
                "birthday": birth.isoformat() if rng.random() < 0.9 or known else None,
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
                "created_at": _iso(_epoch_day(since) + 3 * 3600 + int(rng.random() * 10 * 3600)),
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
                since_ts = _epoch_day(plan.since[i])
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
            "added_at": _iso(start + int(rng.random() * (self.now - start))),
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
                since_ts = _epoch_day(plan.since[i])
                start = max(since_ts, self.now - 180 * _DAY)
                moments = sorted(
                    start + int(rng.random() * (self.now - start)) for _ in range(rng.randint(1, 4))
                )
                for n, at in enumerate(moments):
                    channel = rng.choices(channels, (55, 10, 15, 20))[0]
                    product = self.products[int(rng.random() * len(self.products))].name
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
                        "created_at": _iso(min(self.now, at + 5 + int(rng.random() * 600))),
                    }

    def order_rows(self) -> Iterator[dict]:
        logistic_prefixes = ("SF", "YT", "ZTO", "JT")
        products = self.products
        for plan in self.plans:
            store, rng = plan.store, self.rng("orders", plan.store)
            pos_daily: dict[str, int] = {}
            for k in sorted(range(len(plan.o_ts)), key=plan.o_ts.__getitem__):
                chan, ts, status = plan.o_chan[k], plan.o_ts[k], plan.o_status[k]
                self.channel_counter[chan] += 1
                seq = self.channel_counter[chan]
                paid = _iso(ts)
                number = _channel_order_no(chan, seq, paid, store.code, pos_daily)
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
                    "id": _uuid4_text(rng.getrandbits(128)),
                    "channel": _CHANNELS[chan],
                    "channel_order_no": number,
                    "store_id": store.id,
                    "customer_id": plan.ids[c] if c >= 0 else None,
                    "status": _STATUSES[status],
                    "amount_cents": plan.o_amount[k],
                    "items": items,
                    "paid_at": paid,
                    "shipped_at": _iso(shipped_ts) if shipped_ts else None,
                    "finished_at": _iso(finished_ts) if finished_ts else None,
                    "logistics_no": logistics,
                }
            plan.drop_orders()


def _channel_order_no(
    chan: int, seq: int, paid: str, store_code: str, pos_daily: dict[str, int]
) -> str:
    """The order number as each channel writes it; ``seq`` (per channel) makes it unique.

    ``paid`` is the ISO paid time (local, +08:00), whose digits some channels embed.
    """
    if chan == 0:  # 门店POS: store, day, running number of the day
        day = paid[:10].replace("-", "")
        pos_daily[day] = pos_daily.get(day, 0) + 1
        return f"POS-{store_code}-{day}-{pos_daily[day]:04d}"
    if chan == 1:  # 天猫: 18–19 digits
        number = f"{1 + seq % 3}{_scramble(seq, 10**17, 11):017d}"
        return number + str(seq % 10) if seq % 2 else number
    if chan == 2:  # 京东: 12 digits
        return f"2{_scramble(seq, 10**11, 29):011d}"
    if chan == 3:  # 有赞: E + paid time + 8 digits
        stamp = paid[:19].replace("-", "").replace("T", "").replace(":", "")
        return f"E{stamp}{_scramble(seq, 10**8, 7):08d}"
    return f"6{_scramble(seq, 10**18, 53):018d}"  # 抖音: 19 digits


def _cumulative(weights: list[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


if __name__ == "__main__":  # timing: python -m guide_server.demo.generate --customers 100000 …
    import argparse
    import resource
    import time as _time

    parser = argparse.ArgumentParser(description="Time the demo chain generator (no database).")
    parser.add_argument("--stores", type=int, default=1)
    parser.add_argument("--customers", type=int, default=100_000, help="per store")
    parser.add_argument("--orders", type=int, default=500_000, help="per store")
    parser.add_argument("--guides", type=int, default=3, help="per store")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started, cpu_started = _time.perf_counter(), _time.process_time()
    counts: dict[str, int] = {}
    for entity, batch in generate_chain(
        stores=args.stores,
        customers_per_store=args.customers,
        orders_per_store=args.orders,
        guides_per_store=args.guides,
        seed=args.seed,
    ):
        counts[entity] = counts.get(entity, 0) + len(batch)
    elapsed, cpu = _time.perf_counter() - started, _time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{sum(counts.values()):,} rows in {elapsed:.1f} s wall, {cpu:.1f} s CPU "
        f"(CPU time is the fair figure on a busy machine), peak RSS {peak_mb:.0f} MB"
    )
    for entity, n in counts.items():
        print(f"  {entity:<15} {n:>9,}")
