"""Wire format of the counter's order lookup and the supervisor's match review (issue 12).

``GET /api/v1/orders/lookup`` answers an :class:`OrderLookupPage`: orders the
counter PC may not have (older than its 24-month window, or another store's),
each marked with whether it is another store's; the buyer's phone of another
store's order is masked (``guide_core.rules.order_lookup``).

``GET /api/v1/orders/suggestions`` pages a store's pending suggested matches
(:class:`MatchSuggestionsPage`); ``POST /api/v1/orders/suggestions/{id}/confirm``
and ``…/reject`` decide one, ``POST /api/v1/orders/{id}/customer``
(:class:`ChooseCustomer`) links an order to a customer the supervisor picked.
Each answers :class:`MatchDecided`.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from guide_core.protocol import Id, OrderData, _Wire, _Write


class LookupOrder(_Wire):
    """One order the server found, with what the counter shows beside it."""

    order: OrderData
    #: The order belongs to a store the reader does not work for.
    other_store: bool = False
    store_name: str = ""
    #: ``name（remark）`` of the order's customer; "" when none (or another store's)
    customer_name: str = ""
    buyer_name: str = ""
    #: Whole for the reader's own store, masked (138****5678) for another store's order.
    buyer_phone: str = ""
    member_no: str = ""
    logistics_company: str = ""
    ordered_at: datetime | None = None


class OrderLookupPage(_Wire):
    total: int
    offset: int
    items: list[LookupOrder] = Field(default_factory=list)


class MatchSuggestion(_Wire):
    """A customer an import suggested for an order without one (a masked phone + name)."""

    id: Id
    order: OrderData
    buyer_name: str = ""
    buyer_phone: str = ""  # as the file had it (usually masked)
    customer_id: Id
    customer_name: str = ""
    customer_phone: str = ""
    customer_member_no: str = ""
    reason: str = ""
    created_at: datetime | None = None


class MatchSuggestionsPage(_Wire):
    total: int
    offset: int
    items: list[MatchSuggestion] = Field(default_factory=list)


class ChooseCustomer(_Write):
    """The customer a supervisor chose for an order (their store's)."""

    customer_id: Id


class MatchDecided(_Wire):
    """What a decision did: the order (with its customer now) and the suggestion's status."""

    order: OrderData
    #: ``confirmed`` | ``rejected`` | ``chosen``
    outcome: str
    #: Other pending suggestions of the same order closed by this decision.
    closed_suggestions: int = 0
