"""Settings → 我的企微二维码: choose the guide's QR image, see the one in force.

The choice is checked at once (a real picture by its bytes, at most 5 MB) and
queued as ``user.set_qr`` when the settings are saved, through
``guide_app.services.profile`` (blob cache + outbox: works offline).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide_app.domain.errors import ValidationFailed
from guide_app.services.profile import ProfileService
from ui.materials.thumbs import thumbnail

PREVIEW_PX = 96


def is_picture(path: Path) -> bool:
    """True when Qt can decode the file as an image (judged by its bytes, not its name)."""
    reader = QImageReader(str(path))
    reader.setDecideFormatFromContent(True)
    if not reader.canRead():
        return False
    reader.setScaledSize(reader.size().scaled(64, 64, Qt.AspectRatioMode.KeepAspectRatio))
    return not reader.read().isNull()


class QrRow(QWidget):
    """Preview, 选择图片… and a line saying what happened; ``save()`` queues the choice."""

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = ProfileService(session.cache, session.user, session.blobs)
        self.pending: Path | None = None
        self._error = ""
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_PX, PREVIEW_PX)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setWordWrap(True)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)  # an empty box reads as "no picture"
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.ask_for_file)
        self.status = QLabel()
        self.status.setWordWrap(True)
        metrics = self.status.fontMetrics()
        # room for a message of two or three lines without the dialog changing size
        self.status.setMinimumSize(
            metrics.horizontalAdvance("二维码图片不能超过 5 MB（"), metrics.lineSpacing() * 3
        )
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        side.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(self.status)
        side.addStretch(1)
        layout_gap = self.preview.fontMetrics().averageCharWidth()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        layout.addSpacing(layout_gap)
        layout.addLayout(side, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.choose_button.setText(self.tr("选择图片…"))
        self.choose_button.setToolTip(self.tr("海报上放的是这张二维码；图片不超过 5 MB"))
        self._show_current()

    def _show_current(self) -> None:
        if self.pending is not None:
            path: Path | None = self.pending
        else:
            path = self.profile.qr_path()
        if path is not None:
            self.preview.setPixmap(QPixmap.fromImage(thumbnail(path, None, PREVIEW_PX)))
        else:
            self.preview.setPixmap(QPixmap())
            has_one = self.profile.qr_sha256() is not None
            self.preview.setText(self.tr("图片未在本机") if has_one else self.tr("未设置"))
        if self._error:
            return
        if self.pending is not None:
            self._say(self.tr("已选择 {0}，保存后生效").format(self.pending.name), error=False)
        else:
            self._say("", error=False)

    def _say(self, text: str, *, error: bool) -> None:
        self.status.setProperty("role", "error" if error else "hint")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(text)

    def ask_for_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择二维码图片"),
            "",
            self.tr("图片") + " (*.png *.jpg *.jpeg *.bmp *.gif *.webp)",
        )
        if name:
            self.choose(Path(name))

    def choose(self, path: Path) -> bool:
        """Check ``path`` (size, a real picture); keep it for ``save()`` or say what is wrong."""
        try:
            self.profile.check_qr_file(path)
        except ValidationFailed as exc:
            return self._refuse(exc.message)
        if not is_picture(path):
            return self._refuse(self.tr("所选文件不是图片：{0}").format(path.name))
        self.pending = Path(path)
        self._error = ""
        self._show_current()
        return True

    def _refuse(self, message: str) -> bool:
        self._error = message
        self._say(message, error=True)
        return False

    def error_text(self) -> str:
        return self._error

    def save(self) -> bool:
        """Queue the chosen QR code (nothing chosen: nothing to do). False: see ``error_text()``."""
        if self.pending is None:
            return True
        try:
            self.profile.set_qr(self.pending)
        except ValidationFailed as exc:
            return self._refuse(exc.message)
        self.pending = None
        self._error = ""
        self._show_current()
        return True
