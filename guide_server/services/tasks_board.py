"""The task board: completion by guide, task, store and region over the last weeks,
and the ranking HQ drives its guides with. Counted by each assignment's due time
(an occurrence belongs to the week it is due in, chain time)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from guide_core.rules.tasks import CHAIN_TZ
from guide_core.tasks_api import Board, BoardCounts, BoardRow, BoardWeek, Ranking, RankRow
from guide_server.models import Assignment, Region, Store, Task, User
from guide_server.models.base import utcnow


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _window(weeks: int, now: datetime) -> tuple[date, date, list[date]]:
    this_week = _monday(now.astimezone(CHAIN_TZ).date())
    starts = [this_week - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    return starts[0], this_week + timedelta(days=7), starts


class _Tally:
    __slots__ = ("by_status", "overdue")

    def __init__(self) -> None:
        self.by_status: dict[str, int] = defaultdict(int)
        self.overdue = 0

    def add(self, status: str, overdue: bool) -> None:
        self.by_status[status] += 1
        self.overdue += overdue

    def counts(self) -> BoardCounts:
        s = self.by_status
        assigned = sum(s.values())
        done = s["submitted"] + s["approved"]
        return BoardCounts(
            assigned=assigned,
            todo=s["todo"],
            in_progress=s["in_progress"],
            submitted=s["submitted"],
            approved=s["approved"],
            sent_back=s["sent_back"],
            overdue=self.overdue,
            done=done,
            rate=round(done / assigned, 4) if assigned else 0.0,
            approved_rate=round(s["approved"] / assigned, 4) if assigned else 0.0,
        )


def _rows(session: Session, since: date, until: date, store_ids, now: datetime):
    lo = datetime.combine(since, time(), CHAIN_TZ)
    hi = datetime.combine(until, time(), CHAIN_TZ)
    query = select(
        Assignment.guide_id,
        Assignment.task_id,
        Assignment.store_id,
        Assignment.status,
        Assignment.due_at,
    ).where(Assignment.due_at >= lo, Assignment.due_at < hi)
    if store_ids is not None:
        query = query.where(Assignment.store_id.in_(store_ids))
    for guide, task, store, status, due in session.execute(query):
        overdue = due < now and status not in ("submitted", "approved")
        week = _monday(due.astimezone(CHAIN_TZ).date())
        yield guide, task, store, status, overdue, week


def _stores_in(session: Session, store_id: str | None, region_id: str | None):
    if store_id:
        return [store_id]
    if region_id:
        return list(session.scalars(select(Store.id).where(Store.region_id == region_id)))
    return None


def board(
    session: Session,
    *,
    store_id: str | None = None,
    region_id: str | None = None,
    weeks: int = 12,
    now: datetime | None = None,
) -> Board:
    now = now or utcnow()
    since, until, starts = _window(weeks, now)
    stores = _stores_in(session, store_id, region_id)
    total = _Tally()
    keyed: dict[str, dict[str, _Tally]] = {"guide": {}, "task": {}, "store": {}}
    weekly: dict[str, dict[tuple[str, date], _Tally]] = {"guide": {}, "task": {}, "store": {}}
    for guide, task, store, status, overdue, week in _rows(session, since, until, stores, now):
        total.add(status, overdue)
        for kind, key in (("guide", guide), ("task", task), ("store", store)):
            keyed[kind].setdefault(key, _Tally()).add(status, overdue)
            weekly[kind].setdefault((key, week), _Tally()).add(status, overdue)
    names = _names(session, keyed)

    def rows(kind: str) -> list[BoardRow]:
        out = []
        for key, tally in keyed[kind].items():
            name, store_of, store_name, region_name = names[kind].get(key, (key, None, "", ""))
            series = [
                BoardWeek(week_start=w, counts=(weekly[kind].get((key, w)) or _Tally()).counts())
                for w in starts
            ]
            out.append(
                BoardRow(
                    id=key,
                    name=name,
                    store_id=store_of,
                    store_name=store_name,
                    region_name=region_name,
                    counts=tally.counts(),
                    weeks=series,
                )
            )
        return sorted(out, key=lambda r: (-r.counts.rate, r.name))

    one_store = store_id is not None
    return Board(
        since=since,
        until=until - timedelta(days=1),
        weeks=starts,
        total=total.counts(),
        by_guide=rows("guide") if one_store else [],
        by_task=rows("task") if one_store else [],
        by_store=rows("store"),
        generated_at=now,
    )


def _names(session: Session, keyed) -> dict[str, dict[str, tuple]]:
    stores = {s.id: (s.name, s.region_id) for s in session.scalars(select(Store))}
    regions = dict(session.execute(select(Region.id, Region.name)).all())

    def where(store_id):
        name, region = stores.get(store_id, ("", None))
        return name, regions.get(region, "")

    out: dict[str, dict[str, tuple]] = {"guide": {}, "task": {}, "store": {}}
    if keyed["guide"]:
        for u in session.scalars(select(User).where(User.id.in_(list(keyed["guide"])))):
            out["guide"][u.id] = (u.display_name or u.username, u.store_id, *where(u.store_id))
    if keyed["task"]:
        for t in session.scalars(select(Task).where(Task.id.in_(list(keyed["task"])))):
            out["task"][t.id] = (t.title, None, "", "")
    for sid in keyed["store"]:
        out["store"][sid] = (stores.get(sid, ("", None))[0], sid, *where(sid))
    return out


def ranking(
    session: Session,
    by: str,
    *,
    store_id: str | None = None,
    region_id: str | None = None,
    weeks: int = 12,
    now: datetime | None = None,
) -> Ranking:
    """Best completion first (ties: more approved, then name); regions summed from stores."""
    now = now or utcnow()
    since, until, _ = _window(weeks, now)
    stores = _stores_in(session, store_id, region_id)
    store_region = dict(session.execute(select(Store.id, Store.region_id)).all())
    tallies: dict[str, _Tally] = {}
    for guide, _task, store, status, overdue, _week in _rows(session, since, until, stores, now):
        key = {"guide": guide, "store": store, "region": store_region.get(store, "")}[by]
        tallies.setdefault(key, _Tally()).add(status, overdue)
    store_names = dict(session.execute(select(Store.id, Store.name)).all())
    region_names = dict(session.execute(select(Region.id, Region.name)).all())
    users = {}
    if by == "guide" and tallies:
        users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(list(tallies))))}
    rows = []
    for key, tally in tallies.items():
        if by == "guide":
            u = users.get(key)
            name = (u.display_name or u.username) if u else key
            store = u.store_id if u else None
        elif by == "store":
            name, store = store_names.get(key, key), key
        else:
            name, store = region_names.get(key, key), None
        region = region_names.get(store_region.get(store or "", ""), "") if by != "region" else ""
        rows.append((tally.counts(), name, store_names.get(store or "", ""), region, key))
    rows.sort(key=lambda r: (-r[0].rate, -r[0].approved, r[1]))
    return Ranking(
        by=by,
        since=since,
        until=until - timedelta(days=1),
        rows=[
            RankRow(rank=n, id=key, name=name, store_name=sn, region_name=rn, counts=c)
            for n, (c, name, sn, rn, key) in enumerate(rows, 1)
        ],
        generated_at=now,
    )
