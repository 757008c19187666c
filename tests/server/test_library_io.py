"""Scripts and materials in bulk (guide_server.library_io) on the demo chain, SQLite and PostgreSQL.

Imports are all or nothing: a file with any bad row writes nothing and reports every
problem with its row and column; importing the same file twice changes nothing, and
so does importing what was exported.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from guide_server.db import Database
from guide_server.library_io.scripts import COLUMNS, export_scripts, import_scripts
from guide_server.models import Region, ScopeCounter, Script, ScriptGroup, Store, SyncRow
from guide_server.tabular import TableError


@pytest.fixture
def db(demo_template, tmp_path):
    url, _ = demo_template.fresh_copy(tmp_path)
    database = Database(url)
    yield database
    database.dispose()


def _write_csv(path: Path, rows: list[list[str]], encoding: str) -> Path:
    text = "\r\n".join(",".join(_quote(c) for c in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def _quote(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\n') else cell


def _write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


NEW_ROWS = [
    COLUMNS,
    [
        "新品/面霜/冬季",
        "面霜上新",
        "{称呼|亲}，冬季面霜到店啦",
        "面霜、冬季，上新",
        "门店:S001;角色:导购,店长",
        "2026-01-01",
        "2026/3/1",
    ],
    ["新品/面霜", "面霜试用", "{称呼}，送您一份试用装", "试用 小样", "全部", "", ""],
    ["", "无分组话术", "您好，{{活动}}进行中", "", "区域:华东", "", ""],
]


def _counts(db: Database) -> tuple[int, int, int, int]:
    """Scripts, groups, change-index rows and the sum of every scope's version counter
    (a row written again, even unchanged, would move the last)."""
    with db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Script)),
            s.scalar(select(func.count()).select_from(ScriptGroup)),
            s.scalar(select(func.count()).select_from(SyncRow)),
            s.scalar(select(func.sum(ScopeCounter.v))),
        )


def _script(db: Database, title: str) -> Script:
    with db.read() as s:
        return s.scalars(select(Script).where(Script.title == title)).one()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_import_in_each_encoding_then_again_changes_nothing(db, tmp_path, encoding):
    path = _write_csv(tmp_path / "scripts.csv", NEW_ROWS, encoding)
    before = _counts(db)
    report = import_scripts(db, path)
    assert report.problems == []
    assert (report.rows, report.created, report.updated, report.unchanged) == (3, 3, 0, 0)
    assert report.groups_created == 3  # 新品, 新品/面霜, 新品/面霜/冬季
    assert report.encoding == {"gbk": "gb18030"}.get(encoding, encoding)
    with db.read() as s:
        s001 = s.scalar(select(Store.id).where(Store.code == "S001"))
        east = s.scalar(select(Region.id).where(Region.name == "华东"))
    winter = _script(db, "面霜上新")
    assert winter.keywords == ["面霜", "冬季", "上新"] and winter.scope == "hq"
    assert winter.visibility == {
        "region_ids": [],
        "store_ids": [s001],
        "roles": ["guide", "supervisor"],
    }
    assert (winter.valid_from, winter.valid_to) == (date(2026, 1, 1), date(2026, 3, 1))
    assert _script(db, "无分组话术").group_id is None
    assert _script(db, "无分组话术").visibility["region_ids"] == [east]
    with db.read() as s:
        synced = s.scalar(
            select(SyncRow.scope).where(SyncRow.entity == "script", SyncRow.entity_id == winter.id)
        )
        group = s.get(ScriptGroup, winter.group_id)
        parent = s.get(ScriptGroup, group.parent_id)
    assert synced == "global"
    assert (group.name, parent.name) == ("冬季", "面霜")
    after = _counts(db)
    assert after[:3] == (before[0] + 3, before[1] + 3, before[2] + 6)
    assert after[3] == before[3] + 6

    again = import_scripts(db, path)
    assert (again.created, again.updated, again.unchanged, again.groups_created) == (0, 0, 3, 0)
    assert _counts(db) == after


def test_xlsx_import_reads_the_first_sheet_or_a_named_one_and_excel_dates(db, tmp_path):
    rows = [list(r) for r in NEW_ROWS]
    rows[1][5], rows[1][6] = datetime(2026, 1, 1), date(2026, 3, 1)  # date cells
    path = _write_xlsx(
        tmp_path / "two.xlsx",
        {"话术": rows, "说明": [COLUMNS, ["说明", "另一张表", "内容", "", "", "", ""]]},
    )
    report = import_scripts(db, path)
    assert report.encoding == "工作表「话术」(共2个工作表)"
    assert (report.rows, report.created) == (3, 3)
    assert _script(db, "面霜上新").valid_from == date(2026, 1, 1)
    other = import_scripts(db, path, sheet="说明")
    assert (other.encoding, other.created) == ("工作表「说明」(共2个工作表)", 1)


def test_a_changed_row_is_updated_and_the_rest_left_alone(db, tmp_path):
    import_scripts(db, _write_csv(tmp_path / "a.csv", NEW_ROWS, "utf-8"))
    before = _script(db, "面霜试用")
    rows = [list(r) for r in NEW_ROWS]
    rows[2][2] = "{称呼}，再送您一份试用装"
    rows[2][3] = "试用"
    report = import_scripts(db, _write_csv(tmp_path / "b.csv", rows, "utf-8"))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    after = _script(db, "面霜试用")
    assert after.id == before.id and after.body == "{称呼}，再送您一份试用装"
    assert after.keywords == ["试用"]


def test_an_update_keeps_what_the_file_has_no_column_for(db, tmp_path):
    import csv

    with db.read() as s:
        hq = s.scalars(select(Script).where(Script.scope == "hq").order_by(Script.id)).all()
    demo = next(script for script in hq if script.items)  # the demo has scripts with items
    path = tmp_path / "all.csv"
    count = export_scripts(db, path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    for row in rows:
        if row[1] == demo.title:
            row[2] += "（已更新）"
    _write_csv(path, rows, "utf-8")
    report = import_scripts(db, path)
    assert (report.updated, report.unchanged) == (1, count - 1)
    after = _script(db, demo.title)
    assert after.id == demo.id and after.body.endswith("（已更新）")
    assert after.items == demo.items


def test_every_bad_row_is_reported_with_row_and_column_and_nothing_is_written(db, tmp_path):
    deep = "/".join(f"第{n}级" for n in range(1, 10))
    rows = [
        COLUMNS,
        ["好的", "正常一行", "这一行没问题", "", "", "", ""],
        ["好的", "坏日期", "内容", "", "", "2026-13-01", ""],
        ["好的", "括号", "{称呼，您好", "", "", "", ""],
        ["好的", "敏感", "全网最低价，快来", "", "", "", ""],
        [deep, "太深", "内容", "", "", "", ""],
        ["好的", "", "没有标题", "", "", "", ""],
        ["好的", "日期倒了", "内容", "", "", "2026-05-01", "2026-04-01"],
        ["好的", "范围", "内容", "", "门店:S999;角色:老板;城市:上海", "", ""],
        ["好的", "正常一行", "重复了", "", "", "", ""],
        ["a//b", "空的一级", "内容", "", "", "", ""],
        ["好的", "逗号", "你好", "", "", "", "", "朋友"],
    ]
    before = _counts(db)
    report = import_scripts(db, _write_csv(tmp_path / "bad.csv", rows, "utf-8"))
    assert report.rows == 11 and report.created == report.updated == 0
    found = {(p.row, p.column): p.reason for p in report.problems}
    assert set(found) == {
        (3, "生效日期"),
        (4, "内容"),
        (5, "内容"),
        (6, "分组"),
        (7, "标题"),
        (8, "失效日期"),
        (9, "适用范围"),
        (10, "标题"),
        (11, "分组"),
        (12, ""),
    }
    assert "「朋友」" in found[(12, "")]
    assert "2026-13-01" in found[(3, "生效日期")]
    assert "第1行第1个字符" in found[(4, "内容")]
    assert "全网最低价" in found[(5, "内容")]
    assert "最多8层" in found[(6, "分组")] and "9层" in found[(6, "分组")]
    assert "不能为空" in found[(7, "标题")]
    assert "早于生效日期" in found[(8, "失效日期")]
    assert all(w in found[(9, "适用范围")] for w in ("S999", "老板", "城市"))
    assert "与第2行重复" in found[(10, "标题")]
    assert _counts(db) == before
    # a dry run of a good file counts without writing
    dry = import_scripts(db, _write_csv(tmp_path / "ok.csv", NEW_ROWS, "utf-8"), dry_run=True)
    assert (dry.created, dry.groups_created, dry.problems) == (3, 3, [])
    assert _counts(db) == before


def test_store_import_writes_the_stores_scope(db, tmp_path):
    report = import_scripts(
        db, _write_csv(tmp_path / "s.csv", NEW_ROWS[:3], "utf-8"), store_code="s002"
    )
    assert report.created == 2
    script = _script(db, "面霜试用")
    with db.read() as s:
        s002 = s.scalar(select(Store.id).where(Store.code == "S002"))
        scope = s.scalar(select(SyncRow.scope).where(SyncRow.entity_id == script.id))
        group = s.get(ScriptGroup, script.group_id)
    assert (script.scope, script.store_id, scope) == ("store", s002, f"store:{s002}")
    assert (group.scope, group.store_id) == ("store", s002)
    with pytest.raises(LookupError, match="S404"):
        import_scripts(db, tmp_path / "s.csv", store_code="S404")


def test_a_file_that_is_not_a_table_is_a_file_error(db, tmp_path):
    path = tmp_path / "scripts.xlsx"
    path.write_bytes(b"not a zip at all" * 10)
    with pytest.raises(TableError, match="scripts.xlsx"):
        import_scripts(db, path)
    path = _write_csv(tmp_path / "cols.csv", [["标题", "正文"], ["a", "b"]], "utf-8")
    with pytest.raises(TableError, match="缺少列: 分组、内容"):
        import_scripts(db, path)


@pytest.mark.parametrize("form", ["xlsx", "csv", "csv-utf-8", "csv-gbk"])
def test_export_then_import_is_all_unchanged(db, tmp_path, form):
    import_scripts(db, _write_csv(tmp_path / "new.csv", NEW_ROWS, "utf-8"))
    for store in (None, "S001"):
        suffix = "xlsx" if form == "xlsx" else "csv"
        path = tmp_path / f"export-{store}.{suffix}"
        count = export_scripts(db, path, store_code=store)
        assert count > 0
        if form == "csv":
            assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8
        if form.startswith("csv-"):
            text = path.read_text(encoding="utf-8-sig")
            path.write_bytes(text.encode(form.removeprefix("csv-")))
        before = _counts(db)
        report = import_scripts(db, path, store_code=store)
        assert report.problems == []
        assert (report.rows, report.unchanged, report.created, report.updated) == (
            count,
            count,
            0,
            0,
        )
        assert _counts(db) == before
    with pytest.raises(ValueError, match="只能导出为 .xlsx 或 .csv"):
        export_scripts(db, tmp_path / "x.txt")


# ------------------------------------------------------------------------------ materials


def _png(path: Path, color: str = "red") -> Path:
    from PIL import Image

    Image.new("RGB", (32, 24), color).save(path, "PNG")
    return path


MANIFEST = [
    ["文件", "类型", "标题", "描述", "标签", "链接", "适用范围", "生效日期", "失效日期"],
    [
        "新品.png",
        "图片",
        "冬季新品海报图",
        "冬季面霜主图",
        "新品、面霜",
        "",
        "区域:华东",
        "",
        "2026-12-31",
    ],
    ["docs/说明书.pdf", "文件", "面霜说明书", "", "说明", "", "", "", ""],
    ["", "链接", "会员中心", "", "", "https://example.com/vip", "角色:导购", "", ""],
    ["a.png;b.png", "朋友圈", "冬季朋友圈", "冬天到了，面霜安排上", "", "", "", "", ""],
    ["", "文本", "门店地址", "人民路1号", "", "", "", "", ""],
]


@pytest.fixture
def store(demo_template, tmp_path):
    from guide_server.blobs import BlobStore

    url, data_dir = demo_template.fresh_copy(tmp_path)
    database = Database(url)
    yield database, BlobStore(data_dir / "blobs", 50 * 1024 * 1024)
    database.dispose()


def _folder(tmp_path: Path, rows: list[list[str]], manifest: str = "manifest.csv") -> Path:
    folder = tmp_path / "materials"
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    _png(folder / "新品.png")
    _png(folder / "a.png", "blue")
    _png(folder / "b.png", "green")
    (folder / "docs" / "说明书.pdf").write_bytes(b"%PDF-1.4\n" + b"x" * 2000)
    if manifest.endswith(".csv"):
        _write_csv(folder / manifest, rows, "gbk")
    else:
        _write_xlsx(folder / manifest, {"清单": rows})
    return folder


def _material_counts(db: Database) -> tuple[int, int]:
    from guide_server.models import Blob, Material

    with db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Material)),
            s.scalar(select(func.count()).select_from(Blob)),
        )


@pytest.mark.parametrize("manifest", ["manifest.csv", "manifest.xlsx"])
def test_materials_folder_is_imported_once(store, tmp_path, manifest):
    from guide_server.library_io.materials import import_materials
    from guide_server.models import Blob, Material

    db, blobs = store
    folder = _folder(tmp_path, MANIFEST, manifest)
    before = _material_counts(db)
    report = import_materials(db, blobs, folder)
    assert report.problems == []
    assert (report.file, report.rows, report.created, report.unchanged) == (manifest, 5, 5, 0)
    assert _material_counts(db) == (before[0] + 5, before[1] + 4)
    with db.read() as s:
        image = s.scalars(select(Material).where(Material.title == "冬季新品海报图")).one()
        moments = s.scalars(select(Material).where(Material.title == "冬季朋友圈")).one()
        link = s.scalars(select(Material).where(Material.title == "会员中心")).one()
        blob = s.get(Blob, image.blob_sha256)
        scope = s.scalar(select(SyncRow.scope).where(SyncRow.entity_id == image.id))
    assert (image.kind, image.mime, image.file_name, image.tags) == (
        "image",
        "image/png",
        "新品.png",
        ["新品", "面霜"],
    )
    assert image.valid_to == date(2026, 12, 31) and image.visibility["region_ids"]
    assert blobs.path_for(image.blob_sha256).read_bytes() == (folder / "新品.png").read_bytes()
    assert (blob.size, blob.mime, scope) == (
        (folder / "新品.png").stat().st_size,
        "image/png",
        "global",
    )
    assert (
        moments.kind == "moments" and len(moments.images) == 2 and moments.text.startswith("冬天")
    )
    assert (link.url, link.visibility["roles"]) == ("https://example.com/vip", ["guide"])
    with db.read() as s:
        text = s.scalars(select(Material).where(Material.title == "门店地址")).one()
    assert (text.kind, text.text) == ("text", "人民路1号")

    again = import_materials(db, blobs, folder)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    changed = [list(r) for r in MANIFEST]
    changed[3][5] = "https://example.com/vip2"
    _write_csv(folder / "manifest.csv", changed, "utf-8") if manifest.endswith(
        "csv"
    ) else _write_xlsx(folder / manifest, {"清单": changed})
    third = import_materials(db, blobs, folder)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 4)


def test_a_non_image_jpg_and_an_oversize_video_stop_the_whole_import(store, tmp_path):
    from guide_server.library_io.materials import import_materials

    db, blobs = store
    rows = [list(r) for r in MANIFEST] + [
        ["假图片.jpg", "图片", "假图片", "", "", "", "", "", ""],
        ["大视频.mp4", "视频", "大视频", "", "", "", "", "", ""],
        ["缺失.png", "图片", "缺失", "", "", "", "", "", ""],
        ["../manifest.csv", "文件", "越界", "", "", "", "", "", ""],
        ["", "海报", "海报", "", "", "", "", "", ""],
        ["", "链接", "没有链接", "", "", "", "", "", ""],
        ["", "音频", "不认识", "", "", "", "", "", ""],
        ["", "文本", "敏感", "全网最低价", "", "", "", "", ""],
    ]
    folder = _folder(tmp_path, rows)
    (folder / "假图片.jpg").write_text("这不是图片", encoding="utf-8")
    with (folder / "大视频.mp4").open("wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    before = _material_counts(db)
    report = import_materials(db, blobs, folder)
    found = {(p.row, p.column): p.reason for p in report.problems}
    assert set(found) == {
        (7, "文件"),
        (8, "文件"),
        (9, "文件"),
        (10, "文件"),
        (11, "类型"),
        (12, "链接"),
        (13, "类型"),
        (14, "描述"),
    }
    assert "全网最低价" in found[(14, "描述")]
    assert "不是可以打开的图片" in found[(7, "文件")]
    assert "200 MB" in found[(8, "文件")] and "100 MB" in found[(8, "文件")]
    assert "找不到文件" in found[(9, "文件")]
    assert "不在素材文件夹里" in found[(10, "文件")]
    assert report.created == 0 and _material_counts(db) == before
    assert not (
        blobs.root.exists() and any(p.name.startswith(".import-") for p in blobs.root.rglob("*"))
    )
    from guide_server.library_io.materials import _sha256

    assert not blobs.has(_sha256(folder / "新品.png"))  # nothing stored either


# ------------------------------------------------------------------------------ over HTTP


def _csv_bytes(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(",".join(_quote(c) for c in row) for row in rows) + "\r\n").encode(encoding)


def _pulled_titles(api) -> set[str]:
    held, _ = api.state()
    return {d["title"] for (entity, _), d in held.items() if entity == "script"}


def test_http_import_and_export_on_a_live_server(live_server):
    from tests.server.api import Api

    hq = Api(live_server, "hq")
    url = "/admin/library/scripts/import"
    before = _pulled_titles(hq)

    bad = [list(r) for r in NEW_ROWS] + [["x", "坏", "{称呼", "", "", "2026-02-30", ""]]
    r = hq.http.post(url, params={"file_name": "坏.csv"}, content=_csv_bytes(bad, "gbk"))
    assert r.status_code == 422, r.text
    report = r.json()
    assert (report["file"], report["encoding"], report["rows"]) == ("坏.csv", "gb18030", 4)
    assert {(p["row"], p["column"]) for p in report["problems"]} == {(5, "内容"), (5, "生效日期")}
    assert _pulled_titles(hq) == before  # nothing written

    r = hq.http.post(
        url, params={"file_name": "新.csv", "dry_run": "true"}, content=_csv_bytes(NEW_ROWS)
    )
    assert r.status_code == 200 and r.json()["created"] == 3
    assert _pulled_titles(hq) == before

    r = hq.http.post(url, params={"file_name": "新.csv"}, content=_csv_bytes(NEW_ROWS, "utf-8-sig"))
    assert r.status_code == 200, r.text
    assert (r.json()["created"], r.json()["groups_created"]) == (3, 3)
    assert _pulled_titles(hq) == before | {"面霜上新", "面霜试用", "无分组话术"}
    again = hq.http.post(url, params={"file_name": "新.csv"}, content=_csv_bytes(NEW_ROWS))
    assert (again.status_code, again.json()["unchanged"]) == (200, 3)

    for form in ("csv", "xlsx"):
        exported = hq.http.get("/admin/library/scripts/export", params={"format": form})
        assert exported.status_code == 200, exported.text
        assert "attachment" in exported.headers["content-disposition"]
        if form == "csv":
            assert exported.content.startswith(b"\xef\xbb\xbf")
        back = hq.http.post(url, params={"file_name": f"导出.{form}"}, content=exported.content)
        assert back.status_code == 200, back.text
        assert back.json()["unchanged"] == back.json()["rows"] == len(before) + 3 - _personal(hq)

    junk = hq.http.post(url, params={"file_name": "话术.xlsx"}, content=b"\x00junk" * 50)
    assert junk.status_code == 422
    assert junk.json()["problems"][0]["row"] == 0
    assert "话术.xlsx" in junk.json()["problems"][0]["reason"]
    wrong = hq.http.post(url, params={"file_name": "话术.txt"}, content=b"a,b")
    assert wrong.status_code == 422 and ".xlsx 和 .csv" in wrong.json()["problems"][0]["reason"]


def _personal(api) -> int:
    """HQ's own personal scripts (pulled, but not HQ's chain-wide content)."""
    held, _ = api.state()
    return sum(1 for (e, _), d in held.items() if e == "script" and d.get("scope") != "hq")


def test_http_import_is_hqs_and_bounded(sqlite_live_server):
    from tests.server.api import Api

    url = "/admin/library/scripts/import"
    for username in ("s001-mgr", "s001-g1"):
        api = Api(sqlite_live_server, username)
        r = api.http.post(url, params={"file_name": "a.csv"}, content=_csv_bytes(NEW_ROWS))
        assert r.status_code == 403, r.text
        assert "总部" in r.json()["detail"]
    mgr = Api(sqlite_live_server, "s001-mgr")
    own = mgr.user["store_id"]
    assert (
        mgr.http.get("/admin/library/scripts/export", params={"store_id": own}).status_code == 200
    )
    assert mgr.http.get("/admin/library/scripts/export").status_code == 403

    hq = Api(sqlite_live_server, "hq")
    big = b"x" * (50 * 1024 * 1024 + 1)
    r = hq.http.post(url, params={"file_name": "big.csv"}, content=big)
    assert r.status_code == 413 and "50 MiB" in r.json()["detail"]

    def chunks():  # no Content-Length: cut off while streaming
        for _ in range(51):
            yield b"y" * (1024 * 1024)

    hq2 = Api(sqlite_live_server, "hq")
    r = hq2.http.post(url, params={"file_name": "big.csv"}, content=chunks())
    assert r.status_code == 413
