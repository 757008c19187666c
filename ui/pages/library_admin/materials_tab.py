"""素材 tab (HQ): the chain's materials with thumbnails (of the files this PC holds),
new (upload a file, a link or mini-program, a 朋友圈 post), edit and retire."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from guide_app.services.library_admin import human_size
from guide_core import protocol
from ui.pages.library_admin.common import (
    ID_ROLE,
    AdminHost,
    AdminTab,
    confirm,
    fill,
    select_id,
    selected_id,
    table,
    validity_text,
)
from ui.pages.library_admin.material_editor import MaterialDraft, MaterialEditor

log = logging.getLogger(__name__)

THUMB = 48


def _loader(blobs: object, parent: QWidget) -> object | None:
    """The shared thumbnail loader over the session's blob cache (None without one)."""
    if blobs is None:
        return None
    from ui.materials.thumb_loader import ThumbnailLoader

    return ThumbnailLoader(blobs, parent)


class MaterialsTab(AdminTab):
    """``sig_loaded()`` after the list shows the latest answer."""

    sig_loaded = Signal()

    def __init__(self, host: AdminHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.rows: dict[str, protocol.MaterialData] = {}
        self.total = 0
        self.editor: MaterialEditor | None = None
        self.thumbs = _loader(self.admin.blobs, self)
        self._thumb_rows: dict[str, set[str]] = {}  # sha256 → material ids showing it
        if self.thumbs is not None:
            self.thumbs.sig_ready.connect(self._thumb_ready)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._show())
        self.new = QPushButton()
        self.new.clicked.connect(lambda: self.open_editor(None))
        self.edit = QPushButton()
        self.edit.clicked.connect(lambda: self.open_editor(selected_id(self.list)))
        self.retire = QPushButton()
        self.retire.clicked.connect(self._ask_retire)
        self.list = table([""] * 6)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.verticalHeader().setDefaultSectionSize(THUMB + 6)
        self.list.itemSelectionChanged.connect(self.update_controls)
        self.list.doubleClicked.connect(lambda _i: self.open_editor(selected_id(self.list)))
        self.status = QLabel()
        self.status.setProperty("role", "hint")
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        for b in (self.new, self.edit, self.retire):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        self.retranslate_ui()
        self.update_controls()

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("按标题、标签筛选"))
        self.new.setText(self.tr("新建素材"))
        self.edit.setText(self.tr("编辑"))
        self.retire.setText(self.tr("停用"))
        self.list.setHorizontalHeaderLabels(
            [
                self.tr("标题"),
                self.tr("类型"),
                self.tr("大小"),
                self.tr("标签"),
                self.tr("有效期"),
                self.tr("使用"),
            ]
        )

    def update_controls(self) -> None:
        ok = self.writable and self.admin.may_manage_global()
        picked = selected_id(self.list) is not None
        self.new.setEnabled(ok)
        self.edit.setEnabled(picked)
        self.retire.setEnabled(ok and picked)

    def reload(self) -> None:
        self.host.run(lambda: self.admin.materials(), self._loaded, self._failed)

    def _failed(self, message: str) -> None:
        self.show_error(message)
        if self.host.offline:
            self.rows = {m.id: m for m in self.admin.cached_materials()}
            self.total = len(self.rows)
            self._show()
        self.sig_loaded.emit()

    def _loaded(self, page: object) -> None:
        self.show_error("")
        self.rows = {m.id: m for m in page.materials}
        self.total = page.total
        self._show()
        self.sig_loaded.emit()

    def kind_name(self, kind: str) -> str:
        return {
            "image": self.tr("图片"),
            "video": self.tr("视频"),
            "file": self.tr("文件"),
            "poster": self.tr("海报"),
            "link": self.tr("链接"),
            "miniprogram": self.tr("小程序"),
            "moments": self.tr("朋友圈"),
            "text": self.tr("文字"),
        }.get(kind, kind)

    def _show(self) -> None:
        current = selected_id(self.list)
        q = self.search.text().strip()
        shown = [
            m for m in self.rows.values() if not q or q in m.title or any(q in t for t in m.tags)
        ]
        fill(
            self.list,
            [
                (
                    m.id,
                    [
                        m.title,
                        self.kind_name(str(m.kind)),
                        human_size(m.blob_size) if m.blob_size else "",
                        "、".join(m.tags),
                        validity_text(m.valid_from, m.valid_to, self.tr("不限")),
                        str(m.use_count),
                    ],
                )
                for m in shown
            ],
        )
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        for r in range(self.list.rowCount()):
            self.list.item(r, 0).setIcon(icon)
        if current:
            select_id(self.list, current)
        self.status.setText(self.tr("共 {0} 个素材").format(self.total))
        self._load_thumbnails(shown)
        self.update_controls()

    def _load_thumbnails(self, shown: list[protocol.MaterialData]) -> None:
        """Thumbnails of the files this PC holds (``ui.materials``' loader draws them on a
        worker; a file not downloaded gets its 未下载到本机 tile, never a download)."""
        if self.thumbs is None:
            return
        for r, m in enumerate(shown):
            sha = m.blob_sha256 or (m.images[0] if m.images else None)
            if sha is None:
                continue
            self._thumb_rows.setdefault(sha, set()).add(m.id)
            image = self.thumbs.get(sha, m.mime, THUMB)
            if image is not None:
                self.list.item(r, 0).setIcon(QIcon(QPixmap.fromImage(image)))

    def _thumb_ready(self, sha: str, size: int, image: QImage) -> None:
        if size != THUMB:
            return
        ids = self._thumb_rows.get(sha, set())
        for r in range(self.list.rowCount()):
            item = self.list.item(r, 0)
            if item.data(ID_ROLE) in ids:
                item.setIcon(QIcon(QPixmap.fromImage(image)))

    def open_editor(self, material_id: str | None) -> MaterialEditor | None:
        material = self.rows.get(material_id) if material_id else None
        if material_id and material is None:
            return None
        editor = MaterialEditor(self.admin, material, self)
        if not (self.writable and self.admin.may_manage_global()):
            editor.buttons.setEnabled(False)
        editor.sig_save.connect(lambda draft: self._save(editor, material_id, draft))
        self.editor = editor
        editor.open()
        return editor

    def _save(self, editor: MaterialEditor, material_id: str | None, draft: MaterialDraft) -> None:
        def done(row: protocol.MaterialData) -> None:
            editor.saved(row)
            self.rows[row.id] = row
            self._show()
            select_id(self.list, row.id)
            self.reload()

        self.host.run(
            lambda: self.admin.save_material(
                material_id, draft.fields, file=draft.file, images=draft.images
            ),
            done,
            editor.failed,
        )

    def _ask_retire(self) -> None:
        m = self.rows.get(selected_id(self.list) or "")
        if m and confirm(
            self,
            self.tr("停用素材"),
            self.tr("停用「{0}」? 各门店的电脑将在下次同步时移除它。").format(m.title),
        ):
            self.retire_material(m.id)

    def retire_material(self, material_id: str) -> None:
        def done(_r: object) -> None:
            self.rows.pop(material_id, None)
            self._show()

        self.host.run(lambda: self.admin.retire_material(material_id), done, self.show_error)
