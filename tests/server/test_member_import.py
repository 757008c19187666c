"""The member import (会员导入) on the demo chain, SQLite and PostgreSQL: files in every
encoding and XLSX, every broken row reported with row and column (nothing written),
duplicates in the file, existing customers updated not doubled, tags by group, new
customers spread evenly over a store's guides, a supervisor kept to their store,
idempotence, the command line's report and exit codes."""

from __future__ import annotations

import argparse
from datetime import date

import httpx
import pytest
from sqlalchemy import func, select

from guide_server import member_cli
from guide_server.db import Database
from guide_server.member_import import import_members
from guide_server.models import (
    Customer,
    CustomerHistory,
    CustomerTag,
    ScopeCounter,
    Store,
    SyncRow,
    Tag,
    TagGroup,
    User,
)
from guide_server.reader import Reader
from guide_server.tabular import TableError
from tests.server.member_samples import write_csv, write_xlsx
from tests.support.server import sign_in


@pytest.fixture
def db(demo_template, tmp_path):
    url, _ = demo_template.fresh_copy(tmp_path)
    database = Database(url)
    yield database
    database.dispose()


def _state(db: Database) -> tuple[int, int, int, int]:
    """Customers, tag links, change-index rows, and the sum of the version counters."""
    with db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Customer)),
            s.scalar(select(func.count()).select_from(CustomerTag)),
            s.scalar(select(func.count()).select_from(SyncRow)),
            s.scalar(select(func.sum(ScopeCounter.v))),
        )


def _store_id(db: Database, code: str) -> str:
    with db.read() as s:
        return s.scalar(select(Store.id).where(Store.code == code))


def _reader(db: Database, username: str) -> Reader:
    with db.read() as s:
        u = s.scalar(select(User).where(User.username == username))
        return Reader(
            user_id=u.id,
            username=u.username,
            display_name=u.display_name,
            role=u.role,
            store_id=u.store_id,
            region_id=None,
        )


def _tags(db: Database, customer_id: str) -> set[str]:
    with db.read() as s:
        rows = s.execute(
            select(TagGroup.name, Tag.name)
            .join(Tag, Tag.group_id == TagGroup.id)
            .join(CustomerTag, CustomerTag.tag_id == Tag.id)
            .where(CustomerTag.customer_id == customer_id)
        )
        return {f"{g}:{t}" for g, t in rows}


def _customer(db: Database, **where) -> Customer:
    with db.read() as s:
        return s.scalars(select(Customer).filter_by(**where)).one()


ROWS = [
    ["王丽", "138 0013 8001", "VIP0001", "S001", "s001-g1", "金卡", "1990-05-01", "2020/3/1", "门店扫码", "肤质:干性;消费偏好:护肤;消费偏好:彩妆", "老顾客"],
    ["李娜", "+86 13800138002", "", "S001", "", "银卡会员", "1988年7月9日", "20190102", "", "宝宝月龄:0-6月", ""],
    ["张敏", "", "VIP0003", "S002", "", "black", "", "2021-01-01 10:30:00", "", "", ""],
]  # fmt: skip


def test_new_members_with_levels_dates_tags_and_versions(db, tmp_path):
    before = _state(db)
    path = write_csv(tmp_path / "会员.csv", ROWS)
    report = import_members(db, path)
    assert report.problems == [] and report.problem_count == 0
    assert (report.rows, report.created, report.updated, report.unchanged) == (3, 3, 0, 0)
    assert report.spread == 2 and report.tags_added == 4
    assert report.encoding == "utf-8-sig"
    wang = _customer(db, member_no="VIP0001")
    g1 = _reader(db, "s001-g1")
    assert (wang.phone, wang.level, wang.owner_id) == ("13800138001", "gold", g1.user_id)
    assert (wang.birthday, wang.member_since) == (date(1990, 5, 1), date(2020, 3, 1))
    assert (wang.source_channel, wang.notes) == ("门店扫码", "老顾客")
    assert _tags(db, wang.id) == {"肤质:干性", "消费偏好:护肤", "消费偏好:彩妆"}
    li = _customer(db, phone="13800138002")
    assert (li.level, li.birthday, li.member_since) == (
        "silver",
        date(1988, 7, 9),
        date(2019, 1, 2),
    )
    assert _tags(db, li.id) == {"宝宝月龄:0-6月"}
    zhang = _customer(db, member_no="VIP0003")
    assert zhang.store_id == _store_id(db, "S002") and zhang.level == "black"
    assert zhang.member_since == date(2021, 1, 1)
    with db.read() as s:
        owner_role = s.scalar(select(User.role).where(User.id == li.owner_id))
        versions = s.scalars(
            select(SyncRow.scope).where(SyncRow.entity_id.in_([wang.id, li.id, zhang.id]))
        ).all()
    assert owner_role == "guide"
    assert sorted(versions) == sorted(
        [f"store:{wang.store_id}", f"store:{li.store_id}", f"store:{zhang.store_id}"]
    )
    after = _state(db)
    assert after[0] == before[0] + 3 and after[1] == before[1] + 4
    assert after[2] == before[2] + 7  # 3 customers + 4 tag links, each with a version


