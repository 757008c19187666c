"""Plain domain rules: lifecycle stage (Python and SQL agree), labels, script variables, sensitive words."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from guide_app.domain.labels import LEVELS, ORDER_CHANNELS, STAGES, label
from guide_app.domain.script_vars import fill, salutation, surname_of, variables_for, variables_in
from guide_app.domain.sensitive import check_text
from guide_core.lifecycle import StageThresholds, stage_of, stage_params, stage_sql

TODAY = date(2026, 11, 23)


def _d(n: int | None) -> str | None:
    return None if n is None else (TODAY - timedelta(days=n)).isoformat()


CASES = [
    # (days since last purchase, days since joining, orders, expected)
    (None, 5, 0, "new"),
    (3, 20, 1, "new"),
    (3, 20, 2, "active"),  # joined recently but already a repeat buyer
    (90, 400, 3, "active"),
    (91, 400, 3, "dormant"),
    (180, 400, 3, "dormant"),
    (181, 400, 3, "lost"),
    (None, 60, 0, "active"),  # never bought: counted from joining
    (None, 200, 0, "lost"),
    (None, None, 0, "new"),
]


@pytest.mark.parametrize(("last", "joined", "orders", "expected"), CASES)
def test_stage_python_and_sql_agree(last, joined, orders, expected):
    assert stage_of(_d(last), _d(joined), orders, today=TODAY) == expected
    con = sqlite3.connect(":memory:")
    sql = stage_sql(":last", ":joined", ":cnt")
    last_value = None if last is None else _d(last) + "T23:59:00+08:00"
    got = con.execute(
        f"SELECT {sql}",
        {"last": last_value, "joined": _d(joined), "cnt": orders, **stage_params(TODAY)},
    ).fetchone()[0]
    assert got == expected


def test_thresholds_are_configurable():
    t = StageThresholds(new_days=7, active_days=30, dormant_days=60)
    assert stage_of(_d(45), _d(400), 3, today=TODAY, t=t) == "dormant"
    assert stage_of(_d(45), _d(400), 3, today=TODAY) == "active"


def test_labels_are_chinese_and_unknown_codes_pass_through():
    assert [label(LEVELS, c) for c in ("normal", "silver", "gold", "black")] == [
        "普通",
        "银卡",
        "金卡",
        "黑金",
    ]
    assert label(STAGES, "dormant") == "沉睡" and label(ORDER_CHANNELS, "pos") == "门店POS"
    assert label(LEVELS, "diamond") == "diamond" and label(LEVELS, None) == ""


def test_salutation_and_variables():
    assert (
        surname_of("欧阳娜娜") == "欧阳" and surname_of("张三") == "张" and surname_of("Amy") == ""
    )
    assert salutation("张三", gender="f") == "张女士"
    assert salutation("张三", gender="m") == "张先生"
    assert salutation("张三", remark_name="三姐") == "三姐"
    assert salutation("张三") == "张三"
    values = variables_for(
        {"name": "李四", "birthday": "1990-03-08", "last_purchase_at": "2026-11-01T10:00:00+08:00"},
        guide_name="小林",
        store_name="静安店",
    )
    body = "{称呼}您好，我是{门店}的{导购}，{生日}生日快乐！上次{上次购买}购买的还满意吗？{未知}"
    assert (
        fill(body, values)
        == "李四您好，我是静安店的小林，3月8日生日快乐！上次11月1日购买的还满意吗？{未知}"
    )
    assert variables_in(body) == ["称呼", "门店", "导购", "生日", "上次购买", "未知"]
    assert fill("{生日}", variables_for({"name": "x"})) == ""


def test_sensitive_words_block_and_warn():
    words = [("最便宜", "block"), ("保证", "warn"), ("VIP", "warn")]
    result = check_text("全网最便宜，保证正品，vip专享", words)
    assert result.blocked
    assert [h.word for h in result.hits] == ["最便宜", "保证", "VIP"]
    assert "禁用词" in result.message() and "最便宜" in result.message()
    clean = check_text("祝您生日快乐", words)
    assert not clean.blocked and clean.message() == ""
    assert not check_text("保证", words).blocked
