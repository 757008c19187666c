"""A material above the preview: its thumbnail, whether it is here for offline use,
and 用系统程序打开 (the file under its own name, in the system's viewer)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.background import run_in_background
from ui.library_widgets.clips import share_path
from ui.materials import thumbnail

THUMB_PX = 160
#: Kinds whose file is worth a picture (a video or other file gets the kind's icon tile).
FILE_KINDS = ("image", "poster", "file", "video")


class MaterialView(QWidget):
    """Hidden for scripts; :meth:`show_material` for a material."""

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.material: Any = None
        self.here = False  # the material's file is in the blob cache
        self.picture = QLabel()
        self.picture.setObjectName("materialThumb")
        self.picture.setFixedSize(THUMB_PX, THUMB_PX)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.where = QLabel()
        self.where.setObjectName("materialOffline")
        self.where.setWordWrap(True)
        self.where.setProperty("role", "hint")
        self.open_button = QPushButton()
        self.open_button.clicked.connect(lambda _c=False: self.open_file())
        side = QVBoxLayout()
        side.addWidget(self.where)
        side.addWidget(self.open_button)
        side.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.picture)
        row.addLayout(side, 1)
        self.hide()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.open_button.setText(self.tr("用系统程序打开"))
        if self.material is not None:
            self._say_where()

    def local_path(self) -> Any:
        sha = self.material.blob_sha256 if self.material is not None else None
        return self.session.blobs.path_for(sha) if sha else None

    def show_material(self, material: Any) -> None:
        self.material = material
        if str(material.kind) not in FILE_KINDS or not material.blob_sha256:
            self.hide()
            return
        self.picture.clear()
        path = self.local_path()
        self.here = path is not None
        self._say_where()
        self.show()
        if path is None:
            return
        mime, sha = material.mime, material.blob_sha256
        run_in_background(
            lambda: thumbnail(path, mime, THUMB_PX, sha),
            lambda image, m=material: self._thumb(m, image),
        )

    def _say_where(self) -> None:
        self.where.setText(
            self.tr("已在本机，离线可用") if self.here else self.tr("未下载到本机，需联网后使用")
        )
        self.open_button.setEnabled(self.here)

    def _thumb(self, material: Any, image: QImage) -> None:
        if material is self.material and not image.isNull():
            self.picture.setPixmap(QPixmap.fromImage(image))

    def open_file(self) -> bool:
        path = self.local_path()
        if path is None:
            return False
        target = share_path(path, self.material.blob_sha256, self.material.file_name)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
