"""The material editor (HQ): kind, title, description, tags, the file (checked when
picked: size within the limit, an image must open), a link or mini-program's URL,
a 朋友圈 post's text and up to nine images, a poster's QR box, visibility, validity.

保存 emits ``sig_save(MaterialDraft)``; the page uploads and writes, then calls
:meth:`MaterialEditor.saved` or :meth:`MaterialEditor.failed`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from guide_app.services.library_admin import FileRefused, LibraryAdmin, check_material_file
from guide_core import protocol
from ui.pages.library_admin.common import DateOrAny, VisibilityEditor, split_words

IMAGE_ROLE = Qt.ItemDataRole.UserRole + 4
#: Kinds whose material is a file.
FILE_KINDS = ("image", "video", "file", "poster")
URL_KINDS = ("link", "miniprogram")
TEXT_KINDS = ("moments", "text")
KINDS = ("image", "video", "file", "poster", "link", "miniprogram", "moments", "text")
MAX_IMAGES = 9


@dataclass
class MaterialDraft:
    """What the editor asks the page to save."""

    fields: dict[str, Any]
    file: Path | None = None
    images: list[str | Path] | None = field(default=None)


class MaterialEditor(QDialog):
    sig_save = Signal(object)  # MaterialDraft

    def __init__(
        self,
        admin: LibraryAdmin,
        material: protocol.MaterialData | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.admin = admin
        self.material = material
        self.file: Path | None = None
        self.setMinimumSize(620, 600)
        self.kind = QComboBox()
        for k in KINDS:
            self.kind.addItem("", k)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.title = QLineEdit()
        self.description = QPlainTextEdit()
        self.description.setMaximumHeight(70)
        self.tags = QLineEdit()
        self.file_name = QLineEdit()
        self.file_name.setReadOnly(True)
        self.pick_file = QPushButton()
        self.pick_file.clicked.connect(self._ask_file)
        self.url = QLineEdit()
        self.text = QPlainTextEdit()
        self.text.setMaximumHeight(90)
        self.images = QListWidget()
        self.images.setMaximumHeight(90)
        self.add_image = QPushButton()
        self.add_image.clicked.connect(self._ask_images)
        self.remove_image = QPushButton()
        self.remove_image.clicked.connect(lambda: self.images.takeItem(self.images.currentRow()))
        self.qr = [QSpinBox() for _ in range(4)]
        for s in self.qr:
            s.setRange(0, 20000)
        self.visibility = VisibilityEditor(admin)
        self.valid_from = DateOrAny()
        self.valid_to = DateOrAny()
        self.message = QLabel()
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_name, 1)
        file_row.addWidget(self.pick_file)
        img_bar = QHBoxLayout()
        img_bar.addWidget(self.add_image)
        img_bar.addWidget(self.remove_image)
        img_bar.addStretch(1)
        img_box = QVBoxLayout()
        img_box.addWidget(self.images)
        img_box.addLayout(img_bar)
        qr_row = QHBoxLayout()
        for s in self.qr:
            qr_row.addWidget(s)
        dates = QHBoxLayout()
        self.to_label = QLabel()
        dates.addWidget(self.valid_from)
        dates.addWidget(self.to_label)
        dates.addWidget(self.valid_to)
        dates.addStretch(1)
        self.form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        for key, row in (
            ("kind", self.kind),
            ("title", self.title),
            ("description", self.description),
            ("tags", self.tags),
            ("file", file_row),
            ("url", self.url),
            ("text", self.text),
            ("images", img_box),
            ("qr", qr_row),
            ("visibility", self.visibility),
            ("validity", dates),
        ):
            self.labels[key] = QLabel()
            self.form.addRow(self.labels[key], row)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._load(material)
        self.retranslate_ui()
        self._kind_changed()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("编辑素材") if self.material else self.tr("新建素材"))
        names = {
            "image": self.tr("图片"),
            "video": self.tr("视频"),
            "file": self.tr("文件"),
            "poster": self.tr("海报"),
            "link": self.tr("链接"),
            "miniprogram": self.tr("小程序"),
            "moments": self.tr("朋友圈"),
            "text": self.tr("文字"),
        }
        for i in range(self.kind.count()):
            self.kind.setItemText(i, names[self.kind.itemData(i)])
        for key, text in (
            ("kind", self.tr("类型")),
            ("title", self.tr("标题")),
            ("description", self.tr("说明")),
            ("tags", self.tr("标签")),
            ("file", self.tr("文件")),
            ("url", self.tr("网址")),
            ("text", self.tr("文案")),
            ("images", self.tr("图片 (最多9张)")),
            ("qr", self.tr("二维码位置 x, y, 宽, 高")),
            ("visibility", self.tr("可见范围")),
            ("validity", self.tr("有效期")),
        ):
            self.labels[key].setText(text)
        self.tags.setPlaceholderText(self.tr("用逗号或空格分隔"))
        self.pick_file.setText(self.tr("选择文件…"))
        self.add_image.setText(self.tr("添加图片…"))
        self.remove_image.setText(self.tr("移除"))
        self.url.setPlaceholderText("https://")
        self.to_label.setText(self.tr("至"))
        for d in (self.valid_from, self.valid_to):
            d.retranslate(self.tr("不限"))

    # ------------------------------------------------------------------ fields

    def kind_value(self) -> str:
        return self.kind.currentData()

    def _kind_changed(self) -> None:
        kind = self.kind_value()
        shown = {
            "file": kind in FILE_KINDS,
            "url": kind in URL_KINDS,
            "text": kind in TEXT_KINDS,
            "images": kind == "moments",
            "qr": kind == "poster",
        }
        for key, visible in shown.items():
            self.form.setRowVisible(self.labels[key], visible)

    def _load(self, m: protocol.MaterialData | None) -> None:
        if m is None:
            return
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(m.kind))))
        self.kind.setEnabled(False)
        self.title.setText(m.title)
        self.description.setPlainText(m.description)
        self.tags.setText(" ".join(m.tags))
        self.file_name.setText(m.file_name or "")
        self.url.setText(m.url or "")
        self.text.setPlainText(m.text)
        for n, sha in enumerate(m.images, start=1):
            item = QListWidgetItem(self.tr("已上传的图片 {0}").format(n))
            item.setData(IMAGE_ROLE, sha)
            self.images.addItem(item)
        if m.poster is not None:
            for s, v in zip(
                self.qr, (m.poster.qr.x, m.poster.qr.y, m.poster.qr.w, m.poster.qr.h), strict=True
            ):
                s.setValue(v)
        self.visibility.set_value(m.visibility)
        self.valid_from.set_value(m.valid_from)
        self.valid_to.set_value(m.valid_to)

    def _ask_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择素材文件"))
        if path:
            self.set_file(Path(path))

    def set_file(self, path: Path) -> bool:
        """Take ``path`` as the material's file if it passes the checks (message if not)."""
        try:
            check_material_file(path, self.kind_value())
        except FileRefused as exc:
            self.message.setText(exc.message)
            return False
        self.file = path
        self.file_name.setText(path.name)
        if not self.title.text().strip():
            self.title.setText(path.stem)
        self.message.clear()
        return True

    def _ask_images(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("选择图片"), "", self.tr("图片 (*.png *.jpg *.jpeg *.gif *.webp *.bmp)")
        )
        for p in paths:
            if not self.add_image_file(Path(p)):
                break

    def add_image_file(self, path: Path) -> bool:
        if self.images.count() >= MAX_IMAGES:
            self.message.setText(self.tr("朋友圈最多9张图片"))
            return False
        try:
            check_material_file(path, "image")
        except FileRefused as exc:
            self.message.setText(exc.message)
            return False
        item = QListWidgetItem(path.name)
        item.setData(IMAGE_ROLE, path)
        self.images.addItem(item)
        self.message.clear()
        return True

    # ------------------------------------------------------------------ saving

    def draft(self) -> MaterialDraft:
        kind = self.kind_value()
        m = self.material
        fields: dict[str, Any] = {
            "kind": kind,
            "title": self.title.text(),
            "description": self.description.toPlainText(),
            "tags": split_words(self.tags.text()),
            "visibility": self.visibility.value().model_dump(mode="json"),
            "valid_from": self.valid_from.value(),
            "valid_to": self.valid_to.value(),
        }
        if kind in FILE_KINDS:
            if self.file is None and (m is None or m.blob_sha256 is None):
                raise ValueError(self.tr("请选择素材文件"))
            if m is not None and self.file is None:
                fields["blob_sha256"] = m.blob_sha256
                fields["file_name"] = m.file_name
        if kind in URL_KINDS:
            url = self.url.text().strip()
            if not url.startswith(("http://", "https://")):
                raise ValueError(self.tr("网址: 应以 http:// 或 https:// 开头"))
            fields["url"] = url
        if kind in TEXT_KINDS:
            fields["text"] = self.text.toPlainText()
        if kind == "poster":
            x, y, w, h = (s.value() for s in self.qr)
            if w and h:
                fields["poster"] = {"qr": {"x": x, "y": y, "w": w, "h": h}}
            elif m is not None and m.poster is not None:
                fields["poster"] = m.poster.model_dump(mode="json")
        images = None
        if kind == "moments":
            images = [self.images.item(i).data(IMAGE_ROLE) for i in range(self.images.count())]
        return MaterialDraft(fields, self.file if kind in FILE_KINDS else None, images)

    def submit(self) -> None:
        try:
            draft = self.draft()
        except ValueError as exc:
            self.failed(str(exc))
            return
        self.message.setProperty("role", "hint")
        self.message.setText(self.tr("正在上传和保存…"))
        self.buttons.setEnabled(False)
        self.sig_save.emit(draft)

    def saved(self, _row: object = None) -> None:
        self.accept()

    def failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.message.setProperty("role", "error")
        self.message.setText(message)
