"""``guide-server``: run, init-db, create-user, demo, purge-tombstones, new-epoch, and the
library in bulk: import-scripts, export-scripts, import-materials."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from pathlib import Path

from guide_server import member_cli, order_cli, tag_rules_cli, task_cli
from guide_server.config import Settings


def _settings(args: argparse.Namespace) -> Settings:
    values = {}
    for key in ("host", "port", "database_url", "data_dir", "workers"):
        value = getattr(args, key, None)
        if value is not None:
            values[key] = value
    if getattr(args, "quiet", False):
        values["access_log"] = False
    return Settings(**values)


def _add_db_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--database-url", help="默认 sqlite:///<data-dir>/guide.db; 或 postgresql+psycopg://…"
    )
    p.add_argument("--data-dir", type=Path, help="SQLite 文件和 blobs 目录 (默认: 用户数据目录)")


def _add_serve_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="监听地址; 0.0.0.0 让店内其他电脑连接 (默认: %(default)s)",
    )
    p.add_argument("--port", type=int, default=8765, help="端口 (默认: %(default)s)")
    p.add_argument("--workers", type=int, default=1, help="uvicorn 进程数 (默认: %(default)s)")
    p.add_argument("--quiet", action="store_true", help="不写每个请求的日志")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="guide-server", description="导购工作台 中心服务器")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="升级数据库并启动服务")
    _add_serve_flags(run)
    _add_db_flags(run)

    init = sub.add_parser("init-db", help="创建或升级数据库结构")
    _add_db_flags(init)

    user = sub.add_parser("create-user", help="新建账号")
    user.add_argument("username")
    user.add_argument("--role", required=True, choices=["guide", "supervisor", "hq"])
    user.add_argument("--store-code", help="门店编码, 如 S001 (导购/店长必填)")
    user.add_argument("--display-name")
    user.add_argument("--password", help="不给则提示输入")
    _add_db_flags(user)

    demo = sub.add_parser(
        "demo",
        help="生成演示连锁数据并启动服务",
        description="生成一个演示连锁 (门店、导购、客户、订单、话术、素材、任务) 并启动服务。"
        " 演示账号: hq, s001-mgr, s001-g1 …, 密码 demo1234。",
    )
    demo.add_argument("--stores", type=int, default=3, help="门店数 (默认: %(default)s)")
    demo.add_argument("--customers", type=int, default=200, help="每店客户数 (默认: %(default)s)")
    demo.add_argument("--orders", type=int, default=800, help="每店订单数 (默认: %(default)s)")
    demo.add_argument("--guides", type=int, default=3, help="每店导购数 (默认: %(default)s)")
    demo.add_argument(
        "--seed", type=int, default=1, help="随机种子: 同一种子生成同样的数据 (默认: %(default)s)"
    )
    demo.add_argument("--no-serve", action="store_true", help="只生成数据, 不启动服务")
    _add_serve_flags(demo)
    _add_db_flags(demo)

    purge = sub.add_parser("purge-tombstones", help="清理过期的删除记录 (默认180天)")
    purge.add_argument(
        "--days", type=int, default=None, help="保留天数 (默认: 配置的 tombstone_days, 180)"
    )
    _add_db_flags(purge)

    epoch = sub.add_parser("new-epoch", help="从备份恢复后: 开始新纪元, 所有客户端重新同步")
    _add_db_flags(epoch)
    _add_library_commands(sub)
    order_cli.add_parser(sub)
    tag_rules_cli.add_parser(sub)
    member_cli.add_parser(sub)
    task_cli.add_parser(sub)
    return parser


_SCRIPT_COLUMNS_HELP = """\
列: 分组 (路径 一级/二级/三级, 最多8层; 空 = 不分组), 标题, 内容 (可用 {称呼} {称呼|亲} 等变量),
关键词 (用 、 , ; 或空格分隔), 适用范围, 生效日期, 失效日期 (YYYY-MM-DD 或 YYYY/M/D).

适用范围: 空或「全部」= 所有人; 否则 门店:S001,S002 / 区域:华东 / 角色:导购,店长
(角色: 导购、店长、总部), 多项用 ; 连接, 如 门店:S001,S002;角色:导购 (同时满足).

