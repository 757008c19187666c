"""Take the screenshots in ``docs/screenshots`` (not a test: a tool to look at the UI).

Run under a real X server so fonts and window sizes are what a person sees::

    Xvfb :77 -screen 0 1920x1080x24 &
    DISPLAY=:77 .venv/bin/python -m tests.ui.screenshots docs/screenshots

It starts the demo server on a temporary folder, signs in as ``s001-g1`` and
grabs the main window at its default size (contacts in Chinese and English,
search), the customer card (each tab, a colleague's customer read-only, an
order's detail) and the sign-in dialog (first and after
the server signed the session out), 今日 for the guide and the supervisor, the
settings and 保存筛选 dialogs, 话术素材 with the card's script picker and the quick panel,
任务 (an outreach task open; a tick asking for its photo), 审核 with a submission open
and the store board, and F5 with the server stopped.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def pump(until: Callable[[], bool] | None = None, timeout_s: float = 30.0) -> None:
    """Process events until ``until()`` holds (or for a short settle when None)."""
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + (timeout_s if until else 0.4)
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if until is not None and until():
            return
        time.sleep(0.01)
    if until is not None:
        raise TimeoutError(f"timed out waiting for {until}")


def save(widget, out: Path, name: str) -> None:
    pump()
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print("wrote", path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path, nargs="?", default=Path("docs/screenshots"))
    parser.add_argument("--user", default="s001-g1")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="guide-shots-"))

    from PySide6.QtCore import QSettings

    from ui.app import apply_language, make_app

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "ini"))
    make_app(lang="zh")
    from guide_app.auth import sign_in
    from guide_app.demo_server import DEMO_PASSWORD, DemoServer
    from ui.background import wait_for_background
    from ui.main_window import MainWindow
    from ui.signin_dialog import SignInDialog

    demo = DemoServer(work / "server")
    demo.start()
    session = sign_in(demo.url, args.user, DEMO_PASSWORD, data_dir=work / "client")
    try:
        pump(lambda: session.sync.status.last_sync_at is not None, 120)
        window = MainWindow(session)
        window.show()
        window.start()
        pump(lambda: window.contacts.model.rowCount() > 0)
        pump(lambda: window.contacts.model.row_at(0) is not None)
        save(window, args.out, "contacts")

        window.show_page("today")
        pump(lambda: window.today.queue is not None)
        save(window, args.out, "today")
        window.show_page("contacts")
        settings = window.settings_dialog()
        settings.show()
        save(settings, args.out, "settings")
        settings.close()
        name_dialog = window.contacts.filter_name_dialog()
        name_dialog.setTextValue("本月生日的金卡老客户")
        name_dialog.show()
        save(name_dialog, args.out, "save-filter")
        name_dialog.close()

        window.search_box.setText("zs")
        window.search_box.textEdited.emit("zs")
        pump(lambda: window.results.isVisible())
        save(window, args.out, "search")
        window.search_box.clear()
        window.results.hide()

        card = window.open_customer(window.contacts.model.row_at(0).id)
        pump(lambda: card.card is not None)
        save(card, args.out, "card")
        for index, name in ((1, "card-tags"), (2, "card-follow-ups"), (3, "card-orders")):
            card.tabs.setCurrentIndex(index)
            save(card, args.out, name)
        card.tabs.setCurrentIndex(0)

        # an order's detail (names its customer) and a colleague's customer, read-only
        orders = list(card.card.recent_orders)
        if orders:
            opened: list = []
            window.sig_order_opened.connect(opened.append)
            window.open_order(orders[0].id)
            pump(lambda: bool(opened))
            save(opened[0], args.out, "order")
            opened[0].close()
        from guide_app.services.customers import CustomerQuery

        rows = session.customers.page(CustomerQuery(mine_only=False), 0, 500)
        other = next((r for r in rows if r.owner_id and r.owner_id != session.user.id), None)
        if other is not None:
            readonly = window.open_customer(other.id)
            pump(lambda: readonly.card is not None)
            save(readonly, args.out, "card-readonly")
            readonly.close()

        take_library(window, card, args.out)
        take_tasks(window, args.out)
        take_orders(window, args.out)

        apply_language("en")
        pump(lambda: window.nav.item(1).text() == "Customers")
        save(window, args.out, "contacts-en")
        save(card, args.out, "card-en")
        card.close()
        apply_language("zh")
        pump(lambda: window.nav.item(1).text() == "客户")

        for lang, name in (("zh", "signin"), ("en", "signin-en")):
            apply_language(lang)
            dialog = SignInDialog(demo.url, data_dir=work / "client", show_demo=True)
            dialog.user_edit.setText(args.user)
            dialog.show()
            save(dialog, args.out, name)
            dialog.close()
        apply_language("zh")
        dialog = SignInDialog(demo.url, username=args.user, data_dir=work / "client")
        dialog.show_signed_out()
        dialog.show()
        save(dialog, args.out, "signin-again")
        dialog.close()

        take_supervisor(demo.url, work, args.out)
        demo.stop()  # F5 with the server away: why, and when the engine retries
        pump(lambda: window.status.online is False, 60)
        window.sync_now()
        pump(lambda: "重试" in window.status.currentMessage(), 60)
        save(window, args.out, "offline-f5")
        window.close()
    finally:
        session.sync.stop()
        wait_for_background(10000)
        session.close()
        demo.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


def take_library(window, card, out: Path) -> None:
    """话术素材 (a search with its hits marked, filled for the open card's customer), a
    blocking word marked in the preview, 新建我的话术 with unbalanced braces, the card's
    script picker (Ctrl+T) and the quick panel answering a pasted customer message."""
    window.show_page("scripts")
    page = window.pages["scripts"]
    pump(lambda: bool(page.list.rows()))
    page.customer.set_customer(card.customer_id, card.card.name)
    page.search.setText("面霜")
    page.refresh()
    pump(lambda: page.shown_text == "面霜" and page.current() is not None)
    kinds = [r.kind for r in page.list.rows()]
    page.list.setCurrentRow(kinds.index("script") if "script" in kinds else 0)
    save(window, out, "library")
    page.preview.text.setPlainText(page.preview.current_text() + "全网最低价，支持微信转账")
    page.copy_current()
    save(window, out, "library-blocked")
    dialog = page.new_personal()
    dialog.title.setText("我的到店提醒")
    dialog.body.setPlainText("{称呼，明天{门店}见～")
    dialog.save()
    save(dialog, out, "library-personal")
    dialog.close()
    page.search.clear()
    page.refresh()

    picker = card.open_script_picker()
    picker.picker.search.setText("sctj")
    picker.picker._dispatch()
    pump(lambda: picker.picker.results_current())
    save(picker, out, "script-picker")
    picker.reject()

    panel = window.open_quick_panel()
    panel.picker.search.setText("有没有适合敏感肌的面霜")
    panel.picker._dispatch()
    pump(lambda: panel.picker.results_current())
    save(panel, out, "quick-panel")
    panel.hide_panel()
    window.show_page("contacts")


def take_tasks(window, out: Path) -> None:
    """任务: the guide's sections with an outreach task open (its customers and the script
    filled for the first), then a tick of an item that needs a photo, asking for it."""
    window.show_page("tasks")
    page = window.pages["tasks"]
    pump(lambda: page.loaded)
    views = [v for rows in page.sections.values() for v in rows]
    outreach = next((v for v in views if v.kind == "outreach" and v.status != "approved"), None)
    if outreach is not None:
        page.open_assignment(outreach.id)
        pump(lambda: page.panel.view is not None and bool(page.panel.rows))
        save(window, out, "tasks")
    photo = None
    for v in views:
        if v.status in ("todo", "in_progress", "sent_back"):
            items = window.session.tasks.items(v.id)
            photo = next((i for i in items if i.requires_evidence and not i.done), None)
            if photo is not None:
                page.open_assignment(v.id)
                pump(lambda item_id=photo.id: item_id in page.panel.rows)
                break
    if photo is not None:
        row = page.panel.row(photo.id)
        row.box.click()
        pump(lambda: row.message.isVisible())
        save(window, out, "tasks-evidence")
    window.show_page("contacts")


def take_orders(window, out: Path) -> None:
    """订单: the cached orders newest first, then one channel's, then an order's detail
    opened from the list (its customer a link)."""
    window.show_page("orders")
    page = window.pages["orders"]
    pump(lambda: page.model.rowCount() > 0 and page.model.row_at(0) is not None)
    save(window, out, "orders")
    page.channel.setCurrentIndex(page.channel.findData("tmall"))
    pump(lambda: page.model.row_at(0) is not None and page.model.row_at(0).brief.channel == "tmall")
    save(window, out, "orders-tmall")
    page.channel.setCurrentIndex(0)
    pump(lambda: page.model.row_at(0) is not None)
    page._open_row(0)
    pump(lambda: page.dialog is not None and page.dialog.isVisible())
    save(page.dialog, out, "orders-detail")
    page.dialog.close()
    window.show_page("contacts")


def take_supervisor(url: str, work: Path, out: Path) -> None:
    """The store supervisor's 今日 (the store's figures) and top bar."""
    from guide_app.auth import sign_in
    from guide_app.demo_server import DEMO_PASSWORD
    from ui.background import wait_for_background
    from ui.main_window import MainWindow

    session = sign_in(url, "s001-mgr", DEMO_PASSWORD, data_dir=work / "client")
    try:
        pump(lambda: session.sync.status.last_sync_at is not None, 120)
        window = MainWindow(session)
        window.show()
        window.start()
        window.show_page("today")
        pump(lambda: window.today.queue is not None)
        save(window, out, "today-supervisor")
        take_handover(window, out)
        take_review(window, out)
        window.close()
    finally:
        session.sync.stop()
        wait_for_background(10000)
        session.close()


def take_handover(window, out: Path) -> None:
    from ui.pages.handover.handover_tab import ID_ROLE

    """交接与合并: 离职继承 with the first guide chosen and the preview of who gets whom,
    then 重复客户合并 with the first pair."""
    window.show_page("handover")
    page = window.pages["handover"]
    tab = page.handover
    pump(lambda: tab.leaving.count() > 1)
    tab.leaving.setCurrentIndex(1)
    pump(lambda: tab.receivers.count() > 0)
    tab.check_receivers({tab.receivers.item(i).data(ID_ROLE) for i in range(2)})
    tab.refresh_preview()
    pump(lambda: tab.table.rowCount() > 0, 10)
    save(window, out, "handover")
    page.tabs.setCurrentIndex(1)
    page.merge.load()
    pump(lambda: bool(page.merge.summary.text()), 15)
    save(window, out, "handover-merge")
    page.tabs.setCurrentIndex(0)


def take_review(window, out: Path) -> None:
    """审核: the task waiting longest for review with a guide's submission open (items,
    notes, photo; the bars per guide), 退回 asking for its reason, and 门店看板."""
    window.show_page("review")
    page = window.pages["review"]
    tab = page.review
    pump(lambda: bool(tab.task_rows) and tab.busy == 0)
    pump(lambda: tab.panel.row is not None or not tab.guide_rows)
    pump(lambda: tab.busy == 0)
    save(window, out, "review")
    if tab.panel.row is not None and tab.panel.approve_button.isEnabled():
        tab.panel.send_back()  # no reason yet: the rule's answer shows
        save(window, out, "review-reason")
    page.tabs.setCurrentWidget(page.board)
    pump(lambda: page.board.board is not None and page.board.busy == 0)
    save(window, out, "review-board")
    page.tabs.setCurrentWidget(tab)


if __name__ == "__main__":
    sys.exit(main())
