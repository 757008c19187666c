"""Youzan (有赞微商城 → 订单 → 所有订单 → 导出): the order-level file and the item-level file.

Supported: 订单维度 (one row per order) — 订单号, 订单状态, 订单创建时间, 买家付款时间,
商品种类数, 商品总件数, 订单商品总金额, 运费, 订单实付金额, 买家姓名, 收货人/提货人,
收货人手机号/提货人手机号, 快递公司, 快递单号, 发货时间, 交易成功时间 …; and 商品维度
(one row per item) — 订单号, 商品名称, 规格信息, 商品编码, 商品单价, 商品数量, … joined to
the order by 订单号. Both as exported in 2023–2024 (CSV in UTF-8 with BOM, or XLSX).
"""

from __future__ import annotations

from guide_server.order_import.formats.layout import Layout

STATUSES = {
    "待付款": None,
    "待成团": "paid",
    "待发货": "paid",
    "已付款": "paid",
    "待接单": "paid",
    "已发货": "shipped",
    "待收货": "shipped",
    "部分发货": "shipped",
    "已完成": "finished",
    "交易成功": "finished",
    "已签收": "finished",
    "已关闭": "cancelled",
    "交易关闭": "cancelled",
    "已退款": "refunded",
    "退款成功": "refunded",
    "全额退款": "refunded",
}

ORDERS = Layout(
    key="youzan.orders",
    label="有赞订单导出 (订单维度)",
    kind="orders",
    columns={
        "order_no": ("订单号",),
        "status": ("订单状态",),
        "amount": ("订单实付金额", "实付金额"),
        "ordered_at": ("订单创建时间", "下单时间"),
        "paid_at": ("买家付款时间", "付款时间"),
        "shipped_at": ("发货时间",),
        "finished_at": ("交易成功时间", "完成时间"),
        "buyer_name": ("收货人/提货人", "收货人", "买家姓名"),
        "phone": ("收货人手机号/提货人手机号", "收货人手机号", "买家手机号"),
        "member_no": ("会员卡号", "会员号"),
        "logistics_no": ("快递单号", "物流单号"),
        "logistics_company": ("快递公司", "物流公司"),
        "total_qty": ("商品总件数",),
    },
    required=("order_no", "status", "amount", "ordered_at"),
    statuses=STATUSES,
)

ITEMS = Layout(
    key="youzan.items",
    label="有赞订单导出 (商品维度)",
    kind="items",
    columns={
        "order_no": ("订单号",),
        "item_name": ("商品名称",),
        "spec": ("规格信息", "商品规格"),
        "sku": ("商品编码", "规格编码"),
        "price": ("商品单价", "单价"),
        "qty": ("商品数量", "数量"),
    },
    required=("order_no", "item_name", "price", "qty"),
)

LAYOUTS = (ORDERS, ITEMS)
