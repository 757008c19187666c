"""Thumbnails of material files: pictures scaled while decoding, a PDF's first page, icons.

``thumbnail(path, mime, size)`` never raises for a bad file: a file that is
not what it claims (a ``.jpg`` holding text, a truncated PDF) gets an
"无法预览" placeholder. Works on any thread (QImage and QPainter only, no
QPixmap), so pages can build thumbnails in the background. Results are kept
in a small in-memory LRU keyed by the file's sha256 and the size.

A PDF's first page is drawn with pypdfium2 (PDFium, the engine Chrome uses;
a 4 MB wheel) rather than QtPdf, which ships only in the 175 MB
``pyside6-addons``; PDFium is not thread-safe, so one lock serialises it.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from pathlib import Path

import pypdfium2
from PySide6.QtCore import QCoreApplication, QMimeDatabase, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QImageReader, QPainter
from PySide6.QtSvg import QSvgRenderer

from ui.paths import resources_dir

log = logging.getLogger(__name__)

_PDFIUM = threading.Lock()

CACHE_SIZE = 256  # thumbnails kept in memory (160 px ARGB ≈ 100 KB each)

_BACKGROUND = QColor("#f4f6f8")
_INK = QColor("#3a4a5c")
_MUTED = QColor("#8a96a3")

#: ``QImage.text(TILE_KEY)`` of a drawn tile: "icon" or "placeholder" (pictures have none).
TILE_KEY = "guide-tile"

_cache: OrderedDict[tuple[str, int], QImage] = OrderedDict()
_lock = threading.Lock()


def tr(text: str) -> str:
    return QCoreApplication.translate("MaterialThumbs", text)


def thumbnail(path: Path, mime: str | None, size: int = 160, sha256: str | None = None) -> QImage:
    """A ``size``×``size``-bounded picture of the file at ``path``.

    ``mime`` as the material says (``None``: judged from the file). ``sha256``
    names the file in the cache; blob-cache files are named by it already, so
    it defaults to the file's name when that is a sha256, else to path, size
    and change time.
    """
    key = (_cache_key(path, sha256), size)
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    image = _draw(Path(path), mime, size)
    with _lock:
        _cache[key] = image
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return image


def cached(sha256: str, size: int = 160) -> QImage | None:
    """The thumbnail already made for ``sha256`` at ``size``, without touching the file."""
    with _lock:
        hit = _cache.get((sha256, size))
        if hit is not None:
            _cache.move_to_end((sha256, size))
        return hit


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def cached_count() -> int:
    with _lock:
        return len(_cache)


def _cache_key(path: Path, sha256: str | None) -> str:
    if sha256:
        return sha256
    name = Path(path).name
    if len(name) == 64 and all(c in "0123456789abcdef" for c in name):
        return name
    try:
        stat = Path(path).stat()
    except OSError:
        return f"{path}:missing"
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def _draw(path: Path, mime: str | None, size: int) -> QImage:
    try:
        if not path.is_file():
            return placeholder(size, tr("无法预览"))
        kind = mime or QMimeDatabase().mimeTypeForFile(str(path)).name()
        if kind.startswith("image/"):
            return _picture(path, size)
        if kind == "application/pdf":
            return _pdf(path, size)
        if kind.startswith("video/"):
            return icon_tile("film", size, path.name)
        return icon_tile("file", size, path.name, badge=path.suffix.lstrip(".").upper()[:4])
    except Exception:  # a thumbnail must never take a page down
        log.exception("thumbnail of %s failed", path)
        return placeholder(size, tr("无法预览"))


def _picture(path: Path, size: int) -> QImage:
    """Decoded straight at thumbnail size (a 8000×6000 photo is never held whole)."""
    reader = QImageReader(str(path))
    reader.setDecideFormatFromContent(True)  # the bytes decide, not the extension
    reader.setAutoTransform(True)  # camera photos: honour the EXIF rotation
    if not reader.canRead():
        return placeholder(size, tr("无法预览"))
    full = reader.size()
    if full.isValid() and (full.width() > size or full.height() > size):
        reader.setScaledSize(full.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        log.info("cannot decode %s: %s", path, reader.errorString())
        return placeholder(size, tr("无法预览"))
    if image.width() > size or image.height() > size:  # formats that ignore setScaledSize
        image = image.scaled(
            size,
            size,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return image


def _pdf(path: Path, size: int) -> QImage:
    with path.open("rb") as fh:
        if not fh.read(5).startswith(b"%PDF-"):
            return placeholder(size, tr("无法预览"))
    with _PDFIUM:
        try:
            doc = pypdfium2.PdfDocument(str(path))
        except pypdfium2.PdfiumError:
            return placeholder(size, tr("无法预览"))
        try:
            if len(doc) < 1:
                return placeholder(size, tr("无法预览"))
            page = doc[0]
            width, height = page.get_size()
            scale = size / max(width, height, 1)
            pil = page.render(scale=scale).to_pil().convert("RGB")
        finally:
            doc.close()
    data = pil.tobytes()
    image = QImage(data, pil.width, pil.height, 3 * pil.width, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels (``data`` goes away)


# --------------------------------------------------------------------------- drawn tiles


def _tile(size: int) -> tuple[QImage, QPainter]:
    image = QImage(QSize(size, size), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(_BACKGROUND)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    return image, painter


def _svg(painter: QPainter, name: str, rect: QRectF) -> None:
    renderer = QSvgRenderer(str(resources_dir() / "icons" / f"{name}.svg"))
    if renderer.isValid():
        renderer.render(painter, rect)


def _label(painter: QPainter, text: str, rect: QRectF, color: QColor, pixel: int) -> None:
    font = QFont()
    font.setPixelSize(max(9, pixel))
    painter.setFont(font)
    painter.setPen(color)
    elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideMiddle, int(rect.width()))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, elided)


def icon_tile(icon: str, size: int, caption: str = "", badge: str = "") -> QImage:
    """An icon from ``resources/icons`` with a caption (the file name) under it."""
    image, painter = _tile(size)
    try:
        side = size * 0.45
        box = QRectF((size - side) / 2, size * 0.14, side, side)
        _svg(painter, icon, box)
        if badge:
            _label(
                painter,
                badge,
                QRectF(box.x(), box.y() + side * 0.45, side, side * 0.4),
                _INK,
                int(size * 0.09),
            )
        if caption:
            _label(
                painter,
                caption,
                QRectF(size * 0.06, size * 0.68, size * 0.88, size * 0.2),
                _INK,
                int(size * 0.085),
            )
    finally:
        painter.end()
    image.setText(TILE_KEY, "icon")
    return image


def placeholder(size: int, text: str) -> QImage:
    """The tile for a file that cannot be shown: a crossed-out picture and ``text``."""
    image, painter = _tile(size)
    try:
        side = size * 0.4
        _svg(painter, "image-broken", QRectF((size - side) / 2, size * 0.18, side, side))
        _label(painter, text, QRectF(0, size * 0.66, size, size * 0.2), _MUTED, int(size * 0.09))
    finally:
        painter.end()
    image.setText(TILE_KEY, "placeholder")
    return image


def tile_kind(image: QImage) -> str:
    """ "picture" for a decoded file, else the drawn tile's kind ("icon", "placeholder")."""
    return image.text(TILE_KEY) or "picture"
