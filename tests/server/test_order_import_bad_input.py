"""Bad order files: a clear report naming file, line and reason, and nothing half-imported.

Also the ``import-orders`` command (guide_server.order_cli) end to end: its Chinese
report and exit codes 0 / 1 / 2. SQLite and PostgreSQL.
"""

from __future__ import annotations

import argparse

import pytest
from sqlalchemy import func, select

from guide_server import order_cli
from guide_server.db import Database
from guide_server.models import Order
from guide_server.order_import import ImportFailed, import_orders
from tests.server import order_samples as S


@pytest.fixture
def copy(demo_template, tmp_path):
    url, _ = demo_template.fresh_copy(tmp_path)
    database = Database(url)
    yield url, database
    database.dispose()


def _orders(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Order))


def _one(tmp_path, **kw):
    return S.tmall_orders(tmp_path / "t.csv", [S.SampleOrder("980001", "交易成功", "10.00")], **kw)


def test_file_of_another_channel_names_the_columns_expected(copy, tmp_path):
    _, db = copy
    before = _orders(db)
    report = import_orders(db, "jd", [_one(tmp_path)], store_code="S001")
    assert report.failed and _orders(db) == before
    (p,) = report.problems
    assert (p.file, p.line) == ("t.csv", 0)
    assert "不是京东的订单导出文件: 缺少列 订单号、商品ID" in p.reason
    assert "应有列: 订单号、商品ID、商品名称、订购数量、订单状态、应付金额、下单时间" in p.reason
    assert "看起来是天猫/淘宝的文件, 请选渠道 tmall" in p.reason


def test_missing_column_unknown_encoding_xls_and_empty_file(copy, tmp_path):
    _, db = copy
    before = _orders(db)
    no_status = tmp_path / "no_status.csv"
    no_status.write_text("订单编号,买家实际支付金额,订单创建时间\r\n1,2.00,2024-03-05\r\n", "utf-8")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("订单编号,订单状态\r\n".encode() + b"\xff\xfe\xff\xff,\xff\r\n" * 3)
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    good = _one(tmp_path)
    report = import_orders(db, "tmall", [good, no_status, latin, xls, empty], store_code="S001")
    assert report.failed and _orders(db) == before  # the good file is not imported either
    reasons = {p.file: p.reason for p in report.problems}
    assert set(reasons) == {"no_status.csv", "latin.csv", "old.xls", "empty.csv"}
    assert "缺少列 订单状态" in reasons["no_status.csv"]
    assert "无法识别编码" in reasons["latin.csv"]
    assert "只支持 .xlsx 和 .csv" in reasons["old.xls"]
    assert "是空的" in reasons["empty.csv"]


def test_bytes_of_another_encoding_part_way_write_nothing(copy, tmp_path):
    _, db = copy
    before = _orders(db)
    orders = [S.SampleOrder(f"97{n:06d}", "交易成功", "10.00") for n in range(3000)]
    path = S.tmall_orders(tmp_path / "mixed.csv", orders, encoding="utf-8")
    with path.open("ab") as f:  # a GBK row appended to a UTF-8 file, far past the sample
        f.write(
            '="97999999",,,,,,,,￥1.00,,交易成功,,张三,,,,,2024-03-05 10:00:00\r\n'.encode("gbk")
        )
    report = import_orders(db, "tmall", [path], store_code="S001")
    assert report.failed and _orders(db) == before
    assert report.problems[0].line == 0 and "第3002行" in report.problems[0].reason


def test_unknown_store_and_bad_mapping_stop_before_reading(copy, tmp_path):
    _, db = copy
    with pytest.raises(ImportFailed, match="门店编码「S404」不存在"):
        import_orders(db, "tmall", [_one(tmp_path)], store_code="S404")
    bad = tmp_path / "map.json"
    bad.write_text('{"columns": {"order_no": "小票号"}}', "utf-8")
    with pytest.raises(ImportFailed, match="缺少: time、item_name、amount 或 line_amount"):
        import_orders(db, "pos", [_one(tmp_path)], mapping=bad)
    with pytest.raises(ImportFailed, match="需要列映射文件"):
        import_orders(db, "pos", [_one(tmp_path)])


def test_an_order_without_a_store_is_refused_alone(copy, tmp_path):
    _, db = copy
    path = S.tmall_orders(
        tmp_path / "t.csv",
        [S.SampleOrder("970001", "交易成功", "1.00", phone="13000000009", name="无此人")],
    )
    report = import_orders(db, "tmall", [path])  # no --store, no customer
    assert report.orders_imported == 0
    assert report.problems[0].line == 2 and "请用 --store 指定默认门店" in report.problems[0].reason


def _cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="guide-server")
    order_cli.add_parser(parser.add_subparsers(dest="command"))
    return order_cli.run(parser.parse_args(argv))


def test_cli_prints_the_report_and_exits_0_1_2(copy, tmp_path, capsys):
    url, db = copy
    good = S.tmall_orders(
        tmp_path / "good.csv", [S.SampleOrder("960001", "交易成功", "10.00")], encoding="utf-8-sig"
    )
    assert _cli(["import-orders", "--channel", "tmall", "--store", "S001",
                 "--database-url", url, str(good)]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "文件: good.csv — 天猫/淘宝订单报表, utf-8-sig, 1 行" in out
    assert "新订单 1" in out

    broken = S.tmall_orders(
        tmp_path / "broken.csv",
        [S.SampleOrder("960002", "交易成功", "10.00")],
        extra=[['="960003"', "x"]],
    )
    assert _cli(["import-orders", "--channel", "tmall", "--store", "S001",
                 "--database-url", url, str(broken)]) == 1  # fmt: skip
    out = capsys.readouterr().out
    assert "拒绝 1 行:" in out and "broken.csv 第3行: 行不完整" in out

    assert _cli(["import-orders", "--channel", "douyin", "--store", "S001",
                 "--database-url", url, str(good)]) == 2  # fmt: skip
    assert "不是抖店的订单导出文件" in capsys.readouterr().out
    assert _cli(["import-orders", "--channel", "tmall", "--store", "S404",
                 "--database-url", url, str(good)]) == 2  # fmt: skip
    assert "门店编码「S404」不存在" in capsys.readouterr().err
