"""A guide's own figures (我的业绩) and a supervisor's per-guide table, read from the cache.

A guide's and a supervisor's cache hold their whole store's customers,
follow-ups, assignments and item checks, so every guide of the store is
counted here the same way, and the ranking needs no server.

The figures, for one guide ``g`` and a clock ``now`` (aware; its offset is the
local time the day and the week are counted in):

客群资产数 (``reachable``)
    Customers ``g`` owns that can actually be reached: a whole phone number
    (not empty, not masked ``138****5678``) **or** in the store's group
    (``in_group``). A customer with neither is owned but not reachable. The
    store's figure counts every customer of the store (also those of no
    guide's or of a former guide's).
本周触达 (``outreach_week``)
    ``g``'s follow-ups dated from Monday 00:00 local up to ``now``, plus the
    customers ``g`` marked 联系过 on outreach items of assignments whose
    occurrence (or due day) is this week and who have no follow-up of ``g``
    this week. Marking a contact normally logs a follow-up in the same
    transaction (``TaskService.mark_contacted``): such a contact is counted
    once, as its follow-up.
本周待跟进 / 已跟进 (``follow_ups_due`` / ``follow_ups_done``)
    ``g``'s follow-ups whose 下次跟进 date falls this week (Monday to Sunday);
    done are those answered by a later follow-up of the same customer (by
    anyone: a colleague's call answers it too).
任务完成率 (``tasks_done`` / ``tasks_due``)
    ``g``'s assignments due in the 30 days before ``now`` (their own due time,
    else their task's): submitted or approved ones over all of them (``None``
    when none was due); open ones of a withdrawn task are not counted.
本店排名 (``rank`` of ``ranked``)
    The store's active guides (role ``guide``) ordered by outreach this week,
    then by completion rate (none due counts as 0); guides equal on both share
    a place (1, 2, 2, 4). A supervisor is not ranked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

import orjson

from guide_app.cache.rows import sql_value
from guide_core.protocol import AssignmentStatus, UserInfo

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from guide_app.cache.database import Cache

#: Roles that see the store's figures and every guide's.
STORE_ROLES = frozenset({"supervisor"})
#: Roles ranked against each other.
RANKED_ROLES = frozenset({"guide"})
#: Statuses counted as finished for the completion rate.
FINISHED = frozenset({AssignmentStatus.SUBMITTED.value, AssignmentStatus.APPROVED.value})
#: 客群资产数: a whole phone (a masked one shows ``*``: ``138****5678``), or in the group.
REACHABLE_SQL = "(coalesce(phone, '') <> '' AND instr(phone, '*') = 0) OR in_group = 1"
#: The window of the completion rate, back from ``now``.
COMPLETION_WINDOW = timedelta(days=30)
#: An assignment's due time (``assignments a LEFT JOIN tasks t``): its own, else its task's
#: (as the 任务 page shows it, ``tasks_query.read_views``), in SQLite's UTC form.
DUE_SQL = "datetime(coalesce(json_extract(a.data, '$.due_at'), t.due_at))"


@dataclass(frozen=True)
class GuideFigures:
    guide_id: str
    name: str
    reachable: int = 0
    outreach_week: int = 0
    follow_ups_due: int = 0
    follow_ups_done: int = 0
    tasks_due: int = 0
    tasks_done: int = 0
    #: Place in the store's ranking (1 = first); 0 = not ranked (not a guide).
    rank: int = 0

    @property
    def completion_rate(self) -> float | None:
        """Finished / due in the window, 0..1; None when nothing was due."""
        return self.tasks_done / self.tasks_due if self.tasks_due else None


@dataclass(frozen=True)
class FiguresReport:
    """What the 我的业绩 panel shows: the user's own line, and for a supervisor the store's."""

    me: GuideFigures
    #: Guides ranked in the store (the ``M`` of 第 N / M).
    ranked: int
    #: Store totals (``guide_id`` = store id, ``rank`` 0): supervisors only.
    store: GuideFigures | None = None
    #: Every active guide of the store, best first: supervisors only.
    guides: tuple[GuideFigures, ...] = field(default_factory=tuple)
    week_start: date | None = None


def week_bounds(now: datetime) -> tuple[datetime, datetime]:
    """Monday 00:00 and the next Monday 00:00 of ``now``'s week, in ``now``'s offset."""
    local = _local(now)
    monday = local.date() - timedelta(days=local.weekday())
    start = datetime.combine(monday, time(), local.tzinfo)
    return start, start + timedelta(days=7)


def guide_figures(cache: Cache, user: UserInfo, now: datetime) -> FiguresReport:
    """The user's figures and place; a supervisor's also the store's totals and each guide's."""
    now = _local(now)
    role = str(user.role)
    with cache.read() as conn:
        staff = _staff(conn, user)
        ids = [uid for uid, _name, _role in staff]
        if user.id not in ids:
            ids.append(user.id)
        rows = _figures(conn, ids, now)
        store_wide = role in STORE_ROLES
        reach = _reachable(conn, None if store_wide else user.id, user.store_id)
    rows = {uid: replace(g, reachable=reach.get(uid, 0)) for uid, g in rows.items()}
    names = {uid: name for uid, name, _role in staff}
    names.setdefault(user.id, user.display_name)
    ranked_ids = [uid for uid, _name, r in staff if r in RANKED_ROLES]
    places = rank_places([rows[uid] for uid in ranked_ids])
    figures = {
        uid: replace(rows[uid], name=names.get(uid, uid), rank=places.get(uid, 0)) for uid in ids
    }
    me = figures[user.id]
    week_start = week_bounds(now)[0].date()
    if role not in STORE_ROLES:
        return FiguresReport(me=me, ranked=len(ranked_ids), week_start=week_start)
    guides = sorted(
        (figures[uid] for uid in ranked_ids), key=lambda g: (g.rank, g.name, g.guide_id)
    )
    everyone = [figures[uid] for uid in ids]
    store = GuideFigures(
        guide_id=str(user.store_id or ""),
        name="",
        # the whole store's: customers of no one's or of a former guide's count too
        reachable=sum(reach.values()),
        outreach_week=sum(g.outreach_week for g in everyone),
        follow_ups_due=sum(g.follow_ups_due for g in everyone),
        follow_ups_done=sum(g.follow_ups_done for g in everyone),
        tasks_due=sum(g.tasks_due for g in everyone),
        tasks_done=sum(g.tasks_done for g in everyone),
    )
    return FiguresReport(
        me=me, ranked=len(ranked_ids), store=store, guides=tuple(guides), week_start=week_start
    )


def rank_key(g: GuideFigures) -> tuple[int, float]:
    """The ranking's composite, larger is better: outreach this week, then completion rate."""
    return (g.outreach_week, g.completion_rate or 0.0)


