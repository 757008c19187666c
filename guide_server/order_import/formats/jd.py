"""JD POP seller backend (京麦 / 商家后台 → 订单管理 → 订单查询与跟踪 → 导出).

Supported: the order export with one row per SKU — 订单号, 商品ID, 商品名称, 订购数量,
支付方式, 下单时间, 京东价, 订单金额, 结算金额, 余额支付, 应付金额, 订单状态, 订单类型,
下单帐号, 客户姓名, 客户地址, 联系电话, 订单备注, 发票类型, 发票抬头, 发票内容, 商家备注,
运费金额, 付款确认时间, 增值税发票, 货号, 订单完成时间, 订单来源, 订单渠道 … The
order-level columns (应付金额, times, 客户姓名, 联系电话) repeat on each SKU row of the
order; an order therefore spans rows and is assembled once. 快递公司/运单号 are read
when the export includes them. XLSX (the default download) or CSV.
"""

from __future__ import annotations

from guide_server.order_import.formats.layout import Layout

STATUSES = {
    "等待付款": None,
    "等待付款确认": None,
    "等待出库": "paid",
    "等待发货": "paid",
    "暂停": "paid",
    "锁定": "paid",
    "等待确认收货": "shipped",
    "已发货": "shipped",
    "配送退货": "refunded",
    "退款成功": "refunded",
    "完成": "finished",
    "已完成": "finished",
    "已取消": "cancelled",
    "(删除)已取消": "cancelled",
    "取消": "cancelled",
}

LINES = Layout(
    key="jd.lines",
    label="京东POP订单导出",
    kind="lines",
    columns={
        "order_no": ("订单号",),
        "sub_no": ("商品ID",),
        "sku": ("货号", "商品ID"),
        "item_name": ("商品名称",),
        "qty": ("订购数量",),
        "price": ("京东价",),
        "status": ("订单状态",),
        "amount": ("应付金额", "订单金额"),
        "ordered_at": ("下单时间",),
        "paid_at": ("付款确认时间",),
        "finished_at": ("订单完成时间",),
        "buyer_name": ("客户姓名",),
        "phone": ("联系电话",),
        "member_no": ("会员号", "会员卡号"),
        "logistics_no": ("运单号",),
        "logistics_company": ("快递公司", "承运商"),
    },
    required=("order_no", "sub_no", "item_name", "qty", "status", "amount", "ordered_at"),
    statuses=STATUSES,
)

LAYOUTS = (LINES,)
