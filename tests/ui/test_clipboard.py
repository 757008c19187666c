"""The clipboard holds what WeCom's PC client pastes, per kind (issue 11).

Text as text; an image as image data; a file as a file list (text/uri-list,
and GNOME's copied-files list on Linux); a link as title + URL. Then the
same through the copy flow for the demo chain's materials, files read from
the blob cache (downloaded first when not yet there).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import WAIT_MS
from ui import clipboard
from ui.clipboard import GNOME_FILES, files_item, image_item, link_item, text_item
from ui.library_widgets.copy_flow import CopyFlow


def test_text_is_plain_text(app):
    clipboard.put(text_item("张女士您好，欢迎到店～"))
    data = QApplication.clipboard().mimeData()
    assert data.hasText() and not data.hasImage() and not data.hasUrls()
    assert data.text() == "张女士您好，欢迎到店～"


def test_image_is_image_data(app):
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#e76f51"))
    clipboard.put(image_item(image))
    data = QApplication.clipboard().mimeData()
    assert data.hasImage() and not data.hasUrls()
    got = QImage(QApplication.clipboard().image())
    assert got.size() == image.size()
    assert got.pixelColor(5, 5) == QColor("#e76f51")


def test_file_is_a_file_list(app, tmp_path: Path):
    pdf = tmp_path / "退换货流程说明.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    clipboard.put(files_item([pdf]))
    data = QApplication.clipboard().mimeData()
    assert data.hasUrls()
    assert [u.toLocalFile() for u in data.urls()] == [str(pdf.resolve())]
    assert "text/uri-list" in data.formats()
    assert data.text() == str(pdf.resolve())
    if sys.platform.startswith("linux"):
        gnome = bytes(data.data(GNOME_FILES)).decode()
        assert gnome.startswith("copy\nfile://")
        assert QUrl(gnome.split("\n")[1]).toLocalFile() == str(pdf.resolve())


def test_link_is_title_and_address(app):
    clipboard.put(link_item("品牌直播间预约", "https://live.example.com/brand/room/8808"))
    data = QApplication.clipboard().mimeData()
    assert data.text() == "品牌直播间预约\nhttps://live.example.com/brand/room/8808"
    assert 'href="https://live.example.com/brand/room/8808"' in data.html()


def _material(session, kind: str):
    library = session.library
    found = [m for m in library.materials(limit=200) if str(m.kind) == kind and m.blob_sha256]
    assert found, f"the demo chain has no {kind} material with a file"
    return found[0]


def test_an_image_material_is_copied_as_an_image(window, qtbot, session):
    material = _material(session, "image")
    QApplication.clipboard().clear()
    flow = CopyFlow(session, window)
    outcome = flow.copy_material(material.id)
    assert outcome.copied, outcome.message
    qtbot.waitUntil(lambda: QApplication.clipboard().mimeData().hasImage(), timeout=WAIT_MS)
    assert not QApplication.clipboard().image().isNull()


def test_a_file_material_is_copied_as_a_file_under_its_name(window, qtbot, session):
    material = _material(session, "file")
    QApplication.clipboard().clear()
    flow = CopyFlow(session, window)
    assert flow.copy_material(material.id).copied
    qtbot.waitUntil(lambda: QApplication.clipboard().mimeData().hasUrls(), timeout=WAIT_MS)
    (url,) = QApplication.clipboard().mimeData().urls()
    path = Path(url.toLocalFile())
    assert path.is_file()
    assert path.name == (material.file_name or path.name)
    assert path.read_bytes() == session.blobs.path_for(material.blob_sha256).read_bytes()


def test_a_link_material_is_copied_as_title_and_address(window, session):
    library = session.library
    link = next(m for m in library.materials(limit=200) if str(m.kind) == "link")
    flow = CopyFlow(session, window)
    assert flow.copy_material(link.id).copied
    assert QApplication.clipboard().text() == f"{link.title}\n{link.url}"


def test_offline_without_the_file_says_so(window, session, monkeypatch):
    material = _material(session, "file")
    blob = session.blobs.path_for(material.blob_sha256)
    if blob is not None:
        blob.unlink()
    monkeypatch.setattr(session, "offline", True)
    flow = CopyFlow(session, window)
    outcome = flow.copy_material(material.id)
    assert not outcome.copied
    assert "离线" in outcome.message and material.title in outcome.message


def test_a_moments_post_is_its_text_then_each_image(window, qtbot, session):
    library = session.library
    post = next(m for m in library.materials(limit=200) if str(m.kind) == "moments" and m.images)
    QApplication.clipboard().clear()
    flow = CopyFlow(session, window)
    assert flow.copy_material(post.id).copied
    assert QApplication.clipboard().text() == post.text
    total = 1 + len(post.images)
    assert flow.total == total and f"第1/{total}项" in flow.progress_text()
    for n in range(2, total + 1):
        QApplication.clipboard().clear()
        assert flow.copy_next().copied
        qtbot.waitUntil(lambda n=n: flow.position == n, timeout=WAIT_MS)
        assert QApplication.clipboard().mimeData().hasImage()
    assert not flow.has_next()


def test_a_poster_without_the_guides_qr_says_to_set_it(window, session):
    poster = next(
        m for m in session.library.materials(limit=200) if str(m.kind) == "poster" and m.poster
    )
    QApplication.clipboard().setText("剪贴板原有内容")
    flow = CopyFlow(session, window)
    outcome = flow.copy_material(poster.id)
    assert not outcome.copied
    assert "设置" in outcome.message and "二维码" in outcome.message
    assert QApplication.clipboard().text() == "剪贴板原有内容"


def test_a_poster_is_drawn_for_the_guide_once_the_qr_is_set(window, qtbot, session, tmp_path):
    from guide_app.services.profile import ProfileService

    qr = QImage(120, 120, QImage.Format.Format_RGB32)
    qr.fill(QColor("#000000"))
    qr_file = tmp_path / "qr.png"
    qr.save(str(qr_file))
    ProfileService(session.cache, session.user, session.blobs).set_qr(qr_file)
    poster = next(
        m for m in session.library.materials(limit=200) if str(m.kind) == "poster" and m.poster
    )
    QApplication.clipboard().clear()
    flow = CopyFlow(session, window)
    assert flow.copy_material(poster.id).copied
    qtbot.waitUntil(
        lambda: (d := QApplication.clipboard().mimeData()) is not None and d.hasImage(),
        timeout=WAIT_MS,
    )
    box = poster.poster.qr
    image = QApplication.clipboard().image()
    assert image.pixelColor(box.x + box.w // 2, box.y + box.h // 2) == QColor("#000000")
