"""The store board (门店看板): how much of the store's task work got done, by guide,
by task and by week, over the last weeks, from the PC's own cache (works offline).

An assignment counts in the week of its due day (chain time, as the server's
board counts) when that day lies in the window: the last weeks up to the end (Sunday)
of this week, as the server's board and ranking count. It is *done*
when submitted or approved, and *approved* when the supervisor passed it. The figures
are two ``GROUP BY`` queries in SQLite over the store's assignments (guide × week
cells, and tasks); by guide and by week are sums of the few cells (≤ guides ×
weeks), never a Python pass over the rows. ``write_board_xlsx`` exports the board.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from guide_app.cache.database import Cache
from guide_core.rules.tasks import CHAIN_TZ

#: Weeks the board shows unless asked otherwise, and the most it shows.
DEFAULT_WEEKS = 8
MAX_WEEKS = 52

#: An assignment's day: the day (chain time, +08:00) of its own due time, as the
#: server's board counts it; else its occurrence; else its task's due day.
_DAY = (
    "coalesce(date(json_extract(a.data, '$.due_at'), '+8 hours'),"
    " json_extract(a.data, '$.occurrence'), date(t.due_at, '+8 hours'))"
)
_SPAN = (
    f"SELECT a.guide_id AS guide_id, a.task_id AS task_id, a.status AS status, {_DAY} AS day"
    " FROM assignments a LEFT JOIN tasks t ON t.id = a.task_id WHERE a.store_id = ?"
)
_TOTALS = (
    "count(*) AS due,"
    " sum(status IN ('submitted', 'approved')) AS done,"
    " sum(status = 'approved') AS approved"
)


@dataclass(frozen=True)
class Rate:
    """One row of the board: what was due, done (submitted or approved) and approved."""

    key: str
    name: str
    due: int
    done: int
    approved: int

    @property
    def rate(self) -> float:
        return self.done / self.due if self.due else 0.0

    @property
    def approved_rate(self) -> float:
        return self.approved / self.due if self.due else 0.0


@dataclass(frozen=True)
class StoreBoard:
    store_id: str
    #: The Monday of each week shown, oldest first; the window ends ``last_day`` (a Sunday).
    weeks: list[date]
    last_day: date
    #: Best rate first (then more work done, then name).
    by_guide: list[Rate]
    by_task: list[Rate]
    #: The whole store, one per week of ``weeks`` (``due == 0``: nothing that week).
    by_week: list[Rate]
    #: guide id → that guide's rate per week of ``weeks`` (None: nothing due).
    guide_weeks: dict[str, list[Rate | None]] = field(default_factory=dict)

    @property
    def total(self) -> Rate:
        return Rate(
            "",
            "",
            sum(r.due for r in self.by_week),
            sum(r.done for r in self.by_week),
            sum(r.approved for r in self.by_week),
        )


def chain_today(now: datetime | None = None) -> date:
    """Today in the chain's time (the day occurrences are counted in)."""
    return (now or datetime.now(CHAIN_TZ)).astimezone(CHAIN_TZ).date()


def window(weeks: int, today: date) -> tuple[date, list[date]]:
    """The first day and the Mondays of the last ``weeks`` weeks ending with ``today``'s."""
    weeks = max(1, min(int(weeks), MAX_WEEKS))
    this_monday = today - timedelta(days=today.weekday())
    mondays = [this_monday - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]
    return mondays[0], mondays


def _ranked(rows: list[Rate]) -> list[Rate]:
    return sorted(rows, key=lambda r: (-r.rate, -r.done, r.name, r.key))


