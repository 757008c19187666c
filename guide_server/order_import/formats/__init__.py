"""The channels' export layouts (one module per channel) and which one a file is.

See each module's docstring for the exact export and versions supported.
"""

from __future__ import annotations

from guide_server.order_import.formats import douyin, jd, tmall, youzan
from guide_server.order_import.formats.layout import Layout
from guide_server.order_import.formats.pos import MappingError, load_mapping

#: Layouts per channel, the most specific first.
LAYOUTS: dict[str, tuple[Layout, ...]] = {
    "tmall": tmall.LAYOUTS,
    "jd": jd.LAYOUTS,
    "youzan": youzan.LAYOUTS,
    "douyin": douyin.LAYOUTS,
}
CHANNEL_LABELS = {
    "tmall": "天猫/淘宝",
    "jd": "京东",
    "youzan": "有赞",
    "douyin": "抖店",
    "pos": "门店POS",
}

__all__ = ["CHANNEL_LABELS", "LAYOUTS", "Layout", "MappingError", "load_mapping", "pick_layout"]


def pick_layout(
    channel: str, headers: list[str], candidates: tuple[Layout, ...]
) -> tuple[Layout, dict[str, int]] | str:
    """The layout a header row is, with its role → column index; or why none fits (Chinese).

    The message names the columns the closest layout of ``channel`` expected and,
    when the headers fit another channel's layout, which one.
    """
    best: tuple[int, Layout, list[str]] | None = None
    for layout in candidates:
        found, missing = layout.resolve(headers)
        if not missing:
            return layout, found
        score = len(layout.required) - len(missing)
        if best is None or score > best[0]:
            best = (score, layout, missing)
    assert best is not None
    _, layout, missing = best
    message = (
        f"不是{CHANNEL_LABELS[channel]}的订单导出文件: 缺少列 {'、'.join(missing)}"
        f" (按「{layout.label}」应有列: {'、'.join(layout.expected())})"
    )
    for other, layouts in LAYOUTS.items():
        if other == channel:
            continue
        if any(not lay.resolve(headers)[1] for lay in layouts):
            message += f"; 看起来是{CHANNEL_LABELS[other]}的文件, 请选渠道 {other}"
            break
    return message
