"""Task rules, once for both sides: who publishes, edits, withdraws and reads the
board; when a task's occurrences fall; which customers a segment means.

- HQ publishes to any stores, regions, roles or named guides, and edits or
  withdraws any task. A store's supervisor publishes, edits and withdraws only
  their own store's tasks (``scope == "store"``) for guides of that store; HQ
  tasks are read-only to them. Guides publish nothing.
- A withdrawn task is final: no edit, no second withdrawal.
- Schedule: ``due_at`` is required and after ``start_at`` (which defaults to
  00:00 of the due day, chain time). A recurring task repeats daily, weekly or
  monthly (same day of the month, the month's last day when shorter) up to
  ``until`` inclusive; each occurrence is due within one period of its start,
  and ``until`` before the first start never fires, so it is refused.
- Segment: a customer matches when every non-empty list matches (any tag, any
  level, any lifecycle stage on the day of resolution).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from guide_core.lifecycle import DEFAULT_THRESHOLDS, StageThresholds, stage_of

from .codes import Code, Refusal, refuse
from .facts import Actor, Target

#: Store clocks: the chain is in China (``occurrence`` days are counted here).
CHAIN_TZ = timezone(timedelta(hours=8))


# --------------------------------------------------------------------------- who


@dataclass(frozen=True)
class TaskFacts:
    """A published task as the rules see it."""

    scope: str = "hq"  # hq | store
    store_id: str | None = None  # the store of a store task
    status: str = "active"


def may_publish(actor: Actor, scope: str, store_ids: Iterable[str]) -> Refusal | None:
    """HQ: any targets. Supervisor: a store task of their own store only. Guide: never."""
    if actor.role == "guide":
        return refuse(Code.FORBIDDEN, "只有店长或总部可以发布任务")
    if actor.is_hq:
        return None
    stores = set(store_ids)
    if scope != "store":
        return refuse(Code.FORBIDDEN, "店长只能发布本店任务")
    if stores != {actor.store_id}:
        return refuse(Code.OTHER_STORE, "店长只能给本店导购发布任务")
    return None


def may_create_store_task(actor: Actor, target: Target) -> Refusal | None:
    """``task.create`` (push): ``target.store_id`` is the store every chosen guide
    belongs to (``None`` when they are not all of one store)."""
    if actor.role == "guide":
        return refuse(Code.FORBIDDEN, "只有店长或总部可以发布任务")
    if target.store_id is None:
        return refuse(Code.UNKNOWN_OWNER, "所选导购须属于同一门店")
    if not actor.in_store(target.store_id):
        return refuse(Code.OTHER_STORE, "店长只能给本店导购发布任务")
    return None


def may_manage(actor: Actor, task: TaskFacts) -> Refusal | None:
    """Edit or withdraw: HQ any task; a supervisor their store's own tasks; not a withdrawn one."""
    if actor.role == "guide":
        return refuse(Code.FORBIDDEN, "只有店长或总部可以修改任务")
    if not actor.is_hq:
        if task.scope != "store":
            return refuse(Code.FORBIDDEN, "总部任务只能由总部修改或撤回")
        if task.store_id != actor.store_id:
            return refuse(Code.UNKNOWN_TASK)
    if task.status == "withdrawn":
        return refuse(Code.TASK_WITHDRAWN, "不能再修改或撤回")
    return None


def may_read_board(actor: Actor, store_id: str | None) -> Refusal | None:
    """HQ: any store, region or the whole chain; a supervisor their own store; guides none."""
    if actor.role == "guide":
        return refuse(Code.FORBIDDEN, "只有店长或总部可以查看任务看板")
    if actor.is_hq:
        return None
    if store_id not in (None, actor.store_id):
        return refuse(Code.OTHER_STORE)
    return None


# --------------------------------------------------------------------------- evidence

#: Largest evidence photo (bytes); the client shrinks a bigger picture before upload.
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
EVIDENCE_MIMES = frozenset(
    {"image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp", "image/heic"}
)