文件: .xlsx (默认第一个工作表, --sheet 指定) 或 .csv (UTF-8、UTF-8 BOM、GBK 自动识别).
全部检查通过才写入; 有任何问题时不写入, 并列出每个问题的行、列和原因.
同一分组下同一标题视为同一条话术: 重复导入同一文件不会改变任何内容.
退出码: 0 成功, 1 文件里有问题 (未写入), 2 用法或文件错误."""

_MATERIALS_HELP = """\
文件夹里放 manifest.xlsx 或 manifest.csv 和它列出的文件.
清单列: 文件, 类型, 标题, 描述, 标签, 链接, 适用范围, 生效日期, 失效日期.
类型: 图片 / 视频 / 文件 (各一个文件), 链接 / 小程序 (填 链接), 文本 (内容写在 描述),
朋友圈 (文件 列出最多9张图片, 用 、 或 ; 分隔; 文字写在 描述). 海报请在应用里制作.
图片必须能正常打开; 单个文件不超过 100 MB. 标题+类型 相同视为同一素材.
适用范围写法同 import-scripts. 退出码: 0 成功, 1 有问题 (未写入), 2 用法或文件错误."""


def _add_library_commands(sub) -> None:
    raw = argparse.RawDescriptionHelpFormatter
    imp = sub.add_parser(
        "import-scripts",
        help="从 .xlsx/.csv 批量导入话术",
        description="从 .xlsx 或 .csv 批量导入话术 (全部成功或全部不写入).\n\n"
        + _SCRIPT_COLUMNS_HELP,
        formatter_class=raw,
    )
    imp.add_argument("file", type=Path, help="要导入的 .xlsx 或 .csv 文件")
    imp.add_argument(
        "--store", metavar="CODE", help="导入为该门店的话术 (门店编码, 如 S001); 默认总部话术"
    )
    imp.add_argument("--sheet", help="xlsx 的工作表名 (默认: 第一个)")
    imp.add_argument("--dry-run", action="store_true", help="只检查并统计, 不写入")
    _add_db_flags(imp)

    exp = sub.add_parser(
        "export-scripts",
        help="把话术导出为 .xlsx/.csv",
        description="导出话术 (列同 import-scripts; .csv 为带 BOM 的 UTF-8, Excel 可直接打开).\n\n"
        + _SCRIPT_COLUMNS_HELP,
        formatter_class=raw,
    )
    exp.add_argument("file", type=Path, help="导出到的 .xlsx 或 .csv 文件 (已存在则覆盖)")
    exp.add_argument("--store", metavar="CODE", help="导出该门店的话术 (门店编码); 默认总部话术")
    _add_db_flags(exp)

    mat = sub.add_parser(
        "import-materials",
        help="按清单从文件夹批量导入素材",
        description="按文件夹里的清单批量导入素材 (全部成功或全部不写入).\n\n" + _MATERIALS_HELP,
        formatter_class=raw,
    )
    mat.add_argument("folder", type=Path, help="放着 manifest.xlsx/manifest.csv 和素材文件的文件夹")
    mat.add_argument("--dry-run", action="store_true", help="只检查并统计, 不写入")
    _add_db_flags(mat)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # Alembic narrates every start ("Context impl …", "Will assume …"): keep its warnings only
    logging.getLogger("alembic").setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    settings = _settings(args)
    try:
        return _COMMANDS[args.command](args, settings)
    except KeyboardInterrupt:
        return 130
    except (ValueError, LookupError) as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return 2


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from guide_server.migrate import upgrade

    upgrade(settings.resolved_database_url())
    serve(settings)
    return 0


def serve(settings: Settings) -> None:
    """Start uvicorn; with several workers, each builds its app from the environment."""
    import uvicorn

    from guide_server.http_protocol import uvicorn_http_options

    env = {
        "GUIDE_SERVER_DATABASE_URL": settings.resolved_database_url(),
        "GUIDE_SERVER_DATA_DIR": str(settings.resolved_data_dir()),
        "GUIDE_SERVER_ACCESS_LOG": "1" if settings.access_log else "0",
    }
    os.environ.update(env)
    uvicorn.run(
        "guide_server.app:app_from_env",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        access_log=False,
        log_level="info",
        # X-Forwarded-For is read by guide_server.api.client_address, from trusted_proxies only
        # (uvicorn's default would believe it from any loopback peer).
        proxy_headers=False,
        **uvicorn_http_options(),
    )


def cmd_init_db(args: argparse.Namespace, settings: Settings) -> int:
    from guide_server.migrate import upgrade

    upgrade(settings.resolved_database_url())
    print(f"数据库已就绪: {settings.resolved_database_url()}")
    return 0


def cmd_create_user(args: argparse.Namespace, settings: Settings) -> int:
    from guide_server.db import Database
    from guide_server.migrate import upgrade
    from guide_server.services import users

    password = args.password or getpass.getpass("密码: ")
    upgrade(settings.resolved_database_url())
    db = Database(settings.resolved_database_url())
    try:
        user_id = users.create_user(
            db,
            None,  # the operator at the console
            username=args.username,
            role=args.role,
            password=password,
            store_code=args.store_code,
            display_name=args.display_name,
        ).id
    finally:
        db.dispose()
    print(f"已创建账号 {args.username} ({args.role}) id={user_id}")
    return 0


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from guide_server.blobs import BlobStore
    from guide_server.db import Database
    from guide_server.demo.load import seed_chain
    from guide_server.migrate import upgrade

    url = settings.resolved_database_url()
    upgrade(url)
    db = Database(url)
    try:
        if _has_users(db):
            print("数据库里已有数据, 不再重复生成 (database already seeded)")
        else:
            counts = seed_chain(
                db,
                BlobStore(settings.blob_dir(), settings.max_blob_bytes),
                stores=args.stores,
                customers_per_store=args.customers,
                orders_per_store=args.orders,
                guides_per_store=args.guides,
                seed=args.seed,
            )
            print("已生成演示数据: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    finally:
        db.dispose()
    _print_sign_ins(args.stores, args.guides)
    if not args.no_serve:
        print(f"服务地址: http://{settings.host}:{settings.port}  (API 文档: /docs)")
        serve(settings)
    return 0


def _has_users(db) -> bool:
    from sqlalchemy import func, select

    from guide_server.models import User

    with db.read() as session:
        return bool(session.scalar(select(func.count()).select_from(User)))


def _print_sign_ins(stores: int, guides: int) -> None:
    try:
        from guide_server.demo.generate import sign_ins

        rows = sign_ins(stores, guides)
    except ImportError:
        rows = [("hq", "hq", "总部")]
        for n in range(1, stores + 1):
            rows.append((f"s{n:03d}-mgr", "supervisor", f"S{n:03d} 店长"))
            rows += [(f"s{n:03d}-g{g}", "guide", f"S{n:03d} 导购") for g in range(1, guides + 1)]
    print("演示账号 (密码均为 demo1234):")
    for username, role, description in rows[: 1 + min(stores, 5) * (guides + 1)]:
        print(f"  {username:<12} {role:<10} {description}")
    if stores > 5:
        print(f"  … 共 {stores} 家门店, 账号规则相同 (s006-mgr, s006-g1 …)")


def cmd_purge(args: argparse.Namespace, settings: Settings) -> int:
    from guide_server.db import Database
    from guide_server.sync.tombstones import purge_tombstones

    db = Database(settings.resolved_database_url())
    try:
        removed = purge_tombstones(
            db, args.days if args.days is not None else settings.tombstone_days
        )
    finally:
        db.dispose()
    print(f"已清理 {removed} 条删除记录")
    return 0


def cmd_new_epoch(args: argparse.Namespace, settings: Settings) -> int:
    from guide_server.db import Database
    from guide_server.migrate import rotate_epoch

    db = Database(settings.resolved_database_url())
    try:
        print(f"新纪元: {rotate_epoch(db)} (所有客户端将重新同步)")
    finally:
        db.dispose()
    return 0


def _open_db(settings: Settings):
    from guide_server.db import Database
    from guide_server.migrate import upgrade

    upgrade(settings.resolved_database_url())
    return Database(settings.resolved_database_url())


def print_report(report, *, dry_run: bool = False) -> None:
    """An import's report in Chinese: how the file was read, the counts, every problem."""
    print(f"文件: {report.file} ({report.encoding})")
    if report.problems:
        print(f"共 {report.rows} 行, 发现 {len(report.problems)} 个问题, 没有导入任何内容:")
        for p in report.problems:
            where = f"第{p.row}行" + (f" [{p.column}]" if p.column else "")
            print(f"  {where}: {p.reason}")
        return
    groups = f", 新建分组 {report.groups_created}" if report.groups_created else ""
    print(
        f"共 {report.rows} 行: 新建 {report.created}, 更新 {report.updated}, "
        f"未变 {report.unchanged}{groups}" + (" (试运行, 未写入)" if dry_run else "")
    )


