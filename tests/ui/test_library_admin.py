"""话术素材管理 page (issue 11): real widgets over real sessions against the real server.

HQ creates a group and a script in the page, edits and retires it; the editor checks
braces and sensitive words as typed; a group moved too deep shows the server's message
and the tree as it was; a supervisor sees HQ's content read-only and the server's refusal
when trying anyway; with the server stopped the page says writes need it and shows the
PC's own copy; the import report lists a bad row; the usage report exports to Excel.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QMessageBox

from guide_app.services.library_admin import OFFLINE_MESSAGE, LibraryAdmin
from guide_core import library_api as lib
from tests.ui.conftest import WAIT_MS, close_session, open_session
from ui.pages.library_admin.common import ID_ROLE


def when_modal(callback) -> None:
    """Run ``callback(dialog)`` once a modal dialog (exec'd by the page) is up."""

    def poll() -> None:
        w = QApplication.activeModalWidget()
        if w is None:
            QTimer.singleShot(20, poll)
            return
        callback(w)

    QTimer.singleShot(0, poll)


def answer_text(text: str) -> None:
    def fill(dialog) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(text)
        dialog.accept()

    when_modal(fill)


def answer_yes() -> None:
    def yes(box) -> None:
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    when_modal(yes)


def idle(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.busy == 0, timeout=WAIT_MS)


def make_page(qtbot, session):
    from ui.pages.library_admin.page import LibraryAdminPage

    page = LibraryAdminPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.load()
    idle(qtbot, page)
    return page


@pytest.fixture
def hq_session(app, server, tmp_path):
    session = open_session(server.url, "hq", tmp_path / "client-hq")
    yield session
    close_session(session)


@pytest.fixture
def hq_page(qtbot, hq_session):
    return make_page(qtbot, hq_session)


def tree_names(tab) -> list[str]:
    return [g.name for g in tab.tree.groups.values()]


def list_titles(tab) -> list[str]:
    return [tab.list.item(r, 0).text() for r in range(tab.list.rowCount())]


def test_hq_creates_edits_and_retires_a_script_in_the_page(hq_page, qtbot):
    page = hq_page
    tab = page.scripts
    assert not page.banner_row.isVisible()
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "话术",
        "素材",
        "敏感词",
        "标签组",
        "话术建议",
        "导入导出",
        "使用统计",
        "运营设置",
    ]

    answer_text("节日问候")
    tab.new_group.click()
    qtbot.waitUntil(lambda: "节日问候" in tree_names(tab), timeout=WAIT_MS)
    idle(qtbot, page)
    group_id = next(g.id for g in tab.tree.groups.values() if g.name == "节日问候")
    assert tab.tree.current_group_id() == group_id
    assert tab.rename.isEnabled() and tab.delete_group_button.isEnabled()

    tab.new_script.click()
    editor = tab.editor
    assert editor is not None and editor.isVisible()
    assert editor.group.currentData() == group_id  # the selected group
    assert editor.scope.currentData() == ("hq", None)
    qtbot.keyClicks(editor.title, "Spring")
    editor.title.setText("春节问候")
    editor.body.setPlainText("新年好 {称呼")
    assert "没有对应的" in editor.body_message.text()  # braces checked as typed
    editor.body.setPlainText("新年好, ")
    editor.body.moveCursor(QTextCursor.MoveOperation.End)
    editor.insert_var.menu().actions()[0].trigger()  # 插入变量 → {称呼}
    assert editor.body.toPlainText() == "新年好, {称呼}"
    assert editor.body_message.isHidden()

    editor.body.setPlainText("新年好 {称呼}, 全网最便宜")  # the demo chain blocks 最便宜
    assert editor.highlighted() == ["最便宜"]
    assert "最便宜" in editor.body_message.text()
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert editor.isVisible() and "最便宜" in editor.message.text()  # not sent

    editor.body.setPlainText("新年好 {称呼|亲}, 祝您新春快乐")
    editor.keywords.setText("春节, 新年 问候")
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: tab.editor is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "春节问候" in list_titles(tab), timeout=WAIT_MS)
    idle(qtbot, page)
    script = next(s for s in tab.scripts.values() if s.title == "春节问候")
    assert script.keywords == ["春节", "新年", "问候"] and script.group_id == group_id

    assert tab.list.item(0, 0).text() == "春节问候"
    tab.list.selectRow(0)
    assert tab.edit.isEnabled() and tab.retire.isEnabled()
    tab.edit.click()
    editor = tab.editor
    assert editor.title.text() == "春节问候" and editor.body.toPlainText().startswith("新年好")
    assert editor.valid_from.text() == "不限" and editor.valid_from.value() is None
    editor.title.setText("春节问候 (新版)")
    editor.valid_to.set_value(date(2030, 1, 31))
    store_box = editor.visibility.stores
    store_box.item(0).setCheckState(Qt.CheckState.Checked)
    store_id = store_box.item(0).data(ID_ROLE)
    editor.visibility.roles.item(0).setCheckState(Qt.CheckState.Checked)  # 导购
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "春节问候 (新版)" in list_titles(tab), timeout=WAIT_MS)
    idle(qtbot, page)
    script = next(s for s in tab.scripts.values() if s.title == "春节问候 (新版)")
    assert script.valid_from is None and script.valid_to == date(2030, 1, 31)
    assert script.visibility.store_ids == [store_id] and script.visibility.roles == ["guide"]
    assert tab.list.item(0, 3).text() == "… ~ 2030-01-31"

    tab.list.selectRow(0)
    answer_yes()
    tab.retire.click()
    qtbot.waitUntil(lambda: list_titles(tab) == [], timeout=WAIT_MS)
    idle(qtbot, page)
    assert tab.status.text() == "共 0 条"

    tab.tree.select_group(group_id)  # now empty: it can go
    answer_yes()
    tab.delete_group_button.click()
    qtbot.waitUntil(lambda: "节日问候" not in tree_names(tab), timeout=WAIT_MS)
    idle(qtbot, page)


