"""Evidence photos: from a file, pasted from the clipboard, or dropped on the page.

Whatever the source, the bytes must decode as an image (``QImageReader`` reads
the content, not the file name) and fit :data:`MAX_EVIDENCE_BYTES`; otherwise
:class:`EvidenceRefused` says in Chinese what is wrong with which file. An
accepted photo goes into the blob cache with ``blobs.add_local`` (marked not yet
uploaded; the sync engine PUTs it before the push that names it).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMimeData
from PySide6.QtGui import QImage, QImageReader

#: The largest evidence photo taken (the server's blob limit is 50 MiB; a photo
#: of a shelf needs far less, and every store PC uploads it).
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
#: Files named in a drop or a file dialog that are read at all (anything bigger is refused unread).
_IMAGE_FILTER = "*.png *.jpg *.jpeg *.bmp *.gif *.webp *.heic"


def image_filter() -> str:
    return QCoreApplication.translate("Evidence", "图片") + f" ({_IMAGE_FILTER})"


class EvidenceRefused(ValueError):
    """The file or pasted data is not usable evidence; ``str()`` is the Chinese message."""


def _size_text(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def check_image_bytes(data: bytes, name: str) -> QImage:
    """The decoded image, or :class:`EvidenceRefused` naming ``name`` and the reason."""
    if not data:
        raise EvidenceRefused(
            QCoreApplication.translate("Evidence", "“{0}”是空文件，不是图片").format(name)
        )
    if len(data) > MAX_EVIDENCE_BYTES:
        raise EvidenceRefused(
            QCoreApplication.translate("Evidence", "“{0}”有 {1}，凭证照片不能超过 {2}").format(
                name, _size_text(len(data)), _size_text(MAX_EVIDENCE_BYTES)
            )
        )
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setDecideFormatFromContent(True)
    image = reader.read() if reader.canRead() else QImage()
    buffer.close()
    if image.isNull():
        raise EvidenceRefused(
            QCoreApplication.translate(
                "Evidence", "“{0}”不是可识别的图片（支持 PNG、JPG 等）"
            ).format(name)
        )
    return image


def read_file(path: Path) -> bytes:
    """The bytes of a chosen or dropped file, refused unread when too big or unreadable."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise EvidenceRefused(
            QCoreApplication.translate("Evidence", "无法读取“{0}”：{1}").format(
                name, exc.strerror or exc
            )
        ) from None
    if not path.is_file():
        raise EvidenceRefused(QCoreApplication.translate("Evidence", "“{0}”不是文件").format(name))
    if size > MAX_EVIDENCE_BYTES:
        raise EvidenceRefused(
            QCoreApplication.translate("Evidence", "“{0}”有 {1}，凭证照片不能超过 {2}").format(
                name, _size_text(size), _size_text(MAX_EVIDENCE_BYTES)
            )
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EvidenceRefused(
            QCoreApplication.translate("Evidence", "无法读取“{0}”：{1}").format(
                name, exc.strerror or exc
            )
        ) from None
    check_image_bytes(data, name)
    return data


def encode_image(image: QImage) -> bytes:
    """A pasted picture as PNG bytes; JPEG when the PNG would be over the limit."""
    for fmt, quality in (("PNG", -1), ("JPG", 85), ("JPG", 60)):
        array = QByteArray()
        buffer = QBuffer(array)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, fmt, quality)
        buffer.close()
        data = bytes(array.data())
        if data and len(data) <= MAX_EVIDENCE_BYTES:
            return data
    raise EvidenceRefused(
        QCoreApplication.translate("Evidence", "粘贴的图片太大，凭证照片不能超过 {0}").format(
            _size_text(MAX_EVIDENCE_BYTES)
        )
    )


def from_mime(mime: QMimeData | None) -> bytes:
    """Evidence from a paste or a drop: image data, or the first local file named.

    Refuses with a message when neither is there or the file is no image.
    """
    if mime is None:
        raise EvidenceRefused(QCoreApplication.translate("Evidence", "剪贴板里没有图片"))
    if mime.hasUrls():
        files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
        if files:
            return read_file(Path(files[0]))
    if mime.hasImage():
        image = mime.imageData()
        if isinstance(image, QImage) and not image.isNull():
            return encode_image(image)
    raise EvidenceRefused(
        QCoreApplication.translate("Evidence", "剪贴板里没有图片（可以先截图或复制一张照片）")
    )


def mime_has_evidence(mime: QMimeData | None) -> bool:
    """Is this drag worth accepting (an image or a local file)?"""
    if mime is None:
        return False
    return mime.hasImage() or any(u.isLocalFile() for u in mime.urls())


def store(blobs: Any, data: bytes) -> str:
    """Put checked bytes in the blob cache (``add_local``); returns the sha256."""
    with tempfile.TemporaryDirectory(prefix="guide-evidence-") as folder:
        path = Path(folder) / "evidence"
        path.write_bytes(data)
        return blobs.add_local(path)
