"""The 订单 page (issue 12) on the real window, signed in against a real server.

The server is the app ``create_app`` builds, with the ``/orders`` router included (it
is not in ``guide_server.app`` yet), served by uvicorn on a loopback port in a thread,
over a fresh copy of the small demo chain (SQLite). Orders are written on the server
(``services.orders.save_orders`` through ``tests.server.order_lookup_seed``) before the
client signs in, so the first sync brings them into the cache.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
import uvicorn
from PySide6.QtCore import Qt
from sqlalchemy import select

from guide_core.protocol import OrderData
from guide_server.app import create_app
from guide_server.config import Settings
from guide_server.db import Database
from guide_server.models import Customer, User
from guide_server.services.orders import save_orders
from tests.server import order_lookup_seed as seed
from tests.support.server import free_port
from tests.ui.conftest import WAIT_MS, close_session, open_session


class ThreadServer:
    """The server app on a loopback port, in this process (uvicorn in a thread)."""

    def __init__(self, url: str, data_dir) -> None:
        app = create_app(Settings(database_url=url, data_dir=data_dir))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db = Database(url)
        self.server = uvicorn.Server(
            # a held pull (long-poll) would keep a graceful shutdown waiting ~10 s
            uvicorn.Config(
                app,
                host="127.0.0.1",
                port=self.port,
                log_level="warning",
                timeout_graceful_shutdown=1,
            )
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.server.force_exit = True  # the clients are gone: do not wait for their pulls
        self.thread.join(10)


@pytest.fixture
def order_server(_templates, tmp_path_factory, tmp_path):
    from tests.support.plugin import _make_template

    if "sqlite" not in _templates:
        _templates["sqlite"] = _make_template("sqlite", tmp_path_factory.mktemp("guide-template"))
    url, data_dir = _templates["sqlite"].fresh_copy(tmp_path)
    server = ThreadServer(url, data_dir)
    yield server
    server.stop()
    server.db.dispose()


def _owned_customer(db, username: str) -> Customer:
    """A customer of ``username``'s (the guide sees their whole phone) with a phone."""
    with db.read() as s:
        uid = s.scalar(select(User.id).where(User.username == username))
        c = s.scalars(
            select(Customer).where(Customer.owner_id == uid, Customer.phone != "")
            .order_by(Customer.id).limit(1)
        ).one()  # fmt: skip
        s.expunge(c)
        return c


def _window(qtbot, session):
    from ui.main_window import MainWindow

    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    w.start()
    return w


def _orders_page(w, qtbot):
    w.show_page("orders")
    page = w.pages["orders"]
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 or page.model.is_remote, timeout=WAIT_MS)
    return page


def _search(page, qtbot, text: str) -> None:
    page.search_box.clear()
    if text.isascii():
        qtbot.keyClicks(page.search_box, text)
    else:  # Chinese arrives through the input method, not as key presses
        page.search_box.setText(text)
    page.run_query()


def _nos(page) -> list[str]:
    model = page.model
    out = []
    for r in range(model.rowCount()):
        row = model.row_at(r)
        if row is not None:
            out.append(row.brief.channel_order_no)
    return out


@pytest.fixture
def seeded(order_server):
    db = order_server.db
    mine = _owned_customer(db, "s001-g1")
    with db.write() as s:
        c = s.get(Customer, mine.id)
        c.member_no = "VIP-ORD-42"
    now = datetime.now(UTC)
    facts = {
        "mine": mine,
        "scan": seed.add_order(
            db, "S001", "TB2026SCAN0001", customer_id=mine.id, paid_at=now - timedelta(days=2),
            logistics_company="顺丰速运", logistics_no="SF1234567890", amount_cents=19_900,
        ),
        "old": seed.add_order(
            db, "S001", "TB2022OLD0001", customer_id=mine.id,
            paid_at=now - timedelta(days=365 * 3), channel="jd",
        ),
    }  # fmt: skip
    other = seed.a_customer(db, "S002")
    facts["other_customer"] = other
    facts["other"] = seed.add_order(
        db, "S002", "DY2026OTHER01", customer_id=other.id, buyer_phone=other.phone,
        buyer_name=other.name, channel="douyin",
    )  # fmt: skip
    return facts


