"""A member import's report as the command line prints it (Chinese)."""

from __future__ import annotations

from guide_core.member_import_api import MemberImportReport


def format_report(report: MemberImportReport) -> str:
    lines = [f"文件: {report.file} ({report.encoding})"]
    if report.ignored_columns:
        lines.append(f"未使用的列: {'、'.join(report.ignored_columns)}")
    if report.problem_count:
        lines.append(f"共 {report.rows} 行, 发现 {report.problem_count} 个问题, 没有导入任何内容:")
        for p in report.problems:
            where = f"第{p.row}行" + (f" [{p.column}]" if p.column else "")
            lines.append(f"  {where}: {p.reason}")
        if report.problem_count > len(report.problems):
            lines.append(f"  …… 另有 {report.problem_count - len(report.problems)} 个问题未列出")
        return "\n".join(lines)
    lines.append(
        f"共 {report.rows} 行: 新建 {report.created}, 更新 {report.updated}, "
        f"未变 {report.unchanged}; 自动分配导购 {report.spread}, 新加标签 {report.tags_added}"
        + (" (试运行, 未写入)" if report.dry_run else "")
    )
    return "\n".join(lines)