def test_a_move_the_server_refuses_shows_its_message_and_the_tree_as_it_was(
    hq_page, hq_session, qtbot
):
    from ui.pages.library_admin.group_tree import Drop

    page, tab = hq_page, hq_page.scripts
    admin = LibraryAdmin(hq_session.api, hq_session.user)
    chain, parent = [], None
    for n in range(8):
        g = admin.create_group(lib.ScriptGroupWrite(name=f"层{n + 1}", parent_id=parent))
        chain.append(g.id)
        parent = g.id
    other = admin.create_group(lib.ScriptGroupWrite(name="另一组"))
    extra = admin.create_group(lib.ScriptGroupWrite(name="子组", parent_id=other.id))
    tab.reload()
    qtbot.waitUntil(lambda: extra.id in tab.tree.groups, timeout=WAIT_MS)
    idle(qtbot, page)

    # a drop on the deepest group: where the tree says it goes, then what the server says
    deepest = tab.tree._items()[chain[-1]].index()
    assert tab.tree.place(other.id, deepest, Drop.OnItem) == (chain[-1], 0)
    with qtbot.waitSignal(tab.sig_loaded, timeout=WAIT_MS):
        tab.tree.sig_move.emit(other.id, chain[-1], 0)
    idle(qtbot, page)
    assert "8层" in tab.error.text() and tab.error.isVisible()
    assert tab.tree.groups[other.id].parent_id is None  # nothing moved

    # reorder at the top level: 另一组 before 层1
    first = tab.tree._items()[chain[0]].index()
    parent_id, place = tab.tree.place(other.id, first, Drop.AboveItem)
    assert parent_id is None
    tab.tree.sig_move.emit(other.id, parent_id, place)
    qtbot.waitUntil(
        lambda: (
            tab.tree.children_of(None).index(other.id) < tab.tree.children_of(None).index(chain[0])
        ),
        timeout=WAIT_MS,
    )
    idle(qtbot, page)


@pytest.fixture
def hq_content(app, server, tmp_path):
    """An HQ group and script, written through the admin API."""
    from guide_app.sync.api import ApiClient
    from tests.support.server import DEMO_PASSWORD

    with ApiClient(server.url) as api:
        reply = api.login("hq", DEMO_PASSWORD, "hq-content")
        admin = LibraryAdmin(api, reply.user)
        group = admin.create_group(lib.ScriptGroupWrite(name="总部分组"))
        script = admin.create_script(
            lib.ScriptWrite(group_id=group.id, title="总部欢迎语", body="欢迎光临")
        )
    return group, script