@pytest.fixture
def guide_window(app, qtbot, order_server, seeded, tmp_path):
    session = open_session(order_server.url, "s001-g1", tmp_path / "client-g1")
    w = _window(qtbot, session)
    yield w
    w.close()
    close_session(session)


def test_scan_phone_tail_member_no_and_name_find_the_order(guide_window, qtbot, seeded):
    page = _orders_page(guide_window, qtbot)
    mine = seeded["mine"]
    # a scanner types the number fast and presses Enter: the order opens
    page.search_box.setFocus()
    qtbot.keyClicks(page.search_box, "TB2026SCAN0001")
    qtbot.keyPress(page.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=WAIT_MS)
    dialog = page.dialog
    assert dialog.order.channel_order_no == "TB2026SCAN0001"

    def texts() -> list[str]:
        return [lbl.text() for lbl in dialog.findChildren(type(dialog.customer_label))]

    assert "SF1234567890" in texts() and "¥199.00" in texts()
    # the logistics company is kept on the server only: asked for when the dialog opens
    qtbot.waitUntil(lambda: "顺丰速运" in texts(), timeout=WAIT_MS)
    assert mine.name in dialog.customer_label.text()
    dialog.close()
    for text in (mine.phone[-4:], mine.phone, "VIP-ORD-42", mine.name):
        _search(page, qtbot, text)
        qtbot.waitUntil(lambda: "TB2026SCAN0001" in _nos(page), timeout=WAIT_MS)
        assert not page.model.is_remote


def test_detail_opens_the_customer_card(guide_window, qtbot, seeded):
    page = _orders_page(guide_window, qtbot)
    _search(page, qtbot, "TB2026SCAN0001")
    qtbot.waitUntil(lambda: _nos(page) == ["TB2026SCAN0001"], timeout=WAIT_MS)
    page._open_row(0)
    dialog = page.dialog
    dialog.customer_label.linkActivated.emit(f"customer:{seeded['mine'].id}")
    qtbot.waitUntil(
        lambda: any(c.customer_id == seeded["mine"].id and c.isVisible()
                    for c in guide_window.open_cards),
        timeout=WAIT_MS,
    )  # fmt: skip
    card = next(c for c in guide_window.open_cards if c.customer_id == seeded["mine"].id)
    qtbot.waitUntil(lambda: card.orders.rowCount() > 0, timeout=WAIT_MS)
    nos = {card.orders.item(r, 2).text() for r in range(card.orders.rowCount())}
    assert "TB2026SCAN0001" in nos


def test_window_drops_old_orders_and_the_server_finds_them(guide_window, qtbot, seeded):
    page = _orders_page(guide_window, qtbot)
    session = guide_window.session
    # the 3-year-old order came with the first sync and was dropped locally at start
    qtbot.waitUntil(lambda: session.orders.get(seeded["old"]) is None, timeout=WAIT_MS)
    with session.cache.read() as conn:  # dropped locally only: nothing queued for the server
        assert conn.exec_driver_sql("SELECT count(*) FROM outbox").scalar() == 0
    # searching for it finds nothing here, so the page asks the server: 不在本机
    _search(page, qtbot, "TB2022OLD0001")
    qtbot.waitUntil(
        lambda: page.model.is_remote and _nos(page) == ["TB2022OLD0001"], timeout=WAIT_MS
    )
    assert page.model.display(page.model.row_at(0), "where") == "不在本机"
    # another store's order by its exact number: marked, buyer's phone masked
    _search(page, qtbot, "DY2026OTHER01")
    qtbot.waitUntil(
        lambda: page.model.is_remote and _nos(page) == ["DY2026OTHER01"], timeout=WAIT_MS
    )
    row = page.model.row_at(0)
    assert page.model.display(row, "where").startswith("不在本机 · 其他门店")
    phone = seeded["other_customer"].phone
    assert row.remote.buyer_phone == f"{phone[:3]}****{phone[-4:]}"
    page._open_row(0)
    texts = [lbl.text() for lbl in page.dialog.findChildren(type(page.dialog.customer_label))]
    assert any("不在本机" in t for t in texts)
    assert any(f"{phone[:3]}****{phone[-4:]}" in t for t in texts)
    assert not any(phone in t for t in texts)
    page.dialog.close()


