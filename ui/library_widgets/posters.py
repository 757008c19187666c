"""A poster personalised for the guide: ``ui.materials.poster_for`` draws it.

A guide who has not set a QR code yet is told at once to set it in 设置 and
nothing is copied; otherwise the drawing (which may download the template or
the QR image) runs on a worker when its turn comes.
"""

from __future__ import annotations

from typing import Any

from guide_app.services.profile import ProfileService
from ui.clipboard import ClipItem, image_item
from ui.library_widgets.clips import Entry, NotCopyable
from ui.materials import PosterError, poster_for


def poster_entry(session: Any, material: Any) -> Entry:
    title = material.title
    profile = ProfileService(session.cache, session.user, session.blobs)
    if material.poster is None or not material.blob_sha256:
        return Entry(title, refusal=str(PosterError(PosterError.NOT_A_POSTER)))
    if profile.qr_sha256() is None:
        return Entry(title, refusal=str(PosterError(PosterError.NO_QR)))

    def make() -> ClipItem:  # on a worker: may download
        try:
            return image_item(poster_for(session, material), title)
        except PosterError as exc:
            raise NotCopyable(str(exc)) from exc

    return Entry(title, make=make)
