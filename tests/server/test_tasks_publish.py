"""Publishing (issue 13) on the real database: HQ's targets, segments resolved per guide,
all-or-nothing refusals with clear messages, recurrence over a simulated week."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from guide_core.rules.tasks import CHAIN_TZ
from guide_core.tasks_api import TaskPublish
from guide_server.db import Database
from guide_server.models import Assignment, Customer, CustomerTag, Store, Task, User
from guide_server.services.tasks_publish import PublishRefused, publish
from guide_server.services.tasks_schedule import ensure_occurrences

MONDAY = datetime(2026, 11, 30, 8, 0, tzinfo=CHAIN_TZ)


@pytest.fixture
def db(demo_template, tmp_path):
    url, _ = demo_template.fresh_copy(tmp_path)
    database = Database(url)
    yield database
    database.dispose()


def _body(**kw) -> TaskPublish:
    base = {
        "title": "会员回访",
        "kind": "outreach",
        "start_at": "2026-11-30T09:00:00+08:00",
        "due_at": "2026-11-30T20:00:00+08:00",
        "targets": {"store_codes": ["S001"]},
        "items": [{"text": "检查价签"}],
    }
    base.update(kw)
    return TaskPublish.model_validate(base)


def _count(session, model, *where) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where))


def test_hq_publish_reaches_every_guide_of_the_store_with_their_own_segment(db):
    with db.write() as s:
        store = s.scalar(select(Store).where(Store.code == "S001"))
        tag_id, owner = s.execute(
            select(CustomerTag.tag_id, Customer.owner_id)
            .join(Customer, Customer.id == CustomerTag.customer_id)
            .where(Customer.store_id == store.id, Customer.owner_id.is_not(None))
            .limit(1)
        ).one()
        guides = s.scalars(
            select(User).where(User.store_id == store.id, User.role == "guide", User.active)
        ).all()
        items = [{"text": "联系标签会员", "kind": "outreach", "segment": {"tag_ids": [tag_id]}}]
        report = publish(s, None, _body(items=items), now=MONDAY)
    assert report.published and report.assignments == len(guides) and report.stores == 1
    with db.read() as s:
        for a in s.scalars(select(Assignment).where(Assignment.task_id == report.task_id)):
            (targets,) = a.targets.values()
            for cid in targets:  # only the guide's own customers carrying the tag
                c = s.get(Customer, cid)
                assert c.owner_id == a.guide_id
                assert _count(
                    s, CustomerTag, CustomerTag.customer_id == cid, CustomerTag.tag_id == tag_id
                )
            if a.guide_id == owner:
                assert targets


@pytest.mark.parametrize(
    ("change", "where", "says"),
    [
        ({"due_at": None}, "截止时间", "必填"),
        ({"targets": {"store_codes": ["S999"]}}, "门店 S999", "门店编码不存在"),
        (
            {"recurrence": "daily", "until": "2026-11-01", "due_at": "2026-11-30T20:00:00+08:00"},
            "时间",
            "一次也不会发生",
        ),
        (
            {
                "items": [
                    {
                        "text": "联系",
                        "segment": {"levels": ["black"], "stages": ["new"], "tag_ids": ["no-such"]},
                    }
                ]
            },
            "第1项 客户分群",
            "不存在",
        ),
    ],
)
def test_bad_publish_is_refused_whole_with_a_clear_message(db, change, where, says):
    with db.write() as s:
        before = _count(s, Task), _count(s, Assignment)
        with pytest.raises(PublishRefused) as refused:
            publish(s, None, _body(**change), now=MONDAY)
        problems = refused.value.report.problems
        assert any(p.where == where and says in p.message for p in problems), problems
        assert (_count(s, Task), _count(s, Assignment)) == before


def test_a_segment_matching_nobody_refuses_the_task(db):
    with db.write() as s:
        store = s.scalar(select(Store).where(Store.code == "S001"))
        levels = set(s.scalars(select(Customer.level).where(Customer.store_id == store.id)))
        missing = next(lv for lv in ("black", "gold", "silver", "normal") if lv not in levels)
        items = [{"text": "联系", "segment": {"levels": [missing]}}]
        with pytest.raises(PublishRefused) as refused:
            publish(s, None, _body(items=items), now=MONDAY)
        (problem,) = refused.value.report.problems
        assert problem.where == "第1项 客户分群" and problem.message == "没有匹配到任何客户"
        assert _count(s, Task) == _count(s, Task, Task.id != refused.value.report.task_id)


def test_daily_sop_over_a_simulated_week_makes_one_assignment_per_guide_and_day(db):
    body = _body(
        title="每日开店检查",
        kind="display",
        recurrence="daily",
        until="2026-12-04",
        items=[{"text": "拍门头照片", "requires_evidence": True}],
    )
    with db.write() as s:
        store = s.scalar(select(Store).where(Store.code == "S001"))
        guides = _count(s, User, User.store_id == store.id, User.role == "guide", User.active)
        report = publish(s, None, body, now=MONDAY)
        assert report.assignments == guides  # Monday only: later days are made on their day
    for day in range(7):  # Monday .. Sunday, twice a day (idempotent)
        for hour in (7, 19):
            now = (MONDAY + timedelta(days=day)).replace(hour=hour)
            with db.write() as s:
                ensure_occurrences(s, store.id, now=now)
    with db.read() as s:
        rows = s.execute(
            select(Assignment.occurrence, Assignment.due_at).where(
                Assignment.task_id == report.task_id
            )
        ).all()
    days = sorted({d for d, _ in rows})
    assert days == [date(2026, 11, 30) + timedelta(days=n) for n in range(5)]  # until Friday
    assert len(rows) == 5 * guides
    for d, due in rows:
        assert due.astimezone(UTC) == datetime.combine(d, datetime.min.time(), CHAIN_TZ).replace(
            hour=20
        ).astimezone(UTC)


def test_the_pull_hook_makes_a_day_once_per_store(db):
    from guide_server.services.tasks_schedule import _ENSURED, ensure_today

    body = _body(title="每日SOP", recurrence="daily", items=[{"text": "开店检查"}])
    with db.write() as s:
        store = s.scalar(select(Store.id).where(Store.code == "S001"))
        publish(s, None, body, now=MONDAY)
    _ENSURED.pop(store, None)
    tuesday = MONDAY + timedelta(days=1)
    first = ensure_today(db, store, now=tuesday)
    assert first > 0
    assert ensure_today(db, store, now=tuesday.replace(hour=20)) == 0  # memo: no query
    _ENSURED.pop(store, None)
    assert ensure_today(db, store, now=tuesday) == 0  # idempotent in the database too


def test_stage_segments_use_the_chains_lifecycle_thresholds(db):
    """A 沉睡 segment means what the app shows as 沉睡: HQ's thresholds, not the defaults."""
    from guide_core.lifecycle import CHAIN_SETTING_ID
    from guide_server.models import ChainSetting

    def dormant_targets(s) -> int:
        items = [{"text": "召回", "segment": {"stages": ["dormant", "lost"]}}]
        body = _body(items=items, dry_run=True, due_at="2026-12-05T20:00:00+08:00")
        try:
            report = publish(s, None, body, now=MONDAY)
        except PublishRefused:
            return 0
        return sum(sum(a.targets.values()) for a in report.assigned)

    with db.write() as s:
        before = dormant_targets(s)
        # everyone who bought more than a day ago is at least 沉睡 now
        s.add(
            ChainSetting(
                id=CHAIN_SETTING_ID,
                lifecycle_new_days=0,
                lifecycle_new_max_orders=0,
                lifecycle_active_days=1,
                lifecycle_dormant_days=2,
            )
        )
        s.flush()
        after = dormant_targets(s)
    assert after > before