def test_offline_shows_cached_orders_only(guide_window, qtbot, seeded, order_server):
    page = _orders_page(guide_window, qtbot)
    order_server.stop()
    _search(page, qtbot, "DY2026OTHER01")
    page.ask_server()
    qtbot.waitUntil(lambda: "离线：只显示本机缓存的订单" in page.note.text(), timeout=WAIT_MS)
    assert page.model.rowCount() == 0
    _search(page, qtbot, "TB2026SCAN0001")
    qtbot.waitUntil(lambda: _nos(page) == ["TB2026SCAN0001"], timeout=WAIT_MS)


def test_filters_and_paging_over_thousands_of_orders(app, qtbot, order_server, tmp_path):
    db = order_server.db
    mine = _owned_customer(db, "s001-g1")
    store = seed.store_id(db, "S001")
    now = datetime.now(UTC)
    channels = ("tmall", "jd", "youzan", "douyin", "pos")
    orders = [
        OrderData(
            id=f"00000000-0000-4000-8000-{i:012d}", channel=channels[i % 5],
            channel_order_no=f"BULK{i:06d}", store_id=store, customer_id=mine.id,
            status="refunded" if i % 7 == 0 else "finished", amount_cents=1000 + i,
            items=[{"sku": "S", "name": "袜子", "qty": 1, "price_cents": 1000 + i}],
            paid_at=now - timedelta(hours=i),
        )
        for i in range(3000)
    ]  # fmt: skip
    with db.write() as s:
        save_orders(s, orders)
    session = open_session(order_server.url, "s001-g1", tmp_path / "client-g1")
    try:
        w = _window(qtbot, session)
        page = _orders_page(w, qtbot)
        _search(page, qtbot, "BULK")
        qtbot.waitUntil(lambda: page.model.rowCount() == 3000, timeout=WAIT_MS)
        assert page.model.loaded_blocks() == {0}  # one block of 200, not 3000 rows
        first = [page.model.row_at(r).brief.channel_order_no for r in (0, 1)]
        assert first == ["BULK000000", "BULK000001"]  # newest first
        page.table.scrollToBottom()
        page.model.row_at(2999)
        qtbot.waitUntil(lambda: page.model.row_at(2999) is not None, timeout=WAIT_MS)
        assert page.model.row_at(2999).brief.channel_order_no == "BULK002999"
        assert len(page.model.loaded_blocks()) <= 3
        page.channel.setCurrentIndex(page.channel.findData("jd"))
        qtbot.waitUntil(lambda: page.model.rowCount() == 600, timeout=WAIT_MS)
        page.status.setCurrentIndex(page.status.findData("refunded"))
        expected = sum(1 for i in range(3000) if i % 5 == 1 and i % 7 == 0)
        qtbot.waitUntil(lambda: page.model.rowCount() == expected, timeout=WAIT_MS)
        page.status.setCurrentIndex(0)
        page.channel.setCurrentIndex(0)
        # the last 24 hours: orders 0..23 (paid an hour apart, newest now)
        from PySide6.QtCore import QDate

        today = QDate.currentDate()
        page.date_from.setDate(today.addDays(-1))
        page.date_to.setDate(today)
        qtbot.waitUntil(lambda: 20 <= page.model.rowCount() <= 50, timeout=WAIT_MS)
        w.close()
    finally:
        close_session(session)