def rank_places(figures: list[GuideFigures]) -> dict[str, int]:
    """Place of each guide (1 = best); equal composites share a place (1, 2, 2, 4)."""
    ordered = sorted(figures, key=rank_key, reverse=True)
    places: dict[str, int] = {}
    for n, g in enumerate(ordered):
        if n and rank_key(g) == rank_key(ordered[n - 1]):
            places[g.guide_id] = places[ordered[n - 1].guide_id]
        else:
            places[g.guide_id] = n + 1
    return places


# ---------------------------------------------------------------- internals


def _local(now: datetime) -> datetime:
    return now if now.tzinfo is not None else now.astimezone()


def _utc_text(d: datetime) -> str:
    """``d`` as the cache's typed time columns hold times (``rows.sql_value``: UTC text,
    microseconds when there are some), so ``at`` compares as text and its index serves."""
    return str(sql_value(d))


def _staff(conn: Connection, user: UserInfo) -> list[tuple[str, str, str]]:
    """The store's active staff: (id, display name, role)."""
    if not user.store_id:
        return []
    return [
        (str(r[0]), str(r[1] or r[0]), str(r[2]))
        for r in conn.exec_driver_sql(
            "SELECT id, display_name, role FROM users WHERE store_id = ? AND active = 1",
            (user.store_id,),
        )
    ]


