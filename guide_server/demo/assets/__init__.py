"""The small real files the demo materials point at, drawn in code (no downloads).

Product cards and posters are PNGs; training and after-sales documents are
PDFs. Same bytes on every run, so their sha256 names are stable.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from guide_server.demo.assets.pdf import simple_pdf
from guide_server.demo.assets.png import Canvas, Color

Asset = tuple[str, bytes, str, str]  # (sha256 hex, bytes, mime, file name)

_WHITE: Color = (255, 255, 255)


def _product_card(bg: Color, bottle: Color, cap: Color, label: str, round_jar: bool) -> bytes:
    """320×320 white card: a soft backdrop, a bottle or jar, and a price badge."""
    c = Canvas(320, 320, _WHITE)
    c.circle(160, 150, 120, bg)
    if round_jar:
        c.rounded_rect(95, 150, 130, 90, 20, bottle)
        c.rounded_rect(100, 120, 120, 36, 10, cap)
    else:
        c.rounded_rect(125, 95, 70, 160, 18, bottle)
        c.rect(145, 60, 30, 38, cap)
        c.rect(130, 150, 60, 50, _WHITE)
    c.rect(0, 276, 320, 44, bottle)
    c.text(160 - c.text_width(label, 3) // 2, 287, label, 3, _WHITE)
    return c.to_png()


def _poster(top: Color, bottom: Color, accent: Color, headline: str, sub: str) -> bytes:
    """320×480 poster: gradient, big headline, decorative circles, a footer band."""
    c = Canvas(320, 480, _WHITE)
    c.vertical_gradient(top, bottom)
    c.circle(60, 70, 40, accent)
    c.circle(270, 400, 70, accent)
    c.text(160 - c.text_width(headline, 8) // 2, 150, headline, 8, _WHITE)
    c.text(160 - c.text_width(sub, 4) // 2, 240, sub, 4, _WHITE)
    c.rect(0, 430, 320, 50, _WHITE)
    c.text(160 - c.text_width("MEMBER", 3) // 2, 444, "MEMBER", 3, accent)
    return c.to_png()


def _photo(wall: Color, shelf: Color, items: list[Color]) -> bytes:
    """320×240 "photo" of a shelf, used as task evidence and the display standard."""
    c = Canvas(320, 240, wall)
    for row, y in enumerate((60, 130, 200)):
        c.rect(10, y, 300, 8, shelf)
        for i, color in enumerate(items):
            height = 40 + ((i + row) % 3) * 6
            c.rounded_rect(22 + i * 48, y - height, 34, height, 6, color)
    return c.to_png()


def _pdfs() -> list[tuple[str, bytes]]:
    return [
        (
            "training.pdf",
            simple_pdf(
                "New Product Training Handbook",
                [
                    "Hyaluronic Serum 30ml - key points for store guides:",
                    "1. Texture: light gel, absorbs in 30 seconds.",
                    "2. Who: dry and combination skin, seasonal dryness.",
                    "3. How: 2-3 drops after toner, morning and night.",
                    "4. Never promise medical effects; follow the word list.",
                ],
            ),
        ),
        (
            "returns.pdf",
            simple_pdf(
                "Returns and Exchanges",
                [
                    "Unopened items: return or exchange within 7 days with the receipt.",
                    "Online orders: apply in the order page, or ask your store guide.",
                    "Allergy feedback: stop using, keep the package, contact the store.",
                ],
            ),
        ),
        (
            "words.pdf",
            simple_pdf(
                "Sensitive Words Guideline",
                [
                    "Blocked: absolute claims (cheapest, No.1 brand, 100% effective).",
                    "Blocked: medical claims (cure, medical grade, no side effects).",
                    "Blocked: private deals (transfer money, add my private account).",
                    "Warned: strong claims (best, permanent, natural) - rephrase.",
                ],
            ),
        ),
    ]


@lru_cache(maxsize=1)
def _build() -> tuple[Asset, ...]:
    pink, rose, mint, sky, gold, navy = (
        (252, 228, 236),
        (214, 40, 90),
        (216, 243, 220),
        (202, 233, 255),
        (255, 214, 102),
        (29, 53, 87),
    )
    images = [
        ("serum.png", _product_card(sky, (69, 123, 157), navy, "SERUM 268", False)),
        ("cream.png", _product_card(mint, (82, 183, 136), (45, 106, 79), "CREAM 238", True)),
        (
            "sunscreen.png",
            _product_card((255, 243, 176), (244, 162, 97), (231, 111, 81), "SPF50 179", False),
        ),
        ("lipstick.png", _product_card(pink, rose, (40, 40, 40), "LIP 169", False)),
        (
            "baby_lotion.png",
            _product_card((255, 236, 210), (255, 175, 204), (162, 210, 255), "BABY 98", True),
        ),
        ("poster_1111.png", _poster((230, 57, 70), (157, 2, 8), gold, "11.11", "PRESALE -20%")),
        (
            "poster_memberday.png",
            _poster((106, 76, 147), (58, 12, 163), (247, 37, 133), "18", "MEMBER DAY"),
        ),
        (
            "poster_birthday.png",
            _poster((255, 143, 171), (251, 111, 146), gold, "HAPPY", "BIRTHDAY"),
        ),
        ("poster_lipstick.png", _poster((128, 15, 47), (89, 13, 34), pink, "NEW", "LIPSTICK")),
        (
            "display.png",
            _photo((241, 236, 226), (120, 94, 66), [rose, sky, mint, gold, navy, pink]),
        ),
        (
            "evidence_shelf.png",
            _photo((230, 230, 230), (90, 90, 90), [sky, sky, rose, mint, mint, gold]),
        ),
    ]
    out: list[Asset] = []
    for name, data in images:
        out.append((hashlib.sha256(data).hexdigest(), data, "image/png", name))
    for name, data in _pdfs():
        out.append((hashlib.sha256(data).hexdigest(), data, "application/pdf", name))
    return tuple(out)


def demo_assets() -> list[tuple[str, bytes, str, str]]:
    """(sha256 hex, bytes, mime, file_name) of the small real files materials point at."""
    return list(_build())


def asset_by_name(file_name: str) -> Asset:
    """The asset stored as ``file_name``; ``KeyError`` names it if missing."""
    for asset in _build():
        if asset[3] == file_name:
            return asset
    raise KeyError(f"demo asset not found: {file_name}")
