"""Wire format of the 非会员入会率 report (``GET /api/v1/admin/reports/membership-rate``).

Definitions (``guide_server.services.membership_rate`` computes them in SQL):

- counted: orders of channel ``pos`` of the store, status paid, shipped or finished
  (cancelled and refunded tickets are not sales), whose payment time (the time the
  ticket was placed when it has none) falls on a chain day (Beijing time) from
  ``date_from`` to ``date_to`` inclusive;
- a member order: one with a customer (``customer_id``) or a member no. on the ticket;
  every other counted order is a non-member order;
- ``non_member_rate`` = non-member orders / counted orders (``None`` with no order);
  ``member_rate`` = 1 - that.

By guide: the member orders' customer's owner guide (as the customer is owned now: the
server keeps no owner history, and a POS mapping has no cashier column yet); a
non-member order has no customer and is counted under ``guide_id`` ``None`` (未归属).
"""

from __future__ import annotations

from datetime import date

from guide_core.protocol import _Wire


class MembershipRateRow(_Wire):
    store_id: str
    store_code: str = ""
    store_name: str = ""
    #: Only in ``guides``: the owner guide (``None``: non-member orders, no customer).
    guide_id: str | None = None
    guide_name: str = ""
    pos_orders: int
    member_orders: int
    non_member_orders: int
    non_member_rate: float | None
    member_rate: float | None


class MembershipRateReport(_Wire):
    date_from: date
    date_to: date
    stores: list[MembershipRateRow]
    guides: list[MembershipRateRow]


#: Longest period of one report (days).
MAX_REPORT_DAYS = 366


def rates(pos_orders: int, member_orders: int) -> tuple[float | None, float | None]:
    """``(non_member_rate, member_rate)`` rounded to 4 places; ``None`` without orders."""
    if pos_orders <= 0:
        return None, None
    non = round((pos_orders - member_orders) / pos_orders, 4)
    return non, round(1 - non, 4)
