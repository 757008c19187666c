"""Multi-page PDFs of drawn pages (Pillow's PDF writer), with fixed dates so the bytes are stable."""

from __future__ import annotations

import io
import time

from PIL import Image

#: Written as the documents' creation and change date (Pillow would write "now").
DOCUMENT_DATE = time.gmtime(1767225600)  # 2026-01-01 00:00 UTC


def pdf_of(pages: list[Image.Image], title: str) -> bytes:
    """One PDF page per image (JPEG inside), titled ``title``."""
    out = io.BytesIO()
    first, *rest = pages
    first.save(
        out,
        "PDF",
        save_all=True,
        append_images=rest,
        resolution=96.0,
        title=title,
        producer="Guide Workstation demo",
        creationDate=DOCUMENT_DATE,
        modDate=DOCUMENT_DATE,
        quality=88,
    )
    return out.getvalue()
