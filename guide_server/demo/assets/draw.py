"""Drawing the demo's pictures with Pillow: product shots, poster templates, shelf photos.

Text is set in a CJK font found among the system's fonts by file name (Noto
Sans CJK, WenQuanYi, Microsoft YaHei, PingFang…; Pillow looks in the
platform's font folders). Without one, Pillow's own font draws each caption's
English words instead, so the demo still builds on a machine without Chinese
fonts, only plainer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFilter, ImageFont

Color = tuple[int, int, int]
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

WHITE: Color = (255, 255, 255)

#: Font files with Chinese glyphs, in order of preference: (regular, bold).
CJK_FONT_FILES: tuple[tuple[str, str], ...] = (
    ("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc"),
    ("NotoSansCJKsc-Regular.otf", "NotoSansCJKsc-Bold.otf"),
    ("NotoSansSC-Regular.otf", "NotoSansSC-Bold.otf"),
    ("SourceHanSansSC-Regular.otf", "SourceHanSansSC-Bold.otf"),
    ("wqy-microhei.ttc", "wqy-microhei.ttc"),
    ("wqy-zenhei.ttc", "wqy-zenhei.ttc"),
    ("msyh.ttc", "msyhbd.ttc"),
    ("simhei.ttf", "simhei.ttf"),
    ("PingFang.ttc", "PingFang.ttc"),
)


def _simplified_face(file_name: str) -> tuple[str, int] | None:
    """(resolved path, face index) of the Simplified Chinese face in a font file, or None."""
    try:
        first = ImageFont.truetype(file_name, 12)
    except OSError:
        return None
    path = str(first.path)
    for index in range(8):  # a .ttc holds several faces (JP, KR, SC, TC…): take SC
        try:
            face = ImageFont.truetype(path, 12, index=index)
        except OSError:
            break
        if face.getname()[0].endswith((" SC", "SC")):
            return path, index
    return path, 0


@dataclass(frozen=True)
class Fonts:
    """The fonts the demo pictures use; ``cjk`` says whether Chinese can be drawn."""

    candidates: tuple[tuple[str, str], ...] = CJK_FONT_FILES
    _faces: dict[bool, tuple[str, int]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for regular, bold in self.candidates:
            face = _simplified_face(regular)
            if face is None:
                continue
            self._faces[False] = face
            self._faces[True] = _simplified_face(bold) or face
            return

    @property
    def cjk(self) -> bool:
        return bool(self._faces)

    def get(self, size: int, bold: bool = False) -> Font:
        if not self._faces:
            return ImageFont.load_default(size)
        path, index = self._faces[bold]
        return _truetype(path, size, index)

    def words(self, zh: str, en: str) -> str:
        """The Chinese caption when it can be drawn, else its English."""
        return zh if self.cjk else en


@lru_cache(maxsize=64)
def _truetype(path: str, size: int, index: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=index)


def text_width(draw: ImageDraw.ImageDraw, text: str, font: Font) -> int:
    left, _, right, _ = draw.textbbox((0, 0), text, font=font)
    return int(right - left)


def fitted_font(
    fonts: Fonts, draw: ImageDraw.ImageDraw, text: str, size: int, width: int, bold: bool = False
) -> Font:
    """The largest font up to ``size`` in which ``text`` fits ``width`` pixels."""
    while size > 10:
        font = fonts.get(size, bold)
        if text_width(draw, text, font) <= width:
            return font
        size -= 2
    return fonts.get(size, bold)


def centered(
    draw: ImageDraw.ImageDraw, cx: int, y: int, text: str, font: Font, fill: Color
) -> None:
    draw.text((cx - text_width(draw, text, font) // 2, y), text, font=font, fill=fill)


def gradient(size: tuple[int, int], top: Color, bottom: Color) -> Image.Image:
    """A vertical gradient from ``top`` to ``bottom``."""
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _mix(a: Color, b: Color, t: float) -> Color:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


# --------------------------------------------------------------------------- product shots


@dataclass(frozen=True)
class Product:
    zh: str  # caption, e.g. 玻尿酸保湿精华
    en: str
    price: str  # ¥268
    backdrop: Color
    body: Color
    cap: Color
    shape: str  # bottle | jar | tube | lipstick


def product_shot(fonts: Fonts, p: Product, size: int = 640) -> Image.Image:
    """A studio-style shot: soft backdrop, the product with its shadow, a caption band."""
    img = gradient((size, size), _mix(p.backdrop, WHITE, 0.55), p.backdrop)
    shadow = Image.new("L", (size, size), 0)
    ImageDraw.Draw(shadow).ellipse((size * 0.28, size * 0.70, size * 0.72, size * 0.78), fill=110)
    img.paste(
        _mix(p.body, (0, 0, 0), 0.6), (0, 0), shadow.filter(ImageFilter.GaussianBlur(size / 40))
    )
    d = ImageDraw.Draw(img)
    s = size / 640
    cx = size // 2
    if p.shape == "jar":
        d.rounded_rectangle((cx - 130 * s, 330 * s, cx + 130 * s, 470 * s), 28 * s, fill=p.body)
        d.rounded_rectangle((cx - 140 * s, 280 * s, cx + 140 * s, 340 * s), 16 * s, fill=p.cap)
        d.rounded_rectangle((cx - 90 * s, 370 * s, cx + 90 * s, 430 * s), 8 * s, fill=WHITE)
    elif p.shape == "tube":
        d.polygon(
            [
                (cx - 80 * s, 150 * s),
                (cx + 80 * s, 150 * s),
                (cx + 60 * s, 420 * s),
                (cx - 60 * s, 420 * s),
            ],
            fill=p.body,
        )
        d.rounded_rectangle((cx - 55 * s, 410 * s, cx + 55 * s, 470 * s), 10 * s, fill=p.cap)
        d.rectangle((cx - 50 * s, 230 * s, cx + 50 * s, 330 * s), fill=WHITE)
    elif p.shape == "lipstick":
        d.rounded_rectangle((cx - 50 * s, 300 * s, cx + 50 * s, 470 * s), 10 * s, fill=p.cap)
        d.rectangle((cx - 38 * s, 220 * s, cx + 38 * s, 305 * s), fill=(212, 175, 55))
        d.polygon(
            [
                (cx - 32 * s, 220 * s),
                (cx + 32 * s, 220 * s),
                (cx + 32 * s, 150 * s),
                (cx - 32 * s, 185 * s),
            ],
            fill=p.body,
        )
    else:
        d.rounded_rectangle((cx - 70 * s, 190 * s, cx + 70 * s, 470 * s), 30 * s, fill=p.body)
        d.rounded_rectangle((cx - 28 * s, 120 * s, cx + 28 * s, 195 * s), 8 * s, fill=p.cap)
        d.rectangle((cx - 55 * s, 280 * s, cx + 55 * s, 380 * s), fill=WHITE)
        # a lamp's highlight on the glass
        d.rounded_rectangle(
            (cx - 60 * s, 200 * s, cx - 48 * s, 440 * s), 6 * s, fill=_mix(p.body, WHITE, 0.45)
        )
    band = (0, int(size * 0.82), size, size)
    d.rectangle(band, fill=_mix(p.body, (0, 0, 0), 0.25))
    caption = fonts.words(p.zh, p.en)
    font = fitted_font(fonts, d, caption, int(40 * s), int(size * 0.62), bold=True)
    d.text((int(28 * s), band[1] + int(22 * s)), caption, font=font, fill=WHITE)
    price_font = fonts.get(int(44 * s), bold=True)
    d.text(
        (size - int(28 * s) - text_width(d, p.price, price_font), band[1] + int(18 * s)),
        p.price,
        font=price_font,
        fill=(255, 214, 102),
    )
    return img


# --------------------------------------------------------------------------- poster templates

#: Poster template size (a phone screen's proportions) and where the guide's parts go.
POSTER_SIZE = (750, 1334)
_CARD = (40, 1010, 710, 1294)  # the white card at the bottom
QR_BOX = {"x": 500, "y": 1040, "w": 180, "h": 180}
NAME_SPOT = {"x": 80, "y": 1060, "size": 44, "color": "#222222"}
STORE_SPOT = {"x": 80, "y": 1130, "size": 30, "color": "#666666"}


def poster_layout() -> dict:
    """``PosterLayout`` of every demo poster template (wire shape)."""
    return {"qr": dict(QR_BOX), "name": dict(NAME_SPOT), "store": dict(STORE_SPOT)}


@dataclass(frozen=True)
class Poster:
    headline: tuple[str, str]  # (zh, en)
    sub: tuple[str, str]
    top: Color
    bottom: Color
    accent: Color


def poster_template(fonts: Fonts, p: Poster) -> Image.Image:
    """Gradient, headline and decorations; the bottom card left blank for name, store, QR."""
    w, h = POSTER_SIZE
    img = gradient(POSTER_SIZE, p.top, p.bottom)
    glow = Image.new("L", POSTER_SIZE, 0)
    g = ImageDraw.Draw(glow)
    g.ellipse((-120, -80, 300, 340), fill=90)
    g.ellipse((460, 620, 900, 1060), fill=70)
    img.paste(p.accent, (0, 0), glow.filter(ImageFilter.GaussianBlur(30)))
    d = ImageDraw.Draw(img)
    for i in range(14):  # confetti, placed by a fixed rule (no randomness: stable bytes)
        x, y = (53 * i * 7) % (w - 40) + 20, (97 * i * 5) % 600 + 60
        d.ellipse((x, y, x + 10 + i % 4 * 4, y + 10 + i % 4 * 4), fill=_mix(p.accent, WHITE, 0.3))
    headline = fonts.words(*p.headline)
    font = fitted_font(fonts, d, headline, 150, w - 100, bold=True)
    centered(d, w // 2, 300, headline, font, WHITE)
    sub = fonts.words(*p.sub)
    font = fitted_font(fonts, d, sub, 56, w - 120)
    centered(d, w // 2, 520, sub, font, _mix(WHITE, p.accent, 0.15))
    d.rounded_rectangle((150, 640, w - 150, 720), 40, outline=WHITE, width=3)
    cta = fonts.words("到店出示海报享专属礼", "SHOW THIS AT THE STORE")
    centered(d, w // 2, 656, cta, fitted_font(fonts, d, cta, 34, w - 340), WHITE)
    # the card the guide's name, store and QR code are placed on
    d.rounded_rectangle(_CARD, 28, fill=WHITE)
    q = QR_BOX
    d.rounded_rectangle(
        (q["x"] - 8, q["y"] - 8, q["x"] + q["w"] + 8, q["y"] + q["h"] + 8),
        12,
        outline=_mix(p.bottom, WHITE, 0.5),
        width=3,
    )
    hint = fonts.words("扫码添加我的企业微信", "Scan to add me on WeCom")
    d.text((80, 1210), hint, font=fonts.get(26), fill=(136, 136, 136))
    below = fonts.words("长按识别二维码", "Long-press the QR")
    centered(d, q["x"] + q["w"] // 2, q["y"] + q["h"] + 14, below, fonts.get(22), (136, 136, 136))
    return img


# --------------------------------------------------------------------------- photos and pages


def shelf_photo(
    fonts: Fonts, wall: Color, shelf: Color, items: list[Color], label: str
) -> Image.Image:
    """A store shelf as a photo would show it (task evidence, the display standard)."""
    w, h = 640, 480
    img = gradient((w, h), _mix(wall, WHITE, 0.3), wall)
    d = ImageDraw.Draw(img)
    for row, y in enumerate((140, 280, 420)):
        d.rectangle((20, y, w - 20, y + 14), fill=shelf)
        d.rectangle((20, y + 14, w - 20, y + 20), fill=_mix(shelf, (0, 0, 0), 0.35))
        for i, color in enumerate(items):
            height = 80 + ((i + row) % 3) * 12
            x = 44 + i * 96
            d.rounded_rectangle((x, y - height, x + 64, y), 12, fill=color)
            d.rectangle((x + 12, y - height + 24, x + 52, y - height + 50), fill=WHITE)
    d.rounded_rectangle(
        (20, 16, 20 + text_width(d, label, fonts.get(28)) + 32, 64), 10, fill=(0, 0, 0)
    )
    d.text((36, 22), label, font=fonts.get(28), fill=WHITE)
    return img


def document_pages(
    fonts: Fonts, title: str, sections: list[tuple[str, list[str]]], accent: Color
) -> list[Image.Image]:
    """A4 pages (96 dpi) with a coloured header, headings and wrapped lines."""
    w, h = 794, 1123
    margin, line_h = 64, 34
    pages: list[Image.Image] = []

    def new_page() -> tuple[Image.Image, ImageDraw.ImageDraw, int]:
        page = Image.new("RGB", (w, h), WHITE)
        d = ImageDraw.Draw(page)
        d.rectangle((0, 0, w, 120), fill=accent)
        d.text(
            (margin, 36),
            title,
            font=fitted_font(fonts, d, title, 40, w - 2 * margin, True),
            fill=WHITE,
        )
        footer = f"{len(pages) + 1}"
        centered(d, w // 2, h - 56, footer, fonts.get(18), (140, 140, 140))
        pages.append(page)
        return page, d, 170

    _, d, y = new_page()
    body, heading = fonts.get(22), fonts.get(28, bold=True)
    for head, lines in sections:
        if y > h - 260:
            _, d, y = new_page()
        d.rectangle((margin, y + 6, margin + 8, y + 34), fill=accent)
        d.text((margin + 20, y), head, font=heading, fill=(34, 34, 34))
        y += 54
        for line in lines:
            for part in _wrap(d, line, body, w - 2 * margin - 20):
                if y > h - 120:
                    _, d, y = new_page()
                d.text((margin + 20, y), part, font=body, fill=(60, 60, 60))
                y += line_h
        y += 24
    return pages


def _wrap(d: ImageDraw.ImageDraw, text: str, font: Font, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` pixels (by character: Chinese has no spaces)."""
    lines, current = [], ""
    for char in text:
        if current and text_width(d, current + char, font) > width:
            lines.append(current)
            current = ""
        current += char
    return [*lines, current] if current else lines