def test_a_supervisor_sees_hq_content_read_only_and_the_servers_refusal(
    app, qtbot, server, tmp_path, hq_content
):
    group, script = hq_content
    session = open_session(server.url, "s001-mgr", tmp_path / "client-mgr")
    try:
        page = make_page(qtbot, session)
        tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
        assert tabs == ["话术", "使用统计"]  # materials, words, tag groups… are HQ's
        tab = page.scripts
        qtbot.waitUntil(lambda: group.id in tab.tree.groups, timeout=WAIT_MS)
        assert tab.new_group.isEnabled() and tab.new_script.isEnabled()  # own store's
        tab.tree.select_group(group.id)
        idle(qtbot, page)
        qtbot.waitUntil(lambda: "总部欢迎语" in list_titles(tab), timeout=WAIT_MS)
        assert not tab.rename.isEnabled() and not tab.delete_group_button.isEnabled()
        tab.list.selectRow(list_titles(tab).index("总部欢迎语"))
        assert tab.edit.isEnabled() and not tab.retire.isEnabled()
        editor = tab.open_editor(script.id)
        assert editor.read_only and editor.body.isReadOnly()
        assert not editor.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
        assert "只能查看" in editor.message.text()
        editor.reject()

        tab.retire_script(script.id)  # past the disabled button: the server says no
        qtbot.waitUntil(lambda: tab.error.isVisible(), timeout=WAIT_MS)
        assert "店长只能管理本店" in tab.error.text()
        idle(qtbot, page)
        assert "总部欢迎语" in list_titles(tab)

        tab.new_script.click()  # a supervisor's script is their store's, nothing else
        editor = tab.editor
        assert editor.scope.count() == 1 and not editor.scope.isEnabled()
        assert editor.scope.currentData() == ("store", session.user.store_id)
        editor.title.setText("本店欢迎语")
        editor.body.setPlainText("欢迎来到本店")
        editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        qtbot.waitUntil(lambda: "本店欢迎语" in list_titles(tab), timeout=WAIT_MS)
        idle(qtbot, page)
        page.close()
    finally:
        close_session(session)


def test_without_the_server_the_page_says_so_and_shows_the_pcs_copy(
    hq_page, hq_session, qtbot, server
):
    page, tab = hq_page, hq_page.scripts
    cached = {
        g.id
        for g in LibraryAdmin(hq_session.api, hq_session.user, hq_session.cache).cached_groups()
    }
    assert cached  # the demo chain's groups, synced
    server.stop()
    hq_session.sync.stop()
    with qtbot.waitSignal(page.sig_offline_changed, timeout=WAIT_MS):
        page.reload_current()
    idle(qtbot, page)
    assert page.banner_row.isVisible()
    assert OFFLINE_MESSAGE in page.banner.text()
    assert not tab.new_group.isEnabled() and not tab.new_script.isEnabled()
    qtbot.waitUntil(lambda: set(tab.tree.groups) == cached, timeout=WAIT_MS)
    assert tab.list.rowCount() > 0  # the cached scripts, read-only
    tab.list.selectRow(0)
    assert tab.edit.isEnabled() and not tab.retire.isEnabled()
    editor = tab.open_editor(tab.list.item(0, 0).data(ID_ROLE))
    assert editor.read_only
    editor.reject()
    page.tabs.setCurrentWidget(page.words)
    idle(qtbot, page)
    assert not page.words.add.isEnabled()
    assert OFFLINE_MESSAGE in page.words.error.text()


