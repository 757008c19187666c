"""Order export files as the platforms write them, made by the tests themselves.

Each writer takes :class:`SampleOrder` values and writes the channel's real layout
(see ``guide_server/order_import/formats``): Tmall's 订单报表 in GBK or UTF-8 with BOM,
CRLF, ``="…"`` numbers and ``¥`` amounts, its 宝贝报表; JD's one-row-per-SKU export
(XLSX); Youzan's order and item files; Douyin's sub-order rows; a POS CSV with its
mapping file. ``extra`` rows (raw cells) let a test add broken rows where it wants.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

TMALL_ORDER_HEADERS = [
    "订单编号", "买家会员名", "买家支付宝账号", "买家应付货款", "买家应付邮费", "买家支付积分",
    "总金额", "返点积分", "买家实际支付金额", "买家实际支付积分", "订单状态", "买家留言",
    "收货人姓名", "收货地址", "运送方式", "联系电话", "联系手机", "订单创建时间",
    "订单付款时间", "宝贝标题", "宝贝种类", "物流单号", "物流公司", "订单备注", "宝贝总数量",
    "店铺Id", "店铺名称", "订单关闭原因", "卖家服务费", "买家服务费", "发票抬头",
    "是否手机订单", "分阶段订单信息",
]  # fmt: skip
TMALL_ITEM_HEADERS = [
    "订单编号", "标题", "价格", "购买数量", "外部系统编号", "商品属性", "套餐信息", "备注",
    "订单状态", "商家编码",
]  # fmt: skip
JD_HEADERS = [
    "订单号", "商品ID", "商品名称", "订购数量", "支付方式", "下单时间", "京东价", "订单金额",
    "结算金额", "余额支付", "应付金额", "订单状态", "订单类型", "下单帐号", "客户姓名",
    "客户地址", "联系电话", "订单备注", "发票类型", "发票抬头", "发票内容", "商家备注",
    "运费金额", "付款确认时间", "增值税发票", "货号", "订单完成时间", "订单来源", "订单渠道",
    "快递公司", "运单号",
]  # fmt: skip
YOUZAN_ORDER_HEADERS = [
    "订单号", "订单状态", "订单创建时间", "买家付款时间", "商品种类数", "商品总件数",
    "订单商品总金额", "运费", "订单实付金额", "买家姓名", "收货人/提货人",
    "收货人手机号/提货人手机号", "快递公司", "快递单号", "发货时间", "交易成功时间",
]  # fmt: skip
YOUZAN_ITEM_HEADERS = [
    "订单号", "商品名称", "规格信息", "商品编码", "商品单价", "商品数量", "商品实际成交金额",
]  # fmt: skip
DOUYIN_HEADERS = [
    "主订单编号", "子订单编号", "选购商品", "商品规格", "商品数量", "商品ID", "商家编码",
    "商品金额", "订单应付金额", "运费", "优惠总金额", "收件人", "收件人手机号", "省", "市",
    "区", "详细地址", "买家留言", "订单提交时间", "支付完成时间", "订单完成时间", "发货时间",
    "订单状态", "售后状态", "取消原因", "快递公司", "快递单号",
]  # fmt: skip
POS_HEADERS = ["门店编码", "小票号", "销售时间", "会员卡号", "手机号", "顾客姓名", "商品编码",
               "商品名称", "数量", "单价", "实收金额", "单据类型"]  # fmt: skip
POS_MAPPING = {
    "columns": {
        "order_no": "小票号",
        "time": "销售时间",
        "amount": "实收金额",
        "member_no": "会员卡号",
        "phone": "手机号",
        "store_code": "门店编码",
        "item_name": "商品名称",
        "qty": "数量",
        "price": "单价",
        "sku": "商品编码",
        "name": "顾客姓名",
        "status": "单据类型",
    },
    "statuses": {"销售": "finished", "退货": "refunded"},
}


@dataclass
class SampleOrder:
    no: str
    status: str  # the platform's own word
    amount: str  # yuan, as written: "128.00"
    time: str = "2024-03-05 14:03:11"
    name: str = "张三"
    phone: str = "13800001234"
    member_no: str = ""
    items: list[tuple[str, str, int, str]] = field(
        default_factory=lambda: [("SKU-1", "保湿面霜 50ml", 1, "128.00")]
    )
    logistics: tuple[str, str] = ("", "")
    store_code: str = "S001"


def _write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[str]], encoding: str):
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(headers)
        for row in rows:
            w.writerow(row)
    return path


def _excel_text(value: str) -> str:
    return f'="{value}"' if value else ""


def tmall_orders(
    path: Path,
    orders: Sequence[SampleOrder],
    *,
    encoding: str = "gb18030",
    extra: Sequence[Sequence[str]] = (),
    masked: bool = True,
) -> Path:
    def row(o: SampleOrder) -> list[str]:
        phone = f"{o.phone[:3]}****{o.phone[-4:]}" if masked and o.phone else o.phone
        title = "，".join(i[1] for i in o.items)
        qty = sum(i[2] for i in o.items)
        cells = dict.fromkeys(TMALL_ORDER_HEADERS, "")
        cells.update(
            {
                "订单编号": _excel_text(o.no),
                "买家会员名": "tb_" + o.no[-6:],
                "买家应付货款": o.amount,
                "买家应付邮费": "0.00",
                "总金额": "￥" + o.amount,
                "买家实际支付金额": "¥" + o.amount,
                "订单状态": o.status,
                "收货人姓名": o.name,
                "收货地址": "上海 上海市 浦东新区 世纪大道100号",
                "运送方式": "快递",
                "联系手机": "'" + phone if phone else "",
                "订单创建时间": o.time,
                "订单付款时间": o.time,
                "宝贝标题": title,
                "宝贝种类": str(len(o.items)),
                "物流单号": _excel_text(o.logistics[1]),
                "物流公司": o.logistics[0],
                "宝贝总数量": str(qty),
                "店铺名称": "示例旗舰店",
                "是否手机订单": "手机订单",
            }
        )
        return [cells[h] for h in TMALL_ORDER_HEADERS]

    return _write_csv(path, TMALL_ORDER_HEADERS, [*(row(o) for o in orders), *extra], encoding)


def tmall_items(path: Path, orders: Sequence[SampleOrder], *, encoding: str = "gb18030") -> Path:
    rows = []
    for o in orders:
        for sku, name, qty, price in o.items:
            rows.append([_excel_text(o.no), name, price, str(qty), "", "颜色分类:默认", "", "",
                         o.status, sku])  # fmt: skip
    return _write_csv(path, TMALL_ITEM_HEADERS, rows, encoding)


def jd_rows(orders: Sequence[SampleOrder]) -> list[list[str]]:
    rows = []
    for o in orders:
        for n, (sku, name, qty, price) in enumerate(o.items):
            cells = dict.fromkeys(JD_HEADERS, "")
            cells.update(
                {
                    "订单号": o.no,
                    "商品ID": str(100000 + n) if not sku.isdigit() else sku,
                    "商品名称": name,
                    "订购数量": str(qty),
                    "支付方式": "在线支付",
                    "下单时间": o.time,
                    "京东价": price,
                    "订单金额": o.amount,
                    "应付金额": o.amount,
                    "订单状态": o.status,
                    "订单类型": "SOP",
                    "下单帐号": "jd_" + o.no[-4:],
                    "客户姓名": o.name,
                    "联系电话": o.phone,
                    "付款确认时间": o.time,
                    "货号": sku,
                    "快递公司": o.logistics[0],
                    "运单号": o.logistics[1],
                }
            )
            rows.append([cells[h] for h in JD_HEADERS])
    return rows


def jd_xlsx(
    path: Path,
    orders: Sequence[SampleOrder],
    *,
    extra: Sequence[Sequence[str]] = (),
    other_sheets: Sequence[str] = (),
) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "订单"
    sheet.append(JD_HEADERS)
    for row in [*jd_rows(orders), *extra]:
        sheet.append(list(row))
    for name in other_sheets:
        book.create_sheet(name).append(["说明"])
    book.save(path)
    return path


def jd_csv(path: Path, orders: Sequence[SampleOrder], *, extra=(), encoding="utf-8-sig") -> Path:
    return _write_csv(path, JD_HEADERS, [*jd_rows(orders), *extra], encoding)


def youzan_orders(path: Path, orders: Sequence[SampleOrder], *, extra=()) -> Path:
    rows = []
    for o in orders:
        cells = dict.fromkeys(YOUZAN_ORDER_HEADERS, "")
        cells.update(
            {
                "订单号": o.no,
                "订单状态": o.status,
                "订单创建时间": o.time,
                "买家付款时间": o.time,
                "商品种类数": str(len(o.items)),
                "商品总件数": str(sum(i[2] for i in o.items)),
                "订单实付金额": o.amount,
                "收货人/提货人": o.name,
                "收货人手机号/提货人手机号": o.phone,
                "快递公司": o.logistics[0],
                "快递单号": o.logistics[1],
            }
        )
        rows.append([cells[h] for h in YOUZAN_ORDER_HEADERS])
    return _write_csv(path, YOUZAN_ORDER_HEADERS, [*rows, *extra], "utf-8-sig")


def youzan_items(path: Path, orders: Sequence[SampleOrder]) -> Path:
    rows = [
        [o.no, name, "默认", sku, price, str(qty), price]
        for o in orders
        for sku, name, qty, price in o.items
    ]
    return _write_csv(path, YOUZAN_ITEM_HEADERS, rows, "utf-8-sig")


def douyin_csv(path: Path, orders: Sequence[SampleOrder], *, extra=(), after_sale="") -> Path:
    rows = []
    for o in orders:
        for n, (sku, name, qty, price) in enumerate(o.items):
            cells = dict.fromkeys(DOUYIN_HEADERS, "")
            line = f"{int(price.replace('.', '')) * qty / 100:.2f}"
            cells.update(
                {
                    "主订单编号": _excel_text(o.no),
                    "子订单编号": _excel_text(f"{o.no}{n:02d}"),
                    "选购商品": name,
                    "商品规格": "默认",
                    "商品数量": str(qty),
                    "商品ID": sku,
                    "商家编码": sku,
                    "商品金额": price,
                    "订单应付金额": line,
                    "收件人": o.name,
                    "收件人手机号": f"{o.phone[:3]}****{o.phone[-4:]}" if o.phone else "",
                    "订单提交时间": o.time,
                    "支付完成时间": o.time,
                    "订单状态": o.status,
                    "售后状态": after_sale,
                    "快递公司": o.logistics[0],
                    "快递单号": o.logistics[1],
                }
            )
            rows.append([cells[h] for h in DOUYIN_HEADERS])
    return _write_csv(path, DOUYIN_HEADERS, [*rows, *extra], "utf-8-sig")


def pos_csv(path: Path, orders: Sequence[SampleOrder], *, extra=(), encoding="gb18030") -> Path:
    rows = [
        [
            o.store_code,
            o.no,
            o.time,
            o.member_no,
            o.phone,
            o.name,
            sku,
            name,
            str(qty),
            price,
            o.amount,
            o.status,
        ]  # fmt: skip
        for o in orders
        for sku, name, qty, price in o.items
    ]
    return _write_csv(path, POS_HEADERS, [*rows, *extra], encoding)


def pos_mapping(path: Path, *, yaml: bool = False) -> Path:
    if yaml:
        import yaml as pyyaml

        path.write_text(pyyaml.safe_dump(POS_MAPPING, allow_unicode=True), encoding="utf-8")
    else:
        path.write_text(json.dumps(POS_MAPPING, ensure_ascii=False), encoding="utf-8")
    return path


def big_tmall_csv(path: Path, rows: int, *, seed: int = 1, phones: Sequence[str] = ()) -> Path:
    """``rows`` Tmall order rows (UTF-8 BOM), written streaming; orders ``TB{seed}{n}``.
    Every 10th row uses one of ``phones`` whole (a customer match), the rest masked."""
    statuses = ("交易成功", "卖家已发货，等待买家确认", "买家已付款，等待卖家发货", "交易关闭")
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(TMALL_ORDER_HEADERS)
        blank = [""] * len(TMALL_ORDER_HEADERS)
        for n in range(rows):
            cells = list(blank)
            phone = (
                phones[(n // 10) % len(phones)]
                if phones and n % 10 == 0
                else f"138****{n % 10000:04d}"
            )
            day = 1 + n % 28
            cells[0] = f'="{seed}{n:012d}"'
            cells[8] = f"¥{(n % 500) + 9}.90"
            cells[10] = statuses[n % 4]
            cells[12] = "顾客" + str(n % 1000)
            cells[16] = phone
            cells[17] = f"2024-03-{day:02d} 10:{n % 60:02d}:00"
            cells[18] = cells[17]
            cells[19] = "保湿面霜 50ml"
            cells[21] = f'="SF{n:010d}"'
            cells[22] = "顺丰速运"
            cells[24] = "1"
            w.writerow(cells)
    return path
