"""导入订单 dialog (issue 12) against the real server. HQ uploads a Tmall order report
with broken rows and then its item report: the upload reports its bytes, the report
shows the counts and each rejected row with file, line and reason; the order file again
(alone) doubles nothing and, once more, is all unchanged. A supervisor may only
import their store's POS file with its mapping: a row of another store is rejected, a
file of the wrong layout fails whole. A guide may not import."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from guide_app.services.library_admin import FileRefused
from guide_app.services.order_import import OrderImport, read_mapping
from tests.server import order_samples as S
from tests.ui.conftest import WAIT_MS, close_session, open_session
from ui.orders_import_dialog import OrdersImportDialog, may_import_orders_here


@pytest.fixture
def hq(app, server, tmp_path):
    session = open_session(server.url, "hq", tmp_path / "client-hq")
    yield session
    close_session(session)


@pytest.fixture
def mgr(app, server, tmp_path):
    session = open_session(server.url, "s001-mgr", tmp_path / "client-mgr")
    yield session
    close_session(session)


def _dialog(qtbot, session) -> OrdersImportDialog:
    dialog = OrdersImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _run(qtbot, dialog) -> None:
    dialog.reports = None
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.busy == 0 and dialog.reports is not None, timeout=WAIT_MS)


def _cells(dialog) -> list[tuple[str, str, str]]:
    return [
        tuple(dialog.problems.item(r, c).text() for c in range(3))
        for r in range(dialog.problems.rowCount())
    ]


def test_hq_uploads_orders_then_items_with_progress_and_report(qtbot, hq, tmp_path):
    orders = [
        S.SampleOrder("9300000000000000001", "交易成功", "128.00", phone="13911112222",
                      items=[("SKU-1", "保湿面霜 50ml", 1, "100.00"), ("SKU-2", "小样", 2, "14.00")]),
        S.SampleOrder("9300000000000000002", "卖家已发货，等待买家确认", "59.90",
                      logistics=("中通快递", "ZT123")),
    ]  # fmt: skip
    order_file = S.tmall_orders(
        tmp_path / "ExportOrderList.csv",
        orders,
        extra=[
            ['="9300000000000000005"', "tb_x"],  # cut short
            ['="9300000000000000006"']
            + [""] * 7
            + ["¥12.00", "", "交易成功"]
            + [""] * 6
            + ["2024-13-45 10:00:00"]
            + [""] * 15,  # bad date
        ],  # fmt: skip
    )
    item_file = S.tmall_items(tmp_path / "ExportOrderDetailList.csv", orders)

    assert may_import_orders_here(hq)
    opened = OrdersImportDialog.open_for(hq)
    assert opened.isVisible()
    opened.close()
    dialog = _dialog(qtbot, hq)
    assert [dialog.channel.itemData(i) for i in range(dialog.channel.count())] == [
        "tmall", "jd", "youzan", "douyin", "pos"
    ]  # fmt: skip
    assert not dialog.import_button.isEnabled()
    dialog.set_channel("tmall")
    assert dialog.form.isRowVisible(4) and not dialog.form.isRowVisible(3)  # store, no mapping
    dialog.set_order_file(order_file)
    dialog.set_item_file(item_file)
    dialog.set_store("S001")
    assert dialog.import_button.isEnabled()
    sent: list[tuple[int, int]] = []
    dialog.sig_progress.connect(lambda a, b: sent.append((a, b)))
    with qtbot.waitSignal(dialog.sig_imported, timeout=WAIT_MS):
        _run(qtbot, dialog)

    total = order_file.stat().st_size + item_file.stat().st_size
    assert sent and sent[-1] == (total, total)
    assert [a for a, _ in sent] == sorted(a for a, _ in sent)
    first, items = dialog.reports
    assert (first.rows_read, first.orders_imported, first.rejected) == (4, 2, 2)
    assert (items.orders_updated, items.rejected) == (2, 0)  # the items with their prices
    summary = dialog.summary.text()
    assert "ExportOrderList.csv: 读取 4 行; 新导入 2, 更新 0, 未变 0" in summary
    assert "ExportOrderDetailList.csv: 读取 3 行" in summary
    cells = _cells(dialog)
    assert [c[:2] for c in cells] == [("ExportOrderList.csv", "4"), ("ExportOrderList.csv", "5")]
    assert "行不完整" in cells[0][2] and "2024-13-45" in cells[1][2]
    assert dialog.import_button.isEnabled() and dialog.progress.isHidden()

    dialog.set_item_file(None)
    _run(qtbot, dialog)  # the orders again, alone: their items go back to 宝贝标题
    (again,) = dialog.reports
    assert (again.orders_imported, again.orders_updated, again.orders_unchanged) == (0, 2, 0)
    _run(qtbot, dialog)  # and once more: nothing new, nothing doubled, nothing changed
    (again,) = dialog.reports
    assert (again.orders_imported, again.orders_updated, again.orders_unchanged) == (0, 0, 2)
    assert "新导入 0, 更新 0, 未变 2" in dialog.summary.text()


def test_supervisor_imports_own_pos_file_with_mapping(qtbot, mgr, tmp_path):
    assert may_import_orders_here(mgr)
    dialog = _dialog(qtbot, mgr)
    assert [dialog.channel.itemData(i) for i in range(dialog.channel.count())] == ["pos"]
    assert dialog.form.isRowVisible(3) and not dialog.form.isRowVisible(4)  # mapping, no store
    assert not dialog.form.isRowVisible(2)  # a POS file holds its items
    tickets = [
        S.SampleOrder("P-UI-1", "销售", "45.00", member_no="",
                      items=[("A1", "洁面乳", 1, "30.00"), ("A2", "面膜", 1, "15.00")]),
        S.SampleOrder("P-UI-2", "销售", "20.00", store_code="S002"),
    ]  # fmt: skip
    pos_file = S.pos_csv(tmp_path / "pos.csv", tickets)
    dialog.set_order_file(pos_file)
    assert not dialog.import_button.isEnabled()  # the mapping file is needed
    dialog.set_mapping_file(S.pos_mapping(tmp_path / "map.json"))
    _run(qtbot, dialog)
    (report,) = dialog.reports
    assert (report.orders_imported, report.rejected, report.failed) == (1, 1, False)
    ((file, line, reason),) = _cells(dialog)
    assert (file, line) == ("pos.csv", "4") and "只能导入本店的订单" in reason

    tmall = S.tmall_orders(tmp_path / "tmall.csv", tickets[:1])  # not a POS layout
    dialog.set_order_file(tmall)
    _run(qtbot, dialog)
    (report,) = dialog.reports
    assert report.failed and report.orders_imported == 0
    assert "文件无法导入, 没有导入任何订单" in dialog.summary.text()
    assert _cells(dialog)[0][:2] == ("tmall.csv", "整个文件")


def test_guide_may_not_import_and_bad_mapping_is_named(app, server, tmp_path):
    guide = open_session(server.url, "s001-g1", tmp_path / "client-g1")
    try:
        assert not OrderImport(guide.api, guide.user).may_import()
        assert not may_import_orders_here(guide)
    finally:
        close_session(guide)
    bad = tmp_path / "map.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(FileRefused, match="列映射文件格式错误: map.json"):
        read_mapping(bad)
    good = S.pos_mapping(tmp_path / "map.yaml", yaml=True)
    assert json.loads(read_mapping(good)) == S.POS_MAPPING
