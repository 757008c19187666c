"""An import's report as Chinese text (the command line prints it)."""

from __future__ import annotations

from guide_core.order_import_api import OrderImportReport
from guide_server.order_import.formats import CHANNEL_LABELS


def format_report(report: OrderImportReport) -> str:
    lines = [f"渠道: {CHANNEL_LABELS.get(report.channel, report.channel)}"]
    for f in report.files:
        lines.append(f"文件: {f.file} — {f.layout}, {f.read_as}, {f.rows} 行")
    if report.failed:
        lines.append("没有导入任何订单:")
    else:
        lines.append(
            f"读取 {report.rows_read} 行: 新订单 {report.orders_imported}, 更新 {report.orders_updated},"
            f" 未变 {report.orders_unchanged}, 未付款跳过 {report.orders_skipped}"
        )
        lines.append(
            f"匹配到客户 {report.orders_matched}, 未匹配 {report.orders_unmatched}"
            f" (其中有建议客户待店长确认 {report.orders_suggested});"
            f" 更新了 {report.customers_updated} 位客户的消费数据"
        )
        if report.rejected:
            lines.append(f"拒绝 {report.rejected} 行:")
    for p in report.problems:
        where = f"{p.file} 第{p.line}行" if p.line else p.file
        lines.append(f"  {where}: {p.reason}")
    if report.rejected > len(report.problems):
        lines.append(f"  … 另有 {report.rejected - len(report.problems)} 行未列出")
    return "\n".join(lines)