def test_gbk_with_crm_headers_and_xlsx(db, tmp_path):
    header = ["会员姓名", "手机号码", "会员卡号", "门店编码", "会员等级", "出生日期", "积分"]
    gbk = write_csv(
        tmp_path / "crm.csv",
        [["赵雪", '="13900139001"', "'00123", "S001", "普通", "1995/1/2", "300"]],
        header=header,
        encoding="gbk",
    )
    report = import_members(db, gbk)
    assert report.problems == [] and report.created == 1
    assert report.encoding == "gb18030" and report.ignored_columns == ["积分"]
    zhao = _customer(db, member_no="00123")
    assert zhao.phone == "13900139001" and zhao.birthday == date(1995, 1, 2)

    xlsx = write_xlsx(
        tmp_path / "会员.xlsx",
        [
            [
                "钱颖",
                13900139002,
                "X9",
                "S002",
                None,
                "金卡",
                date(1992, 3, 4),
                None,
                None,
                None,
                None,
            ]
        ],
    )
    report = import_members(db, xlsx)
    assert report.problems == [] and report.created == 1
    assert report.encoding == "工作表「会员」"
    qian = _customer(db, member_no="X9")
    assert (qian.phone, qian.birthday, qian.level) == ("13900139002", date(1992, 3, 4), "gold")


BROKEN = [
    ["好行", "13800138101", "B1", "S001", "", "", "", "", "", "", ""],
    ["坏手机", "12345", "B2", "S001", "", "", "", "", "", "", ""],
    ["坏日期", "13800138103", "B3", "S001", "", "", "1990-02-30", "明天", "", "", ""],
    ["坏等级", "13800138104", "B4", "S001", "", "钻石", "", "", "", "", ""],
    ["无门店", "13800138105", "B5", "S999", "", "", "", "", "", "", ""],
    ["无导购", "13800138106", "B6", "S001", "nobody", "", "", "", "", "", ""],
    ["他店导购", "13800138107", "B7", "S001", "s002-g1", "", "", "", "", "", ""],
    ["无标签组", "13800138108", "B8", "S001", "", "", "", "", "", "星座:白羊", ""],
    ["无标签", "13800138109", "B9", "S001", "", "", "", "", "", "肤质:超干", ""],
    ["单选两个", "13800138110", "B10", "S001", "", "", "", "", "", "肤质:干性;肤质:油性", ""],
    ["名" * 65, "13800138111", "B11", "S001", "", "", "", "", "", "", ""],
    ["无号码", "", "", "S001", "", "", "", "", "", "", ""],
    ["重复会员号", "13800138113", "B1", "S001", "", "", "", "", "", "", ""],
    ["重复手机", "13800138101", "B14", "S001", "", "", "", "", "", "", ""],
    ["未来生日", "13800138115", "B15", "S001", "", "", "2999-01-01", "", "", "", ""],
    ["标签写法", "13800138116", "B16", "S001", "", "", "", "", "", "干性", ""],
]  # fmt: skip


