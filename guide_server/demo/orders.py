"""Orders of the demo chain: planned per store as compact columns, written in paid-time order.

Each order gets a customer (heavy buyers more often; walk-ins have none), a
channel, a paid time inside its customer's buying window, a status that fits
its age and 1–4 items; the counted ones add to the customer's purchase figures.
Order numbers look like each channel's own (``channel_order_no``).
"""

from __future__ import annotations

import bisect
import random
from array import array
from collections.abc import Iterator
from typing import TYPE_CHECKING

from guide_server.demo.clock import DAY, iso
from guide_server.demo.ids import scramble, uuid4_text
from guide_server.demo.plan import Plan, cumulative

if TYPE_CHECKING:
    from guide_server.demo.chain import Chain

CHANNELS = ("pos", "tmall", "jd", "youzan", "douyin")
_CHANNEL_CUM = (35, 60, 72, 85, 100)
_STATUSES = ("paid", "shipped", "finished", "refunded", "cancelled")
_PAID, _SHIPPED, _FINISHED, _REFUNDED, _CANCELLED = range(5)
#: Orders that count towards a customer's purchase figures (refunds and cancellations do not).
COUNTED_STATUSES = frozenset({"paid", "shipped", "finished"})
_ITEMS_CUM = (55, 83, 95)  # 1–4 items an order: 55/28/12/5 %
MAX_ITEMS = 4
NO_SKU = 0xFFFF


def plan_orders(
    chain: Chain, plan: Plan, rng: random.Random, span_from: array, span_to: array, weights: list
) -> None:
    """Pick each order's customer (heavy buyers more often), time, channel, status and items."""
    n = len(plan.ids)
    cum = cumulative(weights) if n else [0.0]
    total = cum[-1]
    window_start = chain.now - 913 * DAY
    prices = [p.price_cents for p in chain.products]
    product_cum, product_total = chain.product_cum, chain.product_cum[-1]
    counted = (_PAID, _SHIPPED, _FINISHED)
    # 张三 and 李四 always have a purchase history, however small the chain
    forced = (0, 0, 0, 1, 1) if plan.store.index == 0 and n >= 2 and total > 0 else ()
    for k in range(chain.orders):
        if total > 0 and rng.random() < 0.9:
            c = min(bisect.bisect(cum, rng.random() * total), n - 1)
            c = forced[k] if k < len(forced) else c
            lo, hi = span_from[c], span_to[c]
        else:
            c, lo, hi = -1, window_start, chain.now - 600
        chan = bisect.bisect(_CHANNEL_CUM, rng.random() * 100)
        drawn = lo + int(rng.random() * (hi - lo))
        day_second = (drawn + 8 * 3600) % DAY  # squeeze into opening / waking hours
        opening, hours = (36000, 12) if chan == 0 else (28800, 16)
        ts = drawn - day_second + opening + day_second * hours // 24
        if ts > chain.now - 60:  # later today than "now": same time yesterday, if allowed
            ts = ts - DAY if ts - DAY >= lo else drawn
        status, ship, finish = _order_status(rng, chan, chain.now - ts)
        amount = 0
        n_items = 1 + bisect.bisect(_ITEMS_CUM, rng.random() * 100)
        for k in range(MAX_ITEMS):
            if k < n_items:
                sku = bisect.bisect(product_cum, rng.random() * product_total)
                roll = rng.random()
                qty = 1 if roll < 0.85 else 2 if roll < 0.95 else 3
                amount += prices[sku] * qty
            else:
                sku, qty = NO_SKU, 0
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


def _order_status(rng: random.Random, chan: int, age: int) -> tuple[int, int, int]:
    """(status, seconds paid→shipped, seconds →finished) consistent with the order's age."""
    roll = rng.random()
    if chan == 0:  # POS: paid and finished at the counter
        return (_REFUNDED, 0, -1) if roll < 0.05 else (_FINISHED, 0, 0)
    if roll < 0.03:
        return _CANCELLED, 0, -1
    ship = 4 * 3600 + int(rng.random() * 32 * 3600)
    finish = 2 * DAY + int(rng.random() * 5 * DAY)
    if roll < 0.09:
        return (_REFUNDED, ship, -1) if ship < age and roll < 0.06 else (_REFUNDED, 0, -1)
    if ship >= age:
        return _PAID, 0, -1
    if ship + finish >= age:
        return _SHIPPED, ship, -1
    return _FINISHED, ship, finish


def order_rows(chain: Chain) -> Iterator[dict]:
    logistic_prefixes = ("SF", "YT", "ZTO", "JT")
    products = chain.products
    for plan in chain.plans:
        store, rng = plan.store, chain.rng("orders", plan.store)
        pos_daily: dict[str, int] = {}
        for k in sorted(range(len(plan.o_ts)), key=plan.o_ts.__getitem__):
            chan, ts, status = plan.o_chan[k], plan.o_ts[k], plan.o_status[k]
            chain.channel_counter[chan] += 1
            seq = chain.channel_counter[chan]
            paid = iso(ts)
            number = _channel_order_no(chan, seq, paid, store.code, pos_daily)
            ship, finish = plan.o_ship[k], plan.o_finish[k]
            shipped_ts = ts + ship if ship else 0
            logistics = ""
            if shipped_ts:
                prefix = "JDVA" if chan == 2 else logistic_prefixes[seq % 4]
                logistics = f"{prefix}{scramble(seq * 5 + chan, 10**12, 97):012d}"
            finished_ts = (shipped_ts or ts) + finish if finish >= 0 else 0
            items = []
            base = k * MAX_ITEMS
            for slot in range(base, base + MAX_ITEMS):
                sku = plan.o_sku[slot]
                if sku == NO_SKU:
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
                "id": uuid4_text(rng.getrandbits(128)),
                "channel": CHANNELS[chan],
                "channel_order_no": number,
                "store_id": store.id,
                "customer_id": plan.ids[c] if c >= 0 else None,
                "status": _STATUSES[status],
                "amount_cents": plan.o_amount[k],
                "items": items,
                "paid_at": paid,
                "shipped_at": iso(shipped_ts) if shipped_ts else None,
                "finished_at": iso(finished_ts) if finished_ts else None,
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
        number = f"{1 + seq % 3}{scramble(seq, 10**17, 11):017d}"
        return number + str(seq % 10) if seq % 2 else number
    if chan == 2:  # 京东: 12 digits
        return f"2{scramble(seq, 10**11, 29):011d}"
    if chan == 3:  # 有赞: E + paid time + 8 digits
        stamp = paid[:19].replace("-", "").replace("T", "").replace(":", "")
        return f"E{stamp}{scramble(seq, 10**8, 7):08d}"
    return f"6{scramble(seq, 10**18, 53):018d}"  # 抖音: 19 digits
