"""``guide-server apply-tag-rules``: run HQ's auto-tag rules over every customer now.

Rules run by themselves after each order import (over the customers it touched) and when
HQ saves one; conditions over "the last N days" and lifecycle stages change with the
date, so a daily run of this command keeps every customer's rule tags current. Hooked
into :mod:`guide_server.cli` by ``add_parser(sub)`` and ``run(args, settings)``.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub) -> argparse.ArgumentParser:
    """Add ``apply-tag-rules`` to ``guide-server``'s sub-commands."""
    p = sub.add_parser(
        "apply-tag-rules",
        help="按总部的自动打标规则, 给所有客户加上或去掉规则标签",
        description="运行全部自动打标规则 (或 --rule 指定的): 符合条件的客户加上标签,"
        " 不再符合的去掉规则加的标签; 导购手动加的标签不动, 导购去掉的不会再加回.",
    )
    p.add_argument("--rule", action="append", metavar="ID", help="只运行这条规则 (可多次)")
    p.add_argument(
        "--database-url", help="默认 sqlite:///<data-dir>/guide.db; 或 postgresql+psycopg://…"
    )
    p.add_argument("--data-dir", type=Path, help="SQLite 文件和 blobs 目录 (默认: 用户数据目录)")
    return p


def run(args: argparse.Namespace, settings=None) -> int:
    """Run the rules; prints what changed in Chinese; exit code 0."""
    from guide_server.config import Settings
    from guide_server.db import Database
    from guide_server.migrate import upgrade
    from guide_server.services.tag_rules import apply_tag_rules

    if settings is None:
        values = {k: getattr(args, k) for k in ("database_url", "data_dir") if getattr(args, k)}
        settings = Settings(**values)
    url = settings.resolved_database_url()
    upgrade(url)
    db = Database(url)
    try:
        result = apply_tag_rules(db, rule_ids=args.rule)
    finally:
        db.dispose()
    print(f"运行规则 {result.rules} 条: 加上标签 {result.added} 个, 去掉 {result.removed} 个")
    return 0
