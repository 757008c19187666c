"""The state shared while one demo chain is generated: ids, clock, stores, staff, plans.

The row builders (``customers``, ``orders``, ``content``, ``tasks``) take the
``Chain`` and read or fill it; ``Chain`` itself writes the org: stores and users.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from guide_server.demo.clock import DAY, TZ, iso
from guide_server.demo.ids import NAMESPACE, uuid5_text
from guide_server.demo.names import product_catalogue, staff_name, store_site
from guide_server.demo.orders import CHANNELS
from guide_server.demo.plan import Plan, Store, cumulative

if TYPE_CHECKING:
    from guide_server.demo.tasks import Task

HQ_USERNAME = "hq"
HQ_DISPLAY_NAME = "总部运营-王敏"


def store_code(index: int) -> str:
    return f"S{index + 1:03d}"


def site_rng(index: int) -> random.Random:
    """Store sites do not depend on the seed, so ``sign_ins`` can name them."""
    return random.Random(f"store-site:{index}")


class Chain:
    """State shared while one chain is generated: ids, clocks, the stores and their plans."""

    def __init__(self, seed: int, today: date, customers: int, orders: int) -> None:
        self.seed = seed
        self.today = today
        self.customers = customers
        self.orders = orders
        self.now = int(datetime.combine(today, time(9, 0), TZ).timestamp())
        self.ns_bytes = uuid.uuid5(NAMESPACE, f"guide-demo:{seed}").bytes
        self.products = product_catalogue()
        self.stores: list[Store] = []
        self.plans: list[Plan] = []
        self.hq_id = self.id("user", HQ_USERNAME)
        self.phones: set[int] = set()
        self.member_counter = 0
        self.channel_counter = [0] * len(CHANNELS)
        self.tag_group_ids: dict[str, str] = {}
        self.tag_ids: dict[tuple[str, str], str] = {}
        self.script_ids: dict[str, str] = {}
        self.material_ids: dict[str, str] = {}
        self.started_assignments: list[tuple[dict, Task]] = []
        self.tz = TZ
        # popular products sell more: Zipf-like weights over a shuffled catalogue
        order = list(range(len(self.products)))
        random.Random(f"{seed}:catalogue").shuffle(order)
        weights = [0.0] * len(order)
        for rank, index in enumerate(order):
            weights[index] = 1 / (rank + 3)
        self.product_cum = cumulative(weights)

    def id(self, kind: str, key: str) -> str:
        return uuid5_text(self.ns_bytes, f"{kind}:{key}")

    def rng(self, purpose: str, store: Store | None = None) -> random.Random:
        return random.Random(f"{self.seed}:{purpose}:{store.code if store else '-'}")

    def iso(self, ts: int) -> str:
        return iso(ts)

    def sleeping_customers(self, plan: Plan, limit: int) -> list[str]:
        """Ids of up to ``limit`` customers whose last purchase was 90–365 days ago (沉睡)."""
        found = []
        for i, cid in enumerate(plan.ids):
            if plan.count[i] and 90 * DAY <= self.now - plan.last[i] <= 365 * DAY:
                found.append(cid)
                if len(found) == limit:
                    break
        return found

    def date_str(self, days_from_today: int) -> str:
        return (self.today + timedelta(days=days_from_today)).isoformat()

    # ----------------------------------------------------------------- org

    def build_org(self, stores: int, guides: int) -> None:
        for index in range(stores):
            code = store_code(index)
            site = store_site(index, site_rng(index))
            store = Store(
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
