"""Settings shows the signed-in server and fits its fields; the 保存筛选 dialog fits a
long name (both were sized by Qt's defaults: 240×204 with a cut field, 200×111)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit

from ui import options


def _fields(form: QFormLayout):
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if item is not None and item.widget() is not None:
            yield item.widget()


def test_settings_show_the_sessions_server_whole_and_every_field_fits(window, server, qtbot):
    options.put("server_url", "http://127.0.0.1:8765")  # the stored default, not where we are
    dialog = window.settings_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit = dialog.server_edit
    assert edit.text() == window.session.server_url == server.url
    assert "下次登录" in dialog.server_note.text() and dialog.server_note.isVisible()
    for field in _fields(dialog.form):
        assert field.width() >= field.sizeHint().width(), (field, field.width())
    # the whole URL shows: its text fits inside the line edit's text area
    edit.setText("https://guide.example-chain.com:18765")
    room = edit.contentsRect().width() - edit.textMargins().left() - edit.textMargins().right()
    assert edit.fontMetrics().horizontalAdvance(edit.text()) < room - 4
    assert dialog.width() >= dialog.sizeHint().width()


def test_save_filter_dialog_fits_a_long_name(window, qtbot):
    from ui.pages.contacts.page import FILTER_NAME_CHARS

    dialog = window.contacts.filter_name_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit = dialog.findChild(QLineEdit)
    name = "本月生日的金卡老客户名单二〇二六"[:FILTER_NAME_CHARS]
    edit.setText(name)
    assert edit.fontMetrics().horizontalAdvance(name) < edit.contentsRect().width()
    assert dialog.width() >= dialog.sizeHint().width()
