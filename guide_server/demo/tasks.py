"""Tasks in the demo chain: what HQ and each store hand out, and how far guides got.

The tables are plain text like ``content``'s (one record a line, ``|`` between
fields, ``-`` for none); items name scripts and materials by their ``content``
keys. The row builders write tasks with their items, one assignment per task
and targeted guide (a status mix that fits the due date) and the item checks
of the assignments already started.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from guide_core.protocol import item_check_id
from guide_server.demo.assets import asset_by_name
from guide_server.demo.clock import DAY
from guide_server.demo.names import field_words, optional_field, parse_table

if TYPE_CHECKING:
    from guide_server.demo.chain import Chain

#: key | title | kind | due (days from today) | recurrence | description.
#: ``t_store`` is each store's own task, created by its supervisor.
_TASKS = """
t_1111 | 双11会员回访 | outreach | 3 | - | 双11前联系高意向和金卡以上会员，告知预售权益。
t_moments | 新品上市朋友圈 | moments | 1 | - | 用统一文案和产品图发一条朋友圈。
t_display | 门店陈列检查 | display | -2 | weekly | 按陈列标准检查新品位置与价签。
t_training | 新人培训: 敏感词规范 | training | 7 | - | 阅读敏感词规范并完成自测。
t_group | 会员日社群预热 | broadcast | -10 | monthly | 会员日前3天在会员群发预告。
t_store | 沉睡会员召回 | outreach | 5 | - | 本周内联系名单上的沉睡会员，送回归券。
"""
#: task key | item text | script:<title> material:<key> customers (target list) evidence
_TASK_ITEMS = """
t_1111 | 发送双11预售提醒话术 | script:双11预售提醒
t_1111 | 附上双11海报 | material:poster_1111
t_1111 | 记录每位会员的意向并打标签 | -
t_moments | 复制朋友圈文案 | material:text_moments
t_moments | 配图：玻尿酸精华产品图 | material:img_serum
t_moments | 发布后截图上传 | evidence
t_display | 对照陈列标准摆放新品 | material:img_display
t_display | 检查价签与系统价格一致 | -
t_display | 拍摄陈列照片上传 | evidence
t_display | 清点试用装数量 | -
t_training | 阅读《敏感词规范》 | material:file_words
t_training | 完成10道自测题 | -
t_group | 发送会员日群公告 | material:text_memberday
t_group | 发送会员日海报 | material:poster_memberday
t_group | 群内回复顾客提问 | script:会员日当天
t_store | 逐个私聊名单上的会员 | script:好久不见 customers
t_store | 发送回归券小程序 | material:mp_coupon customers
t_store | 记录跟进结果 | -
"""


def _task_items(key: str) -> tuple[tuple[str, str | None, str | None, bool, bool], ...]:
    items = []
    for task, text, flags in parse_table(_TASK_ITEMS):
        if task != key:
            continue
        marks = dict(f.partition(":")[::2] for f in field_words(flags))
        items.append(
            (
                text,
                marks.get("script"),
                marks.get("material"),
                "customers" in marks,
                "evidence" in marks,
            )
        )
    return tuple(items)


_ALL_TASKS = tuple(
    (key, title, kind, description, int(due), optional_field(recurrence), _task_items(key))
    for key, title, kind, due, recurrence, description in parse_table(_TASKS)
)
HQ_TASKS = tuple(t for t in _ALL_TASKS if t[0] != "t_store")
STORE_TASK = next(t for t in _ALL_TASKS if t[0] == "t_store")
_REVIEW_REASONS = (
    "照片不清晰，请重新拍摄",
    "名单上还有3位会员未联系",
    "价签未更换，请整改后再提交",
)

# =========================================================================== rows


@dataclass
class Task:
    row: dict
    items: list[dict]
    store_codes: list[str]  # stores whose guides get an assignment


def plan_tasks(chain: Chain) -> list[Task]:
    """HQ tasks (one for the first store's region only) and one store task per store."""
    rng = chain.rng("tasks")
    tasks: list[Task] = []
    region = [s for s in chain.stores if s.region == chain.stores[0].region]
    for key, title, kind, desc, due, recurrence, items in HQ_TASKS:
        targets = region if key == "t_moments" else chain.stores
        row = _task_row(
            chain,
            chain.id("task", key),
            title,
            kind,
            desc,
            due,
            recurrence,
            chain.hq_id,
            "hq",
            [s.id for s in targets] if targets is region else [],
            rng,
        )
        tasks.append(Task(row, _item_rows(chain, row["id"], items, []), [s.code for s in targets]))
    key, title, kind, desc, due, recurrence, items = STORE_TASK
    for plan in chain.plans:
        s = plan.store
        row = _task_row(
            chain,
            chain.id("task", f"{key}:{s.code}"),
            title,
            kind,
            desc,
            due,
            recurrence,
            s.mgr_id,
            "store",
            [s.id],
            rng,
        )
        targets = chain.sleeping_customers(plan, limit=8)
        tasks.append(Task(row, _item_rows(chain, row["id"], items, targets), [s.code]))
    return tasks


def _task_row(
    chain: Chain,
    tid: str,
    title: str,
    kind: str,
    desc: str,
    due: int,
    recurrence: str | None,
    by: str,
    scope: str,
    store_ids: list[str],
    rng: random.Random,
) -> dict:
    due_at = datetime.combine(chain.today + timedelta(days=due), time(22, 0), chain.tz)
    created = due_at - timedelta(days=rng.randint(7, 14), hours=rng.randint(0, 8))
    return {
        "id": tid,
        "title": title,
        "kind": kind,
        "description": desc,
        "created_by": by,
        "scope": scope,
        "store_ids": store_ids,
        "guide_ids": [],
        "due_at": due_at.isoformat(),
        "recurrence": recurrence,
        "created_at": created.isoformat(),
    }


def _item_rows(chain: Chain, task_id: str, items: tuple, customers: list[str]) -> list[dict]:
    return [
        {
            "id": chain.id("task_item", f"{task_id}:{sort}"),
            "task_id": task_id,
            "sort": sort,
            "text": text,
            "script_id": chain.script_ids[script] if script else None,
            "material_id": chain.material_ids[material] if material else None,
            "customer_ids": list(customers) if targeted else [],
            "requires_evidence": evidence,
        }
        for sort, (text, script, material, targeted, evidence) in enumerate(items)
    ]


def assignment_rows(chain: Chain, tasks: list[Task]) -> Iterator[dict]:
    """One per task × targeted guide, with a status mix that fits the due date."""
    rng = chain.rng("assignments")
    by_code = {s.code: s for s in chain.stores}
    for task in tasks:
        overdue = datetime.fromisoformat(task.row["due_at"]).timestamp() < chain.now
        mix = (10, 10, 20, 50, 10) if overdue else (40, 30, 15, 10, 5)
        for code in task.store_codes:
            store = by_code[code]
            for guide_id in store.guide_ids:
                status = rng.choices(
                    ("todo", "in_progress", "submitted", "approved", "sent_back"), mix
                )[0]
                row = {
                    "id": chain.id("assignment", f"{task.row['id']}:{guide_id}"),
                    "task_id": task.row["id"],
                    "guide_id": guide_id,
                    "store_id": store.id,
                    "status": status,
                    "submitted_at": None,
                    "reviewed_by": None,
                    "reviewed_at": None,
                    "review_reason": "",
                }
                if status in ("submitted", "approved", "sent_back"):
                    submitted = chain.now - rng.randrange(3600, 5 * DAY)
                    row["submitted_at"] = chain.iso(submitted)
                    if status != "submitted":
                        reviewed = submitted + rng.randrange(600, chain.now - submitted)
                        row.update(reviewed_by=store.mgr_id, reviewed_at=chain.iso(reviewed))
                    if status == "sent_back":
                        row["review_reason"] = rng.choice(_REVIEW_REASONS)
                if status != "todo":
                    chain.started_assignments.append((row, task))
                yield row


def item_check_rows(chain: Chain) -> Iterator[dict]:
    """Ticks for started assignments: some items when in progress, all once submitted."""
    rng = chain.rng("checks")
    evidence = asset_by_name("evidence_shelf.png")[0]
    for row, task in chain.started_assignments:
        items = task.items
        if row["status"] == "in_progress":
            chosen = items[: rng.randint(1, max(1, len(items) - 1))]
            end = chain.now - 60
        else:
            chosen = items
            end = int(datetime.fromisoformat(row["submitted_at"]).timestamp())
        done_at = end
        stamps = []
        for _ in chosen:  # ticked one after another, the last shortly before submitting
            done_at -= rng.randrange(300, 4 * 3600)
            stamps.append(done_at)
        for item, at in zip(chosen, reversed(stamps), strict=True):
            yield {
                "id": item_check_id(row["id"], item["id"]),
                "assignment_id": row["id"],
                "item_id": item["id"],
                "store_id": row["store_id"],
                "done": True,
                "done_at": chain.iso(at),
                "note": rng.choice(("", "", "已完成", "顾客已回复", "明天继续跟进")),
                "evidence_sha256": evidence if item["requires_evidence"] else None,
                "checked_by": row["guide_id"],
            }
