"""A poster personalised for the guide: template, their name, store and WeCom QR code.

The drawing is ``ui.materials``' ``render_poster`` (template image, layout, name,
store, QR image → image). A guide who has not set a QR code yet is told to
set it in 设置, and nothing is copied.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from ui.clipboard import ClipItem, image_item
from ui.library_widgets.clips import Entry, NotCopyable


def tr(text: str) -> str:
    return QCoreApplication.translate("Posters", text)


def guide_qr_sha(session: Any) -> str | None:
    """The signed-in guide's WeCom QR code (``UserData.wecom_qr_sha256``), if set."""
    with session.cache.read() as conn:
        value = conn.exec_driver_sql(
            "SELECT json_extract(data, '$.wecom_qr_sha256') FROM users WHERE id = ?",
            (session.user.id,),
        ).scalar()
    return value or None


def store_name(session: Any) -> str:
    store_id = session.user.store_id
    if not store_id:
        return ""
    with session.cache.read() as conn:
        value = conn.exec_driver_sql(
            "SELECT json_extract(data, '$.name') FROM stores WHERE id = ?", (store_id,)
        ).scalar()
    return value or ""


def _renderer() -> Any:
    try:
        from ui.materials import render_poster  # helper E's drawing
    except ImportError:
        return None
    return render_poster


def poster_entry(session: Any, material: Any) -> Entry:
    title = material.title
    if not material.blob_sha256 or material.poster is None:
        return Entry(title, refusal=tr("海报“{0}”没有模板或版式，无法生成").format(title))
    qr_sha = guide_qr_sha(session)
    if not qr_sha:
        return Entry(
            title, refusal=tr("还没有设置你的企业微信二维码：请在 设置 中上传后再复制海报")
        )
    render = _renderer()
    if render is None:
        return Entry(title, refusal=tr("这个版本还不能生成海报"))
    name = session.user.display_name
    store = store_name(session)
    blobs = session.blobs
    layout = material.poster

    def build(template_path: Path) -> ClipItem:
        qr_path = blobs.path_for(qr_sha) or blobs.fetch(qr_sha)
        template, qr = QImage(str(template_path)), QImage(str(qr_path))
        if template.isNull():
            raise NotCopyable(tr("海报“{0}”的模板不是有效的图片").format(title))
        if qr.isNull():
            raise NotCopyable(tr("你的二维码图片无法读取，请在 设置 中重新上传"))
        return image_item(render(template, layout, name, store, qr), title)

    return Entry(title, sha=material.blob_sha256, build=build)
