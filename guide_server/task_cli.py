"""``guide-server publish-task FILE``: publish HQ tasks from a YAML or XLSX file.

Hooked into :mod:`guide_server.cli` by ``add_parser(sub)`` and ``run(args, settings)``.
Every task of the file is published in one transaction, or none (each problem listed
with where it is). Exit codes: 0 published (or, with --dry-run, would be), 1 the file
has problems (nothing written), 2 usage or file error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

_HELP = """\
YAML (一个任务, 或 tasks: 列表):
  title: 双12会员回访
  kind: 1v1触达            # 1v1触达/群发/朋友圈/陈列/培训/其他
  start_at: 2026-12-10 09:00   # 无时区按北京时间 (+08:00)
  due_at: 2026-12-12 21:00     # 必填
  recurrence: 每周          # 每天/每周/每月 (可省略); until: 2027-01-31 重复截止日期
  targets: {store_codes: [S001, S002], regions: [华东], guides: [s003-g1], roles: [guide]}
  items:
    - text: 私聊金卡以上会员
      script: 双12预售提醒      # 话术标题 (或 script_id)
      segment: {tags: ["肤质:干性"], levels: [金卡, 黑金], stages: [沉睡]}
    - {text: 拍陈列照片, requires_evidence: true, requires_note: true}
XLSX: 工作表「任务」(任务编号, 标题, 类型, 说明, 开始时间, 截止时间, 重复, 重复截止,
  门店, 区域, 导购, 角色; 多个用 ; 分隔) 和「清单」(任务编号, 内容, 类型, 需要备注,
  需要照片, 话术, 素材, 标签, 等级, 生命周期).
全部任务检查通过才发布; 任何问题 (缺截止时间、门店不存在、客户分群一个客户都匹配不到、
重复截止日期早于开始) 都不写入, 并列出每个问题的位置和原因.
退出码: 0 成功, 1 文件里有问题 (未写入), 2 用法或文件错误."""


def add_parser(sub) -> argparse.ArgumentParser:
    """Add ``publish-task`` to ``guide-server``'s sub-commands."""
    p = sub.add_parser(
        "publish-task",
        help="从 YAML/XLSX 文件发布总部任务",
        description="发布任务 (全部成功或全部不写入).\n\n" + _HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", type=Path, metavar="FILE", help="任务文件 .yaml/.yml 或 .xlsx")
    p.add_argument("--dry-run", action="store_true", help="只检查并列出会发给谁, 不写入")
    p.add_argument(
        "--database-url", help="默认 sqlite:///<data-dir>/guide.db; 或 postgresql+psycopg://…"
    )
    p.add_argument("--data-dir", type=Path, help="SQLite 文件和 blobs 目录 (默认: 用户数据目录)")
    return p


class _Refused(Exception):
    pass


def format_report(reports) -> str:
    lines = []
    for r in reports:
        verb = "将发布" if r.dry_run else "已发布"
        lines.append(
            f"{verb} 任务 {r.task_id}: {r.stores} 家门店, {r.guides} 位导购, "
            f"{r.assignments} 个任务分配"
        )
        lines += [f"  提醒: {w.where}: {w.message}" for w in r.warnings]
    return "\n".join(lines)


def run(args: argparse.Namespace, settings=None) -> int:
    """Publish the file's tasks for parsed ``args``; prints in Chinese, returns the exit code."""
    from guide_server.config import Settings
    from guide_server.db import Database
    from guide_server.migrate import upgrade
    from guide_server.services.tasks_publish import PublishRefused, publish
    from guide_server.tabular import TableError
    from guide_server.task_file import read_task_file

    if settings is None:
        values = {k: getattr(args, k) for k in ("database_url", "data_dir") if getattr(args, k)}
        settings = Settings(**values)
    url = settings.resolved_database_url()
    upgrade(url)
    db = Database(url)
    problems: list[str] = []
    reports = []
    try:
        with db.write() as session:
            tasks, found = read_task_file(session, args.file)
            problems += [f"{p.where}: {p.message}" for p in found]
            for where, body in tasks:
                if args.dry_run:
                    body = body.model_copy(update={"dry_run": True})
                try:
                    reports.append(publish(session, None, body))
                except PublishRefused as exc:
                    label = f"{where}「{body.title}」"
                    problems += [f"{label} {p.where}: {p.message}" for p in exc.report.problems]
            if problems:
                raise _Refused()
    except TableError as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return 2
    except _Refused:
        pass
    finally:
        db.dispose()
    if problems:
        print("未发布 (文件里有问题, 没有写入任何内容):", file=sys.stderr)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(format_report(reports))
    return 0
