"""话术建议 tab (HQ): guides' personal scripts suggested for HQ's library. Accept one
into a chosen group (it becomes an HQ script), or decline it with a reason (required;
the guide sees it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from guide_core import protocol
from ui.labels import local_time
from ui.pages.library_admin.common import AdminHost, AdminTab, fill, selected_id, table


class SuggestionsTab(AdminTab):
    def __init__(self, host: AdminHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.rows: dict[str, protocol.ScriptSuggestionData] = {}
        self.names: dict[str, str] = {}
        self.list = table(["", "", ""])
        self.list.itemSelectionChanged.connect(self._selected)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.group = QComboBox()
        self.group.setMinimumWidth(200)
        self.accept_button = QPushButton()
        self.accept_button.clicked.connect(lambda: self.accept_selected(self.group.currentData()))
        self.reason = QLineEdit()
        self.decline_button = QPushButton()
        self.decline_button.clicked.connect(lambda: self.decline_selected(self.reason.text()))
        self.status = QLabel()
        self.status.setProperty("role", "hint")
        self.group_label = QLabel()
        right = QWidget()
        rbox = QVBoxLayout(right)
        rbox.setContentsMargins(0, 0, 0, 0)
        rbox.addWidget(self.preview, 1)
        row1 = QHBoxLayout()
        row1.addWidget(self.group_label)
        row1.addWidget(self.group, 1)
        row1.addWidget(self.accept_button)
        row2 = QHBoxLayout()
        row2.addWidget(self.reason, 1)
        row2.addWidget(self.decline_button)
        rbox.addLayout(row1)
        rbox.addLayout(row2)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(right)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        self.retranslate_ui()
        self.update_controls()

    def retranslate_ui(self) -> None:
        self.list.setHorizontalHeaderLabels([self.tr("标题"), self.tr("提交人"), self.tr("时间")])
        self.group_label.setText(self.tr("采纳到分组"))
        self.accept_button.setText(self.tr("采纳"))
        self.reason.setPlaceholderText(self.tr("不采纳的原因 (必填, 导购会看到)"))
        self.decline_button.setText(self.tr("不采纳"))

    def update_controls(self) -> None:
        ok = self.writable and self.admin.may_manage_global() and bool(selected_id(self.list))
        for w in (self.accept_button, self.decline_button, self.group, self.reason):
            w.setEnabled(ok)

    def reload(self) -> None:
        def work() -> tuple[list, list]:
            return self.admin.suggestions("pending"), self.admin.groups()

        self.host.run(work, self._loaded)

    def _loaded(self, answer: tuple[list, list]) -> None:
        suggestions, groups = answer
        self.rows = {s.id: s for s in suggestions}
        users = self.admin.user_names()
        by_id = {g.id: g for g in groups}

        def path(gid: str | None) -> str:
            names, seen = [], set()
            while gid and gid in by_id and gid not in seen:
                seen.add(gid)
                names.append(by_id[gid].name)
                gid = by_id[gid].parent_id
            return "/".join(reversed(names))

        current = self.group.currentData()
        self.group.clear()
        for g in sorted((g for g in groups if str(g.scope) == "hq"), key=lambda g: path(g.id)):
            self.group.addItem(path(g.id), g.id)
        if current is not None and (at := self.group.findData(current)) >= 0:
            self.group.setCurrentIndex(at)
        fill(
            self.list,
            [
                (
                    s.id,
                    [
                        s.title,
                        users.get(s.owner_id, s.owner_id),
                        local_time(s.created_at) if s.created_at else "",
                    ],
                )
                for s in suggestions
            ],
        )
        self.status.setText(self.tr("待处理 {0} 条").format(len(suggestions)))
        self._selected()

    def _selected(self) -> None:
        s = self.rows.get(selected_id(self.list) or "")
        self.preview.setPlainText(
            "" if s is None else f"{s.title}\n\n{s.body}\n\n{' '.join(s.keywords)}".strip()
        )
        self.update_controls()

    def accept_selected(self, group_id: str | None) -> None:
        sid = selected_id(self.list)
        if sid is None:
            return
        self.host.run(
            lambda: self.admin.accept_suggestion(sid, group_id), self._decided, self.show_error
        )

    def decline_selected(self, reason: str) -> None:
        sid = selected_id(self.list)
        if sid is None:
            return
        if not reason.strip():
            self.show_error(self.tr("不采纳时请填写原因"))
            self.reason.setFocus()
            return
        self.host.run(
            lambda: self.admin.decline_suggestion(sid, reason), self._decided, self.show_error
        )

    def _decided(self, _row: object) -> None:
        self.show_error("")
        self.reason.clear()
        self.reload()
