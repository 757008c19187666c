"""A script's or material's pastes, in order (the copy flow puts them on the clipboard).

An :class:`Entry` is ready (a text, a link) or names a file (``sha``) that is
read when its turn comes: from the local blob cache, downloaded first when
online, or refused offline (文件不在本机…). A file keeps its own name when
pasted: the blob is linked under ``<temp>/guide-share/<sha>/<file name>``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from ui.clipboard import ClipItem, files_item, image_item, link_item, text_item

#: A 朋友圈 post takes at most nine images.
MAX_MOMENTS_IMAGES = 9


class NotCopyable(Exception):
    """This item cannot go on the clipboard now; ``str(exc)`` says why (for the guide)."""


@dataclass(frozen=True)
class Entry:
    label: str
    ready: ClipItem | None = None
    sha: str | None = None
    build: Callable[[Path], ClipItem] | None = None
    #: made on a worker when its turn comes (a poster drawn for the guide)
    make: Callable[[], ClipItem] | None = None
    #: set instead of ``ready``/``sha`` when the item can never be copied (says why)
    refusal: str = ""


def _image(label: str) -> Callable[[Path], ClipItem]:
    def build(path: Path) -> ClipItem:
        image = QImage(str(path))
        if image.isNull():
            raise NotCopyable(
                QCoreApplication.translate("Clips", "“{0}”不是有效的图片，无法复制").format(label)
            )
        return image_item(image, label)

    return build


def share_path(path: Path, sha: str, file_name: str | None) -> Path:
    """The blob under its own file name (a link, or a copy where links are not allowed)."""
    name = Path(file_name or sha[:12]).name or sha[:12]
    folder = Path(tempfile.gettempdir()) / "guide-share" / sha[:16]
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if not target.exists():
        try:
            os.link(path, target)
        except OSError:
            shutil.copyfile(path, target)
    return target


def _file(label: str, sha: str, file_name: str | None) -> Callable[[Path], ClipItem]:
    return lambda path: files_item([share_path(path, sha, file_name)], label)


def material_entries(material: Any, poster: Callable[[Any], Entry] | None = None) -> list[Entry]:
    """The pastes of one material (``poster`` makes a poster's entry for this guide)."""
    kind = str(material.kind)
    title = material.title
    if kind == "text":
        return [Entry(title, text_item(material.text or material.description or title, title))]
    if kind in ("link", "miniprogram"):
        return [Entry(title, link_item(title, material.url or "", title))]
    if kind == "image" and material.blob_sha256:
        return [Entry(title, sha=material.blob_sha256, build=_image(title))]
    if kind in ("file", "video") and material.blob_sha256:
        sha = material.blob_sha256
        return [Entry(title, sha=sha, build=_file(title, sha, material.file_name))]
    if kind == "moments":
        entries = [Entry(title, text_item(material.text, title))] if material.text else []
        for n, sha in enumerate(material.images[:MAX_MOMENTS_IMAGES], 1):
            label = QCoreApplication.translate("Clips", "{0} 图{1}").format(title, n)
            entries.append(Entry(label, sha=sha, build=_image(label)))
        return entries
    if kind == "poster" and poster is not None:
        return [poster(material)]
    if material.url:  # a video or file published as an address
        return [Entry(title, link_item(title, material.url, title))]
    return [
        Entry(
            title,
            refusal=QCoreApplication.translate("Clips", "“{0}”没有可复制的内容").format(title),
        )
    ]
