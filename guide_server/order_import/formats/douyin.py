"""Douyin shop (抖店 → 订单 → 订单管理 → 批量导出): one row per sub-order (子订单).

Supported: the export of 2023–2024 — 主订单编号, 子订单编号, 选购商品, 商品规格, 商品数量,
商品ID, 商家编码, 商品金额 (unit price), 订单应付金额 (this sub-order's payable), 运费,
优惠总金额 …, 收件人, 收件人手机号 (masked), 省, 市, 区, 详细地址, 买家留言,
订单提交时间, 支付完成时间, 订单完成时间, 发货时间, 订单状态, 售后状态, 取消原因,
快递公司, 快递单号 … The order is the 主订单编号: its amount is the sum of its
sub-orders' 订单应付金额; a 售后状态 of 退款成功 on every sub-order makes it refunded.
"""

from __future__ import annotations

from guide_server.order_import.formats.layout import Layout

STATUSES = {
    "待支付": None,
    "待付款": None,
    "待发货": "paid",
    "备货中": "paid",
    "已支付": "paid",
    "部分发货": "shipped",
    "已发货": "shipped",
    "已完成": "finished",
    "已关闭": "cancelled",
    "已取消": "cancelled",
}

LINES = Layout(
    key="douyin.lines",
    label="抖店订单导出",
    kind="lines",
    columns={
        "order_no": ("主订单编号",),
        "sub_no": ("子订单编号",),
        "item_name": ("选购商品", "商品名称"),
        "spec": ("商品规格",),
        "qty": ("商品数量",),
        "sku": ("商家编码", "商品ID"),
        "price": ("商品金额", "商品单价"),
        "line_amount": ("订单应付金额",),
        "status": ("订单状态",),
        "after_sale": ("售后状态",),
        "ordered_at": ("订单提交时间",),
        "paid_at": ("支付完成时间",),
        "shipped_at": ("发货时间",),
        "finished_at": ("订单完成时间",),
        "buyer_name": ("收件人",),
        "phone": ("收件人手机号",),
        "logistics_no": ("快递单号", "运单号"),
        "logistics_company": ("快递公司",),
    },
    required=(
        "order_no",
        "sub_no",
        "item_name",
        "qty",
        "line_amount",
        "status",
        "ordered_at",
    ),
    statuses=STATUSES,
    refunded_after_sale=("退款成功", "已退款", "退货退款成功"),
)

LAYOUTS = (LINES,)