def test_every_broken_row_reported_and_nothing_written(db, tmp_path):
    before = _state(db)
    report = import_members(db, write_csv(tmp_path / "bad.csv", BROKEN))
    found = {(p.row, p.column) for p in report.problems}
    expected = {
        (3, "手机号"),
        (4, "生日"),
        (4, "入会日期"),
        (5, "等级"),
        (6, "门店"),
        (7, "导购"),
        (8, "导购"),
        (9, "标签"),
        (10, "标签"),
        (11, "标签"),
        (12, "姓名"),
        (13, "手机号"),
        (14, "会员号"),
        (15, "手机号"),
        (16, "生日"),
        (17, "标签"),
    }
    assert found == expected, report.problems
    assert report.problem_count == len(report.problems) == len(expected)
    assert report.rows == len(BROKEN) and report.created == 0
    reasons = {(p.row, p.column): p.reason for p in report.problems}
    assert "第2行和第14行的会员号都是「B1」" in reasons[(14, "会员号")]
    assert "第2行和第15行是同一门店的同一手机号" in reasons[(15, "手机号")]
    assert "不是门店 S001 的员工" in reasons[(8, "导购")]
    assert "单选" in reasons[(11, "标签")]
    assert "S999" in reasons[(6, "门店")]
    assert "钻石" in reasons[(5, "等级")]
    assert _state(db) == before


def test_existing_customer_updated_not_doubled_and_idempotent(db, tmp_path):
    s001 = _store_id(db, "S001")
    with db.read() as s:
        old = s.scalars(
            select(Customer)
            .where(Customer.store_id == s001, Customer.member_no != "", Customer.phone != "")
            .order_by(Customer.id)
        ).first()
    old_tags = _tags(db, old.id)
    skin = "油性" if "肤质:干性" in old_tags else "干性"
    rows = [
        # by member no.: level and tags change, the empty cells keep what is stored
        [old.name, "", old.member_no, "S001", "", "黑金", "", "", "", f"肤质:{skin}", ""],
        # by phone: a new remark
        ["新客", "13700137001", "", "S001", "s001-g2", "", "", "", "", "", "首次导入"],
    ]
    path = write_csv(tmp_path / "m.csv", rows)
    first = import_members(db, path)
    assert first.problems == []
    assert (first.created, first.updated, first.unchanged) == (1, 1, 0)
    before = _state(db)
    new = _customer(db, phone="13700137001")
    rows[1] = ["新客", "13700137001", "", "S001", "s001-g2", "", "", "", "", "", "第二次"]
    rows.append(["另一位", "137 0013 7002", "", "S001", "", "", "", "", "", "", ""])
    second = import_members(db, write_csv(tmp_path / "m2.csv", rows))
    assert (second.created, second.updated, second.unchanged) == (1, 1, 1)
    assert _customer(db, id=new.id).notes == "第二次"
    updated = _customer(db, id=old.id)
    assert updated.level == "black" and updated.phone == old.phone
    tags = _tags(db, old.id)
    assert f"肤质:{skin}" in tags and not any(
        t.startswith("肤质:") and t != f"肤质:{skin}" for t in tags
    )  # single choice: the file's skin type replaced the stored one
    with db.read() as s:
        history = s.execute(
            select(
                CustomerHistory.field, CustomerHistory.old_value, CustomerHistory.new_value
            ).where(CustomerHistory.customer_id == old.id)
        ).all()
        same_member = s.scalar(
            select(func.count()).select_from(Customer).where(Customer.member_no == old.member_no)
        )
    assert ("level", old.level, "black") in [tuple(h) for h in history]
    assert same_member == 1
    assert _state(db)[0] == before[0] + 1

    settled = _state(db)
    again = import_members(db, write_csv(tmp_path / "m3.csv", rows))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert _state(db) == settled  # no row, link or version moved