def test_import_report_lists_the_bad_row(hq_page, qtbot, tmp_path: Path):
    page = hq_page
    tab = page.imports
    page.tabs.setCurrentWidget(tab)
    idle(qtbot, page)
    sheet = tmp_path / "scripts.csv"
    sheet.write_text(
        "分组,标题,内容,关键词,适用范围,生效日期,失效日期\n"
        "节日/春节,拜年,新年好 {称呼|亲},春节,,,\n"
        "节日/春节,坏括号,新年好 {称呼,春节,,,\n",
        encoding="utf-8",
    )
    tab.set_file(sheet)
    assert tab.check_button.isEnabled() and not tab.import_button.isEnabled()
    with qtbot.waitSignal(tab.sig_report, timeout=WAIT_MS) as got:
        tab.check_button.click()
    report = got.args[0]
    assert not report.ok
    assert tab.problems.rowCount() == len(report.problems) >= 1
    assert tab.problems.item(0, 0).text() == "3"  # the header is row 1
    assert tab.problems.item(0, 1).text() == "内容"
    assert tab.problems.item(0, 2).text()
    assert "没有导入任何内容" in tab.summary.text()
    assert not tab.import_button.isEnabled()

    sheet.write_text(
        "分组,标题,内容,关键词,适用范围,生效日期,失效日期\n"
        "节日/春节,拜年,新年好 {称呼|亲},春节,,,\n",
        encoding="utf-8",
    )
    tab.set_file(sheet)
    with qtbot.waitSignal(tab.sig_report, timeout=WAIT_MS):
        tab.check_button.click()
    assert tab.problems.rowCount() == 0 and tab.import_button.isEnabled()
    with qtbot.waitSignal(tab.sig_report, timeout=WAIT_MS) as got:
        tab.import_button.click()
    assert got.args[0].created == 1 and "导入完成" in tab.summary.text()

    out = tmp_path / "export.xlsx"
    tab.export_to(out)
    qtbot.waitUntil(lambda: out.exists(), timeout=WAIT_MS)
    from openpyxl import load_workbook

    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("分组", "标题", "内容")
    assert any(r[1] == "拜年" for r in rows[1:])


def test_usage_report_shows_and_exports_to_excel(app, qtbot, server, tmp_path: Path, hq_page):
    guide = open_session(server.url, "s001-g1", tmp_path / "client-g1")
    try:
        used = guide.library.scripts(limit=1)[0]
        guide.library.record_use("script", used.id)
        guide.library.record_use("script", used.id)
        guide.sync.sync_now()
        page = hq_page
        tab = page.usage
        tab.by.setCurrentIndex(tab.by.findData("guide"))
        page.tabs.setCurrentWidget(tab)

        def counted() -> bool:  # ask again until the guide's uses have reached the server
            report = tab.report
            if report is not None and report.by == "guide":
                if any(r.id == used.id and r.uses == 2 for r in report.most):
                    return True
            if page.busy == 0:
                tab.query.click()
            return False

        qtbot.waitUntil(counted, timeout=WAIT_MS)
        idle(qtbot, page)
        report = tab.report
        row = next(r for r in report.most if r.id == used.id)
        assert row.uses == 2 and row.guide_name == guide.user.display_name
        assert tab.most.rowCount() == len(report.most)
        assert tab.least.rowCount() == len(report.least)
        at = report.most.index(row)
        assert tab.most.item(at, 0).text() == used.title
        assert tab.most.item(at, 3).text() == guide.user.display_name
        assert tab.most.item(at, 4).text() == "2"
        assert tab.export_button.isEnabled()
        out = tab.export_to(tmp_path / "usage.xlsx")
        from openpyxl import load_workbook

        book = load_workbook(out)
        assert book.sheetnames == ["最常用", "最少用"]
        rows = list(book["最常用"].iter_rows(values_only=True))
        assert rows[0] == ("标题", "类型", "门店", "导购", "使用次数", "最近使用")
        assert len(rows) == len(report.most) + 1
        assert rows[at + 1][:5] == (
            used.title,
            "话术",
            tab.cells(row)[2],
            guide.user.display_name,
            2,
        )
        assert tab.cells(row)[2].startswith("S001 ")
    finally:
        close_session(guide)


