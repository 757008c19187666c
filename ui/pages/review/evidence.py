"""Evidence photos on the 审核 page: a thumbnail button per photo, full size on click.

The guide's photo usually is not on the supervisor's PC yet: the thumbnail is
made on a worker, which fetches the file from the server first when online
(``session.blobs.fetch``) and draws a "未下载到本机" tile when it cannot.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.background import run_in_background
from ui.materials.thumbs import placeholder, thumbnail
from ui.materials.thumbs import tr as thumb_tr

THUMB = 96


def _local_or_fetched(blobs: Any, sha256: str) -> Path | None:
    """The photo's file on this PC, downloaded first when it is not here (None: cannot)."""
    path = blobs.path_for(sha256)
    if path is not None:
        return path
    try:
        return blobs.fetch(sha256)
    except Exception:  # noqa: BLE001 - offline or gone: the tile says it is not here
        return None


class EvidenceThumb(QToolButton):
    """One evidence photo; a click opens it full size."""

    sig_open = Signal(str)  # sha256

    def __init__(self, blobs: Any, sha256: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sha256 = sha256
        self.path: Path | None = None
        self.ready = False
        self._blobs = blobs
        self.setIconSize(QSize(THUMB, THUMB))
        self.setFixedSize(THUMB + 8, THUMB + 8)
        self.setToolTip(self.tr("点击查看原图"))
        self.setIcon(QPixmap.fromImage(placeholder(THUMB, "…")))
        self.clicked.connect(lambda: self.sig_open.emit(self.sha256))
        run_in_background(self._draw, self._drawn, lambda _e: self._drawn((None, None)))

    def _draw(self) -> tuple[Path | None, QImage | None]:
        path = _local_or_fetched(self._blobs, self.sha256)
        if path is None:
            return None, None
        return path, thumbnail(path, None, THUMB, sha256=self.sha256)

    def _drawn(self, result: tuple[Path | None, QImage | None]) -> None:
        path, image = result
        self.path = path
        if image is None:
            image = placeholder(THUMB, thumb_tr("未下载到本机"))
        self.setIcon(QPixmap.fromImage(image))
        self.ready = True


class EvidenceDialog(QDialog):
    """The photo at full size (scrolls when larger than the screen allows)."""

    def __init__(self, path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("凭证照片"))
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture = QImage()
        if path is not None:
            reader = QImageReader(str(path))
            reader.setAutoTransform(True)
            picture = reader.read()
        if picture.isNull():
            self.image.setText(self.tr("照片不在本机，联网后再试"))
        else:
            self.image.setPixmap(QPixmap.fromImage(picture))
        self.picture_size = picture.size()
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        width = min(picture.width() + 40, screen.width() - 80 if screen else 1200)
        height = min(picture.height() + 80, screen.height() - 80 if screen else 900)
        self.resize(max(width, 320), max(height, 240))
