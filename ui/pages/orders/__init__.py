"""订单 page: cached orders found by number (scanner too), phone, member no. or name,
with filters, paging and the order's detail; the server for older or other stores'
orders; supervisors' 待确认匹配 and 未匹配订单."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ui.pages.registry import PageSpec

if TYPE_CHECKING:
    from guide_app.session import Session
    from ui.pages.orders.page import OrdersPage
    from ui.pages.registry import PageHost


def _make(session: Session, host: PageHost) -> OrdersPage:
    from ui.pages.orders.page import OrdersPage

    page = OrdersPage(session)
    page.sig_customer_opened.connect(host.open_customer)
    return page


PAGE = PageSpec(
    key="orders",
    title=QT_TRANSLATE_NOOP("Pages", "订单"),
    icon="orders",
    shortcut="Ctrl+4",
    factory=_make,
    # the list shows each order's customer
    entities=frozenset({"order", "customer"}),
    order=40,
)
