"""导入会员 dialog (issue 12) against the real server: a store supervisor checks a member
file with a bad row and sees it in the report table (row, column, reason) with 导入
disabled; a good file checks, imports, and the customers reach the supervisor's list by
sync. The 客户 page offers the dialog to supervisors and HQ, not to guides; HQ may pick
the store for rows without one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.server.member_samples import write_csv
from tests.ui.conftest import WAIT_MS, close_session, open_session
from ui.pages.contacts.member_import_dialog import MemberImportDialog
from ui.pages.contacts.page import may_import_members_here


@pytest.fixture
def mgr(app, server, tmp_path):
    session = open_session(server.url, "s001-mgr", tmp_path / "client-mgr")
    yield session
    close_session(session)


def _dialog(qtbot, session) -> MemberImportDialog:
    dialog = MemberImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _idle(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.busy == 0 and dialog.report is not None, timeout=WAIT_MS)


def _cells(dialog, row: int) -> list[str]:
    return [dialog.problems.item(row, c).text() for c in range(3)]


def test_bad_row_in_report_then_good_file_imports(qtbot, mgr, tmp_path):
    assert may_import_members_here(mgr)
    dialog = _dialog(qtbot, mgr)
    assert dialog.store.isHidden()  # a supervisor imports into their own store
    assert not dialog.check_button.isEnabled()
    bad = write_csv(
        tmp_path / "bad.csv",
        [
            ["好人", "13900139401", "UI-1", "", "", "", "", "", "", "", ""],
            ["坏号码", "139001", "UI-2", "", "", "", "", "", "", "", ""],
            ["他店", "13900139403", "UI-3", "S002", "", "", "", "", "", "", ""],
        ],
    )
    dialog.set_file(bad)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, dialog)
    assert dialog.problems.rowCount() == 2
    row, column, reason = _cells(dialog, 0)
    assert (row, column) == ("3", "手机号") and "11位" in reason
    assert _cells(dialog, 1)[:2] == ["4", "门店"] and "本店" in _cells(dialog, 1)[2]
    assert "发现 2 处问题, 没有导入任何内容" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()

    good = write_csv(
        tmp_path / "good.csv",
        [["好人", "13900139401", "UI-1", "", "", "银卡", "", "", "", "肤质:油性", ""]],
    )
    dialog.set_file(good)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, dialog)
    assert "检查通过" in dialog.summary.text() and dialog.problems.rowCount() == 0
    assert dialog.import_button.isEnabled()
    dialog.report = None
    with qtbot.waitSignal(dialog.sig_imported, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, dialog)
    assert "导入完成" in dialog.summary.text() and "新建 1" in dialog.summary.text()
    assert mgr.sync.sync_once(), mgr.sync.status.error
    with mgr.cache.read() as conn:
        found = conn.exec_driver_sql(
            "SELECT name, level FROM customers WHERE member_no = 'UI-1'"
        ).all()
    assert found == [("好人", "silver")]


def test_page_button_for_supervisor_and_hq_not_guide(app, qtbot, server, session, tmp_path):
    assert not may_import_members_here(session)  # s001-g1
    hq = open_session(server.url, "hq", tmp_path / "client-hq")
    try:
        assert may_import_members_here(hq)
        dialog = _dialog(qtbot, hq)
        assert not dialog.store.isHidden()
        codes = [dialog.store.itemText(i).split(" ")[0] for i in range(1, dialog.store.count())]
        assert codes == ["S001", "S002"] and dialog.store.itemData(0) is None
    finally:
        close_session(hq)


def test_contacts_page_opens_the_dialog(qtbot, mgr):
    from ui.pages.contacts.page import ContactsPage

    page = ContactsPage(mgr)
    qtbot.addWidget(page)
    page.show()
    assert page.import_button.isVisible() and page.import_button.text() == "导入会员"
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = page.member_import_dialog
    assert isinstance(dialog, MemberImportDialog) and dialog.isVisible()
    dialog.close()
