"""Display labels of the protocol's enum codes, through Qt's translator.

``guide_app.domain.labels`` holds the same Chinese words for non-Qt callers;
here they pass through ``QCoreApplication.translate`` so English ships as a .qm.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def level_label(code: str | None) -> str:
    return {
        "normal": QCoreApplication.translate("Labels", "普通"),
        "silver": QCoreApplication.translate("Labels", "银卡"),
        "gold": QCoreApplication.translate("Labels", "金卡"),
        "black": QCoreApplication.translate("Labels", "黑金"),
    }.get(code or "", code or "")


def stage_label(code: str | None) -> str:
    return {
        "new": QCoreApplication.translate("Labels", "新客"),
        "active": QCoreApplication.translate("Labels", "活跃"),
        "dormant": QCoreApplication.translate("Labels", "沉睡"),
        "lost": QCoreApplication.translate("Labels", "流失"),
    }.get(code or "", code or "")


def channel_label(code: str | None) -> str:
    return {
        "chat": QCoreApplication.translate("Labels", "私聊"),
        "group": QCoreApplication.translate("Labels", "社群"),
        "phone": QCoreApplication.translate("Labels", "电话"),
        "visit": QCoreApplication.translate("Labels", "到店"),
    }.get(code or "", code or "")


def order_channel_label(code: str | None) -> str:
    return {
        "tmall": QCoreApplication.translate("Labels", "天猫"),
        "jd": QCoreApplication.translate("Labels", "京东"),
        "youzan": QCoreApplication.translate("Labels", "有赞"),
        "douyin": QCoreApplication.translate("Labels", "抖音"),
        "pos": QCoreApplication.translate("Labels", "门店POS"),
    }.get(code or "", code or "")


def order_status_label(code: str | None) -> str:
    return {
        "paid": QCoreApplication.translate("Labels", "已付款"),
        "shipped": QCoreApplication.translate("Labels", "已发货"),
        "finished": QCoreApplication.translate("Labels", "已完成"),
        "refunded": QCoreApplication.translate("Labels", "已退款"),
        "cancelled": QCoreApplication.translate("Labels", "已取消"),
    }.get(code or "", code or "")


LEVELS = ("normal", "silver", "gold", "black")
STAGES = ("new", "active", "dormant", "lost")
FOLLOW_UP_CHANNELS = ("chat", "group", "phone", "visit")


def local_time(value: object, with_time: bool = True) -> str:
    """A time from the cache (UTC text or datetime) in the PC's local time."""
    from datetime import UTC, datetime

    if value in (None, ""):
        return ""
    if not isinstance(value, datetime):
        try:
            value = datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)[:16]
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone().strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")