def _reachable(conn: Connection, owner_id: str | None, store_id: str | None) -> dict[str, int]:
    """客群资产数 of ``owner_id``, or (None) of every owner in ``store_id`` (key ``""``: no owner).

    One owner: through the owner index. Every owner: one pass over the table (``NOT
    INDEXED``), several times faster than a row lookup per index entry.
    """
    if owner_id is not None:
        where, args = "customers WHERE owner_id = ?", (owner_id,)
    else:
        where, args = "customers NOT INDEXED WHERE store_id = ?", (store_id,)
    return {
        str(owner or ""): int(n)
        for owner, n in conn.exec_driver_sql(
            f"SELECT owner_id, count(*) FROM {where} AND ({REACHABLE_SQL}) GROUP BY owner_id",
            args,
        )
    }


def _figures(conn: Connection, ids: list[str], now: datetime) -> dict[str, GuideFigures]:
    """The figures of each of ``ids`` but ``reachable``, a few grouped queries for all."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    week_start, week_end = week_bounds(now)
    ws, now_u = _utc_text(week_start), _utc_text(now)
    monday, sunday = (
        week_start.date().isoformat(),
        (week_end.date() - timedelta(days=1)).isoformat(),
    )
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    # 本周触达: follow-ups this week (and who they reached, to count a task contact once).
    reached: dict[str, set[str]] = defaultdict(set)
    for guide, customer in conn.exec_driver_sql(
        "SELECT json_extract(data, '$.guide_id'), customer_id FROM follow_ups"
        " WHERE at >= ? AND at <= ?"
        f" AND json_extract(data, '$.guide_id') IN ({marks})",
        (ws, now_u, *ids),
    ):
        counts[guide]["outreach_week"] += 1
        reached[guide].add(customer)
    for guide, contacted in conn.exec_driver_sql(
        "SELECT a.guide_id, json_extract(k.data, '$.contacted_ids') FROM assignments a"
        " JOIN item_checks k ON k.assignment_id = a.id LEFT JOIN tasks t ON t.id = a.task_id"
        f" WHERE a.guide_id IN ({marks})"
        f" AND coalesce(json_extract(a.data, '$.occurrence'), date({DUE_SQL})) BETWEEN ? AND ?"
        " AND json_array_length(k.data, '$.contacted_ids') > 0",
        (*ids, monday, sunday),
    ):
        for customer in orjson.loads(contacted or "[]"):
            if customer not in reached[guide]:
                reached[guide].add(customer)
                counts[guide]["outreach_week"] += 1

    # 本周待跟进 / 已跟进: next follow-up this week; done when a later follow-up exists.
    for guide, due, done in conn.exec_driver_sql(
        "SELECT json_extract(f.data, '$.guide_id'), count(*),"
        " sum(EXISTS (SELECT 1 FROM follow_ups l WHERE l.customer_id = f.customer_id"
        "  AND l.at > f.at))"
        " FROM follow_ups f"
        " WHERE f.next_follow_up_on BETWEEN ? AND ?"  # typed and indexed (cache version 8)
        f" AND json_extract(f.data, '$.guide_id') IN ({marks})"
        " GROUP BY 1",
        (monday, sunday, *ids),
    ):
        counts[guide]["follow_ups_due"] = int(due)
        counts[guide]["follow_ups_done"] = int(done or 0)

    # 任务完成率: assignments due in the last 30 days.
    finished = tuple(sorted(FINISHED))
    for guide, due, done in conn.exec_driver_sql(
        f"SELECT a.guide_id, count(*), sum(a.status IN ({','.join('?' * len(finished))}))"
        " FROM assignments a LEFT JOIN tasks t ON t.id = a.task_id"
        f" WHERE a.guide_id IN ({marks}) AND {DUE_SQL} > ? AND {DUE_SQL} <= ?"
        # a withdrawn task's open assignments are void; its finished ones stay
        " AND NOT (coalesce(json_extract(t.data, '$.status'), '') = 'withdrawn'"
        f"  AND a.status NOT IN ({','.join('?' * len(finished))}))"
        " GROUP BY a.guide_id",
        (*finished, *ids, _utc_text(now - COMPLETION_WINDOW), now_u, *finished),
    ):
        counts[guide]["tasks_due"] = int(due)
        counts[guide]["tasks_done"] = int(done or 0)

    return {uid: GuideFigures(guide_id=uid, name=uid, **counts.get(uid, {})) for uid in ids}