def test_words_are_added_deleted_and_imported_in_the_page(hq_page, qtbot, tmp_path: Path):
    page = hq_page
    tab = page.words
    page.tabs.setCurrentWidget(tab)
    idle(qtbot, page)
    before = tab.list.rowCount()
    tab.word.setText("测试敏感词")
    tab.severity.setCurrentIndex(1)  # 提醒
    tab.add.click()
    qtbot.waitUntil(lambda: tab.list.rowCount() == before + 1, timeout=WAIT_MS)
    idle(qtbot, page)
    row = next(r for r in range(tab.list.rowCount()) if tab.list.item(r, 0).text() == "测试敏感词")
    assert tab.list.item(row, 1).text() == "提醒"
    tab.word.setText("测试敏感词")
    tab.add.click()  # twice: the server's message
    qtbot.waitUntil(lambda: tab.error.isVisible(), timeout=WAIT_MS)
    assert "已存在" in tab.error.text()
    idle(qtbot, page)
    tab.list.selectRow(row)
    answer_yes()
    tab.delete.click()
    qtbot.waitUntil(lambda: tab.list.rowCount() == before, timeout=WAIT_MS)
    idle(qtbot, page)

    listing = tmp_path / "words.txt"  # one a line, GBK as Windows Notepad may save it
    listing.write_bytes("导入词一\n\n导入词二\n导入词一\n".encode("gbk"))
    tab.severity.setCurrentIndex(0)  # 禁止
    tab.import_file(listing)
    qtbot.waitUntil(lambda: tab.list.rowCount() == before + 2, timeout=WAIT_MS)
    idle(qtbot, page)
    assert "已添加 2 个, 跳过已有的 0 个" in tab.status.text()
    shown = {
        tab.list.item(r, 0).text(): tab.list.item(r, 1).text() for r in range(tab.list.rowCount())
    }
    assert shown["导入词一"] == shown["导入词二"] == "禁止"


def test_hq_uploads_a_material_and_bad_files_are_named(hq_page, qtbot, tmp_path: Path):
    from PIL import Image

    from guide_core.library_api import MAX_MATERIAL_BYTES

    page = hq_page
    tab = page.materials
    page.tabs.setCurrentWidget(tab)
    idle(qtbot, page)
    before = len(tab.rows)
    assert before > 0 and tab.list.rowCount() == before  # the demo chain's materials

    tab.new.click()
    editor = tab.editor
    editor.kind.setCurrentIndex(editor.kind.findData("video"))
    big = tmp_path / "huge.mp4"
    with big.open("wb") as fh:
        fh.truncate(MAX_MATERIAL_BYTES + 5 * 1024 * 1024)
    assert not editor.set_file(big)
    assert "huge.mp4" in editor.message.text() and "105 MB" in editor.message.text()
    assert "100 MB" in editor.message.text()

    editor.kind.setCurrentIndex(editor.kind.findData("image"))
    fake = tmp_path / "photo.jpg"
    fake.write_text("not a picture")
    assert not editor.set_file(fake)
    assert "不是有效的图片" in editor.message.text()

    picture = tmp_path / "新品.png"
    Image.new("RGB", (64, 48), "blue").save(picture)
    assert editor.set_file(picture)
    assert editor.title.text() == "新品"
    editor.tags.setText("新品 春季")
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: len(tab.rows) == before + 1, timeout=WAIT_MS)
    idle(qtbot, page)
    made = next(m for m in tab.rows.values() if m.title == "新品")
    assert made.tags == ["新品", "春季"] and made.file_name == "新品.png"
    assert made.mime == "image/png"  # uploaded as what it is: WeCom gets an image

    def thumb_is_blue() -> bool:  # the uploaded picture, drawn from this PC's copy
        r = next(r for r in range(tab.list.rowCount()) if tab.list.item(r, 0).text() == "新品")
        image = tab.list.item(r, 0).icon().pixmap(48, 48).toImage()
        color = image.pixelColor(image.width() // 2, image.height() // 2)
        return color.blue() > 200 and color.red() < 60

    qtbot.waitUntil(thumb_is_blue, timeout=WAIT_MS)

    tab.new.click()  # a link needs http(s)
    editor = tab.editor
    editor.kind.setCurrentIndex(editor.kind.findData("link"))
    editor.title.setText("官网")
    editor.url.setText("example.com")
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "http" in editor.message.text() and editor.isVisible()
    editor.url.setText("https://example.com/spring")
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: len(tab.rows) == before + 2, timeout=WAIT_MS)
    idle(qtbot, page)

    row = next(r for r in range(tab.list.rowCount()) if tab.list.item(r, 0).text() == "新品")
    tab.list.selectRow(row)
    answer_yes()
    tab.retire.click()
    qtbot.waitUntil(lambda: made.id not in tab.rows, timeout=WAIT_MS)
    idle(qtbot, page)