def sniff_image(head: bytes) -> str | None:
    """The image type the first bytes of a file say (None: not an image we take)."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:2] == b"BM":
        return "image/bmp"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "image/heic"
    return None


#: What an upload without a declared type is stored as (the app's uploads today).
UNDECLARED_MIME = "application/octet-stream"


def evidence_refusal(mime: str, size: int) -> Refusal | None:
    """An evidence file must be an image within the limit. Judged by the type it was
    uploaded with; an upload that declared none passes (until the blob route records
    the type it sniffs from the bytes)."""
    mime = (mime or UNDECLARED_MIME).lower()
    if mime != UNDECLARED_MIME and mime not in EVIDENCE_MIMES:
        return refuse(Code.EVIDENCE_NOT_IMAGE, f"实际类型 {mime or '未知'}")
    if size > MAX_EVIDENCE_BYTES:
        return refuse(
            Code.EVIDENCE_TOO_LARGE,
            f"实际: {size / 1048576:.1f} MB, 最大 {MAX_EVIDENCE_BYTES // 1048576} MB",
        )
    return None


# --------------------------------------------------------------------------- schedule


@dataclass(frozen=True)
class Occurrence:
    day: date  # chain time
    start_at: datetime
    due_at: datetime


def _as_time(value: datetime | str | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def _as_day(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def first_start(start_at: datetime | None, due_at: datetime) -> datetime:
    """``start_at``, or 00:00 of the due day (chain time) when none was given."""
    if start_at is not None:
        return start_at
    return datetime.combine(due_at.astimezone(CHAIN_TZ).date(), time(), CHAIN_TZ)


def _add_months(moment: datetime, months: int) -> datetime:
    local = moment.astimezone(CHAIN_TZ)
    index = local.month - 1 + months
    year, month = local.year + index // 12, index % 12 + 1
    day = min(local.day, calendar.monthrange(year, month)[1])
    return local.replace(year=year, month=month, day=day)


def _shift(moment: datetime, recurrence: str | None, k: int) -> datetime:
    if k == 0 or recurrence is None:
        return moment
    if recurrence == "daily":
        return moment + timedelta(days=k)
    if recurrence == "weekly":
        return moment + timedelta(days=7 * k)
    return _add_months(moment, k)


_PERIOD = {"daily": timedelta(days=1), "weekly": timedelta(days=7), "monthly": timedelta(days=28)}
_PERIOD_TEXT = {"daily": "1天", "weekly": "7天", "monthly": "28天"}
_RECURRENCE_TEXT = {"daily": "每天", "weekly": "每周", "monthly": "每月"}


def schedule_refusal(
    start_at: datetime | str | None,
    due_at: datetime | str | None,
    recurrence: str | None,
    until: date | str | None,
) -> Refusal | None:
    """A due time that is missing or not after the start, an occurrence longer than its
    period, or a recurrence whose ``until`` comes before the first start."""
    start, due, last = _as_time(start_at), _as_time(due_at), _as_day(until)
    if due is None:
        return refuse(Code.INVALID_SCHEDULE, "缺少截止时间")
    start = first_start(start, due)
    if due <= start:
        return refuse(Code.INVALID_SCHEDULE, "截止时间须晚于开始时间")
    if recurrence:
        if due - start > _PERIOD[recurrence]:
            return refuse(
                Code.INVALID_SCHEDULE,
                f"{_RECURRENCE_TEXT[recurrence]}重复的任务, 截止时间须在开始后"
                f"{_PERIOD_TEXT[recurrence]}之内",
            )
        first_day = start.astimezone(CHAIN_TZ).date()
        if last is not None and last < first_day:
            return refuse(
                Code.INVALID_SCHEDULE,
                f"重复截止日期 {last} 早于开始日期 {first_day}, 一次也不会发生",
            )
    return None


#: Most occurrences one call lists (a daily task over a year and more).
MAX_OCCURRENCES = 400


def occurrences(
    start_at: datetime | None,
    due_at: datetime,
    recurrence: str | None,
    until: date | None,
    through: date,
) -> list[Occurrence]:
    """Every occurrence whose day (chain time) is on or before ``through`` (and ``until``).

    A one-off task has exactly one occurrence, whatever ``through`` says.
    """
    start = first_start(start_at, due_at)
    length = due_at - start
    if not recurrence:
        return [Occurrence(start.astimezone(CHAIN_TZ).date(), start, due_at)]
    found: list[Occurrence] = []
    k = 0
    while k < MAX_OCCURRENCES:
        s = _shift(start, recurrence, k)
        day = s.astimezone(CHAIN_TZ).date()
        if day > through or (until is not None and day > until):
            return found
        found.append(Occurrence(day, s, s + length))
        k += 1
    return found


# --------------------------------------------------------------------------- segments


@dataclass(frozen=True)
class CustomerFacts:
    """What a segment reads of one customer."""

    level: str = "normal"
    tag_ids: frozenset[str] = field(default_factory=frozenset)
    last_purchase_at: datetime | date | str | None = None
    member_since: date | str | None = None
    order_count: int = 0


def segment_matches(
    customer: CustomerFacts,
    segment: dict,
    today: date,
    thresholds: StageThresholds = DEFAULT_THRESHOLDS,
) -> bool:
    """Does the customer fall in the segment (``Segment`` as a dict) on ``today``, with
    the chain's lifecycle thresholds (the ones the app shows stages with)?"""
    tags, levels, stages = (segment.get(k) or [] for k in ("tag_ids", "levels", "stages"))
    if tags and not customer.tag_ids.intersection(tags):
        return False
    if levels and customer.level not in levels:
        return False
    if stages:
        stage = stage_of(
            customer.last_purchase_at,
            customer.member_since,
            customer.order_count,
            today,
            thresholds,
        )
        if stage not in stages:
            return False
    return True
