"""``guide-server import-orders``: import a sales channel's order export files.

Hooked into :mod:`guide_server.cli` by ``add_parser(sub)`` (the sub-command and its
help) and ``run(args, settings)``. Exit codes: 0 every row imported, 1 some rows
rejected (listed; the good rows were imported), 2 usage or file error (nothing
imported: wrong channel, unreadable file, unknown store, bad mapping).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

_HELP = """\
渠道与文件 (每个渠道支持的导出格式见 docs/ARCHITECTURE.md「订单导入」):
  tmall   天猫/淘宝 卖家中心导出的 订单报表 (可同时给 宝贝报表, 按订单编号合并)
  jd      京东POP 订单导出 (每个商品一行, 同一订单多行自动合并)
  youzan  有赞 订单导出 (订单维度文件, 可同时给 商品维度文件)
  douyin  抖店 订单导出 (每个子订单一行, 按主订单编号合并)
  pos     门店POS 销售明细 (.csv/.xlsx), 必须用 --mapping 给出列映射文件 (JSON 或 YAML)

文件: .csv (UTF-8、UTF-8 BOM、GBK 自动识别; ="…" 和 ' 前缀自动去掉) 或 .xlsx (第一个工作表).
同一渠道同一订单号只保存一份: 重复导入或导入有重叠的文件只更新状态、金额、物流, 不会重复.
有问题的行 (日期/金额/状态不对、行不完整、重复) 会列出文件、行号和原因, 其余行照常导入.
客户匹配: 会员号, 再手机号 (全号); 打码手机号+姓名只生成「建议匹配」, 由店长确认.
退出码: 0 全部导入, 1 有被拒绝的行 (其余已导入), 2 用法或文件错误 (没有导入)."""


def add_parser(sub) -> argparse.ArgumentParser:
    """Add ``import-orders`` to ``guide-server``'s sub-commands."""
    p = sub.add_parser(
        "import-orders",
        help="导入各渠道 (天猫/京东/有赞/抖店/门店POS) 的订单导出文件",
        description="导入销售渠道导出的订单文件, 匹配客户并更新客户消费数据.\n\n" + _HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--channel", required=True, choices=["tmall", "jd", "youzan", "douyin", "pos"], help="渠道"
    )
    p.add_argument("--mapping", type=Path, help="门店POS文件的列映射文件 (.json/.yaml)")
    p.add_argument(
        "--store",
        metavar="CODE",
        help="门店编码: 未匹配到客户的订单归入该门店 (POS: 文件没有门店列时必填)",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="导出文件, 可多个")
    p.add_argument(
        "--database-url", help="默认 sqlite:///<data-dir>/guide.db; 或 postgresql+psycopg://…"
    )
    p.add_argument("--data-dir", type=Path, help="SQLite 文件和 blobs 目录 (默认: 用户数据目录)")
    return p


def run(args: argparse.Namespace, settings=None) -> int:
    """Run the import for parsed ``args``; prints the report in Chinese, returns the exit code."""
    from guide_server.config import Settings
    from guide_server.db import Database
    from guide_server.migrate import upgrade
    from guide_server.order_import import ImportFailed, format_report, import_orders

    if settings is None:
        values = {k: getattr(args, k) for k in ("database_url", "data_dir") if getattr(args, k)}
        settings = Settings(**values)
    if args.channel != "pos" and args.mapping:
        print("错误: --mapping 只用于 pos 渠道", file=sys.stderr)
        return 2
    url = settings.resolved_database_url()
    upgrade(url)
    db = Database(url)
    try:
        report = import_orders(
            db,
            args.channel,
            args.files,
            store_code=args.store,
            mapping=args.mapping,
            progress=_progress,
        )
    except ImportFailed as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    print(format_report(report))
    if report.failed:
        return 2
    return 1 if report.rejected else 0


def _progress(done: int) -> None:
    if done % 50_000 == 0:
        print(f"已处理 {done} 个订单…", file=sys.stderr, flush=True)