def cmd_import_scripts(args: argparse.Namespace, settings: Settings) -> int:
    from guide_server.library_io.scripts import import_scripts

    db = _open_db(settings)
    try:
        report = import_scripts(
            db, args.file, store_code=args.store, dry_run=args.dry_run, sheet=args.sheet
        )
    finally:
        db.dispose()
    print_report(report, dry_run=args.dry_run)
    return 1 if report.problems else 0


def cmd_export_scripts(args: argparse.Namespace, settings: Settings) -> int:
    from guide_server.library_io.scripts import export_scripts

    db = _open_db(settings)
    try:
        count = export_scripts(db, args.file, store_code=args.store)
    finally:
        db.dispose()
    print(f"已导出 {count} 条话术到 {args.file}")
    return 0


def cmd_import_materials(args: argparse.Namespace, settings: Settings) -> int:
    from guide_server.blobs import BlobStore
    from guide_server.library_io.materials import import_materials

    db = _open_db(settings)
    try:
        report = import_materials(
            db,
            BlobStore(settings.blob_dir(), settings.max_blob_bytes),
            args.folder,
            dry_run=args.dry_run,
        )
    finally:
        db.dispose()
    print_report(report, dry_run=args.dry_run)
    return 1 if report.problems else 0


_COMMANDS = {
    "run": cmd_run,
    "init-db": cmd_init_db,
    "create-user": cmd_create_user,
    "demo": cmd_demo,
    "purge-tombstones": cmd_purge,
    "new-epoch": cmd_new_epoch,
    "import-scripts": cmd_import_scripts,
    "export-scripts": cmd_export_scripts,
    "import-materials": cmd_import_materials,
    "import-orders": order_cli.run,
    "import-members": member_cli.run,
    "apply-tag-rules": tag_rules_cli.run,
    "publish-task": task_cli.run,
}