def test_tag_groups_are_created_and_edited(hq_page, qtbot):
    page = hq_page
    tab = page.tag_groups
    page.tabs.setCurrentWidget(tab)
    idle(qtbot, page)
    before = len(tab.rows)
    tab.new.click()
    editor = tab.editor
    editor.name.setText("肤质测试")
    editor.choice.setCurrentIndex(editor.choice.findData("single"))
    editor.tags.setPlainText("干性\n油性\n\n混合")
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: len(tab.rows) == before + 1, timeout=WAIT_MS)
    idle(qtbot, page)
    row = next(r for r in tab.rows.values() if r.group.name == "肤质测试")
    assert sorted(t.name for t in row.tags) == sorted(["干性", "油性", "混合"])
    at = next(r for r in range(tab.list.rowCount()) if tab.list.item(r, 0).text() == "肤质测试")
    assert tab.list.item(at, 1).text() == "单选"
    tab.list.selectRow(at)
    tab.edit.click()
    editor = tab.editor
    assert editor.tags.toPlainText().splitlines() == [
        t.name for t in sorted(row.tags, key=lambda t: (t.sort, t.name))
    ]
    editor.name.setText("")
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "名称" in editor.message.text() or "不能为空" in editor.message.text()
    editor.name.setText("肤质")
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: any(r.group.name == "肤质" for r in tab.rows.values()), timeout=WAIT_MS)
    idle(qtbot, page)


def test_hq_accepts_and_declines_suggestions(app, qtbot, server, tmp_path, hq_page):
    guide = open_session(server.url, "s001-g1", tmp_path / "client-g1")
    try:
        first = guide.library.create_personal("我的开场白", "您好, 我是您的导购")
        second = guide.library.create_personal("我的收尾", "感谢光临")
        guide.library.suggest(first)
        guide.library.suggest(second)
        guide.sync.sync_now()
        page = hq_page
        tab = page.suggestions
        page.tabs.setCurrentWidget(tab)

        def arrived() -> bool:  # ask again until the guide's push has reached the server
            if page.busy == 0 and tab.list.rowCount() < 2:
                tab.reload()
            return tab.list.rowCount() >= 2

        qtbot.waitUntil(arrived, timeout=WAIT_MS)
        idle(qtbot, page)
        titles = [tab.list.item(r, 0).text() for r in range(tab.list.rowCount())]
        assert {"我的开场白", "我的收尾"} <= set(titles)
        assert tab.list.item(titles.index("我的收尾"), 1).text() == guide.user.display_name
        tab.list.selectRow(titles.index("我的收尾"))
        assert "感谢光临" in tab.preview.toPlainText()
        tab.decline_button.click()  # no reason: asked for one, nothing sent
        assert "原因" in tab.error.text() and page.busy == 0
        tab.reason.setText("内容太短")
        tab.decline_button.click()
        qtbot.waitUntil(lambda: tab.list.rowCount() == len(titles) - 1, timeout=WAIT_MS)
        idle(qtbot, page)
        titles = [tab.list.item(r, 0).text() for r in range(tab.list.rowCount())]
        tab.list.selectRow(titles.index("我的开场白"))
        assert tab.group.count() > 0
        tab.group.setCurrentIndex(0)
        group_id = tab.group.currentData()
        tab.accept_button.click()
        qtbot.waitUntil(lambda: tab.list.rowCount() == len(titles) - 1, timeout=WAIT_MS)
        idle(qtbot, page)
        found = page.admin.scripts(group_id, "我的开场白").scripts
        assert [s.body for s in found] == ["您好, 我是您的导购"]
    finally:
        close_session(guide)


