"""Display labels of the protocol's enum codes, through Qt's translator.

``guide_app.domain.labels`` holds the same Chinese words for non-Qt callers;
here they pass through ``QCoreApplication.translate`` so English ships as a .qm.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def level_label(code: str | None) -> str:
    return {
        "normal": _t("普通"),
        "silver": _t("银卡"),
        "gold": _t("金卡"),
        "black": _t("黑金"),
    }.get(code or "", code or "")


def stage_label(code: str | None) -> str:
    return {"new": _t("新客"), "active": _t("活跃"), "dormant": _t("沉睡"), "lost": _t("流失")}.get(
        code or "", code or ""
    )


def channel_label(code: str | None) -> str:
    return {"chat": _t("私聊"), "group": _t("社群"), "phone": _t("电话"), "visit": _t("到店")}.get(
        code or "", code or ""
    )


def order_channel_label(code: str | None) -> str:
    return {
        "tmall": _t("天猫"),
        "jd": _t("京东"),
        "youzan": _t("有赞"),
        "douyin": _t("抖音"),
        "pos": _t("门店POS"),
    }.get(code or "", code or "")


def order_status_label(code: str | None) -> str:
    return {
        "paid": _t("已付款"),
        "shipped": _t("已发货"),
        "finished": _t("已完成"),
        "refunded": _t("已退款"),
        "cancelled": _t("已取消"),
    }.get(code or "", code or "")


LEVELS = ("normal", "silver", "gold", "black")
STAGES = ("new", "active", "dormant", "lost")
FOLLOW_UP_CHANNELS = ("chat", "group", "phone", "visit")
