"""The demo retail chain: rows for every synced entity, generated on the fly.

``guide-server demo``, the tests and the benchmarks all seed from here, so the
same code gives a 3-store trial and a 100,000-customer / 500,000-order store.
Rows come out as ``(entity, batch)`` in dependency order and are never held
all at once: per store only a compact plan (``array`` columns) lives until its
orders are written, and the customers' derived purchase figures are summed
from that plan before the customer rows go out.

Ids are deterministic (uuid5 of the seed and a key; orders from a seeded
``random.Random``), so the same seed and ``today`` give the same chain.

The parts: ``chain`` (shared state, stores and staff), ``customers`` (with
their tags and follow-ups), ``orders``, ``content`` (what HQ publishes:
tags, sensitive words, scripts, materials), ``tasks`` (tasks, assignments,
checks); ``plan``, ``clock`` and ``ids`` hold what they share.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from guide_server.demo import content, customers, orders, tasks
from guide_server.demo.assets import demo_assets
from guide_server.demo.chain import HQ_DISPLAY_NAME, HQ_USERNAME, Chain, site_rng, store_code
from guide_server.demo.names import store_site
from guide_server.demo.orders import COUNTED_STATUSES

__all__ = [
    "BATCH_SIZE",
    "COUNTED_STATUSES",
    "DEMO_PASSWORD",
    "demo_assets",
    "generate_chain",
    "sign_ins",
]

DEMO_PASSWORD = "demo1234"
BATCH_SIZE = 5000


def sign_ins(stores: int, guides_per_store: int) -> list[tuple[str, str, str]]:
    """(username, role, description) of every demo account, for the CLI to print."""
    rows = [(HQ_USERNAME, "hq", f"{HQ_DISPLAY_NAME}，可查看全部门店")]
    for index in range(stores):
        code = store_code(index)
        site = store_site(index, site_rng(index))
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
    guide_core.protocol.ENTITY_DATA[entity] (JSON-compatible values: ISO strings for dates/times
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
    yield from _batches("customer", customers.customer_rows(chain))
    yield from _batches("customer_tag", customers.customer_tag_rows(chain))
    yield from _batches("follow_up", customers.follow_up_rows(chain))
    yield from _batches("order", orders.order_rows(chain))
    planned = tasks.plan_tasks(chain)
    yield from _batches("task", (t.row for t in planned))
    yield from _batches("task_item", (row for t in planned for row in t.items))
    yield from _batches("assignment", tasks.assignment_rows(chain, planned))
    yield from _batches("item_check", tasks.item_check_rows(chain))


def _batches(entity: str, rows: Iterable[dict]) -> Iterator[tuple[str, list[dict]]]:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH_SIZE:
            yield entity, batch
            batch = []
    if batch:
        yield entity, batch


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