@pytest.fixture
def suggestion(order_server):
    db = order_server.db
    c = _owned_customer(db, "s001-g1")
    oid = seed.add_order(db, "S001", "YZ2026SUGG01", buyer_name=c.name, buyer_phone="138****0000",
                         channel="youzan")  # fmt: skip
    sid = seed.add_suggestion(db, oid, c.id, "姓名相同, 手机号后4位相同")
    return oid, sid, c


def _manager_window(app, qtbot, order_server, tmp_path):
    session = open_session(order_server.url, "s001-mgr", tmp_path / "client-mgr")
    return _window(qtbot, session), session


def test_supervisor_confirms_a_suggestion_and_the_card_shows_the_order(
    app, qtbot, order_server, suggestion, tmp_path
):
    oid, sid, customer = suggestion
    w, session = _manager_window(app, qtbot, order_server, tmp_path)
    try:
        page = w.pages["orders"]
        page.tabs.setCurrentWidget(page.matches)
        view = page.matches
        qtbot.waitUntil(lambda: any(s.id == sid for s in view.rows), timeout=WAIT_MS)
        view.table.selectRow(next(i for i, s in enumerate(view.rows) if s.id == sid))
        assert view.table.item(view.table.currentRow(), 8).text() == "姓名相同, 手机号后4位相同"
        view.confirm_button.click()
        qtbot.waitUntil(lambda: "已关联" in view.message.text(), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not any(s.id == sid for s in view.rows), timeout=WAIT_MS)
        # the order's new version reaches this PC; the customer's card lists it
        qtbot.waitUntil(
            lambda: (o := session.orders.get(oid)) is not None and o.customer_id == customer.id,
            timeout=WAIT_MS,
        )
        card = w.open_customer(customer.id)
        qtbot.waitUntil(lambda: card.orders.rowCount() > 0, timeout=WAIT_MS)
        nos = {card.orders.item(r, 2).text() for r in range(card.orders.rowCount())}
        assert "YZ2026SUGG01" in nos
        w.close()
    finally:
        close_session(session)


def test_supervisor_rejects_then_chooses_another_customer(
    app, qtbot, order_server, suggestion, tmp_path
):
    oid, sid, customer = suggestion
    w, session = _manager_window(app, qtbot, order_server, tmp_path)
    try:
        page = w.pages["orders"]
        view = page.matches
        page.tabs.setCurrentWidget(view)
        qtbot.waitUntil(lambda: any(s.id == sid for s in view.rows), timeout=WAIT_MS)
        view.table.selectRow(next(i for i, s in enumerate(view.rows) if s.id == sid))
        view.reject_button.click()
        qtbot.waitUntil(lambda: not any(s.id == sid for s in view.rows), timeout=WAIT_MS)
        assert session.orders.get(oid) is None or session.orders.get(oid).customer_id is None
        # the order is in 未匹配订单; 选择客户… picks another customer of the store
        unmatched = page.unmatched
        page.tabs.setCurrentWidget(unmatched)
        qtbot.waitUntil(lambda: any(o.id == oid for o in unmatched.rows), timeout=WAIT_MS)
        unmatched.table.selectRow(next(i for i, o in enumerate(unmatched.rows) if o.id == oid))
        unmatched.choose_button.click()
        picker = unmatched.picker
        qtbot.waitUntil(lambda: picker.list.count() > 0, timeout=WAIT_MS)
        other = seed.a_customer(order_server.db, "S001", skip=3)
        picker.box.setText(other.name)
        qtbot.waitUntil(
            lambda: any(picker.list.item(i).data(Qt.ItemDataRole.UserRole) == other.id
                        for i in range(picker.list.count())),
            timeout=WAIT_MS,
        )  # fmt: skip
        picker.list.setCurrentRow(
            next(i for i in range(picker.list.count())
                 if picker.list.item(i).data(Qt.ItemDataRole.UserRole) == other.id)
        )  # fmt: skip
        picker.buttons.accepted.emit()
        qtbot.waitUntil(
            lambda: (o := session.orders.get(oid)) is not None and o.customer_id == other.id,
            timeout=WAIT_MS,
        )
        w.close()
    finally:
        close_session(session)


