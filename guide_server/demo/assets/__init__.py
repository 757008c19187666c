"""The real files the demo materials point at, drawn with Pillow (no downloads).

Product shots (JPEG), poster templates with room for the guide's QR code,
name and store (PNG, their ``PosterLayout`` in :func:`poster_layout`), shelf
photos (PNG), an animated GIF, and multi-page PDF manuals. Drawing is
deterministic (no randomness, fixed PDF dates), so the bytes and their sha256
names are the same on every run of one machine; built once per process.
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache

from PIL import Image, ImageDraw

from guide_server.demo.assets.draw import (
    POSTER_SIZE,
    Fonts,
    Poster,
    Product,
    centered,
    document_pages,
    poster_layout,
    poster_template,
    product_shot,
    shelf_photo,
)
from guide_server.demo.assets.pdf import pdf_of

Asset = tuple[str, bytes, str, str]  # (sha256 hex, bytes, mime, file name)

__all__ = ["POSTER_SIZE", "Asset", "asset_by_name", "build_assets", "demo_assets", "poster_layout"]

_PINK, _ROSE, _MINT, _SKY, _GOLD, _NAVY = (
    (252, 228, 236),
    (214, 40, 90),
    (216, 243, 220),
    (202, 233, 255),
    (255, 214, 102),
    (29, 53, 87),
)

PRODUCTS = {
    "serum.jpg": Product(
        "玻尿酸保湿精华", "HA Serum", "¥268", _SKY, (69, 123, 157), _NAVY, "bottle"
    ),
    "cream.jpg": Product(
        "积雪草修护面霜", "Repair Cream", "¥238", _MINT, (82, 183, 136), (45, 106, 79), "jar"
    ),
    "sunscreen.jpg": Product(
        "清透防晒乳 SPF50+",
        "Sunscreen SPF50",
        "¥179",
        (255, 243, 176),
        (244, 162, 97),
        (231, 111, 81),
        "tube",
    ),
    "lipstick.jpg": Product(
        "丝绒雾面口红", "Velvet Lipstick", "¥169", _PINK, _ROSE, (40, 40, 40), "lipstick"
    ),
    "baby_lotion.jpg": Product(
        "婴儿润肤乳", "Baby Lotion", "¥98", (255, 236, 210), (255, 175, 204), (162, 210, 255), "jar"
    ),
    "mask.jpg": Product(
        "补水面膜 10片装",
        "Hydrating Mask",
        "¥129",
        (224, 251, 252),
        (0, 150, 199),
        (2, 62, 138),
        "tube",
    ),
    "toner.jpg": Product(
        "氨基酸柔肤水",
        "Gentle Toner",
        "¥158",
        (237, 231, 246),
        (149, 125, 173),
        (94, 84, 142),
        "bottle",
    ),
    "night_cream.jpg": Product(
        "视黄醇晚霜", "Retinol Night Cream", "¥328", (233, 236, 239), (73, 80, 87), _GOLD, "jar"
    ),
    "cleanser.jpg": Product(
        "温和洁面乳",
        "Gentle Cleanser",
        "¥99",
        (255, 241, 230),
        (255, 183, 3),
        (251, 133, 0),
        "tube",
    ),
}

POSTERS = {
    "poster_1111.png": Poster(
        ("双11预售", "11.11"),
        ("定金翻倍 前1小时赠礼", "PRESALE -20%"),
        (230, 57, 70),
        (157, 2, 8),
        _GOLD,
    ),
    "poster_memberday.png": Poster(
        ("会员日", "MEMBER DAY"),
        ("每月18日 全场9折 积分翻倍", "EVERY 18TH -10%"),
        (106, 76, 147),
        (58, 12, 163),
        (247, 37, 133),
    ),
    "poster_birthday.png": Poster(
        ("生日快乐", "HAPPY BIRTHDAY"),
        ("生日月到店领专属礼盒", "A GIFT FOR YOUR MONTH"),
        (255, 143, 171),
        (251, 111, 146),
        _GOLD,
    ),
    "poster_lipstick.png": Poster(
        ("秋冬新色", "NEW LIPSTICK"),
        ("丝绒雾面口红 6色上新", "6 VELVET SHADES"),
        (128, 15, 47),
        (89, 13, 34),
        _PINK,
    ),
}

#: (file, title, accent, [(heading, lines)]) — the PDF documents.
DOCUMENTS = (
    (
        "manual.pdf",
        ("玻尿酸保湿精华 产品手册", "HA Serum - Product Manual"),
        (69, 123, 157),
        [
            (
                ("产品简介", "About"),
                [
                    (
                        "30ml 玻尿酸保湿精华，清爽啫喱质地，30秒吸收。",
                        "30 ml serum, light gel, absorbs in 30 seconds.",
                    ),
                    (
                        "三重分子玻尿酸，深层补水，换季干燥时尤其适合。",
                        "Three hyaluronic acids for deep hydration.",
                    ),
                ],
            ),
            (
                ("适用人群", "Who it suits"),
                [
                    (
                        "干性、混合性肌肤；换季干燥、空调房久坐人群。",
                        "Dry and combination skin, seasonal dryness.",
                    ),
                    (
                        "敏感肌请先在耳后试用24小时。",
                        "Sensitive skin: patch test behind the ear for 24h.",
                    ),
                ],
            ),
            (
                ("使用方法", "How to use"),
                [
                    (
                        "洁面、爽肤水之后取2-3滴，由内向外轻按至吸收。",
                        "After toner, 2-3 drops, press in from the centre.",
                    ),
                    (
                        "早晚各一次；白天使用后请涂防晒。",
                        "Morning and night; sunscreen in the daytime.",
                    ),
                ],
            ),
            (
                ("导购话术要点", "Talking points"),
                [
                    (
                        "先问肤质与困扰，再推荐搭配：精华 + 修护面霜。",
                        "Ask about skin first, then suggest serum + cream.",
                    ),
                    (
                        "不承诺功效，不使用敏感词（见《敏感词规范》）。",
                        "Never promise effects; follow the word list.",
                    ),
                ],
            ),
            (
                ("常见问题", "FAQ"),
                [
                    (
                        "问：孕期可以用吗？答：配方温和，建议咨询医生后使用。",
                        "Q: In pregnancy? A: Ask a doctor first.",
                    ),
                    (
                        "问：可以和视黄醇一起用吗？答：建议早精华、晚视黄醇。",
                        "Q: With retinol? A: Serum by day, retinol at night.",
                    ),
                    (
                        "问：保质期多久？答：未开封3年，开封后6个月内用完。",
                        "Q: Shelf life? A: 3 years sealed, 6 months open.",
                    ),
                ],
            ),
            (
                ("陈列与库存", "Display and stock"),
                [
                    (
                        "新品陈列在入口右侧第一层，价签朝外。",
                        "Display at the entrance, first shelf, price tag out.",
                    ),
                    (
                        "试用装每日补货，空瓶请登记后回收。",
                        "Refill testers daily; log and return empties.",
                    ),
                ]
                * 3,
            ),
        ],
    ),
    (
        "training.pdf",
        ("新品培训手册", "New Product Training Handbook"),
        (214, 40, 90),
        [
            (
                ("培训目标", "Goals"),
                [
                    (
                        "了解本季新品卖点，能在3分钟内向顾客讲清楚。",
                        "Know this season's products; explain each in 3 minutes.",
                    ),
                ],
            ),
            (
                ("本季新品", "This season"),
                [
                    ("玻尿酸保湿精华：清爽补水。", "HA Serum: light hydration."),
                    ("积雪草修护面霜：敏感肌修护。", "Repair Cream: for sensitive skin."),
                    ("清透防晒乳：SPF50+ 不油腻。", "Sunscreen SPF50+: not greasy."),
                    ("丝绒雾面口红：6个秋冬色号。", "Velvet Lipstick: 6 autumn shades."),
                ],
            ),
            (
                ("考核", "Assessment"),
                [
                    (
                        "店长在任务中心布置话术演练，拍照上传陈列。",
                        "Supervisors set a role-play task and a display photo.",
                    ),
                ],
            ),
        ],
    ),
    (
        "returns.pdf",
        ("退换货流程说明", "Returns and Exchanges"),
        (42, 157, 143),
        [
            (
                ("门店购买", "Bought in store"),
                [
                    ("未拆封商品7天内凭小票可退换。", "Unopened items: 7 days with the receipt."),
                ],
            ),
            (
                ("线上订单", "Online orders"),
                [
                    (
                        "在订单页申请，或联系您的专属导购。",
                        "Apply on the order page, or ask your guide.",
                    ),
                ],
            ),
            (
                ("过敏反馈", "Allergy"),
                [
                    (
                        "停止使用，保留包装，联系门店登记。",
                        "Stop using, keep the package, contact the store.",
                    ),
                ],
            ),
        ],
    ),
    (
        "words.pdf",
        ("敏感词规范", "Sensitive Words Guideline"),
        (231, 111, 81),
        [
            (
                ("禁用", "Blocked"),
                [
                    (
                        "绝对化用语：最便宜、全网最低、第一品牌。",
                        "Absolute claims: cheapest, No.1 brand.",
                    ),
                    ("医疗用语：根治、医用级、无副作用。", "Medical claims: cure, medical grade."),
                    (
                        "私下交易：微信转账、加我私人微信。",
                        "Private deals: transfer money, private account.",
                    ),
                ],
            ),
            (
                ("提醒", "Warned"),
                [
                    ("最佳、永久、纯天然等，请换一种说法。", "Best, permanent, natural: rephrase."),
                ],
            ),
        ],
    ),
)


def _encode(img: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        img.save(out, "JPEG", quality=86)
    else:
        img.save(out, "PNG", compress_level=6)
    return out.getvalue()


def _display_gif(fonts: Fonts) -> bytes:
    """A short animated GIF (a product turning through its colours): a moving-picture file."""
    frames = []
    colors = [(69, 123, 157), (82, 183, 136), (244, 162, 97), (214, 40, 90)]
    caption = fonts.words("新品陈列动图", "New display")
    for i, color in enumerate(colors):
        frame = Image.new("RGB", (320, 240), (245, 245, 245))
        d = ImageDraw.Draw(frame)
        x = 60 + i * 50
        d.rounded_rectangle((x, 60, x + 60, 180), 14, fill=color)
        centered(d, 160, 196, caption, fonts.get(24), (60, 60, 60))
        frames.append(frame.convert("P", palette=Image.Palette.ADAPTIVE, colors=64))
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=400, loop=0)
    return out.getvalue()


def build_assets(fonts: Fonts) -> tuple[Asset, ...]:
    """Every demo file drawn with ``fonts`` (``Fonts(candidates=())``: without Chinese glyphs)."""
    files: list[tuple[str, bytes, str]] = []
    for name, product in PRODUCTS.items():
        files.append((name, _encode(product_shot(fonts, product), "JPEG"), "image/jpeg"))
    for name, poster in POSTERS.items():
        files.append((name, _encode(poster_template(fonts, poster), "PNG"), "image/png"))
    shelves = [
        (
            "display.png",
            (241, 236, 226),
            (120, 94, 66),
            [_ROSE, _SKY, _MINT, _GOLD, _NAVY, _PINK],
            ("陈列标准：新品第一层", "Display standard"),
        ),
        (
            "evidence_shelf.png",
            (230, 230, 230),
            (90, 90, 90),
            [_SKY, _SKY, _ROSE, _MINT, _MINT, _GOLD],
            ("门店实拍", "Store photo"),
        ),
        (
            "store_front.png",
            (255, 244, 230),
            (160, 120, 90),
            [_GOLD, _ROSE, _ROSE, _SKY, _MINT, _PINK],
            ("新品专柜", "New arrivals"),
        ),
    ]
    for name, wall, shelf, items, label in shelves:
        photo = shelf_photo(fonts, wall, shelf, items, fonts.words(*label))
        files.append((name, _encode(photo, "PNG"), "image/png"))
    files.append(("display.gif", _display_gif(fonts), "image/gif"))
    for name, title, accent, sections in DOCUMENTS:
        heading = fonts.words(*title)
        body = [
            (fonts.words(*head), [fonts.words(*line) for line in lines]) for head, lines in sections
        ]
        pages = document_pages(fonts, heading, body, accent)
        files.append((name, pdf_of(pages, title[1]), "application/pdf"))
    return tuple((hashlib.sha256(data).hexdigest(), data, mime, name) for name, data, mime in files)


@lru_cache(maxsize=1)
def _build() -> tuple[Asset, ...]:
    return build_assets(Fonts())


def demo_assets() -> list[Asset]:
    """(sha256 hex, bytes, mime, file_name) of the real files materials point at."""
    return list(_build())


def asset_by_name(file_name: str) -> Asset:
    """The asset stored as ``file_name``; ``KeyError`` names it if missing."""
    for asset in _build():
        if asset[3] == file_name:
            return asset
    raise KeyError(f"demo asset not found: {file_name}")
