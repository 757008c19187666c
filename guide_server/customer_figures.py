"""Customer figures derived from orders: first/last purchase, order count, total spent.

Counted orders are those paid, shipped or finished (refunds and cancellations
do not count), timed by ``paid_at``. One set-based statement per call, so it
stays cheap after a bulk load of hundreds of thousands of orders.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

COUNTED = ("paid", "shipped", "finished")
_IN = ", ".join(f"'{s}'" for s in COUNTED)

_SET_FROM_ORDERS = text(
    f"""
    UPDATE customer SET
        order_count = agg.n,
        total_spent_cents = agg.spent,
        first_purchase_at = agg.first_at,
        last_purchase_at = agg.last_at
    FROM (
        SELECT customer_id, COUNT(*) AS n, SUM(amount_cents) AS spent,
               MIN(paid_at) AS first_at, MAX(paid_at) AS last_at
        FROM orders
        WHERE status IN ({_IN}) AND customer_id IS NOT NULL
        GROUP BY customer_id
    ) AS agg
    WHERE customer.id = agg.customer_id
    """
)

_ZERO_WITHOUT_ORDERS = text(
    f"""
    UPDATE customer SET order_count = 0, total_spent_cents = 0,
        first_purchase_at = NULL, last_purchase_at = NULL
    WHERE (order_count <> 0 OR first_purchase_at IS NOT NULL)
      AND id NOT IN (
        SELECT customer_id FROM orders WHERE status IN ({_IN}) AND customer_id IS NOT NULL
      )
    """
)


def refresh_customer_figures(session: Session) -> None:
    """Recompute every customer's figures from the orders table (after loading orders).

    Row versions are not bumped: this runs inside the load, before anyone pulls.
    """
    session.execute(_SET_FROM_ORDERS)
    session.execute(_ZERO_WITHOUT_ORDERS)
