"""Materials' pictures: thumbnails, the personalised poster, and the guide's QR setting.

Thumbnails are built from real files of each kind (PNG, a large JPEG, a
multi-page PDF, a video, a text file calling itself a JPEG); the poster is
drawn on a solid template and sampled pixel by pixel; the settings dialog's QR
choice runs against a real session and its outbox.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtGui import QColor, QImage

from guide_core.protocol import PosterLayout
from ui.materials.poster import PosterError, poster_images, render_poster, text_room
from ui.materials.thumbs import cached_count, clear_cache, thumbnail, tile_kind

RED = QColor("#c81e3c")


def _pillow_file(path: Path, size: tuple[int, int], fmt: str, color=(40, 120, 200)) -> Path:
    img = Image.new("RGB", size, color)
    for x in range(0, size[0], 50):  # some detail, so it is a picture
        img.paste((250, 250, 250), (x, 0, x + 10, size[1]))
    img.save(path, fmt)
    return path


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


# --------------------------------------------------------------------------- thumbnails


def test_png_and_large_jpeg_are_scaled_within_the_size(app, tmp_path: Path) -> None:
    png = _pillow_file(tmp_path / "a.png", (640, 320), "PNG")
    jpg = _pillow_file(tmp_path / "big.jpg", (4000, 3000), "JPEG")
    small = thumbnail(png, "image/png", 160)
    assert tile_kind(small) == "picture" and (small.width(), small.height()) == (160, 80)
    big = thumbnail(jpg, "image/jpeg", 160)
    assert tile_kind(big) == "picture" and (big.width(), big.height()) == (160, 120)
    assert QColor(big.pixel(80, 60)).blue() > 150  # the picture's own colours
    # a smaller picture is not blown up
    tiny = thumbnail(_pillow_file(tmp_path / "t.png", (60, 40), "PNG"), None, 160)
    assert (tiny.width(), tiny.height()) == (60, 40)


def test_a_pdf_gives_its_first_page_or_a_pdf_icon(app, tmp_path: Path) -> None:
    pages = [Image.new("RGB", (595, 842), c) for c in ((255, 255, 255), (0, 0, 0))]
    pdf = tmp_path / "manual.pdf"
    pages[0].save(pdf, "PDF", save_all=True, append_images=pages[1:])
    image = thumbnail(pdf, "application/pdf", 160)
    assert tile_kind(image) == "picture"
    assert max(image.width(), image.height()) == 160
    assert QColor(image.pixel(40, 40)).lightness() > 240  # page 1 (white), not page 2 (black)
    fake = tmp_path / "fake.pdf"
    fake.write_text("这不是 PDF", encoding="utf-8")
    assert tile_kind(thumbnail(fake, "application/pdf", 160)) == "placeholder"


def test_video_and_other_files_get_icons(app, tmp_path: Path) -> None:
    video = tmp_path / "精华液使用教程.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(64))
    tile = thumbnail(video, "video/mp4", 160)
    assert tile_kind(tile) == "icon" and (tile.width(), tile.height()) == (160, 160)
    sheet = tmp_path / "价格表.xlsx"
    sheet.write_bytes(b"PK\x03\x04" + bytes(32))
    assert tile_kind(thumbnail(sheet, None, 96)) == "icon"
    # an icon tile is drawn, not blank: some pixels differ from the background
    colors = {tile.pixel(x, y) for x in range(0, 160, 4) for y in range(0, 160, 4)}
    assert len(colors) > 3


def test_a_file_that_is_not_what_it_claims_gets_a_placeholder(app, tmp_path: Path) -> None:
    text = tmp_path / "photo.jpg"
    text.write_text("hello, I am text, not a JPEG\n" * 20, encoding="utf-8")
    truncated = tmp_path / "cut.png"
    buf = io.BytesIO()
    Image.new("RGB", (300, 300), (9, 9, 9)).save(buf, "PNG")
    truncated.write_bytes(buf.getvalue()[:40])
    for path, mime in (
        (text, "image/jpeg"),
        (truncated, "image/png"),
        (tmp_path / "missing.png", "image/png"),
    ):
        image = thumbnail(path, mime, 120)  # never raises
        assert tile_kind(image) == "placeholder", path.name
        assert (image.width(), image.height()) == (120, 120)


def test_thumbnails_are_cached_by_sha_and_size(app, tmp_path: Path) -> None:
    png = _pillow_file(tmp_path / "a.png", (320, 320), "PNG")
    sha = "ab" * 32
    first = thumbnail(png, "image/png", 160, sha256=sha)
    png.write_bytes(b"changed")  # the cache answers by sha: the file is not read again
    again = thumbnail(png, "image/png", 160, sha256=sha)
    assert again.cacheKey() == first.cacheKey() and tile_kind(again) == "picture"
    other_size = thumbnail(png, "image/png", 64, sha256=sha)
    assert tile_kind(other_size) == "placeholder"  # another size is another entry
    assert cached_count() == 2


# --------------------------------------------------------------------------- posters

LAYOUT = PosterLayout.model_validate(
    {
        "qr": {"x": 500, "y": 1040, "w": 180, "h": 180},
        "name": {"x": 80, "y": 1060, "size": 44, "color": "#1040ff"},
        "store": {"x": 80, "y": 1130, "size": 30, "color": "#108040"},
    }
)


def _template() -> QImage:
    image = QImage(750, 1334, QImage.Format.Format_RGB32)
    image.fill(RED)
    return image


def _qr(modules: int = 21, scale: int = 10) -> QImage:
    """A QR-like pattern: black modules where (row + col) is even, top-left black."""
    image = QImage(modules * scale, modules * scale, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    for row in range(modules):
        for col in range(modules):
            if (row + col) % 2 == 0:
                for y in range(row * scale, (row + 1) * scale):
                    for x in range(col * scale, (col + 1) * scale):
                        image.setPixelColor(x, y, QColor("black"))
    return image


def _near(color: QColor, target: QColor, tolerance: int = 40) -> bool:
    return all(
        abs(a - b) <= tolerance
        for a, b in zip(color.getRgb()[:3], target.getRgb()[:3], strict=True)
    )


def test_the_qr_code_lands_inside_its_box(app) -> None:
    poster = render_poster(_template(), LAYOUT, "李若月", "上海静安嘉里店", _qr())
    qr = LAYOUT.qr
    module = qr.w / 21
    black, white = QColor("black"), QColor("white")
    for row, col in ((0, 0), (0, 1), (10, 10), (20, 19), (20, 20)):
        x = int(qr.x + (col + 0.5) * module)
        y = int(qr.y + (row + 0.5) * module)
        expected = black if (row + col) % 2 == 0 else white
        assert _near(poster.pixelColor(x, y), expected, 60), (row, col)
    # just outside the box the template is untouched
    for x, y in ((qr.x - 3, qr.y + 90), (qr.x + qr.w + 3, qr.y + 90), (qr.x + 90, qr.y - 3)):
        assert _near(poster.pixelColor(x, y), RED, 2)
    assert (poster.width(), poster.height()) == (750, 1334)


def _colored_columns(poster: QImage, spot, color: QColor) -> list[int]:
    return [
        x
        for x in range(poster.width())
        if any(
            _near(poster.pixelColor(x, y), color, 60)
            for y in range(spot.y, spot.y + int(spot.size * 1.4))
        )
    ]


def test_name_and_store_are_written_at_their_spots(app) -> None:
    poster = render_poster(_template(), LAYOUT, "李若月", "上海静安嘉里店", _qr())
    name_cols = _colored_columns(poster, LAYOUT.name, QColor("#1040ff"))
    store_cols = _colored_columns(poster, LAYOUT.store, QColor("#108040"))
    assert name_cols and min(name_cols) >= LAYOUT.name.x and max(name_cols) < LAYOUT.qr.x
    assert store_cols and min(store_cols) >= LAYOUT.store.x
    assert max(name_cols) - min(name_cols) > 2 * LAYOUT.name.size  # three glyphs, not tofu dots


def test_a_long_name_is_cut_before_the_qr_code(app) -> None:
    long_name = "欧阳" + "慧" * 60
    poster = render_poster(_template(), LAYOUT, long_name, "店", _qr())
    cols = _colored_columns(poster, LAYOUT.name, QColor("#1040ff"))
    room = text_room(750, LAYOUT, LAYOUT.name)
    assert max(cols) <= LAYOUT.name.x + room < LAYOUT.qr.x
    # a spot below the QR code may use the width of the image
    low = PosterLayout.model_validate({**LAYOUT.model_dump(), "store": {"x": 40, "y": 1260}})
    assert text_room(750, low, low.store) == 750 - 12 - 40


def test_no_qr_and_missing_template_are_refused_in_words(app, tmp_path: Path) -> None:
    with pytest.raises(PosterError) as no_qr:
        render_poster(_template(), LAYOUT, "李若月", "店", None)
    assert str(no_qr.value) == "请先在 设置 → 我的企微二维码 中上传二维码"
    with pytest.raises(PosterError) as bad_qr:
        render_poster(_template(), LAYOUT, "李若月", "店", QImage())
    assert bad_qr.value.code == PosterError.QR_INVALID and "二维码" in str(bad_qr.value)
    with pytest.raises(PosterError) as offline:
        render_poster(None, LAYOUT, "李若月", "店", _qr())
    assert str(offline.value) == "海报模板未下载, 需要联网"
    # from files: no QR set, template not on this PC, a QR that is not an image
    qr_file = tmp_path / "qr.png"
    _qr().save(str(qr_file))
    template_file = tmp_path / "template.png"
    _template().save(str(template_file))
    not_image = tmp_path / "qr.jpg"
    not_image.write_text("not a picture", encoding="utf-8")
    cases = (
        ((template_file, None), PosterError.NO_QR),
        ((None, qr_file), PosterError.TEMPLATE_MISSING),
        ((tmp_path / "gone.png", qr_file), PosterError.TEMPLATE_MISSING),
        ((template_file, not_image), PosterError.QR_INVALID),
    )
    for (template_path, qr_path), code in cases:
        with pytest.raises(PosterError) as refused:
            poster_images(template_path, qr_path)
        assert refused.value.code == code
    template, qr = poster_images(template_file, qr_file)
    assert not render_poster(template, LAYOUT, "李若月", "店", qr).isNull()


# --------------------------------------------------------------------------- my WeCom QR code


def _queued_qr(session) -> list[dict]:
    return [
        m.fields for m in session.cache.outbox.pending() if (m.entity, m.op) == ("user", "set_qr")
    ]


@pytest.fixture
def settings(app, qtbot, session):
    """The settings dialog over a signed-in guide, with the sync engine stopped (edits stay queued)."""
    from ui.settings_dialog import SettingsDialog

    session.sync.stop()
    dialog = SettingsDialog(None, server_url=session.server_url, session=session)
    qtbot.addWidget(dialog)
    return dialog


def test_a_file_that_is_not_a_picture_is_refused_and_nothing_is_queued(
    settings, session, tmp_path: Path
) -> None:
    text = tmp_path / "qr.png"
    text.write_text("这不是图片", encoding="utf-8")
    assert settings.qr_row.choose(text) is False
    assert settings.qr_row.status.text() == "所选文件不是图片：qr.png"
    big = _pillow_file(tmp_path / "big.bmp", (1400, 1400), "BMP")  # 5.9 MB
    assert settings.qr_row.choose(big) is False
    assert settings.qr_row.status.text() == "二维码图片不能超过 5 MB（big.bmp 有 5.6 MB）"
    settings.save()
    assert settings.result() == settings.DialogCode.Accepted  # the rest of the settings still save
    assert _queued_qr(session) == []
    assert settings.qr_row.profile.qr_sha256() is None
    assert settings.qr_row.preview.text() == "未设置"


def test_a_picture_is_kept_and_set_qr_is_queued(settings, session, qtbot, tmp_path: Path) -> None:
    import hashlib

    from ui.settings_dialog import SettingsDialog

    qr_file = tmp_path / "我的二维码.png"
    _qr().save(str(qr_file))
    sha = hashlib.sha256(qr_file.read_bytes()).hexdigest()
    assert settings.qr_row.choose(qr_file) is True
    assert settings.qr_row.status.text() == "已选择 我的二维码.png，保存后生效"
    assert _queued_qr(session) == []  # nothing until the settings are saved
    settings.save()
    assert _queued_qr(session) == [{"qr_sha256": sha}]
    kept = session.blobs.path_for(sha)
    assert kept is not None and kept.read_bytes() == qr_file.read_bytes()
    assert session.blobs.has_local_only(sha)  # uploaded by the sync engine later
    # the next time Settings opens it shows that QR code
    again = SettingsDialog(None, server_url=session.server_url, session=session)
    qtbot.addWidget(again)
    assert again.qr_row.profile.qr_sha256() == sha
    preview = again.qr_row.preview.pixmap()
    assert not preview.isNull() and preview.width() <= 96
    assert again.qr_row.preview.pixmap().toImage().pixelColor(2, 2) == QColor("black")


# --------------------------------------------------------------------------- a demo poster for the guide


def _poster_material(session):
    import orjson

    from guide_core.protocol import MaterialData

    with session.cache.read() as conn:
        rows = conn.exec_driver_sql("SELECT data FROM materials").all()
    posters = [MaterialData.model_validate(orjson.loads(r[0])) for r in rows]
    return next(m for m in posters if m.kind == "poster" and m.title == "双11预售海报")


def _template_of(session, material) -> QImage:
    return QImage(str(session.blobs.path_for(material.blob_sha256)))


def test_the_guides_poster_from_the_demo_chain(settings, session, server, tmp_path: Path) -> None:
    from guide_app.services.profile import ProfileService
    from ui.materials.poster import poster_for

    material = _poster_material(session)
    with pytest.raises(PosterError) as no_qr:
        poster_for(session, material)
    assert str(no_qr.value) == "请先在 设置 → 我的企微二维码 中上传二维码"
    qr_file = tmp_path / "qr.png"
    _qr().save(str(qr_file))
    profile = ProfileService(session.cache, session.user, session.blobs)
    profile.set_qr(qr_file)
    assert profile.store_name() == "上海静安嘉里店"
    poster = poster_for(session, material)  # the template is fetched from the server if needed
    box = material.poster.qr
    module = box.w / 21
    corner = poster.pixelColor(int(box.x + module / 2), int(box.y + module / 2))
    assert _near(corner, QColor("black"), 60)
    spot = material.poster.name
    name_ink = [c for c in _colored_columns(poster, spot, QColor(spot.color)) if c < box.x]
    assert name_ink and min(name_ink) >= spot.x  # the guide's name, left of the QR code
    blank = _colored_columns(_template_of(session, material), spot, QColor(spot.color))
    assert not [c for c in blank if c < box.x]  # the template had nothing there
    # offline, with the template not on this PC: it says so
    template = session.blobs.path_for(material.blob_sha256)
    template.unlink()
    server.stop()
    with pytest.raises(PosterError) as offline:
        poster_for(session, material)
    assert str(offline.value) == "海报模板未下载, 需要联网"


def test_the_loader_draws_in_the_background_and_answers_from_memory_after(
    app, qtbot, tmp_path: Path
) -> None:
    from guide_app.sync.blobs import BlobCache
    from ui.materials.thumb_loader import ThumbnailLoader

    blobs = BlobCache(tmp_path / "blobs", None)
    try:
        sha = blobs.add_local(_pillow_file(tmp_path / "p.jpg", (800, 600), "JPEG"))
        loader = ThumbnailLoader(blobs)
        with qtbot.waitSignal(loader.sig_ready, timeout=10000) as ready:
            assert loader.get(sha, "image/jpeg", 120) is None  # not made yet: drawn on a worker
        got_sha, size, image = ready.args
        assert (got_sha, size) == (sha, 120) and tile_kind(image) == "picture"
        assert (image.width(), image.height()) == (120, 90)
        assert loader.get(sha, "image/jpeg", 120).cacheKey() == image.cacheKey()  # from memory
        with qtbot.waitSignal(loader.sig_ready, timeout=10000) as missing:
            loader.get("cd" * 32, "image/png", 120)  # a material not downloaded
        assert tile_kind(missing.args[2]) == "placeholder"
    finally:
        blobs.close()
