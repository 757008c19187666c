"""Taobao/Tmall seller centre (卖家中心 → 已卖出的宝贝 → 批量导出): 订单报表 and 宝贝报表.

Supported: the 订单报表 ("ExportOrderList…csv") as exported since 2015 — one row per
order: 订单编号, 买家会员名, 买家支付宝账号, 买家应付货款, 买家应付邮费, 总金额,
买家实际支付金额, 订单状态, 买家留言, 收货人姓名, 收货地址, 运送方式, 联系电话, 联系手机,
订单创建时间, 订单付款时间, 宝贝标题, 宝贝种类, 物流单号, 物流公司, 订单备注, 宝贝总数量,
店铺Id, 店铺名称, 订单关闭原因 … (newer exports add columns at the end; extra columns
are ignored). Written as GBK (older) or UTF-8 with BOM, CRLF, numbers as ``="…"`` and
amounts possibly with ¥/￥; 联系手机 is masked (``138****1234``) in exports since 2019.
The 宝贝报表 ("ExportOrderDetailList…csv"): 订单编号, 标题, 价格, 购买数量, 外部系统编号,
商品属性, 套餐信息, 备注, 订单状态, 商家编码 — one row per item, joined to the order by
订单编号. Without it an order keeps its 宝贝标题 as one item.
"""

from __future__ import annotations

from guide_server.order_import.formats.layout import Layout

STATUSES = {
    "等待买家付款": None,
    "买家已付款，等待卖家发货": "paid",
    "等待卖家发货,即:买家已付款": "paid",
    "等待卖家发货": "paid",
    "买家已付款": "paid",
    "卖家部分发货": "shipped",
    "卖家已发货，等待买家确认": "shipped",
    "卖家已发货": "shipped",
    "等待买家确认收货,即:卖家已发货": "shipped",
    "交易成功": "finished",
    "交易关闭": "cancelled",
    "付款以后用户退款成功，交易自动关闭": "refunded",
    "交易关闭(退款)": "refunded",
}

ORDERS = Layout(
    key="tmall.orders",
    label="天猫/淘宝订单报表",
    kind="orders",
    columns={
        "order_no": ("订单编号",),
        "status": ("订单状态",),
        "amount": ("买家实际支付金额", "实付金额"),
        "ordered_at": ("订单创建时间",),
        "paid_at": ("订单付款时间", "付款时间"),
        "shipped_at": ("发货时间",),
        "finished_at": ("确认收货时间", "交易成功时间"),
        "buyer_name": ("收货人姓名",),
        "phone": ("联系手机", "收货人手机号"),
        "member_no": ("会员号", "会员卡号"),
        "logistics_no": ("物流单号",),
        "logistics_company": ("物流公司",),
        "titles": ("宝贝标题",),
        "total_qty": ("宝贝总数量",),
    },
    required=("order_no", "status", "amount", "ordered_at"),
    statuses=STATUSES,
)

ITEMS = Layout(
    key="tmall.items",
    label="天猫/淘宝宝贝报表",
    kind="items",
    columns={
        "order_no": ("订单编号",),
        "item_name": ("标题", "宝贝标题"),
        "price": ("价格",),
        "qty": ("购买数量",),
        "sku": ("商家编码", "外部系统编号"),
        "spec": ("商品属性",),
    },
    required=("order_no", "item_name", "price", "qty"),
)

LAYOUTS = (ORDERS, ITEMS)
