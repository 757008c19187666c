"""The order import on real-layout files of every channel (SQLite and PostgreSQL).

In-process over a fresh copy of the seeded demo chain; the files are written by
tests/server/order_samples.py the way the platforms export them.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from guide_server.db import Database
from guide_server.models import Customer, Order, Store, SyncRow
from guide_server.models.orders import OrderMatchSuggestion
from guide_server.order_import import import_orders, list_unmatched
from guide_server.sync.versions import current_version
from tests.server import order_samples as S


@pytest.fixture
def db(demo_template, tmp_path):
    url, _ = demo_template.fresh_copy(tmp_path)
    database = Database(url)
    yield database
    database.dispose()


@pytest.fixture
def people(db):
    """Three customers of S001: whole-phone match, member-no match, masked+name suggestion."""
    with db.read() as s:
        store = s.scalar(select(Store.id).where(Store.code == "S001"))
        rows = s.scalars(
            select(Customer)
            .where(Customer.store_id == store, Customer.phone != "", Customer.member_no != "")
            .order_by(Customer.id)
            .limit(3)
        ).all()
        s.expunge_all()
    return store, rows


def _order(db, no: str, channel: str = "tmall") -> Order | None:
    with db.read() as s:
        o = s.scalar(select(Order).where(Order.channel == channel, Order.channel_order_no == no))
        if o is not None:
            s.expunge(o)
        return o


def _count(db, channel: str) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Order).where(Order.channel == channel))


def _version(db, entity: str, entity_id: str) -> int:
    with db.read() as s:
        found = current_version(s, entity, entity_id)
    return found[0] if found else 0


def test_tmall_gbk_order_report_with_item_report(db, people, tmp_path):
    store, (by_phone, by_member, by_name) = people
    figures_before = _version(db, "customer", by_phone.id)
    orders = [
        S.SampleOrder(
            "9100000000000000001",
            "交易成功",
            "256.00",
            name=by_phone.name,
            phone=by_phone.phone,
            items=[("A1", "保湿面霜", 1, "128.00"), ("B2", "精华液", 2, "64.00")],
            logistics=("顺丰速运", "SF1234567890"),
        ),  # fmt: skip
        S.SampleOrder(
            "9100000000000000002",
            "卖家已发货，等待买家确认",
            "99.00",
            name=by_name.name,
            phone=by_name.phone,
        ),  # fmt: skip
        S.SampleOrder("9100000000000000003", "等待买家付款", "10.00"),
        S.SampleOrder(
            "9100000000000000004",
            "付款以后用户退款成功，交易自动关闭",
            "50.00",
            name="无名氏",
            phone="13900000000",
        ),  # fmt: skip
    ]
    report_file = S.tmall_orders(
        tmp_path / "ExportOrderList.csv",
        orders,
        extra=[
            ['="9100000000000000005"', "tb_x"],  # cut short
            ['="9100000000000000006"'] + [""] * 7 + ["¥12.00", "", "交易成功"] + [""] * 6
            + ["2024-13-45 10:00:00"] + [""] * 15,  # bad date
            ['="9100000000000000007"'] + [""] * 7 + ["十二元", "", "交易成功"] + [""] * 6
            + ["2024-03-05 10:00:00"] + [""] * 15,  # bad amount
            ['="9100000000000000001"'] + [""] * 7 + ["¥1.00", "", "交易成功"] + [""] * 6
            + ["2024-03-05 10:00:00"] + [""] * 15,  # the same order again
        ],
        masked=False,
    )  # fmt: skip
    # the order file's phone for the masked-suggestion order is masked, the others whole
    text = (
        report_file.read_bytes()
        .decode("gb18030")
        .replace(f"'{by_name.phone}", f"'{by_name.phone[:3]}****{by_name.phone[-4:]}")
    )
    report_file.write_bytes(text.encode("gb18030"))
    item_file = S.tmall_items(tmp_path / "ExportOrderDetailList.csv", orders)
    assert report_file.read_bytes()[:30].count(b"\r\n") == 0 and b"\r\n" in report_file.read_bytes()

    report = import_orders(db, "tmall", [report_file, item_file], store_code="S001")

    assert [f.layout for f in report.files] == ["天猫/淘宝订单报表", "天猫/淘宝宝贝报表"]
    assert report.files[0].read_as == "gb18030"
    assert report.rows_read == 8 + 5
    assert (report.orders_imported, report.orders_skipped) == (3, 1)
    assert (report.orders_matched, report.orders_unmatched, report.orders_suggested) == (1, 2, 1)
    problems = {(p.file, p.line): p.reason for p in report.problems}
    assert report.rejected == 4 == len(problems)
    assert "行不完整" in problems[("ExportOrderList.csv", 6)]
    assert "订单创建时间「2024-13-45 10:00:00」不是日期时间" in problems[("ExportOrderList.csv", 7)]
    assert "买家实际支付金额「十二元」不是金额" in problems[("ExportOrderList.csv", 8)]
    assert (
        "订单重复" in problems[("ExportOrderList.csv", 9)]
        and "第2行" in problems[("ExportOrderList.csv", 9)]
    )

    first = _order(db, "9100000000000000001")
    assert first.customer_id == by_phone.id and first.store_id == by_phone.store_id
    assert (first.status, first.amount_cents) == ("finished", 25600)
    assert [(i["sku"], i["name"], i["qty"], i["price_cents"]) for i in first.items] == [
        ("A1", "保湿面霜 颜色分类:默认", 1, 12800),
        ("B2", "精华液 颜色分类:默认", 2, 6400),
    ]
    assert (first.logistics_company, first.logistics_no) == ("顺丰速运", "SF1234567890")
    assert first.paid_at.isoformat() == "2024-03-05T06:03:11+00:00"  # 14:03 Beijing time
    assert _order(db, "9100000000000000003") is None  # not paid: nothing to import yet
    assert _order(db, "9100000000000000004").status == "refunded"

    suggested = _order(db, "9100000000000000002")
    assert suggested.customer_id is None and suggested.store_id == store
    assert suggested.buyer_phone == f"{by_name.phone[:3]}****{by_name.phone[-4:]}"
    with db.read() as s:
        sugg = s.execute(select(OrderMatchSuggestion.customer_id, OrderMatchSuggestion.status)
                         .where(OrderMatchSuggestion.order_id == suggested.id)).all()  # fmt: skip
        customer = s.get(Customer, by_phone.id)
        assert customer.last_purchase_at.isoformat() >= "2024-03-05"
    assert [tuple(r) for r in sugg] == [(by_name.id, "pending")]
    assert _version(db, "customer", by_phone.id) > figures_before  # the figures were synced
    assert _version(db, "order", first.id) > 0


def test_reimport_updates_and_never_duplicates(db, people, tmp_path):
    store, (by_phone, _, _) = people
    orders = [
        S.SampleOrder(f"92000000{n:04d}", "买家已付款，等待卖家发货", "88.00", phone=by_phone.phone,
                      name=by_phone.name) for n in range(30)
    ]  # fmt: skip
    path = S.tmall_orders(tmp_path / "a.csv", orders, encoding="utf-8-sig", masked=False)
    first = import_orders(db, "tmall", [path], store_code="S001", batch_orders=7)
    assert (first.orders_imported, first.rejected) == (30, 0)
    versions = {o.no: _version(db, "order", _order(db, o.no).id) for o in orders}
    customer_version = _version(db, "customer", by_phone.id)

    again = import_orders(db, "tmall", [path], store_code="S001")
    assert (again.orders_imported, again.orders_updated, again.orders_unchanged) == (0, 0, 30)
    assert {o.no: _version(db, "order", _order(db, o.no).id) for o in orders} == versions
    assert _version(db, "customer", by_phone.id) == customer_version

    orders[0].status = "卖家已发货，等待买家确认"
    orders[0].logistics = ("中通快递", "ZT000111")
    orders[1].amount = "77.00"
    overlap = orders[:5] + [S.SampleOrder("9200009999", "交易成功", "1.00", phone=by_phone.phone)]
    path2 = S.tmall_orders(tmp_path / "b.csv", overlap, encoding="utf-8-sig", masked=False)
    third = import_orders(db, "tmall", [path2], store_code="S001")
    assert (third.orders_imported, third.orders_updated, third.orders_unchanged) == (1, 2, 3)
    o0 = _order(db, orders[0].no)
    assert (o0.status, o0.logistics_no, o0.logistics_company) == ("shipped", "ZT000111", "中通快递")
    assert _order(db, orders[1].no).amount_cents == 7700
    assert _version(db, "order", o0.id) > versions[orders[0].no]
    assert _count(db, "tmall") - 31 == _count_demo(db)
    with db.read() as s:  # one change-index row per order, never two
        dup = s.execute(
            select(SyncRow.entity_id, func.count())
            .where(SyncRow.entity == "order")
            .group_by(SyncRow.entity_id)
            .having(func.count() > 1)
        ).all()
    assert dup == []


def _count_demo(db) -> int:
    with db.read() as s:
        return s.scalar(
            select(func.count())
            .select_from(Order)
            .where(Order.channel == "tmall", ~Order.channel_order_no.like("92000%"))
        )


def test_jd_xlsx_order_spans_rows_and_sheet_is_named(db, people, tmp_path):
    _, (by_phone, _, _) = people
    orders = [
        S.SampleOrder(
            "310000001",
            "完成",
            "300.00",
            phone=by_phone.phone,
            name=by_phone.name,
            items=[("1001", "面霜", 1, "100.00"), ("1002", "精华", 2, "100.00")],
            logistics=("京东快递", "JDV0001"),
        ),  # fmt: skip
        S.SampleOrder("310000002", "等待出库", "50.00", phone="", name="路人"),
    ]
    extra = [S.jd_rows(orders[:1])[0]]  # the first SKU row of order 1 again
    path = S.jd_xlsx(tmp_path / "jd.xlsx", orders, extra=extra, other_sheets=["说明"])
    report = import_orders(db, "jd", [path], store_code="S001")
    assert report.files[0].read_as == "工作表「订单」(共2个工作表)"
    assert (report.orders_imported, report.orders_matched) == (2, 1)
    assert [(p.line, p.reason) for p in report.problems] == [
        (5, "重复的行: 订单「310000001」的「1001」已在第2行")
    ]
    o = _order(db, "310000001", "jd")
    assert (o.status, o.amount_cents, len(o.items)) == ("finished", 30000, 2)
    assert [i["qty"] for i in o.items] == [1, 2]
    assert _order(db, "310000002", "jd").status == "paid"


def test_youzan_order_and_item_files(db, people, tmp_path):
    _, (_, by_member, _) = people
    orders = [
        S.SampleOrder(
            "E20240305000001",
            "交易成功",
            "158.00",
            phone=by_member.phone,
            items=[("YZ1", "口红", 1, "99.00"), ("YZ2", "卸妆水", 1, "59.00")],
        ),  # fmt: skip
        S.SampleOrder("E20240305000002", "待付款", "20.00"),
        S.SampleOrder("E20240305000003", "已关闭", "20.00"),
    ]
    a = S.youzan_orders(tmp_path / "订单.csv", orders)
    b = S.youzan_items(tmp_path / "商品.csv", orders)
    orphan = S.youzan_items(tmp_path / "商品2.csv", [S.SampleOrder("E999", "交易成功", "1.00")])
    report = import_orders(db, "youzan", [a, b, orphan], store_code="S001")
    assert (report.orders_imported, report.orders_skipped, report.orders_matched) == (2, 1, 1)
    assert [(p.file, p.line) for p in report.problems] == [("商品2.csv", 2)]
    assert "订单还没有导入" in report.problems[0].reason
    o = _order(db, "E20240305000001", "youzan")
    assert [i["name"] for i in o.items] == ["口红 默认", "卸妆水 默认"]
    assert o.customer_id == by_member.id  # whole phone
    assert _order(db, "E20240305000003", "youzan").status == "cancelled"


def test_douyin_sub_orders_assemble_and_refunds(db, people, tmp_path):
    _, (_, _, by_name) = people
    orders = [
        S.SampleOrder(
            "6912345678901",
            "已发货",
            "0",
            name=by_name.name,
            phone=by_name.phone,
            items=[("D1", "面膜", 2, "30.00"), ("D2", "眼霜", 1, "120.00")],
        ),  # fmt: skip
    ]
    path = S.douyin_csv(tmp_path / "dy.csv", orders)
    refunded = S.douyin_csv(
        tmp_path / "dy2.csv", [S.SampleOrder("6912345678902", "已完成", "0")], after_sale="退款成功"
    )
    report = import_orders(db, "douyin", [path, refunded], store_code="S001")
    assert (report.orders_imported, report.orders_suggested, report.rejected) == (2, 1, 0)
    o = _order(db, "6912345678901", "douyin")
    assert (o.status, o.amount_cents, len(o.items)) == ("shipped", 18000, 2)
    assert o.customer_id is None  # masked phone + name: only a suggestion
    assert _order(db, "6912345678902", "douyin").status == "refunded"


@pytest.mark.parametrize("yaml", [False, True])
def test_pos_file_with_mapping(db, people, tmp_path, yaml):
    store, (by_phone, by_member, _) = people
    orders = [
        S.SampleOrder(
            "P0001",
            "销售",
            "45.00",
            member_no=by_member.member_no,
            phone="",
            items=[("X1", "护手霜", 1, "25.00"), ("X2", "唇膏", 1, "20.00")],
        ),  # fmt: skip
        S.SampleOrder("P0002", "退货", "25.00", member_no="", phone=by_phone.phone),
        S.SampleOrder("P0003", "销售", "10.00", member_no="", phone="", store_code="S999"),
        S.SampleOrder("P0004", "销售", "10.00", member_no="", phone=""),
    ]
    mapping = S.pos_mapping(tmp_path / ("map.yaml" if yaml else "map.json"), yaml=yaml)
    path = S.pos_csv(tmp_path / "pos.csv", orders, extra=[["S001", "P0005", "昨天", "", "", "",
                                                            "X", "Y", "1", "1", "1", "销售"]])  # fmt: skip
    report = import_orders(db, "pos", [path], mapping=mapping)
    assert (report.orders_imported, report.orders_matched, report.orders_unmatched) == (3, 2, 1)
    reasons = {p.line: p.reason for p in report.problems}
    assert reasons == {
        5: "门店编码「S999」不存在",
        7: "销售时间「昨天」不是日期时间 (应为 2024-03-05 14:03:11)",
    }
    p1 = _order(db, "P0001", "pos")
    assert (p1.customer_id, p1.status, p1.amount_cents, len(p1.items)) == (
        by_member.id, "finished", 4500, 2
    )  # fmt: skip
    assert _order(db, "P0002", "pos").status == "refunded"
    assert _order(db, "P0004", "pos").store_id == store

    with db.read() as s:
        page = list_unmatched(s, store, offset=0, limit=50)
    assert "P0004" in {i.channel_order_no for i in page.items}
    assert page.total >= 1


def test_two_imports_of_one_file_at_once_write_each_order_once(db, tmp_path):
    import threading

    orders = [S.SampleOrder(f"93{n:06d}", "交易成功", "5.00", phone="") for n in range(3000)]
    path = S.tmall_orders(tmp_path / "same.csv", orders, encoding="utf-8-sig")
    reports, errors = [], []

    def run() -> None:
        try:
            reports.append(import_orders(db, "tmall", [path], store_code="S001", batch_orders=200))
        except Exception as exc:  # noqa: BLE001 - the test reports it
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(r.orders_imported for r in reports) == 3000
    assert sum(r.orders_imported + r.orders_unchanged for r in reports) == 6000
    with db.read() as s:
        n = s.scalar(
            select(func.count()).select_from(Order).where(Order.channel_order_no.like("93%"))
        )
    assert n == 3000


def test_pos_xlsx_sheet_named_by_the_mapping(db, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "说明"
    book.active.append(["这一页不是数据"])
    sheet = book.create_sheet("销售明细")
    sheet.append(S.POS_HEADERS)
    sheet.append(["S001", "PX-1", "2024-05-01 09:30:00", "", "", "", "K1", "洗发水", 2, 39.5,
                  79, "销售"])  # fmt: skip
    path = tmp_path / "pos.xlsx"
    book.save(path)
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({**S.POS_MAPPING, "sheet": "销售明细"}), "utf-8")
    report = import_orders(db, "pos", [path], mapping=mapping)
    assert report.files[0].read_as == "工作表「销售明细」(共2个工作表)"
    assert (report.orders_imported, report.rejected) == (1, 0)
    o = _order(db, "PX-1", "pos")
    assert (o.amount_cents, o.items[0]["qty"], o.items[0]["price_cents"]) == (7900, 2, 3950)


def test_item_report_on_its_own_fills_the_items_of_imported_orders(db, tmp_path):
    orders = [
        S.SampleOrder(
            "9400000001",
            "交易成功",
            "30.00",
            phone="",
            items=[("I1", "面膜", 2, "10.00"), ("I2", "爽肤水", 1, "10.00")],
        ),  # fmt: skip
        S.SampleOrder("9400000002", "交易成功", "5.00", phone=""),
    ]
    first = import_orders(
        db, "tmall", [S.tmall_orders(tmp_path / "o.csv", orders)], store_code="S001"
    )
    assert first.orders_imported == 2
    assert [i["name"] for i in _order(db, "9400000001").items] == ["面膜，爽肤水"]  # 宝贝标题
    version = _version(db, "order", _order(db, "9400000001").id)

    unknown = S.SampleOrder("9400000009", "交易成功", "1.00")
    items = S.tmall_items(tmp_path / "i.csv", [*orders, unknown])
    report = import_orders(db, "tmall", [items])
    assert (report.orders_updated, report.orders_unchanged) == (2, 0)
    assert [(p.line, "还没有导入" in p.reason) for p in report.problems] == [(5, True)]
    o = _order(db, "9400000001")
    assert [(i["sku"], i["qty"], i["price_cents"]) for i in o.items] == [
        ("I1", 2, 1000),
        ("I2", 1, 1000),
    ]
    assert (o.status, o.amount_cents) == ("finished", 3000)  # only the items changed
    assert _version(db, "order", o.id) > version
    again = import_orders(db, "tmall", [items])
    assert (again.orders_updated, again.orders_unchanged) == (0, 2)