def test_spread_evenly_over_the_stores_guides(db, tmp_path):
    s001 = _store_id(db, "S001")
    rows = [
        [f"顾客{i}", f"1360013{i:04d}", "", "S001", "", "", "", "", "", "", ""] for i in range(40)
    ]
    report = import_members(db, write_csv(tmp_path / "spread.csv", rows))
    assert report.problems == [] and report.spread == 40
    with db.read() as s:
        counts = dict(
            s.execute(
                select(User.username, func.count(Customer.id))
                .join(Customer, Customer.owner_id == User.id)
                .where(Customer.store_id == s001, User.role == "guide")
                .group_by(User.username)
            ).all()
        )
    assert set(counts) == {"s001-g1", "s001-g2"}
    assert abs(counts["s001-g1"] - counts["s001-g2"]) <= 1


def test_supervisor_only_own_store(db, tmp_path):
    mgr = _reader(db, "s001-mgr")
    rows = [
        ["本店", "13500135001", "", "", "", "", "", "", "", "", ""],
        ["他店", "13500135002", "", "S002", "", "", "", "", "", "", ""],
    ]
    before = _state(db)
    report = import_members(db, write_csv(tmp_path / "mgr.csv", rows), reader=mgr)
    assert [(p.row, p.column) for p in report.problems] == [(3, "门店")]
    assert "店长只能导入本店的会员" in report.problems[0].reason
    assert _state(db) == before
    ok = import_members(db, write_csv(tmp_path / "mgr-ok.csv", rows[:1]), reader=mgr)
    assert ok.problems == [] and ok.created == 1
    assert _customer(db, phone="13500135001").store_id == mgr.store_id


def test_dry_run_counts_and_writes_nothing(db, tmp_path):
    before = _state(db)
    report = import_members(db, write_csv(tmp_path / "d.csv", ROWS), dry_run=True)
    assert report.problems == [] and (report.created, report.spread) == (3, 2)
    assert _state(db) == before


def test_file_errors(db, tmp_path):
    no_store = write_csv(tmp_path / "ns.csv", [["甲", "13800000000"]], header=["姓名", "手机号"])
    with pytest.raises(TableError, match="没有「门店」列"):
        import_members(db, no_store)
    assert import_members(db, no_store, store_code="S001").created == 1
    no_key = write_csv(tmp_path / "nk.csv", [["甲", "S001"]], header=["姓名", "门店"])
    with pytest.raises(TableError, match="缺少列: 手机号 或 会员号"):
        import_members(db, no_key)
    with pytest.raises(LookupError, match="S404"):
        import_members(db, no_store, store_code="S404")


def test_mapping_file(db, tmp_path):
    mapping = tmp_path / "crm.yaml"
    mapping.write_text(
        "columns:\n  姓名: 客户\n  手机号: 联系方式\n  等级: 卡种\nlevels:\n  钻石卡: 黑金\n",
        encoding="utf-8",
    )
    path = write_csv(
        tmp_path / "x.csv", [["孙怡", "13300133001", "钻石卡"]], header=["客户", "联系方式", "卡种"]
    )
    report = import_members(db, path, mapping=mapping, store_code="S002")
    assert report.problems == [] and report.created == 1
    assert _customer(db, phone="13300133001").level == "black"


