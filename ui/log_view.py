"""Recent log lines inside the app (for support calls), newest appended live."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QLabel, QListView, QVBoxLayout, QWidget

from ui.logs import current_log_file, recent_lines


class LogLinesModel(QAbstractListModel):
    """Picard's log view model: a list model with begin/endInsertRows around appends."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        handler = recent_lines()
        self.lines: list[str] = list(handler.lines)
        handler.emitter.sig_line_logged.connect(self.append)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.lines)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return self.lines[index.row()]
        return None

    def append(self, line: str) -> None:
        row = len(self.lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self.lines.append(line)
        self.endInsertRows()


class LogDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("运行日志"))
        self.model = LogLinesModel(self)
        view = QListView()
        view.setModel(self.model)
        view.setUniformItemSizes(True)
        self.model.rowsInserted.connect(lambda *_: view.scrollToBottom())
        path = QLabel(self.tr("日志文件：{0}").format(current_log_file()))
        path.setProperty("role", "hint")
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(path)
        view.scrollToBottom()
        self.resize(820, 420)
