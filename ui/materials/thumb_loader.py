"""Thumbnails for lists and previews, made in the background and handed back by signal.

A view asks ``loader.get(sha256, mime)``: a thumbnail made before comes back at
once; otherwise it gets ``None`` (show a neutral tile meanwhile), the
thumbnail is drawn on a worker, and ``sig_ready(sha256, size, image)`` fires on
the GUI thread. Only files already on this PC are drawn: a material not yet
downloaded gets a "未下载到本机" tile, and the thumbnail is never a reason to
download (the prefetch does that, within the cache budget).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from ui.background import run_in_background
from ui.materials.thumbs import cached, placeholder, thumbnail, tr


class ThumbnailLoader(QObject):
    sig_ready = Signal(str, int, QImage)  # sha256, size, image

    def __init__(self, blobs, parent: QObject | None = None) -> None:
        """``blobs``: the session's blob cache (``path_for(sha256)``: the local file or None)."""
        super().__init__(parent)
        self._blobs = blobs
        self._pending: set[tuple[str, int]] = set()

    def get(self, sha256: str, mime: str | None, size: int = 160) -> QImage | None:
        """The thumbnail if made already; else None, and ``sig_ready`` follows."""
        image = cached(sha256, size)
        if image is not None:
            return image
        key = (sha256, size)
        if key not in self._pending:
            self._pending.add(key)
            run_in_background(
                lambda: self._draw(sha256, mime, size),
                lambda image: self._done(key, image),
                lambda _exc: self._done(key, placeholder(size, tr("无法预览"))),
            )
        return None

    def _draw(self, sha256: str, mime: str | None, size: int) -> QImage:
        path: Path | None = self._blobs.path_for(sha256)
        if path is None:
            return placeholder(size, tr("未下载到本机"))
        return thumbnail(path, mime, size, sha256=sha256)

    def _done(self, key: tuple[str, int], image: QImage) -> None:
        self._pending.discard(key)
        self.sig_ready.emit(key[0], key[1], image)
