"""The demo's materials are real pictures and documents, drawn with Pillow.

Every image decodes, every PDF opens with its pages, each poster's layout lies
inside its template, the 朋友圈 materials carry 3–9 images that exist, and the
same files are drawn without any Chinese font (English captions instead).
"""

from __future__ import annotations

import io
from collections import Counter
from datetime import date

import pytest
from PIL import Image, PdfParser

from guide_core.protocol import MaterialData, MaterialKind, PosterLayout
from guide_server.demo import demo_assets, generate_chain
from guide_server.demo.assets import build_assets, poster_layout
from guide_server.demo.assets.draw import Fonts

_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF"}


@pytest.fixture(scope="module")
def materials() -> list[dict]:
    rows: list[dict] = []
    for entity, batch in generate_chain(
        stores=2, customers_per_store=5, orders_per_store=5, seed=7, today=date(2026, 11, 23)
    ):
        if entity == "material":
            rows.extend(batch)
    return rows


def _image(data: bytes, mime: str) -> Image.Image:
    with Image.open(io.BytesIO(data)) as probe:
        probe.verify()  # the whole file is sound, not just its header
    img = Image.open(io.BytesIO(data))
    assert img.format == _FORMATS[mime]
    img.load()
    return img


def _check_files(assets: list[tuple[str, bytes, str, str]]) -> Counter:
    kinds: Counter = Counter()
    for _sha, data, mime, name in assets:
        kinds[mime] += 1
        if mime == "application/pdf":
            assert name.endswith(".pdf")
            pdf = PdfParser.PdfParser(buf=data)
            assert len(pdf.pages) >= 1
            pdf.close()
        else:
            img = _image(data, mime)
            assert 100 <= min(img.size) and max(img.size) <= 2000
            # a picture, not a flat colour: many different colours in it
            colours = img.convert("RGB").getcolors(maxcolors=1 << 16)
            assert colours is None or len(colours) > 20, name
    return kinds


def test_every_image_decodes_and_every_pdf_opens() -> None:
    assets = demo_assets()
    kinds = _check_files(assets)
    assert kinds["image/jpeg"] >= 5 and kinds["image/png"] >= 4
    assert kinds["image/gif"] == 1 and kinds["application/pdf"] >= 3
    pages = {
        name: len(PdfParser.PdfParser(buf=data).pages)
        for _s, data, mime, name in assets
        if mime == "application/pdf"
    }
    assert pages["manual.pdf"] >= 2  # the product manual has several pages
    gif = next(data for _s, data, _m, name in assets if name == "display.gif")
    assert Image.open(io.BytesIO(gif)).n_frames > 1  # it moves


def test_the_same_bytes_on_every_build() -> None:
    assert tuple(demo_assets()) == build_assets(Fonts())


def test_without_a_chinese_font_the_demo_still_draws_every_file() -> None:
    plain = build_assets(Fonts(candidates=()))
    assert not Fonts(candidates=()).cjk
    assert [a[3] for a in plain] == [a[3] for a in demo_assets()]
    _check_files(list(plain))


def test_materials_point_at_the_files_they_name(materials: list[dict]) -> None:
    by_sha = {sha: (data, mime, name) for sha, data, mime, name in demo_assets()}
    kinds = Counter(m["kind"] for m in materials)
    for kind in MaterialKind:
        assert kinds[kind] >= 1, kind
    for row in materials:
        m = MaterialData.model_validate(row)
        if m.blob_sha256:
            data, mime, name = by_sha[m.blob_sha256]
            assert (m.blob_size, m.mime, m.file_name) == (len(data), mime, name)
        if m.kind in (MaterialKind.IMAGE, MaterialKind.POSTER, MaterialKind.FILE):
            assert m.blob_sha256, m.title
        if m.kind in (MaterialKind.LINK, MaterialKind.MINIPROGRAM, MaterialKind.VIDEO):
            assert m.url and "://" in m.url and not m.blob_sha256, m.title
    # product shots are JPEG photos, manuals PDFs
    assert any(m["mime"] == "image/jpeg" for m in materials if m["kind"] == "image")
    assert any(m["mime"] == "application/pdf" for m in materials if m["kind"] == "file")


def test_moments_carry_text_and_three_to_nine_images(materials: list[dict]) -> None:
    assets = {sha: mime for sha, _d, mime, _n in demo_assets()}
    moments = [m for m in materials if m["kind"] == "moments"]
    assert len(moments) >= 2
    assert any(len(m["images"]) == 9 for m in moments)
    for m in moments:
        assert m["text"] and 3 <= len(m["images"]) <= 9
        assert all(assets[sha].startswith("image/") for sha in m["images"])
    assert all(not m["images"] and m["text"] == "" for m in materials if m["kind"] != "moments")


def test_poster_layouts_lie_inside_their_templates(materials: list[dict]) -> None:
    by_sha = {sha: data for sha, data, _m, _n in demo_assets()}
    posters = [m for m in materials if m["kind"] == "poster"]
    assert len(posters) >= 4
    for m in posters:
        layout = PosterLayout.model_validate(m["poster"])
        width, height = Image.open(io.BytesIO(by_sha[m["blob_sha256"]])).size
        qr = layout.qr
        assert qr.x + qr.w <= width and qr.y + qr.h <= height
        assert qr.w == qr.h and qr.w >= 120  # square, big enough to scan
        for spot in (layout.name, layout.store):
            assert spot is not None
            assert spot.x < qr.x and spot.y + spot.size <= height  # left of the QR, on the image
    assert all(m["poster"] is None for m in materials if m["kind"] != "poster")


def test_the_template_leaves_the_qr_box_blank() -> None:
    """The box is white on the template, so the guide's QR code stands on clean ground."""
    assets = {name: data for _s, data, _m, name in demo_assets()}
    layout = PosterLayout.model_validate(poster_layout())
    img = Image.open(io.BytesIO(assets["poster_1111.png"])).convert("RGB")
    qr = layout.qr
    for x, y in ((qr.x + 5, qr.y + 5), (qr.x + qr.w // 2, qr.y + qr.h // 2)):
        assert img.getpixel((x, y)) == (255, 255, 255)