class TaskBoard:
    """``session.task_board``-style reader over one cache (safe on worker threads)."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache

    @property
    def closed(self) -> bool:
        return self._cache.closed

    def store_board(
        self, store_id: str, weeks: int = DEFAULT_WEEKS, today: date | None = None
    ) -> StoreBoard:
        """The board of ``store_id`` over the last ``weeks`` weeks, the week of ``today``
        (chain time) the last, whole."""
        today = today or chain_today()
        first, mondays = window(weeks, today)
        last = mondays[-1] + timedelta(days=6)
        span = f"WITH s AS ({_SPAN}) "
        week_no = "CAST((julianday(day) - julianday(?)) / 7 AS INTEGER)"
        with self._cache.read() as conn:
            # guide x week cells: by guide and by week are sums of these few groups
            cells = conn.exec_driver_sql(
                f"{span}SELECT guide_id, {week_no} AS w, {_TOTALS} FROM s"
                " WHERE day >= ? AND day <= ? GROUP BY guide_id, w",
                (store_id, first.isoformat(), first.isoformat(), last.isoformat()),
            ).all()
            tasks = conn.exec_driver_sql(
                f"{span}SELECT g.task_id, coalesce(t.title, ''), g.due, g.done, g.approved"
                f" FROM (SELECT task_id, {_TOTALS} FROM s WHERE day >= ? AND day <= ?"
                " GROUP BY task_id) g LEFT JOIN tasks t ON t.id = g.task_id",
                (store_id, first.isoformat(), last.isoformat()),
            ).all()
            names = dict(
                conn.exec_driver_sql(
                    "SELECT id, coalesce(display_name, '') FROM users WHERE store_id = ?",
                    (store_id,),
                ).all()
            )
        n = len(mondays)
        week_sums = [[0, 0, 0] for _ in range(n)]
        guide_sums: dict[str, list[int]] = {}
        guide_weeks: dict[str, list[Rate | None]] = {}
        for guide_id, w, due, done, approved in cells:
            if not 0 <= w < n:
                continue
            for acc in (week_sums[w], guide_sums.setdefault(guide_id, [0, 0, 0])):
                acc[0] += due
                acc[1] += done
                acc[2] += approved
            row = guide_weeks.setdefault(guide_id, [None] * n)
            row[w] = Rate(guide_id, mondays[w].isoformat(), due, done, approved)
        return StoreBoard(
            store_id=store_id,
            weeks=mondays,
            last_day=last,
            by_guide=_ranked([Rate(g, names.get(g, ""), *sums) for g, sums in guide_sums.items()]),
            by_task=_ranked([Rate(k, t, d, dn, ap) for k, t, d, dn, ap in tasks]),
            by_week=[
                Rate(m.isoformat(), m.isoformat(), *week_sums[i]) for i, m in enumerate(mondays)
            ],
            guide_weeks=guide_weeks,
        )


@dataclass(frozen=True)
class BoardSheets:
    """The workbook's words (the page passes them translated)."""

    by_guide: str = "按导购"
    by_task: str = "按任务"
    by_week: str = "按周"
    guide: str = "导购"
    task: str = "任务"
    week: str = "周 (周一)"
    due: str = "应完成"
    done: str = "已完成"
    approved: str = "已通过"
    rate: str = "完成率"
    approved_rate: str = "通过率"
    store_total: str = "全店"


def write_board_xlsx(board: StoreBoard, path: Path, words: BoardSheets | None = None) -> Path:
    """The board as an Excel workbook (按导购, 按任务, 按周: guides × weeks), written whole
    or not at all (a ``.part`` file renamed at the end)."""
    from openpyxl import Workbook

    w = words or BoardSheets()
    book = Workbook(write_only=True)
    head = [w.due, w.done, w.approved, w.rate, w.approved_rate]

    def cells(r: Rate) -> list[object]:
        return [r.due, r.done, r.approved, round(r.rate, 4), round(r.approved_rate, 4)]

    for title, first, rows in (
        (w.by_guide, w.guide, board.by_guide),
        (w.by_task, w.task, board.by_task),
    ):
        sheet = book.create_sheet(title=title[:31])
        sheet.append([first, *head])
        for r in rows:
            sheet.append([r.name, *cells(r)])
    sheet = book.create_sheet(title=w.by_week[:31])
    sheet.append([w.guide, *(m.isoformat() for m in board.weeks)])
    sheet.append([w.store_total, *(round(r.rate, 4) if r.due else None for r in board.by_week)])
    for r in board.by_guide:
        per_week = board.guide_weeks.get(r.key, [None] * len(board.weeks))
        sheet.append([r.name, *(round(c.rate, 4) if c else None for c in per_week)])
    tmp = path.with_name(path.name + ".part")
    book.save(tmp)
    tmp.replace(path)
    return path