def _cli(db: Database, data_dir, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    member_cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(
        ["import-members", *argv, "--database-url", db.url, "--data-dir", str(data_dir)]
    )
    return member_cli.run(args)


def test_cli_report_and_exit_codes(db, tmp_path, capsys):
    good = write_csv(tmp_path / "会员.csv", ROWS)
    assert _cli(db, tmp_path, str(good), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "会员.csv (utf-8-sig)" in out and "新建 3, 更新 0, 未变 0" in out and "试运行" in out
    assert _cli(db, tmp_path, str(good)) == 0
    assert _cli(db, tmp_path, str(good)) == 0
    assert "新建 0, 更新 0, 未变 3" in capsys.readouterr().out
    bad = write_csv(tmp_path / "bad.csv", BROKEN[:3])
    assert _cli(db, tmp_path, str(bad)) == 1
    out = capsys.readouterr().out
    assert "发现 3 个问题, 没有导入任何内容" in out and "第3行 [手机号]" in out
    assert _cli(db, tmp_path, str(tmp_path / "missing.csv")) == 2
    assert "不存在" in capsys.readouterr().err


# ------------------------------------------------------------------ the admin endpoint

IMPORT = "/api/v1/admin/members/import"


def _post(server, username: str, body: bytes, **params) -> httpx.Response:
    token, _ = sign_in(server.url, username)
    return httpx.post(
        server.url + IMPORT,
        params=params,
        content=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/octet-stream"},
        timeout=60,
    )


def test_endpoint_hq_supervisor_guide(live_server, tmp_path):
    bad = write_csv(tmp_path / "bad.csv", BROKEN[:2]).read_bytes()
    r = _post(live_server, "hq", bad, file_name="会员.csv")
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["problem_count"] == 1 and body["created"] == 0
    assert body["problems"][0] | {"reason": ""} == {"row": 3, "column": "手机号", "reason": ""}

    rows = [["店长导入", "13600136001", "", "", "", "", "", "", "", "", ""]]
    own = write_csv(tmp_path / "own.csv", rows).read_bytes()
    checked = _post(live_server, "s001-mgr", own, file_name="own.csv", dry_run="true")
    assert checked.status_code == 200, checked.text
    assert checked.json()["created"] == 1 and checked.json()["dry_run"] is True
    done = _post(live_server, "s001-mgr", own, file_name="own.csv")
    assert done.status_code == 200 and done.json()["created"] == 1
    again = _post(live_server, "s001-mgr", own, file_name="own.csv")
    assert again.json()["unchanged"] == 1

    empty = _post(live_server, "hq", b"", file_name="x.csv")
    assert empty.status_code == 422 and "是空的" in empty.json()["problems"][0]["reason"]
    other = _post(live_server, "s001-mgr", own, file_name="own.csv", store_id="no-such-store")
    assert other.status_code == 403 and "店长只能导入本店的会员" in other.json()["detail"]
    guide = _post(live_server, "s001-g1", own, file_name="own.csv")
    assert guide.status_code == 403
    wrong = _post(live_server, "hq", own, file_name="own.txt")
    assert wrong.status_code == 422 and wrong.json()["problems"][0]["row"] == 0


def test_rows_a_stored_customer_cannot_take(db, tmp_path):
    s001 = _store_id(db, "S001")
    with db.read() as s:
        a, b = s.scalars(
            select(Customer)
            .where(Customer.store_id == s001, Customer.member_no != "", Customer.phone != "")
            .order_by(Customer.id)
            .limit(2)
        ).all()
    before = _state(db)

    def problems(*rows) -> dict:
        report = import_members(db, write_csv(tmp_path / "clash.csv", rows))
        return {(p.row, p.column): p.reason for p in report.problems}

    # a S001 member no. named for S002: a customer never changes store
    found = problems(["换店", "", a.member_no, "S002", "", "", "", "", "", "", ""])
    assert list(found) == [(2, "会员号")] and "其他门店" in found[(2, "会员号")]
    # member no. of one customer, phone of another of the same store
    found = problems(["两位", b.phone, a.member_no, "S001", "", "", "", "", "", "", ""])
    assert list(found) == [(2, "手机号")] and "另一位客户" in found[(2, "手机号")]
    # one row finds b by member no., another by phone: the same stored customer twice
    found = problems(
        ["乙一", "", b.member_no, "S001", "", "", "", "", "", "", ""],
        ["乙二", b.phone, "", "S001", "", "", "", "", "", "", ""],
    )
    assert list(found) == [(3, "")] and "第2行和第3行是同一位已有客户" in found[(3, "")]
    assert _state(db) == before


def test_xlsx_sheet_from_the_mapping(db, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["这一页不是会员"])
    sheet = book.create_sheet("会员")
    sheet.append(["客户", "卡号", "店"])
    sheet.append(["周婷", "Z-1", "S002"])
    path = tmp_path / "crm.xlsx"
    book.save(path)
    mapping = tmp_path / "m.json"
    mapping.write_text(
        '{"columns": {"姓名": "客户", "会员号": "卡号", "门店": "店"}, "sheet": "会员"}',
        encoding="utf-8",
    )
    report = import_members(db, path, mapping=mapping)
    assert report.problems == [] and report.created == 1
    assert report.encoding == "工作表「会员」(共2个工作表)"
    assert _customer(db, member_no="Z-1").store_id == _store_id(db, "S002")