def test_screenshot_function_runs(guide_window, qtbot, tmp_path):
    """tests/ui/screenshots.py's 订单 section draws the list, a channel and a detail."""
    from tests.ui.screenshots import take_orders

    take_orders(guide_window, tmp_path)
    assert {p.name for p in tmp_path.glob("orders*.png")} == {
        "orders.png",
        "orders-tmall.png",
        "orders-detail.png",
    }


def test_hq_looks_orders_up_on_the_server(app, qtbot, order_server, seeded, tmp_path):
    """HQ holds no store's orders: the page asks the server for every search; another
    store's order is not marked and shows the whole phone."""
    session = open_session(order_server.url, "hq", tmp_path / "client-hq")
    try:
        w = _window(qtbot, session)
        page = w.pages["orders"]
        w.show_page("orders")
        qtbot.waitUntil(lambda: page.model.is_remote and page.model.rowCount() > 0, timeout=WAIT_MS)
        phone = seeded["other_customer"].phone
        _search(page, qtbot, phone[-4:])
        qtbot.waitUntil(lambda: "DY2026OTHER01" in _nos(page), timeout=WAIT_MS)
        row = next(
            page.model.row_at(r)
            for r in range(page.model.rowCount())
            if page.model.row_at(r).brief.channel_order_no == "DY2026OTHER01"
        )
        assert not row.remote.other_store and row.remote.buyer_phone == phone
        assert page.matches is not None and page.matches.store.count() == 2
        w.close()
    finally:
        close_session(session)


def test_card_purchase_history_lists_every_channel_and_opens_the_detail(
    app, qtbot, order_server, tmp_path
):
    db = order_server.db
    mine = _owned_customer(db, "s001-g1")
    now = datetime.now(UTC)
    channels = ("tmall", "jd", "youzan", "douyin", "pos")
    for i, channel in enumerate(channels):
        seed.add_order(
            db, "S001", f"CARD-{channel}", customer_id=mine.id, channel=channel,
            paid_at=now - timedelta(minutes=i),
        )  # fmt: skip
    session = open_session(order_server.url, "s001-g1", tmp_path / "client-g1")
    try:
        w = _window(qtbot, session)
        card = w.open_customer(mine.id)
        qtbot.waitUntil(lambda: card.orders.rowCount() >= 5, timeout=WAIT_MS)
        shown = {card.orders.item(r, 1).text() for r in range(5)}
        assert shown == {"天猫", "京东", "有赞", "抖音", "门店POS"}
        opened: list = []
        w.sig_order_opened.connect(opened.append)
        card.orders.cellDoubleClicked.emit(0, 0)
        qtbot.waitUntil(lambda: bool(opened), timeout=WAIT_MS)
        assert opened[0].order.channel_order_no == card.orders.item(0, 2).text()
        opened[0].close()
        card.close()
        w.close()
    finally:
        close_session(session)


def test_import_button_is_for_supervisors_and_hq_and_opens_the_import(
    app, qtbot, order_server, guide_window, tmp_path
):
    from ui.orders_import_dialog import OrdersImportDialog

    assert not guide_window.pages["orders"].import_button.isVisibleTo(guide_window)
    w, session = _manager_window(app, qtbot, order_server, tmp_path)
    try:
        w.show_page("orders")
        page = w.pages["orders"]
        assert page.import_button.isVisible() and page.import_button.text() == "导入订单…"
        page.import_button.click()
        qtbot.waitUntil(
            lambda: any(
                isinstance(d, OrdersImportDialog) for d in page.findChildren(OrdersImportDialog)
            ),
            timeout=WAIT_MS,
        )
        (dialog,) = page.findChildren(OrdersImportDialog)
        assert dialog.isVisible()
        dialog.close()
    finally:
        w.close()
        close_session(session)
