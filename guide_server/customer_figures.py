"""Customer figures derived from orders: first/last purchase, order count, total spent.

Counted orders are those paid, shipped or finished (refunds and cancellations
do not count), timed by ``paid_at``. Two forms: every customer at once, with
two set-based statements and no version bumps (the bulk load, before anyone
pulls), and the few customers an order change touches, inside the writing
transaction, bumping the version of each customer whose figures moved so
clients pull them. The lifecycle stage is not stored: clients derive it from
these figures (``guide_core/lifecycle.py``), so it follows with them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from guide_server.models import Customer, Order
from guide_server.reader import store_scope
from guide_server.sync.versions import take_versions, upsert_sync_rows

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


def refresh_customer_figures(
    session: Session, customer_ids: Iterable[str] | None = None
) -> list[str]:
    """Recompute customers' figures from the orders table; returns the ids whose figures changed.

    Without ``customer_ids``: every customer, no version bumps (the bulk load,
    before anyone pulls; returns ``[]``). With them: only those customers, and
    each one whose figures changed gets a new version in its store scope in
    this transaction. Unknown ids (an order naming a customer not on the
    server) are ignored.
    """
    if customer_ids is None:
        session.execute(_SET_FROM_ORDERS)
        session.execute(_ZERO_WITHOUT_ORDERS)
        return []
    ids = sorted(set(customer_ids))
    if not ids:
        return []
    session.flush()
    agg = {
        row.customer_id: (int(row.n), int(row.spent or 0), row.first_at, row.last_at)
        for row in session.execute(
            select(
                Order.customer_id,
                func.count().label("n"),
                func.sum(Order.amount_cents).label("spent"),
                func.min(Order.paid_at).label("first_at"),
                func.max(Order.paid_at).label("last_at"),
            )
            .where(Order.customer_id.in_(ids), Order.status.in_(COUNTED))
            .group_by(Order.customer_id)
        )
    }
    changed: list[str] = []
    by_scope: dict[str, list[str]] = defaultdict(list)
    customers = session.scalars(
        select(Customer).where(Customer.id.in_(ids)).order_by(Customer.id).with_for_update()
    )
    for customer in customers:
        figures = agg.get(customer.id, (0, 0, None, None))
        current = (
            customer.order_count,
            customer.total_spent_cents,
            customer.first_purchase_at,
            customer.last_purchase_at,
        )
        if current == figures:
            continue
        (
            customer.order_count,
            customer.total_spent_cents,
            customer.first_purchase_at,
            customer.last_purchase_at,
        ) = figures
        by_scope[store_scope(customer.store_id)].append(customer.id)
        changed.append(customer.id)
    session.flush()
    index = []
    for scope, moved in by_scope.items():  # one version step per store, not per customer
        first = take_versions(session, scope, len(moved)) - len(moved) + 1
        index.extend(("customer", cid, scope, first + n, False) for n, cid in enumerate(moved))
    upsert_sync_rows(session, index)
    return changed
