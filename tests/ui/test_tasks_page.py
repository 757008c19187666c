"""任务 page: real widgets over a real Session (signed in to the real demo server).

Most tests add their own task rows to the guide's cache the way a pull would
(``apply_pull_page`` at the cache's own cursor) with the sync engine stopped, so
they control outreach lists, required notes and the clock; the live test at the
end ticks a demo task offline with a pasted photo and checks the server's row.
"""

from __future__ import annotations

import time
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pypdfium2
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage
from PySide6.QtWidgets import QApplication

from guide_app.services.customer_query import CustomerQuery
from guide_core.protocol import Change, item_check_id
from tests.support.server import DEMO_PASSWORD
from tests.ui.conftest import WAIT_MS

_version = iter(range(10_000_000, 20_000_000))


def _pulled(session, rows: list[tuple[str, dict]]) -> None:
    """Store ``rows`` in the cache as a pull page would, keeping the cache's cursor."""
    with session.cache.read() as conn:
        cursor = conn.exec_driver_sql("SELECT value FROM meta WHERE key = 'cursor'").scalar()
    changes = [Change(entity=e, id=d["id"], version=next(_version), data=d) for e, d in rows]
    session.cache.apply_pull_page(changes, cursor)


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _add_task(session, key: str, *, items, start=None, due=None, status="todo", reason="",
              targets=None) -> str:  # fmt: skip
    now = datetime.now(UTC)
    start = start if start is not None else now - timedelta(hours=1)
    due = due if due is not None else now + timedelta(hours=8)
    rows = [("task", {"id": f"t-{key}", "title": f"测试任务{key}", "kind": "outreach"})]
    for n, item in enumerate(items):
        rows.append(("task_item", {"id": f"i-{key}-{n}", "task_id": f"t-{key}", "sort": n, **item}))
    rows.append(
        (
            "assignment",
            {
                "id": f"a-{key}",
                "task_id": f"t-{key}",
                "guide_id": session.user.id,
                "store_id": session.user.store_id,
                "status": status,
                "start_at": _iso(start),
                "due_at": _iso(due),
                "review_reason": reason,
                "targets": targets or {},
            },
        )
    )
    _pulled(session, rows)
    return f"a-{key}"


def _page(window, qtbot):
    window.session.sync.stop()  # the rows added here are not on the server
    window.show_page("tasks")
    page = window.pages["tasks"]
    page.load()
    qtbot.waitUntil(lambda: page.loaded, timeout=WAIT_MS)
    return page


def _open(page, qtbot, assignment_id: str, items: int):
    page.load()
    qtbot.waitUntil(lambda: page.view(assignment_id) is not None, timeout=WAIT_MS)
    page.open_assignment(assignment_id)
    qtbot.waitUntil(
        lambda: (
            page.panel.view is not None
            and page.panel.view.id == assignment_id
            and len(page.panel.rows) == items
        ),
        timeout=WAIT_MS,
    )
    return page.panel


def _check(session, assignment_id: str, item_id: str) -> dict:
    with session.cache.read() as conn:
        raw = conn.exec_driver_sql(
            "SELECT data FROM item_checks WHERE id = ?", (item_check_id(assignment_id, item_id),)
        ).scalar()
    return orjson.loads(raw) if raw else {}


def _photo(color: str = "#2a9d8f") -> QImage:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    return image


def test_sections_mark_overdue_and_show_upcoming_and_done(window, qtbot):
    s = window.session
    now = datetime.now(UTC)
    items = [{"text": "检查价签"}]
    _add_task(s, "late", items=items, start=now - timedelta(days=2), due=now - timedelta(hours=2))
    _add_task(s, "later", items=items, start=now + timedelta(days=3), due=now + timedelta(days=4))
    page = _page(window, qtbot)
    qtbot.waitUntil(lambda: page.view("a-later") is not None, timeout=WAIT_MS)
    assert page.section_of("a-late") == "overdue"
    assert page.section_of("a-later") == "upcoming"
    # the demo chain's approved tasks are done; its open ones are today's
    assert any(v.status == "approved" for v in page.sections["done"])
    assert page.sections["today"]
    overdue = page.tree.topLevelItem(1)
    assert overdue.text(0) == f"已逾期 ({len(page.sections['overdue'])})"
    child = next(overdue.child(n) for n in range(overdue.childCount())
                 if overdue.child(n).data(0, Qt.ItemDataRole.UserRole) == "a-late")  # fmt: skip
    assert child.text(0).startswith("【逾期】测试任务late")
    assert child.foreground(0).color() == QColor("#c0392b")


