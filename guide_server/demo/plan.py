"""Plan records: what the generator keeps per store while it writes that store's rows.

A store's customers and orders live as compact ``array`` columns (about 40
bytes an order) until its orders are written; the customers' purchase
figures are summed from them before the customer rows go out.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field


@dataclass
class Store:
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
class Plan:
    """One store's customers and orders as compact columns (about 40 bytes an order)."""

    store: Store
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
    o_sku: array = _column("H")  # orders.MAX_ITEMS product indexes per order, orders.NO_SKU pads
    o_qty: bytearray = field(default_factory=bytearray)

    def drop_orders(self) -> None:
        """Free the order columns once the orders are written (tasks need only customers)."""
        for name in ("o_cust", "o_ts", "o_ship", "o_finish", "o_amount", "o_sku"):
            setattr(self, name, array(getattr(self, name).typecode))
        self.o_chan, self.o_status, self.o_qty = bytearray(), bytearray(), bytearray()


def cumulative(weights: list[float]) -> list[float]:
    """Running sums of ``weights``: draw with ``bisect(cum, rng.random() * cum[-1])``."""
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out
