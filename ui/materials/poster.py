"""A poster personalised for the guide: HQ's template with their QR code, name and store.

``render_poster`` draws with QPainter on a copy of the template: the QR code
scaled smoothly into ``layout.qr`` (centred, square), name and store at their
``TextSpot`` (pixel size, colour) in a font with Chinese glyphs, cut with "…"
where a line would run off the image or into the QR code. ``poster_images``
loads the files and says in Chinese what is missing (``PosterError``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QImageReader, QPainter

from guide_app.services.profile import ProfileService
from guide_core.protocol import MaterialData, PosterLayout, TextSpot

#: Families tried in order for the name and store (one with Chinese glyphs on each platform).
CJK_FAMILIES = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "Sans Serif",
]

_GAP = 12  # px kept free between a text line and the QR code


def tr(text: str) -> str:
    return QCoreApplication.translate("Poster", text)


class PosterError(Exception):
    """Why a poster cannot be made; ``code`` for callers, ``str()`` says it in Chinese."""

    NO_QR = "no_qr"
    TEMPLATE_MISSING = "template_missing"
    QR_INVALID = "qr_invalid"
    TEMPLATE_INVALID = "template_invalid"
    QR_MISSING = "qr_missing"
    NOT_A_POSTER = "not_a_poster"

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(self.message())

    def message(self) -> str:
        return {
            self.NO_QR: tr("请先在 设置 → 我的企微二维码 中上传二维码"),
            self.TEMPLATE_MISSING: tr("海报模板未下载, 需要联网"),
            self.QR_INVALID: tr("二维码图片无法读取，请在 设置 → 我的企微二维码 中重新上传"),
            self.TEMPLATE_INVALID: tr("海报模板图片已损坏，无法生成海报"),
            self.QR_MISSING: tr("二维码图片未下载, 需要联网"),
            self.NOT_A_POSTER: tr("这个素材没有设置二维码的位置，不能生成海报"),
        }[self.code]


def poster_images(template_path: Path | None, qr_path: Path | None) -> tuple[QImage, QImage]:
    """(template, QR) read from their local files; ``PosterError`` says what is missing.

    ``template_path`` None: the template is not on this PC (offline); ``qr_path``
    None: the guide has set no QR code (or its file is not here).
    """
    if qr_path is None:
        raise PosterError(PosterError.NO_QR)
    if template_path is None or not Path(template_path).is_file():
        raise PosterError(PosterError.TEMPLATE_MISSING)
    qr = _read(qr_path)
    if qr.isNull():
        raise PosterError(PosterError.QR_INVALID)
    template = _read(template_path)
    if template.isNull():
        raise PosterError(PosterError.TEMPLATE_INVALID)
    return template, qr


def _local_or_fetched(session, sha256: str) -> Path | None:
    """The blob's file here, else downloaded when online (network: call off the GUI thread)."""
    path = session.blobs.path_for(sha256)
    if path is not None or session.offline:
        return path
    try:
        return session.blobs.fetch(sha256)
    except Exception:  # offline after all, or the server refused: the caller says "需要联网"
        return None


def poster_for(session, material: MaterialData) -> QImage:
    """``material`` (a poster) personalised for the signed-in guide: their QR, name and store.

    May download the template or the QR image (run it in the background);
    raises ``PosterError`` saying what is missing.
    """
    if material.poster is None or not material.blob_sha256:
        raise PosterError(PosterError.NOT_A_POSTER)
    profile = ProfileService(session.cache, session.user, session.blobs)
    qr_sha = profile.qr_sha256()
    if qr_sha is None:
        raise PosterError(PosterError.NO_QR)
    qr_path = _local_or_fetched(session, qr_sha)
    if qr_path is None:
        raise PosterError(PosterError.QR_MISSING)
    template_path = _local_or_fetched(session, material.blob_sha256)
    template, qr = poster_images(template_path, qr_path)
    return render_poster(
        template, material.poster, session.user.display_name, profile.store_name(), qr
    )


def _read(path: Path) -> QImage:
    reader = QImageReader(str(path))
    reader.setDecideFormatFromContent(True)
    reader.setAutoTransform(True)
    return reader.read()


def render_poster(
    template: QImage | None, layout: PosterLayout, name: str, store: str, qr: QImage | None
) -> QImage:
    """The template with the guide's QR code in ``layout.qr`` and name/store at their spots."""
    if qr is None:
        raise PosterError(PosterError.NO_QR)
    if template is None:
        raise PosterError(PosterError.TEMPLATE_MISSING)
    if template.isNull():
        raise PosterError(PosterError.TEMPLATE_INVALID)
    if qr.isNull():
        raise PosterError(PosterError.QR_INVALID)
    poster = template.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(poster)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        box = _qr_rect(layout, qr)
        scaled = qr.scaled(
            box.size(),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        painter.drawImage(box.topLeft(), scaled)
        for spot, text in ((layout.name, name), (layout.store, store)):
            if spot is not None and text:
                _text(painter, poster.width(), layout, spot, text)
    finally:
        painter.end()
    return poster


def _qr_rect(layout: PosterLayout, qr: QImage) -> QRect:
    """The part of the box the QR fills: scaled to fit, centred."""
    box = layout.qr
    size = qr.size().scaled(box.w, box.h, Qt.AspectRatioMode.KeepAspectRatio)
    return QRect(
        box.x + (box.w - size.width()) // 2,
        box.y + (box.h - size.height()) // 2,
        size.width(),
        size.height(),
    )


def poster_font(pixel_size: int) -> QFont:
    font = QFont()
    font.setFamilies(CJK_FAMILIES)
    font.setPixelSize(pixel_size)
    return font


def text_room(image_width: int, layout: PosterLayout, spot: TextSpot) -> int:
    """How many pixels a line at ``spot`` may take: to the image's edge, or up to the QR code."""
    right = image_width - _GAP
    qr = layout.qr
    line_top, line_bottom = spot.y, spot.y + round(spot.size * 1.4)
    if spot.x < qr.x and line_top < qr.y + qr.h and line_bottom > qr.y:
        right = min(right, qr.x - _GAP)
    return max(0, right - spot.x)


def _text(painter: QPainter, width: int, layout: PosterLayout, spot: TextSpot, text: str) -> None:
    font = poster_font(spot.size)
    room = text_room(width, layout, spot)
    line = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, room)
    painter.setFont(font)
    painter.setPen(QColor(spot.color))
    rect = QRectF(spot.x, spot.y, room, spot.size * 1.4)
    painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, line)