def test_a_required_note_is_asked_before_the_tick_counts(window, qtbot):
    s = window.session
    aid = _add_task(s, "note", items=[{"text": "记录顾客反馈", "requires_note": True}])
    page = _page(window, qtbot)
    panel = _open(page, qtbot, aid, 1)
    row = panel.row("i-note-0")
    assert row.needs.text() == "需备注"
    row.box.click()
    qtbot.waitUntil(lambda: row.message.isVisible(), timeout=WAIT_MS)
    assert "该项需要填写备注" in row.message.text()
    assert not row.box.isChecked() and _check(s, aid, "i-note-0") == {}
    before = datetime.now(UTC).replace(microsecond=0)
    row.note.setText("顾客想要小样")
    qtbot.keyClick(row.note, Qt.Key.Key_Return)  # the tick waited for the note
    qtbot.waitUntil(lambda: _check(s, aid, "i-note-0").get("done") is True, timeout=WAIT_MS)
    check = _check(s, aid, "i-note-0")
    assert check["note"] == "顾客想要小样"
    assert datetime.fromisoformat(check["done_at"]) >= before  # the guide's clock
    qtbot.waitUntil(lambda: row.box.isChecked() and not row.message.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: page.view(aid).status == "in_progress", timeout=WAIT_MS)


