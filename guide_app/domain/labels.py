"""Chinese labels of the protocol's enum codes (the wire carries only the codes)."""

from __future__ import annotations

from guide_core.rules.assignments import STATUS_TEXT

LEVELS = {"normal": "普通", "silver": "银卡", "gold": "金卡", "black": "黑金"}
#: Order of levels for sorting (higher is more valuable).
LEVEL_RANK = {"normal": 0, "silver": 1, "gold": 2, "black": 3}
STAGES = {"new": "新客", "active": "活跃", "dormant": "沉睡", "lost": "流失"}
FOLLOW_UP_CHANNELS = {"chat": "私聊", "group": "社群", "phone": "电话", "visit": "到店"}
ORDER_CHANNELS = {
    "tmall": "天猫",
    "jd": "京东",
    "youzan": "有赞",
    "douyin": "抖音",
    "pos": "门店POS",
}
ORDER_STATUSES = {
    "paid": "已付款",
    "shipped": "已发货",
    "finished": "已完成",
    "refunded": "已退款",
    "cancelled": "已取消",
}
#: The state machine's own words (``guide_core.rules.assignments``), also in its refusals.
ASSIGNMENT_STATUSES = {str(code): text for code, text in STATUS_TEXT.items()}
TASK_KINDS = {
    "outreach": "1v1触达",
    "broadcast": "群发",
    "moments": "朋友圈",
    "display": "陈列",
    "training": "培训",
    "other": "其他",
}
MATERIAL_KINDS = {
    "text": "文本",
    "image": "图片",
    "video": "视频",
    "link": "链接",
    "miniprogram": "小程序",
    "file": "文件",
    "poster": "海报",
    "moments": "朋友圈",
}
SUGGESTION_STATUSES = {"pending": "待处理", "accepted": "已采纳", "declined": "未采纳"}
ROLES = {"guide": "导购", "supervisor": "店长", "hq": "总部"}
SCOPES = {"hq": "总部", "store": "门店", "personal": "个人"}
SEVERITIES = {"block": "禁止", "warn": "提醒"}
ENTITIES = {
    "customer": "客户",
    "customer_tag": "客户标签",
    "follow_up": "跟进记录",
    "item_check": "任务项",
    "assignment": "任务",
    "script": "话术",
    "material": "素材",
    "order": "订单",
    "task": "任务",
    "script_suggestion": "话术建议",
    "favorite": "收藏",
    "user": "账号",
    "today_action": "今日事项",
}
OPS = {
    "create": "新建",
    "update": "修改",
    "reassign": "转移",
    "dismiss_duplicate": "忽略疑似重复",
    "merge": "合并重复客户",
    "add": "添加",
    "remove": "移除",
    "set": "勾选",
    "start": "开始",
    "submit": "提交",
    "review": "审核",
    "delete": "删除",
    "use": "使用",
    "set_qr": "设置企微二维码",
    "contact": "标记已联系",
    "reopen": "撤回提交",
    "clear": "撤销标记",
    "handover": "离职交接",
}


def label(table: dict[str, str], code: str | None) -> str:
    """The Chinese label of ``code``, or the code itself when unknown (never empty for a code)."""
    if code is None:
        return ""
    return table.get(code, code)
