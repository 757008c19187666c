"""Status bar: online/offline, last sync, pending edits, items needing attention, progress."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from ui.paths import icon

if TYPE_CHECKING:
    from guide_app.sync.status import SyncStatus


class SyncStatusBar(QStatusBar):
    """Shows the last ``SyncStatus``; clicking the attention count asks for the list."""

    sig_attention_clicked = Signal()
    sig_sync_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.online_label = QLabel()
        self.online_icon = QLabel()
        self.last_sync_label = QLabel()
        self.pending_label = QLabel()
        self.attention_button = QToolButton()
        self.attention_button.setObjectName("attention")
        self.attention_button.setIcon(icon("attention"))
        self.attention_button.clicked.connect(self.sig_attention_clicked)
        #: The local cache is damaged and will be rebuilt at the next start.
        self.cache_label = QLabel()
        self.cache_label.setObjectName("cacheProblem")
        self.cache_label.hide()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.sync_button = QToolButton()
        self.sync_button.setIcon(icon("sync"))
        self.sync_button.setAutoRaise(True)
        self.sync_button.clicked.connect(self.sig_sync_clicked)
        self.addPermanentWidget(self.cache_label)
        self.addPermanentWidget(self.progress)
        for w in (self.online_icon, self.online_label, self.last_sync_label, self.pending_label):
            self.addPermanentWidget(w)
        self.addPermanentWidget(self.attention_button)
        self.addPermanentWidget(self.sync_button)
        self.online: bool | None = None
        self.attention_count = 0
        self.pending_count = 0
        self._status: SyncStatus | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.sync_button.setToolTip(self.tr("立即同步 (F5)"))
        self.attention_button.setToolTip(self.tr("需要处理的修改，点击查看"))
        self.show_status(self._status)

    def show_status(self, status: SyncStatus | None) -> None:
        """Re-label from a ``SyncStatus`` (or nothing yet)."""
        self._status = status
        if status is None:
            self.online = None
            self.online_label.setText(self.tr("连接中…"))
            self.online_icon.setPixmap(icon("offline").pixmap(12, 12))
            self.last_sync_label.setText("")
            self.pending_label.setText("")
            self.attention_button.hide()
            self.cache_label.hide()
            return
        self.online = bool(status.online)
        self.online_icon.setPixmap(icon("online" if self.online else "offline").pixmap(12, 12))
        if self.online:
            self.online_label.setText(self.tr("在线"))
            self.online_label.setToolTip("")
        else:
            self.online_label.setText(self.tr("离线"))
            error = status.error or ""
            self.online_label.setToolTip(self.retry_text(status) or str(error))
        if status.passive:
            self.online_label.setText(self.tr("另一窗口正在同步"))
        last = status.last_sync_at
        if isinstance(last, datetime):
            when = last.astimezone().strftime("%H:%M:%S")
            self.last_sync_label.setText(self.tr("上次同步 {0}").format(when))
        else:
            self.last_sync_label.setText(self.tr("尚未同步"))
        self.pending_count = int(status.pending or 0)
        self.pending_label.setText(self.tr("待上传 {0}").format(self.pending_count))
        self.attention_count = int(status.attention or 0)
        self.attention_button.setText(self.tr("需处理 {0}").format(self.attention_count))
        self.attention_button.setVisible(self.attention_count > 0)
        problem = status.cache_problem
        self.cache_label.setVisible(bool(problem))
        self.cache_label.setText(self.tr("⚠ 本地缓存需重建") if problem else "")
        self.cache_label.setToolTip(str(problem or ""))
        self._show_progress(status)

    def retry_text(self, status: SyncStatus) -> str:
        """Why the last cycle failed and when the engine tries again ('' when it is not
        waiting to retry); the time is the engine's (``SyncStatus.next_attempt_at``)."""
        if not status.waiting_to_retry or status.next_attempt_at is None:
            return ""
        when = status.next_attempt_at.astimezone().strftime("%H:%M:%S")
        return self.tr("无法同步：{0}。将于 {1} 自动重试").format(status.error, when)

    def show_retry(self, status: SyncStatus) -> None:
        """Say it in the message area until the retry (at least 5 s)."""
        from datetime import UTC, datetime

        text = self.retry_text(status)
        if not text or status.next_attempt_at is None:
            return
        left = (status.next_attempt_at - datetime.now(UTC)).total_seconds()
        self.showMessage(text, max(5000, int(left * 1000)))

    def _show_progress(self, status: SyncStatus) -> None:
        progress = status.progress
        busy = bool(status.syncing)
        if not busy or not progress:
            self.progress.hide()
            return
        done, total = progress
        self.progress.show()
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.progress.setFormat(self.tr("同步中 %v/%m"))
        else:  # the server does not announce a total: a busy bar with the count
            self.progress.setRange(0, 0)
            self.progress.setFormat(self.tr("同步中 {0} 条").format(done))
        self.progress.setToolTip(self.tr("已接收 {0} 条").format(done))