def test_evidence_pasted_with_ctrl_v_completes_the_tick(window, qtbot):
    s = window.session
    aid = _add_task(s, "photo", items=[{"text": "拍陈列照", "requires_evidence": True}])
    page = _page(window, qtbot)
    panel = _open(page, qtbot, aid, 1)
    row = panel.row("i-photo-0")
    row.box.click()
    qtbot.waitUntil(lambda: "凭证" in row.message.text(), timeout=WAIT_MS)
    assert _check(s, aid, "i-photo-0") == {}

    QApplication.clipboard().setText("不是图片")
    window.activateWindow()
    row.box.setFocus()
    qtbot.keyClick(row.box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "剪贴板里没有图片" in row.message.text(), timeout=WAIT_MS)

    QApplication.clipboard().setImage(_photo())
    qtbot.keyClick(row.box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _check(s, aid, "i-photo-0").get("done") is True, timeout=WAIT_MS)
    sha = _check(s, aid, "i-photo-0")["evidence_sha256"]
    assert s.blobs.has_local_only(sha)  # uploaded by the sync engine before the push
    qtbot.waitUntil(lambda: not row.thumb.pixmap().isNull(), timeout=WAIT_MS)

    # Ctrl+V in the note field: a picture replaces the photo, text stays text
    QApplication.clipboard().setImage(_photo("#f4a261"))
    row.note.setFocus()
    qtbot.keyClick(row.note, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: _check(s, aid, "i-photo-0").get("evidence_sha256") not in (None, sha),
        timeout=WAIT_MS,
    )
    QApplication.clipboard().setText("店长说可以")
    qtbot.keyClick(row.note, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert row.note.text() == "店长说可以"


def test_a_photo_pasted_before_the_page_reads_again_replaces_the_saved_one(
    window, qtbot, monkeypatch
):
    """The row knows its own saved tick: a second photo pasted before the page's
    re-read (held back here, as a busy worker would) replaces the evidence at once."""
    s = window.session
    aid = _add_task(s, "again", items=[{"text": "拍门头照", "requires_evidence": True}])
    page = _page(window, qtbot)
    panel = _open(page, qtbot, aid, 1)
    row = panel.row("i-again-0")
    monkeypatch.setattr(page, "load", lambda: None)  # no fresh item view reaches the row
    row.box.click()
    qtbot.waitUntil(lambda: "凭证" in row.message.text(), timeout=WAIT_MS)
    QApplication.clipboard().setImage(_photo("#264653"))
    row.paste()
    qtbot.waitUntil(lambda: _check(s, aid, "i-again-0").get("done") is True, timeout=WAIT_MS)
    first = _check(s, aid, "i-again-0")["evidence_sha256"]
    qtbot.waitUntil(lambda: not row.busy and row.item.done, timeout=WAIT_MS)
    assert row.item.evidence_sha256 == first and row.done_at.text().startswith("完成于 ")
    QApplication.clipboard().setImage(_photo("#e9c46a"))
    row.paste()
    qtbot.waitUntil(
        lambda: _check(s, aid, "i-again-0").get("evidence_sha256") not in (None, first),
        timeout=WAIT_MS,
    )
    assert _check(s, aid, "i-again-0")["done"] is True


def test_a_dropped_file_must_be_a_small_image(window, qtbot, tmp_path: Path):
    s = window.session
    aid = _add_task(s, "drop", items=[{"text": "上传截图", "requires_evidence": True}])
    page = _page(window, qtbot)
    panel = _open(page, qtbot, aid, 1)
    row = panel.row("i-drop-0")
    fake = tmp_path / "截图.png"
    fake.write_text("这不是图片")
    big = tmp_path / "大图.jpg"
    big.write_bytes(b"\xff\xd8" + b"0" * (11 * 1024 * 1024))
    good = tmp_path / "陈列.png"
    _photo("#e76f51").save(str(good))

    def at():
        return row.mapTo(page, row.rect().center())

    qtbot.waitUntil(lambda: page.childAt(at()) is not None and page.row_at(at()) is row)

    def drop(path: Path) -> None:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        event = QDropEvent(QPointF(at()), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier)  # fmt: skip
        page.dropEvent(event)

    drop(fake)
    qtbot.waitUntil(lambda: "“截图.png”不是可识别的图片" in row.message.text(), timeout=WAIT_MS)
    drop(big)
    qtbot.waitUntil(lambda: "凭证照片不能超过 10.0 MB" in row.message.text(), timeout=WAIT_MS)
    drop(good)
    qtbot.waitUntil(lambda: row.pending_sha is not None, timeout=WAIT_MS)
    assert _check(s, aid, "i-drop-0") == {}  # a photo alone is not the tick
    row.box.click()
    qtbot.waitUntil(lambda: _check(s, aid, "i-drop-0").get("done") is True, timeout=WAIT_MS)
    assert _check(s, aid, "i-drop-0")["evidence_sha256"] == s.blobs.add_local(good)


def test_outreach_lists_customers_copies_their_script_and_logs_contacts(window, qtbot):
    s = window.session
    mine = s.customers.page(CustomerQuery(mine_only=True), 0, 3)
    script = next(x for x in s.library.scripts(limit=500) if "{称呼" in x.body)
    aid = _add_task(
        s,
        "reach",
        items=[{"text": "逐个私聊", "kind": "outreach", "script_id": script.id}],
        targets={"i-reach-0": [c.id for c in mine]},
    )
    page = _page(window, qtbot)
    panel = _open(page, qtbot, aid, 1)
    outreach = panel.row("i-reach-0").outreach
    assert outreach is not None
    assert outreach.count.text() == "已联系 0 / 3"
    qtbot.waitUntil(lambda: mine[0].name in outreach.list.item(0).text(), timeout=WAIT_MS)
    want = s.library.render(script.id, mine[0].id).text
    qtbot.waitUntil(lambda: outreach.preview.toPlainText() == want, timeout=WAIT_MS)
    outreach.list.setFocus()
    qtbot.keyClick(outreach.list, Qt.Key.Key_Return)  # Enter copies, personalised and checked
    assert QApplication.clipboard().text() == want
    assert outreach.status.text().startswith("已复制")

    outreach.contacted_button.click()
    qtbot.waitUntil(lambda: "已记录联系" in outreach.status.text(), timeout=WAIT_MS)
    with s.cache.read() as conn:
        edits = conn.exec_driver_sql(
            "SELECT entity, op, fields FROM outbox WHERE entity IN ('follow_up', 'item_check')"
        ).all()
    ops = [(e, o) for e, o, _ in edits]
    assert ops[-2:] == [("follow_up", "create"), ("item_check", "contact")]
    contact = orjson.loads(edits[-1][2])
    assert contact["customer_id"] == mine[0].id
    card = s.customers.get(mine[0].id)  # the follow-up is on the customer's card at once
    assert any("测试任务reach" in f.text for f in card.follow_ups)
    assert outreach.current_customer() == mine[1].id  # on to the next customer


def test_sent_back_shows_the_reason_and_submit_says_what_is_missing(window, qtbot):
    s = window.session
    aid = _add_task(s, "back", status="sent_back", reason="照片太暗，请重拍",
                    items=[{"text": "第一项"}, {"text": "第二项"}])  # fmt: skip
    page = _page(window, qtbot)
    panel = _open(page, qtbot, aid, 2)
    assert panel.sent_back.isVisible()
    assert panel.sent_back.text() == "已退回，原因：照片太暗，请重拍"
    panel.submit_button.click()
    qtbot.waitUntil(lambda: panel.message.text().startswith("不能提交"), timeout=WAIT_MS)
    assert panel.message.text() == "不能提交：还有清单项未完成 (还有2项未完成)" or (
        "还有2项未完成" in panel.message.text()
    )
    panel.row("i-back-0").box.click()  # the next action takes it back to 进行中
    qtbot.waitUntil(lambda: page.view(aid).status == "in_progress", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not panel.sent_back.isVisible(), timeout=WAIT_MS)
    panel.row("i-back-1").box.click()
    qtbot.waitUntil(lambda: page.view(aid).items_done == 2, timeout=WAIT_MS)
    panel.submit_button.click()
    qtbot.waitUntil(lambda: page.section_of(aid) == "done", timeout=WAIT_MS)
    assert page.view(aid).status_label == "待审核"


def test_the_days_checklist_prints_to_pdf(window, qtbot, tmp_path: Path):
    s = window.session
    mine = s.customers.page(CustomerQuery(mine_only=True), 0, 2)
    aid = _add_task(s, "print", items=[{"text": "私聊名单上的会员", "kind": "outreach"}],
                    targets={"i-print-0": [c.id for c in mine]})  # fmt: skip
    page = _page(window, qtbot)
    qtbot.waitUntil(lambda: page.view(aid) is not None, timeout=WAIT_MS)
    out = tmp_path / "今日清单.pdf"
    page.save_day_pdf(out)
    qtbot.waitUntil(lambda: "已保存今日清单" in page.status.text(), timeout=WAIT_MS)
    pdf = pypdfium2.PdfDocument(str(out))
    try:
        text = "".join(pdf[n].get_textpage().get_text_range() for n in range(len(pdf)))
    finally:
        pdf.close()
    text = unicodedata.normalize("NFKC", text).replace("\r", "").replace("\n", "")
    for view in page.sections["today"] + page.sections["overdue"]:
        assert unicodedata.normalize("NFKC", view.title) in text, view.title
    assert "私聊名单上的会员" in text and mine[0].name in text and "已联系 0 / 2" in text
    assert "新品上市朋友圈" in text  # a demo task of today's


def test_live_tick_offline_with_a_pasted_photo_reaches_the_server(window, qtbot, server, tmp_path):
    s = window.session
    qtbot.waitUntil(lambda: window.status.online is True, timeout=WAIT_MS)
    window.show_page("tasks")
    page = window.pages["tasks"]
    qtbot.waitUntil(lambda: page.loaded, timeout=WAIT_MS)
    view = next(v for v in page.sections["today"] if v.title == "新品上市朋友圈")
    items = s.tasks.items(view.id)
    item = next(i for i in items if i.requires_evidence)
    panel = _open(page, qtbot, view.id, len(items))
    row = panel.row(item.id)

    server.stop()  # offline
    qtbot.waitUntil(lambda: window.status.online is False, timeout=WAIT_MS)
    before = datetime.now(UTC).replace(microsecond=0)
    QApplication.clipboard().setImage(_photo("#264653"))
    window.activateWindow()
    row.box.setFocus()
    qtbot.keyClick(row.box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: row.pending_sha is not None, timeout=WAIT_MS)
    row.note.setText("已发朋友圈")
    row.box.click()
    qtbot.waitUntil(lambda: _check(s, view.id, item.id).get("done") is True, timeout=WAIT_MS)
    local = _check(s, view.id, item.id)
    sha = local["evidence_sha256"]
    time.sleep(1.1)  # the server sees the tick later than it was made

    server.start()
    window.sync_now()
    qtbot.waitUntil(lambda: s.sync.status.pending == 0 and s.sync.status.online, timeout=WAIT_MS)
    from guide_app.sync.api import ApiClient

    with ApiClient(server.url) as api:
        api.login("s001-mgr", DEMO_PASSWORD, "tasks-test")
        cursor, rows = None, {}
        while True:
            got = api.pull(cursor, 5000)
            rows.update({c.id: c for c in got.changes if c.entity == "item_check"})
            cursor = got.cursor
            if not got.has_more:
                break
        check = rows[item_check_id(view.id, item.id)].data
        assert check["done"] is True and check["evidence_sha256"] == sha
        assert check["note"] == "已发朋友圈"
        done_at = datetime.fromisoformat(str(check["done_at"]).replace("Z", "+00:00"))
        assert before <= done_at == datetime.fromisoformat(local["done_at"])  # the guide's clock
        fetched = api.get_blob(sha, tmp_path / "evidence")
        assert QImage(str(fetched)).size() == _photo().size()  # the photo itself is there
    assert not s.blobs.has_local_only(sha)  # uploaded before the push


def test_live_outreach_contact_reaches_the_server_and_counts(window, qtbot, server, tmp_path):
    """A supervisor's store task (task.create from their PC) with an outreach list reaches the
    guide; 标记已联系 logs the follow-up and the count on the server, and 1 / 3 shows."""
    import uuid

    from guide_app.cache.outbox import record_edits
    from guide_app.domain.validation import checked_fields
    from tests.ui.conftest import close_session, open_session

    s = window.session
    qtbot.waitUntil(lambda: window.status.online is True, timeout=WAIT_MS)
    mine = s.customers.page(CustomerQuery(mine_only=True), 0, 3)
    script = next(x for x in s.library.scripts(limit=500) if "{称呼" in x.body)
    sup = open_session(server.url, "s001-mgr", tmp_path / "client-mgr")
    try:
        task_id, item_id = str(uuid.uuid4()), str(uuid.uuid4())
        now = datetime.now(UTC)
        fields = checked_fields(
            "task",
            "create",
            {
                "title": "店长布置的回访",
                "kind": "outreach",
                "start_at": now - timedelta(hours=1),
                "due_at": now + timedelta(hours=6),
                "guide_ids": [s.user.id],
                "items": [
                    {
                        "id": item_id,
                        "text": "私聊名单上的会员",
                        "kind": "outreach",
                        "script_id": script.id,
                        "customer_ids": [c.id for c in mine],
                    }
                ],
            },
        )
        record_edits(sup.cache, sup.user.id, [("task", "create", task_id, fields, None)])
        sup.sync.sync_now()
        deadline = time.monotonic() + WAIT_MS / 1000
        while sup.sync.status.pending:
            assert time.monotonic() < deadline, sup.sync.status
            time.sleep(0.05)
        assert sup.attention.count() == 0, sup.attention.list()
    finally:
        close_session(sup)

    window.show_page("tasks")
    page = window.pages["tasks"]
    window.sync_now()

    def mine_now():
        return next((v for v in page.sections["today"] if v.task_id == task_id), None)

    qtbot.waitUntil(lambda: page.loaded and mine_now() is not None, timeout=WAIT_MS)
    view = mine_now()
    panel = _open(page, qtbot, view.id, 1)
    outreach = panel.row(item_id).outreach
    assert outreach is not None and outreach.count.text() == "已联系 0 / 3"
    by_id = {c.id: c for c in mine}
    first = by_id[panel.row(item_id).item.targets[0]]  # the list in the server's order
    qtbot.waitUntil(lambda: first.name in outreach.list.item(0).text(), timeout=WAIT_MS)
    outreach.contacted_button.click()
    qtbot.waitUntil(lambda: "已记录联系" in outreach.status.text(), timeout=WAIT_MS)
    window.sync_now()
    qtbot.waitUntil(lambda: s.sync.status.pending == 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: outreach.count.text() == "已联系 1 / 3", timeout=WAIT_MS)
    assert "✓ 已联系" in outreach.list.item(0).text()
    assert outreach.contacted_button.isEnabled()  # the next customer is selected
    outreach.list.setCurrentRow(0)
    assert not outreach.contacted_button.isEnabled()  # marked once is enough

    from guide_app.sync.api import ApiClient

    with ApiClient(server.url) as api:
        api.login("s001-mgr", DEMO_PASSWORD, "tasks-test")
        cursor, rows = None, {}
        while True:
            got = api.pull(cursor, 5000)
            for c in got.changes:
                rows.setdefault(c.entity, {})[c.id] = c
            cursor = got.cursor
            if not got.has_more:
                break
    check = rows["item_check"][item_check_id(view.id, item_id)].data
    assert check["contacted_ids"] == [first.id] and check["done"] is False
    logged = [
        c.data for c in rows["follow_up"].values() if c.data and "店长布置的回访" in c.data["text"]
    ]
    assert [f["customer_id"] for f in logged] == [first.id]  # on the customer's history
