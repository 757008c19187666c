"""``guide-server``: run, init-db, create-user, demo, purge-tombstones, new-epoch."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from pathlib import Path

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
    return parser


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


_COMMANDS = {
    "run": cmd_run,
    "init-db": cmd_init_db,
    "create-user": cmd_create_user,
    "demo": cmd_demo,
    "purge-tombstones": cmd_purge,
    "new-epoch": cmd_new_epoch,
}
