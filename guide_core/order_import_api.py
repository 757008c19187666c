"""Wire format of the order import (issue 12): the report of one import and the
unmatched-orders list, as the admin API answers them and the command line prints them.

An import reads one channel's export files, assembles orders (one order may span
several rows, or an order file and an item file), writes them keyed by
``(channel, channel_order_no)`` and matches them to customers. Rows it cannot
use are listed with file, line and reason; they never stop the good rows.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from guide_core.protocol import Id, OrderChannel, OrderStatus, _Wire

#: Rejected rows kept in a report; beyond this only the count grows (a 2 GB file of
#: broken rows must not make a report of millions of lines).
MAX_REPORTED_PROBLEMS = 1000


class OrderImportProblem(_Wire):
    """One row that was not imported (``line`` 0: the file itself)."""

    file: str
    line: int
    reason: str


class OrderImportFile(_Wire):
    """One file of the import and how it was read."""

    file: str
    layout: str  # e.g. ``天猫订单报表``, ``天猫宝贝报表``
    read_as: str  # ``GB18030``, ``utf-8-sig``, ``工作表「Sheet1」(共2个工作表)``
    rows: int = 0


class OrderImportReport(_Wire):
    """What one import did. ``rejected`` counts every rejected row; ``problems``
    lists the first :data:`MAX_REPORTED_PROBLEMS` of them, by file and line."""

    channel: OrderChannel
    files: list[OrderImportFile] = Field(default_factory=list)
    rows_read: int = 0
    orders_imported: int = 0  # new orders written
    orders_updated: int = 0  # existing orders whose status, amounts, items or logistics changed
    orders_unchanged: int = 0
    orders_skipped: int = 0  # not yet paid (等待买家付款 …): nothing to import yet
    orders_matched: int = 0  # linked to a customer (member no. or whole phone)
    orders_unmatched: int = 0  # imported without a customer
    orders_suggested: int = 0  # of those, with a suggested customer waiting for a supervisor
    customers_updated: int = 0  # customers whose figures changed
    rejected: int = 0
    problems: list[OrderImportProblem] = Field(default_factory=list)
    #: The import stopped at the file level (wrong channel, unreadable): nothing was written.
    failed: bool = False


class UnmatchedOrder(_Wire):
    """An imported order without a customer, as the unmatched list shows it."""

    id: Id
    channel: OrderChannel
    channel_order_no: str
    store_id: Id
    status: OrderStatus
    amount_cents: int
    paid_at: datetime | None = None
    buyer_name: str = ""
    buyer_phone: str = ""  # as the file had it, often masked (138****1234)
    suggestions: int = 0  # pending suggested customers


class UnmatchedOrdersPage(_Wire):
    total: int
    offset: int
    items: list[UnmatchedOrder] = Field(default_factory=list)
