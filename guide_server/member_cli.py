"""``guide-server import-members``: import a CRM/POS member export as customers.

Hooked into :mod:`guide_server.cli` by ``add_parser(sub)`` and ``run(args, settings)``.
Exit codes as ``import-scripts``: 0 imported (or, with --dry-run, would import),
1 the file has problems (listed; nothing written), 2 usage or file error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

_HELP = """\
列 (表头也可用常见 CRM/POS 导出的叫法, 如 会员姓名、手机号码、会员卡号、门店编码、专属导购、会员等级):
  姓名 (必填), 手机号, 会员号 (每行至少填一个, 用来识别客户),
  门店 (门店编码; 空: 用 --store 指定的门店),
  导购 (用户名或姓名; 空: 新客户平均分给门店的在职导购),
  等级 (普通/银卡/金卡/黑金), 生日, 入会日期 (2024-01-31、2024/1/31、2024年1月31日),
  来源渠道, 标签 (标签组:标签, 多个用 ; 分隔, 如 肤质:干性;宝宝月龄:0-6月), 备注.
其他列不读取 (报告里列出). 表头完全不同时用 --mapping 给出映射文件 (JSON 或 YAML):
  {"columns": {"姓名": "会员名称", "手机号": "联系手机"}, "levels": {"钻石卡": "黑金"}, "sheet": "会员"}

文件: .csv (UTF-8、UTF-8 BOM、GBK 自动识别; ="…" 和 ' 前缀自动去掉) 或 .xlsx (第一个工作表).
全部检查通过才写入; 有任何问题时不写入, 并列出每个问题的行、列和原因.
同一会员号 (全连锁) 或同一门店的同一手机号视为同一客户: 更新已有客户, 不会重复建;
重复导入同一文件不会改变任何内容.
退出码: 0 成功, 1 文件里有问题 (未写入), 2 用法或文件错误."""


def add_parser(sub) -> argparse.ArgumentParser:
    """Add ``import-members`` to ``guide-server``'s sub-commands."""
    p = sub.add_parser(
        "import-members",
        help="从 CRM/POS 导出的会员表 (.xlsx/.csv) 批量导入客户",
        description="导入会员名单为客户 (全部成功或全部不写入).\n\n" + _HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", type=Path, metavar="FILE", help="会员表 .xlsx 或 .csv")
    p.add_argument(
        "--store", metavar="CODE", help="门店编码: 门店列为空 (或没有门店列) 的行归入该门店"
    )
    p.add_argument("--mapping", type=Path, metavar="FILE", help="列映射文件 (.json/.yaml)")
    p.add_argument("--dry-run", action="store_true", help="只检查并统计, 不写入")
    p.add_argument(
        "--database-url", help="默认 sqlite:///<data-dir>/guide.db; 或 postgresql+psycopg://…"
    )
    p.add_argument("--data-dir", type=Path, help="SQLite 文件和 blobs 目录 (默认: 用户数据目录)")
    return p


def run(args: argparse.Namespace, settings=None) -> int:
    """Run the import for parsed ``args``; prints the report in Chinese, returns the exit code."""
    from guide_server.config import Settings
    from guide_server.db import Database
    from guide_server.member_import import MappingError, format_report, import_members
    from guide_server.migrate import upgrade
    from guide_server.tabular import TableError

    if settings is None:
        values = {k: getattr(args, k) for k in ("database_url", "data_dir") if getattr(args, k)}
        settings = Settings(**values)
    url = settings.resolved_database_url()
    upgrade(url)
    db = Database(url)
    try:
        report = import_members(
            db, args.file, store_code=args.store, mapping=args.mapping, dry_run=args.dry_run
        )
    except (TableError, MappingError, LookupError) as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    print(format_report(report))
    return 1 if report.problem_count else 0