def test_the_page_is_for_hq_and_supervisors_only(app, qtbot, server, tmp_path):
    from PySide6.QtGui import QKeySequence

    from ui.main_window import MainWindow
    from ui.pages.library_admin.page import LibraryAdminPage

    for username, sees in (("hq", True), ("s001-mgr", True), ("s001-g1", False)):
        session = open_session(server.url, username, tmp_path / username)
        try:
            window = MainWindow(session)
            qtbot.addWidget(window)
            window.show()
            window.start()
            assert ("library_admin" in window.page_keys()) is sees, username
            if sees:
                action = window.actions_by_name["page_library_admin"]
                assert action.shortcut() == QKeySequence("Ctrl+7")
                titles = [window.nav.item(r).text() for r in range(window.nav.count())]
                assert "内容管理" in titles
                window.show_page("library_admin")
                page = window.pages["library_admin"]
                assert isinstance(page, LibraryAdminPage)
                qtbot.waitUntil(lambda p=page: p.scripts.tree.groups != {}, timeout=WAIT_MS)
                idle(qtbot, page)
            window.close()
        finally:
            close_session(session)


def test_dragging_a_group_onto_another_moves_it_there(hq_page, hq_session, qtbot):
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QDragMoveEvent, QDropEvent

    page, tab = hq_page, hq_page.scripts
    admin = LibraryAdmin(hq_session.api, hq_session.user)
    target = admin.create_group(lib.ScriptGroupWrite(name="目标组"))
    moving = admin.create_group(lib.ScriptGroupWrite(name="被拖的组"))
    tab.reload()
    qtbot.waitUntil(lambda: moving.id in tab.tree.groups, timeout=WAIT_MS)
    idle(qtbot, page)

    tree = tab.tree
    tree.select_group(moving.id)
    idle(qtbot, page)
    mime = tree.model().mimeData([tree.currentIndex()])
    spot = QPointF(tree.visualRect(tree._items()[target.id].index()).center())
    move = QDragMoveEvent(
        spot.toPoint(),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    tree.dragMoveEvent(move)  # works out where the drop would go (onto the item)
    drop = QDropEvent(
        spot,
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(tree.sig_move, timeout=WAIT_MS) as moved:
        tree.dropEvent(drop)
    assert moved.args == [moving.id, target.id, 0]
    qtbot.waitUntil(
        lambda: (
            tab.tree.groups.get(moving.id) is not None
            and tab.tree.groups[moving.id].parent_id == target.id
        ),
        timeout=WAIT_MS,
    )
    idle(qtbot, page)
    assert tab.tree.path_of(moving.id) == "目标组/被拖的组"


def test_hq_looks_at_a_stores_library_and_writes_there(hq_page, qtbot):
    page, tab = hq_page, hq_page.scripts
    at = next(
        i for i in range(tab.view_store.count()) if tab.view_store.itemText(i).startswith("S002")
    )
    store_id = tab.view_store.itemData(at)
    tab.view_store.setCurrentIndex(at)
    tab.view_store.activated.emit(at)
    idle(qtbot, page)
    assert tab.view_scope() == ("store", store_id)
    answer_text("S002 专属")
    tab.new_group.click()
    qtbot.waitUntil(lambda: "S002 专属" in tree_names(tab), timeout=WAIT_MS)
    idle(qtbot, page)
    group = next(g for g in tab.tree.groups.values() if g.name == "S002 专属")
    assert str(group.scope) == "store" and group.store_id == store_id
    item = tab.tree._items()[group.id]
    assert item.text() == "S002 专属  [S002]"
    tab.new_script.click()
    editor = tab.editor
    assert editor.scope.currentData() == ("store", store_id)
    editor.title.setText("S002 欢迎语")
    editor.body.setPlainText("欢迎来到{门店}")
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "S002 欢迎语" in list_titles(tab), timeout=WAIT_MS)
    idle(qtbot, page)
    made = next(s for s in tab.scripts.values() if s.title == "S002 欢迎语")
    assert (str(made.scope), made.store_id, made.group_id) == ("store", store_id, group.id)
    row = list_titles(tab).index("S002 欢迎语")
    assert tab.list.item(row, 1).text() == "S002"

    tab.view_store.setCurrentIndex(0)  # back to HQ's library: the store's group is not there
    tab.view_store.activated.emit(0)
    qtbot.waitUntil(lambda: group.id not in tab.tree.groups, timeout=WAIT_MS)
    idle(qtbot, page)


def test_a_script_carries_text_and_material_items(hq_page, qtbot):
    page, tab = hq_page, hq_page.scripts
    tab.new_script.click()
    editor = tab.editor
    material = next(iter(editor.materials.values()))  # the demo chain's, cached on this PC
    editor.title.setText("带素材的话术")
    editor.body.setPlainText("给您看看这款")
    editor.add_text_item("还有问题随时问我")
    editor.add_material_item(material.id)
    assert [editor.items.item(i).text() for i in range(2)] == [
        "文字: 还有问题随时问我",
        f"素材: {material.title}",
    ]
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: tab.editor is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "带素材的话术" in list_titles(tab), timeout=WAIT_MS)
    idle(qtbot, page)
    made = next(s for s in tab.scripts.values() if s.title == "带素材的话术")
    assert [(i.kind, i.text, i.material_id) for i in made.items] == [
        ("text", "还有问题随时问我", None),
        ("material", "", material.id),
    ]
    editor = tab.open_editor(made.id)  # opens with them, in order
    assert editor.items.count() == 2 and editor.items.item(1).text() == f"素材: {material.title}"
    editor.reject()


