"""``guide-server publish-task FILE`` (issue 13): YAML and XLSX task files, all or nothing.

Driven through the command's own parser and ``run`` (``guide_server.task_cli``, not yet
hooked into ``guide_server.cli``), on a copy of the demo database. SQLite and PostgreSQL.
"""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta

import openpyxl
import pytest
from sqlalchemy import func, select

from guide_core.rules.tasks import CHAIN_TZ
from guide_server import task_cli
from guide_server.db import Database
from guide_server.models import Assignment, Customer, Store, Task


@pytest.fixture
def db_url(demo_template, tmp_path):
    url, _ = demo_template.fresh_copy(tmp_path)
    return url


def _run(url: str, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    task_cli.add_parser(parser.add_subparsers(dest="command"))
    return task_cli.run(parser.parse_args(["publish-task", *argv, "--database-url", url]))


def _counts(url: str) -> tuple[int, int]:
    db = Database(url)
    try:
        with db.read() as s:
            return (
                s.scalar(select(func.count()).select_from(Task)),
                s.scalar(select(func.count()).select_from(Assignment)),
            )
    finally:
        db.dispose()


def _tomorrow() -> str:
    return (datetime.now(CHAIN_TZ) + timedelta(days=1)).strftime("%Y-%m-%d 21:00")


def test_yaml_file_publishes_with_chinese_words(db_url, tmp_path, capsys):
    path = tmp_path / "task.yaml"
    path.write_text(
        f"""
tasks:
  - title: 会员回访
    kind: 1v1触达
    due_at: {_tomorrow()}
    targets: {{store_codes: [S001]}}
    items:
      - text: 私聊会员
        segment: {{levels: [普通, 银卡, 金卡, 黑金]}}
      - {{text: 拍照, requires_evidence: true}}
  - title: 每周陈列
    kind: 陈列
    due_at: {_tomorrow()}
    recurrence: 每周
    targets: {{store_codes: [S001, S002]}}
    items: [{{text: 检查价签}}]
""",
        encoding="utf-8",
    )
    before = _counts(db_url)
    assert _run(db_url, str(path), "--dry-run") == 0
    assert "将发布" in capsys.readouterr().out and _counts(db_url) == before
    assert _run(db_url, str(path)) == 0
    out = capsys.readouterr().out
    assert out.count("已发布") == 2
    assert _counts(db_url)[0] == before[0] + 2


def _xlsx(path, tasks: list[list], items: list[list]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "任务"
    sheet.append(["任务编号", "标题", "类型", "截止时间", "开始时间", "重复", "重复截止", "门店"])
    for row in tasks:
        sheet.append(row)
    sheet = book.create_sheet("清单")
    sheet.append(["任务编号", "内容", "等级", "需要照片"])
    for row in items:
        sheet.append(row)
    book.save(path)


def test_xlsx_with_problems_publishes_nothing_and_says_where(db_url, tmp_path, capsys):
    db = Database(db_url)
    with db.read() as s:
        store = s.scalar(select(Store.id).where(Store.code == "S001"))
        levels = set(s.scalars(select(Customer.level).where(Customer.store_id == store)))
    db.dispose()
    missing_level = {"normal": "普通", "silver": "银卡", "gold": "金卡", "black": "黑金"}
    nobody = next(v for k, v in missing_level.items() if k not in levels)
    due = _tomorrow()
    path = tmp_path / "tasks.xlsx"
    _xlsx(
        path,
        [
            ["A", "好任务", "陈列", due, None, None, None, "S001"],
            ["B", "没有截止", "培训", None, None, None, None, "S001"],
            ["C", "门店不对", "培训", due, None, None, None, "S999"],
            ["D", "没人匹配", "1v1触达", due, None, None, None, "S001"],
            ["E", "永不发生", "陈列", due, None, "每天", "2020-01-01", "S001"],
        ],
        [
            ["A", "检查价签", None, "是"],
            ["B", "学习", None, None],
            ["C", "学习", None, None],
            ["D", "私聊", nobody, None],
            ["E", "拍照", None, None],
        ],
    )
    before = _counts(db_url)
    assert _run(db_url, str(path)) == 1
    err = capsys.readouterr().err
    assert "任务 第3行 截止时间: 必填" in err
    assert "门店 S999: 门店编码不存在" in err
    assert "第1项 客户分群: 没有匹配到任何客户" in err
    assert "一次也不会发生" in err
    assert _counts(db_url) == before  # the good task A was not published either

    bad = tmp_path / "tasks.yml"
    bad.write_text("title: [unclosed", encoding="utf-8")
    assert _run(db_url, str(bad)) == 2
    assert "不是有效的 YAML" in capsys.readouterr().err
