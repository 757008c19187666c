"""The app's admin library client (guide_app.services.library_admin) against the real
server (SQLite): HQ manages groups, scripts, words, tag groups and materials; a store's
supervisor only their store's; refusals come back as the server's Chinese message, and
without the server every call says it needs the network."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image

from guide_app.services.library_admin import (
    OFFLINE_MESSAGE,
    AdminOffline,
    AdminRefused,
    FileRefused,
    LibraryAdmin,
    read_word_file,
)
from guide_core import library_api as lib
from guide_core.library_api import MAX_MATERIAL_BYTES


def admin_for(session) -> LibraryAdmin:
    return LibraryAdmin(session.api, session.user, session.cache, session.blobs)


@pytest.fixture
def hq(clients):
    session = clients("hq")
    assert session.sync.sync_once(), session.sync.status.error
    return admin_for(session)


@pytest.fixture
def supervisor(clients):
    session = clients("s001-mgr")
    assert session.sync.sync_once(), session.sync.status.error
    return admin_for(session)


def test_hq_manages_groups_and_scripts(hq):
    root = hq.create_group(lib.ScriptGroupWrite(name="测试分组"))
    child = hq.create_group(lib.ScriptGroupWrite(name="子分组", parent_id=root.id))
    assert child.parent_id == root.id
    ids = {g.id for g in hq.groups()}
    assert {root.id, child.id} <= ids

    write = lib.ScriptWrite(
        group_id=child.id,
        title="敏感肌面霜推荐",
        body="{称呼|亲}, 这款面霜适合敏感肌",
        keywords=["敏感肌", "面霜"],
        valid_to=date.today() + timedelta(days=30),
    )
    script = hq.create_script(write)
    assert script.title == "敏感肌面霜推荐" and script.keywords == ["敏感肌", "面霜"]
    found = hq.scripts(child.id, "面霜")
    assert [s.id for s in found.scripts] == [script.id] and found.total == 1

    changed = hq.update_script(script.id, write.model_copy(update={"title": "面霜推荐 (敏感肌)"}))
    assert changed.title == "面霜推荐 (敏感肌)"

    with pytest.raises(AdminRefused) as refused:  # a group with a script is not removed
        hq.delete_group(child.id)
    assert refused.value.status == 409 and refused.value.message

    hq.retire_script(script.id)
    assert hq.scripts(child.id).scripts == []
    hq.delete_group(child.id)
    assert child.id not in {g.id for g in hq.groups()}


def test_group_depth_and_cycles_are_refused_with_the_servers_message(hq):
    parent = None
    chain = []
    for n in range(8):
        g = hq.create_group(lib.ScriptGroupWrite(name=f"第{n + 1}层", parent_id=parent))
        chain.append(g)
        parent = g.id
    with pytest.raises(AdminRefused) as deep:
        hq.create_group(lib.ScriptGroupWrite(name="第9层", parent_id=parent))
    assert deep.value.status == 422 and "8层" in deep.value.message
    with pytest.raises(AdminRefused) as cycle:
        hq.move_group(chain[0].id, chain[3].id)
    assert "下级" in cycle.value.message or "自己" in cycle.value.message
    moved = hq.move_group(chain[7].id, None, 3)  # the deepest to the top level
    assert moved.parent_id is None and moved.sort == 3


def test_a_script_with_unbalanced_braces_or_a_blocking_word_is_refused(hq):
    word = hq.add_word("保证根治", "block")
    try:
        with pytest.raises(AdminRefused) as braces:
            hq.create_script(lib.ScriptWrite.model_construct(title="坏括号", body="你好{称呼"))
        assert "正文" in braces.value.message or "{" in braces.value.message
        with pytest.raises(AdminRefused) as blocked:
            hq.create_script(lib.ScriptWrite(title="特价", body="保证根治的面霜"))
        assert "保证根治" in blocked.value.message
    finally:
        hq.delete_word(word.id)


def test_supervisor_manages_only_own_stores_content(hq, supervisor):
    hq_group = hq.create_group(lib.ScriptGroupWrite(name="总部分组"))
    hq_script = hq.create_script(
        lib.ScriptWrite(group_id=hq_group.id, title="总部话术", body="你好")
    )
    assert not supervisor.may_manage_row(hq_script)
    assert not supervisor.may_manage_global()
    assert supervisor.default_scope() == ("store", supervisor.user.store_id)

    seen = {g.id for g in supervisor.groups()}
    assert hq_group.id in seen  # HQ's groups are listed for a supervisor, read-only

    with pytest.raises(AdminRefused) as refused:
        supervisor.retire_script(hq_script.id)
    assert refused.value.status == 403 and refused.value.message
    with pytest.raises(AdminRefused):
        supervisor.update_script(
            hq_script.id, lib.ScriptWrite(title="改总部的", body="不行", group_id=hq_group.id)
        )
    with pytest.raises(AdminRefused):
        supervisor.words()

    own = supervisor.create_script(
        lib.ScriptWrite(
            scope="store", store_id=supervisor.user.store_id, title="本店话术", body="欢迎"
        )
    )
    assert supervisor.may_manage_row(own)
    titles = {s.title for s in supervisor.scripts().scripts}
    assert {"本店话术", "总部话术"} <= titles
    supervisor.retire_script(own.id)


def test_words_tag_groups_and_usage(hq, tmp_path: Path):
    word = hq.add_word("绝对有效", "warn")
    assert word.severity == "warn"
    assert "绝对有效" in {w.word for w in hq.words()}

    listing = tmp_path / "words.txt"
    listing.write_bytes("绝对有效\n\n测试词甲\n测试词甲\n测试词乙\n".encode("gbk"))
    assert [w for _, w in read_word_file(listing)] == ["绝对有效", "测试词甲", "测试词乙"]
    result = hq.import_words(listing)
    assert (result.added, result.skipped, result.problems) == (2, 1, [])
    hq.delete_word(word.id)
    assert "绝对有效" not in {w.word for w in hq.words()}

    group = hq.create_tag_group(
        lib.TagGroupWrite(name="肤质", choice="single", tags=["干性", "油性"])
    )
    assert sorted(t.name for t in group.tags) == ["干性", "油性"]
    again = hq.update_tag_group(
        group.group.id, lib.TagGroupWrite(name="肤质", choice="single", tags=["干性", "混合"])
    )
    assert sorted(t.name for t in again.tags) == sorted(["干性", "混合"])
    assert group.group.id in {g.group.id for g in hq.tag_groups()}

    report = hq.usage(date.today() - timedelta(days=30), date.today(), by="item")
    assert report.date_to == date.today() and isinstance(report.most, list)
    with pytest.raises(AdminRefused):
        hq.usage(date.today(), date.today() - timedelta(days=1))


def test_material_upload_checks_the_file_first(hq, tmp_path: Path):
    big = tmp_path / "big.mp4"
    with big.open("wb") as fh:  # sparse: no 100 MB written
        fh.truncate(MAX_MATERIAL_BYTES + 1)
    with pytest.raises(FileRefused) as too_big:
        hq.save_material(None, {"kind": "video", "title": "大视频"}, file=big)
    assert "big.mp4" in too_big.value.message and "100 MB" in too_big.value.message

    fake = tmp_path / "not-a-picture.jpg"
    fake.write_text("hello")
    with pytest.raises(FileRefused) as not_image:
        hq.save_material(None, {"kind": "image", "title": "假图片"}, file=fake)
    assert "不是有效的图片" in not_image.value.message

    picture = tmp_path / "red.png"
    Image.new("RGB", (40, 30), "red").save(picture)
    made = hq.save_material(
        None, {"kind": "image", "title": "红色", "tags": ["测试"]}, file=picture
    )
    assert made.blob_sha256 and made.file_name == "red.png" and made.mime == "image/png"
    odd = tmp_path / "scan.bin"  # a picture with a name that says nothing: its content does
    Image.new("RGB", (8, 8), "green").save(odd, format="JPEG")
    jpeg = hq.save_material(None, {"kind": "image", "title": "扫描"}, file=odd)
    assert jpeg.mime == "image/jpeg"
    manual = tmp_path / "手册.pdf"
    manual.write_bytes(b"%PDF-1.4\n%%EOF\n")
    pdf = hq.save_material(None, {"kind": "file", "title": "手册"}, file=manual)
    assert pdf.mime == "application/pdf" and pdf.blob_size == manual.stat().st_size
    assert made.id in {m.id for m in hq.materials().materials}
    edited = hq.save_material(
        made.id,
        {
            "kind": "image",
            "title": "红色图片",
            "blob_sha256": made.blob_sha256,
            "file_name": made.file_name,
        },
    )
    assert edited.title == "红色图片" and edited.blob_sha256 == made.blob_sha256

    moments = hq.save_material(
        None, {"kind": "moments", "title": "朋友圈", "text": "新品上市"}, images=[picture, picture]
    )
    assert moments.images == [made.blob_sha256] * 2
    hq.retire_material(made.id)
    assert made.id not in {m.id for m in hq.materials().materials}


def test_every_call_says_it_needs_the_server_when_it_is_down(hq, server):
    server.stop()
    with pytest.raises(AdminOffline) as offline:
        hq.groups()
    assert offline.value.message == OFFLINE_MESSAGE == "管理话术素材需要连接服务器"
    with pytest.raises(AdminOffline):
        hq.create_script(lib.ScriptWrite(title="离线", body="离线"))


def test_import_reports_bad_rows_and_writes_all_or_nothing(hq, tmp_path: Path):
    head = "分组,标题,内容,关键词,适用范围,生效日期,失效日期\n"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(
        (head + "导入/春节,拜年,新年好,春节,,,\n导入/春节,坏行,你好{称呼,,,,\n").encode("gbk")
    )
    report = hq.import_scripts(bad, dry_run=False)
    assert not report.ok and report.created == 0
    assert [(p.row, p.column) for p in report.problems] == [(3, "内容")]
    assert hq.scripts(q="拜年").total == 0  # nothing written

    good = tmp_path / "good.csv"
    good.write_bytes((head + "导入/春节,拜年,新年好 {称呼|亲},春节,,,\n").encode("utf-8-sig"))
    dry = hq.import_scripts(good, dry_run=True)
    assert dry.ok and dry.created == 1 and hq.scripts(q="拜年").total == 0
    done = hq.import_scripts(good, dry_run=False)
    assert done.created == 1 and hq.scripts(q="拜年").total == 1
    again = hq.import_scripts(good, dry_run=False)
    assert (again.created, again.unchanged) == (0, 1)

    with pytest.raises(FileRefused):
        hq.import_scripts(tmp_path / "scripts.txt", dry_run=True)
    out = hq.export_scripts(tmp_path / "out.csv", "csv")
    assert "拜年" in out.read_text(encoding="utf-8-sig")
