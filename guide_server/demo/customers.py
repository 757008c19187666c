"""Customers of the demo chain, with their tags and follow-ups.

Per store the customers' cheap attributes are planned first, then their
orders (``orders.plan_orders``), so each customer row carries purchase
figures summed from the orders it will really have. 张三 and 李四 (the first
store's first two customers) always have complete records: tests rely on them.
"""

from __future__ import annotations

import bisect
import random
from array import array
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from guide_core.protocol import customer_tag_id
from guide_server.demo import content
from guide_server.demo.clock import DAY, TZ, epoch_day, iso, years_before
from guide_server.demo.ids import scramble
from guide_server.demo.names import mobile, person_name, remark_name
from guide_server.demo.orders import plan_orders
from guide_server.demo.plan import Plan, Store, cumulative

if TYPE_CHECKING:
    from guide_server.demo.chain import Chain

#: days since the last purchase: active, cooling, sleeping, lost (35/25/25/15 %)
_GAP_BANDS = ((0, 60), (60, 180), (180, 365), (365, 905))
_GAP_CUM = (35, 60, 85)
#: Only 张三 (S001) has a phone ending in these digits.
_RESERVED_TAIL = "1234"
_LEVELS = ((2_000_000, "black"), (600_000, "gold"), (200_000, "silver"), (0, "normal"))


def customer_rows(chain: Chain) -> Iterator[dict]:
    for store in chain.stores:
        plan = _plan_store(chain, store)
        chain.plans.append(plan)
        yield from _customers_of(chain, plan)


def _plan_store(chain: Chain, store: Store) -> Plan:
    """Customers' cheap attributes, then their orders, summed per customer."""
    rng = chain.rng("plan", store)
    plan = Plan(store)
    spans = _plan_customers(chain, plan, rng)
    plan_orders(chain, plan, rng, *spans)
    return plan


def _plan_customers(
    chain: Chain, plan: Plan, rng: random.Random
) -> tuple[array, array, list[float]]:
    """Fill the customer columns; return each one's buying window and buying weight."""
    store, today_ord, guides = plan.store, chain.today.toordinal(), len(plan.store.guide_ids)
    window_start = chain.now - 913 * DAY  # 30 months of orders
    source_cum = cumulative([w for _, w in content.SOURCE_CHANNELS])
    span_from, span_to, weights = array("q"), array("q"), []
    for i in range(chain.customers):
        plan.ids.append(chain.id("customer", f"{store.code}:{i}"))
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
        gap = low * DAY + int(rng.random() * (high - low) * DAY)
        since_ts = epoch_day(since)
        if gap >= chain.now - since_ts:  # joined more recently than that: within membership
            gap = int(rng.random() * (chain.now - since_ts))
        to = min(chain.now - gap, chain.now - 600)
        span_to.append(to)
        span_from.append(min(to, max(window_start, since_ts)))
        buyer = special or rng.random() >= 0.25
        weights.append((3.0 if special else rng.paretovariate(1.5)) if buyer else 0.0)
    return span_from, span_to, weights


def _customers_of(chain: Chain, plan: Plan) -> Iterator[dict]:
    store = plan.store
    rng = chain.rng("people", store)
    sources = [name for name, _ in content.SOURCE_CHANNELS]
    for i, cid in enumerate(plan.ids):
        female, age = bool(plan.female[i]), plan.age[i]
        known = store.index == 0 and i < 2  # 张三 and 李四: complete records for tests
        if known:
            family, name = ("张", "张三") if i == 0 else ("李", "李四")
        else:
            family, name = person_name(rng, female)
        if store.index == 0 and i == 0:
            phone = mobile(rng, chain.phones, suffix=_RESERVED_TAIL)
        else:
            phone = mobile(rng, chain.phones, avoid_suffix=_RESERVED_TAIL)
        chain.member_counter += 1
        member_no = ""
        if rng.random() < 0.95 or known:
            member_no = f"M{scramble(chain.member_counter, 10**10, chain.seed):010d}"
        spent = plan.spent[i]
        level = next(code for floor, code in _LEVELS if spent >= floor)
        birth = years_before(chain.today, age) - timedelta(days=rng.randrange(365))
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
            "first_purchase_at": iso(plan.first[i]) if plan.count[i] else None,
            "last_purchase_at": iso(plan.last[i]) if plan.count[i] else None,
            "order_count": plan.count[i],
            "total_spent_cents": spent,
            "created_at": iso(epoch_day(since) + 3 * 3600 + int(rng.random() * 10 * 3600)),
        }


def customer_tag_rows(chain: Chain) -> Iterator[dict]:
    hq_groups = {
        name: [chain.tag_ids[(name, t)] for t, _ in tags]
        for name, _c, _r, tags in content.TAG_GROUPS
    }
    source_tags = [chain.tag_ids[("来源渠道", name)] for name, _ in content.SOURCE_CHANNELS]
    for plan in chain.plans:
        store, rng = plan.store, chain.rng("tags", plan.store)
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
            since_ts = epoch_day(plan.since[i])
            for tid in picked[: 4 if risky else 5]:
                yield _tag_link(chain, cid, tid, store, by, rng, since_ts)
            if risky:
                tid = rng.choice(hq_groups["风险标记"])
                yield _tag_link(chain, cid, tid, store, store.mgr_id, rng, since_ts)


def _tag_link(
    chain: Chain, cid: str, tid: str, store: Store, by: str, rng: random.Random, since_ts: int
) -> dict:
    start = max(since_ts, chain.now - 700 * DAY)
    return {
        "id": customer_tag_id(cid, tid),
        "customer_id": cid,
        "tag_id": tid,
        "store_id": store.id,
        "added_by": by,
        "added_at": iso(start + int(rng.random() * (chain.now - start))),
    }


def follow_up_rows(chain: Chain) -> Iterator[dict]:
    channels = list(content.FOLLOW_UP_TEXTS)
    for plan in chain.plans:
        store, rng = plan.store, chain.rng("follow_ups", plan.store)
        for i, cid in enumerate(plan.ids):
            if rng.random() >= 0.4:
                continue
            owner = plan.owner[i]
            guide = store.guide_ids[owner] if owner >= 0 else store.guide_ids[0]
            since_ts = epoch_day(plan.since[i])
            start = max(since_ts, chain.now - 180 * DAY)
            moments = sorted(
                start + int(rng.random() * (chain.now - start)) for _ in range(rng.randint(1, 4))
            )
            for n, at in enumerate(moments):
                channel = rng.choices(channels, (55, 10, 15, 20))[0]
                product = chain.products[int(rng.random() * len(chain.products))].name
                text = rng.choice(content.FOLLOW_UP_TEXTS[channel]).format(product=product)
                nxt = None
                if rng.random() < 0.3:
                    nxt = (
                        datetime.fromtimestamp(at, TZ).date() + timedelta(days=rng.randint(3, 30))
                    ).isoformat()
                yield {
                    "id": chain.id("follow_up", f"{cid}:{n}"),
                    "customer_id": cid,
                    "store_id": store.id,
                    "guide_id": guide,
                    "channel": channel,
                    "text": text,
                    "at": iso(at),
                    "next_follow_up_on": nxt,
                    "created_at": iso(min(chain.now, at + 5 + int(rng.random() * 600))),
                }
