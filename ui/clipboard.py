"""What goes on the clipboard, in the form WeCom's PC client pastes.

One :class:`ClipItem` is one paste: a text as text, an image as an image, a
file (or video, PDF) as a file so pasting attaches it, a link or mini-program
as its title and address. A script made of several items, or a 朋友圈 material
(its text, then each image), is copied one item at a time
(``ui.library_widgets.copy_flow``).

File lists follow what each desktop reads: ``text/uri-list`` (Qt turns it into
``CF_HDROP`` on Windows and a file URL list on macOS) and, on Linux, GNOME's
``x-special/gnome-copied-files`` (``copy\\nfile://…``), which file managers
and Electron/Qt chat clients there read to paste a file; the path goes as
text too, for a client that takes only text.
"""

from __future__ import annotations

import html
import sys
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QGuiApplication, QImage

TEXT = "text"
IMAGE = "image"
FILES = "files"
LINK = "link"

GNOME_FILES = "x-special/gnome-copied-files"


@dataclass(frozen=True)
class ClipItem:
    """One paste. ``kind`` is ``text`` | ``image`` | ``files`` | ``link``.

    ``label`` says what it is in the progress line (第2/3项：产品图).
    """

    kind: str
    text: str = ""
    image: QImage | None = None
    paths: tuple[Path, ...] = field(default_factory=tuple)
    title: str = ""
    url: str = ""
    label: str = ""


def text_item(text: str, label: str = "") -> ClipItem:
    return ClipItem(TEXT, text=text, label=label)


def image_item(image: QImage, label: str = "") -> ClipItem:
    return ClipItem(IMAGE, image=image, label=label)


def files_item(paths: list[Path] | tuple[Path, ...], label: str = "") -> ClipItem:
    return ClipItem(FILES, paths=tuple(Path(p) for p in paths), label=label)


def link_item(title: str, url: str, label: str = "") -> ClipItem:
    return ClipItem(LINK, title=title, url=url, label=label)


def mime_for(item: ClipItem) -> QMimeData:
    """The clipboard data of one item (a new object: the clipboard takes ownership)."""
    mime = QMimeData()
    if item.kind == TEXT:
        mime.setText(item.text)
    elif item.kind == IMAGE:
        if item.image is None or item.image.isNull():
            raise ValueError("image item without an image")
        mime.setImageData(item.image)
    elif item.kind == FILES:
        urls = [QUrl.fromLocalFile(str(p.resolve())) for p in item.paths]
        mime.setUrls(urls)
        if sys.platform.startswith("linux"):
            lines = "\n".join(u.toString(QUrl.ComponentFormattingOption.FullyEncoded) for u in urls)
            mime.setData(GNOME_FILES, ("copy\n" + lines).encode())
        mime.setText("\n".join(str(p.resolve()) for p in item.paths))
    elif item.kind == LINK:
        mime.setText(f"{item.title}\n{item.url}" if item.title else item.url)
        mime.setHtml(f'<a href="{html.escape(item.url)}">{html.escape(item.title or item.url)}</a>')
    else:
        raise ValueError(f"unknown clipboard item kind {item.kind!r}")
    return mime


def put(item: ClipItem) -> None:
    """Place ``item`` on the system clipboard (replacing what was there)."""
    QGuiApplication.clipboard().setMimeData(mime_for(item))