# ------------------------------------------------ HQ edits in the page reach a guide


def _titles(session, text: str) -> list[str]:
    return [h.title for h in session.library.search(text) if h.kind == "script"]


def test_a_script_hq_saves_in_the_page_reaches_a_guide_and_its_removal_too(
    hq_page, server, qtbot, tmp_path
):
    guide = open_session(server.url, "s001-g1", tmp_path / "guide-pc")
    try:
        tab = hq_page.scripts
        tab.new_script.click()
        editor = tab.editor
        editor.title.setText("圣诞节问候")
        editor.body.setPlainText("{称呼|亲}, 圣诞快乐! 本周到店有惊喜")
        editor.keywords.setText("圣诞")
        editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        qtbot.waitUntil(lambda: tab.editor is None, timeout=WAIT_MS)
        idle(qtbot, hq_page)

        # the guide's PC gets it by itself (long-poll), searchable by pinyin initials too
        qtbot.waitUntil(lambda: _titles(guide, "圣诞") == ["圣诞节问候"], timeout=WAIT_MS)
        assert _titles(guide, "sdj") == ["圣诞节问候"]
        script_id = next(s.id for s in tab.scripts.values() if s.title == "圣诞节问候")
        rendered = guide.library.render(script_id)
        assert rendered.text.startswith("亲, 圣诞快乐") and rendered.complete

        # HQ limits it to another store: the guide's PC removes it
        tab.search.setText("圣诞")
        qtbot.waitUntil(lambda: list_titles(tab) == ["圣诞节问候"], timeout=WAIT_MS)
        tab.list.selectRow(0)
        tab.edit.click()
        editor = tab.editor
        stores = editor.visibility.stores
        own = guide.user.store_id
        other = next(r for r in range(stores.count()) if stores.item(r).data(ID_ROLE) != own)
        stores.item(other).setCheckState(stores.item(other).checkState().Checked)
        editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        qtbot.waitUntil(lambda: tab.editor is None, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: guide.library.script(script_id) is None, timeout=WAIT_MS)
        assert _titles(guide, "圣诞") == []

        # back to everyone, then retired: it comes back, then is gone for good
        tab.list.selectRow(0)
        tab.edit.click()
        editor = tab.editor
        stores = editor.visibility.stores
        stores.item(other).setCheckState(stores.item(other).checkState().Unchecked)
        editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        qtbot.waitUntil(lambda: _titles(guide, "圣诞") == ["圣诞节问候"], timeout=WAIT_MS)
        tab.list.selectRow(0)
        answer_yes()
        tab.retire.click()
        qtbot.waitUntil(lambda: guide.library.script(script_id) is None, timeout=WAIT_MS)
        assert _titles(guide, "圣诞") == []
    finally:
        close_session(guide)
