"""客户 page: the customer list over SQL, its filters and tag chips."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ui.pages.registry import PageAction, PageSpec

if TYPE_CHECKING:
    from guide_app.session import Session
    from ui.pages.contacts.page import ContactsPage
    from ui.pages.registry import PageHost


def _make(session: Session, host: PageHost) -> ContactsPage:
    from ui.pages.contacts.page import ContactsPage

    page = ContactsPage(session)
    page.sig_customer_opened.connect(host.open_customer)
    page.sig_new_customer.connect(host.new_customer)
    return page


PAGE = PageSpec(
    key="contacts",
    title=QT_TRANSLATE_NOOP("Pages", "客户"),
    icon="customers",
    shortcut="Ctrl+2",
    factory=_make,
    # The list shows no order fields; tag groups and staff fill the filters.
    # chain_setting: HQ's lifecycle thresholds change every customer's stage
    entities=frozenset({"customer", "customer_tag", "user", "tag_group", "tag", "chain_setting"}),
    order=20,
    actions=(
        PageAction(
            "filters",
            "Ctrl+F",
            QT_TRANSLATE_NOOP("Shortcuts", "显示/隐藏客户筛选"),
            lambda page: page.toggle_filters(),
        ),
        PageAction("open_customer", "Return", QT_TRANSLATE_NOOP("Shortcuts", "打开选中的客户")),
    ),
)
