"""Store board benchmark (issue 13): board figures and completion chart ready ≤ 200 ms.

Builds a real cache with its own generator: one store, 30 guides × 200
assignments over the last 12 weeks (6,000 assignments over 40 tasks, each with
three items and the checks of the work done), applied through the app's own
pull path (``Cache.apply_pull_page`` in pages of 5,000, as a first sync would).
Then times, in the same run, on the same file:

- ``raw SQL``: the baseline — one GROUP BY of the store's assignments by guide
  over the 12-week window, run directly on the SQLite file (sqlite3, no app code);
- ``service``: ``TaskBoard.store_board`` (by guide, by task, by week, guide × week);
- ``widget``: the real 门店看板 tab (``ui.pages.review.store_board.StoreBoardTab``,
  offscreen): the board read, the bars and the weekly line drawn, and the tab
  painted (``grab``) — what a supervisor waits for after switching to it;

each ``--runs`` times, printing median and p95 (target: widget p95 ≤ 200 ms).
The first draw, which imports pyqtgraph, is printed on its own.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/review_board.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/review_board.py --guides 30 --per-guide 200 --runs 50
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from guide_app.cache.database import Cache, open_cache  # noqa: E402
from guide_core.protocol import Change, assignment_id, item_check_id  # noqa: E402

STORE = "store-bench"
TODAY = date(2026, 11, 25)
WEEKS = 12
TASKS = 40
ITEMS_PER_TASK = 3
PAGE = 5000
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "静丽敏婷雪琳晓欣怡佳颖慧玲倩萍芳燕娜洁璐"
TITLES = "陈列检查 会员回访 朋友圈 新品培训 社群预热 试用装清点 价签核对 生日关怀 沉睡召回 门头拍照".split()
KINDS = ("display", "outreach", "moments", "training", "broadcast")


def _changes(guides: int, per_guide: int, seed: int) -> list[Change]:
    rnd = random.Random(seed)
    version = iter(range(1, 10**9))
    out: list[Change] = []

    def add(entity: str, data: dict) -> None:
        out.append(Change(entity=entity, id=data["id"], version=next(version), data=data))

    add(
        "store",
        {"id": STORE, "code": "S900", "name": "测试店", "region_id": "r1", "region_name": "华东"},
    )
    guide_ids = []
    for g in range(guides):
        gid = f"guide-{g:03d}"
        guide_ids.append(gid)
        name = f"{SURNAMES[g % len(SURNAMES)]}{GIVEN[(g * 7) % len(GIVEN)]}{g // 20 or ''}"
        add(
            "user",
            {
                "id": gid,
                "username": f"s900-g{g}",
                "display_name": name,
                "role": "guide",
                "store_id": STORE,
                "active": True,
            },
        )
    for t in range(TASKS):
        tid = f"task-{t:03d}"
        add(
            "task",
            {
                "id": tid,
                "title": f"{TITLES[t % len(TITLES)]} {t + 1}",
                "kind": KINDS[t % len(KINDS)],
                "scope": "store",
                "store_ids": [STORE],
                "recurrence": "weekly",
            },
        )
        for i in range(ITEMS_PER_TASK):
            add(
                "task_item",
                {
                    "id": f"{tid}-i{i}",
                    "task_id": tid,
                    "sort": i,
                    "text": f"第{i + 1}步",
                    "requires_evidence": i == ITEMS_PER_TASK - 1,
                },
            )
    first = TODAY - timedelta(days=TODAY.weekday(), weeks=WEEKS - 1)
    span = (TODAY - first).days + 1
    for g, gid in enumerate(guide_ids):
        skill = 0.5 + 0.5 * (g / max(guides - 1, 1))  # some guides do more
        for i in range(per_guide):
            day = first + timedelta(days=i * span // per_guide)
            tid = f"task-{i % TASKS:03d}"
            aid = assignment_id(tid, gid, day)
            age = (TODAY - day).days
            roll = rnd.random()
            if age > 2 and roll < skill * 0.8:
                status = "approved"
            elif roll < skill:
                status = "submitted"
            elif roll < skill + 0.1:
                status = "sent_back"
            else:
                status = rnd.choice(("todo", "in_progress"))
            add(
                "assignment",
                {
                    "id": aid,
                    "task_id": tid,
                    "guide_id": gid,
                    "store_id": STORE,
                    "status": status,
                    "occurrence": day.isoformat(),
                    "start_at": f"{day}T09:00:00+08:00",
                    "due_at": f"{day}T21:00:00+08:00",
                },
            )
            done_items = (
                ITEMS_PER_TASK if status in ("submitted", "approved") else rnd.randint(0, 2)
            )
            for k in range(done_items):
                iid = f"{tid}-i{k}"
                add(
                    "item_check",
                    {
                        "id": item_check_id(aid, iid),
                        "assignment_id": aid,
                        "item_id": iid,
                        "store_id": STORE,
                        "done": True,
                        "done_at": f"{day}T15:00:00+08:00",
                        "note": "已完成",
                        "evidence_sha256": "e" * 64 if k == 2 else None,
                    },
                )
    return out


def build_cache(path: Path, guides: int, per_guide: int, seed: int) -> Cache:
    cache = open_cache(path)
    rows = _changes(guides, per_guide, seed)
    for n in range(0, len(rows), PAGE):
        more = n + PAGE < len(rows)
        cache.apply_pull_page(rows[n : n + PAGE], f"cursor-{n}", more)
    return cache


RAW_SQL = (
    "SELECT a.guide_id, count(*), sum(a.status IN ('submitted', 'approved')),"
    " sum(a.status = 'approved') FROM assignments a"
    " WHERE a.store_id = ? AND date(json_extract(a.data, '$.due_at'), '+8 hours') BETWEEN ? AND ?"
    " GROUP BY a.guide_id"
)


def stats(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"median {statistics.median(ordered):7.2f} ms   p95 {p95:7.2f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--guides", type=int, default=30)
    parser.add_argument("--per-guide", type=int, default=200)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from guide_app.services.task_board import TaskBoard, window
    from ui.background import wait_for_background

    app = QApplication.instance() or QApplication([])
    work = Path(tempfile.mkdtemp(prefix="bench-board-"))
    t0 = time.perf_counter()
    cache = build_cache(work / "cache.db", args.guides, args.per_guide, args.seed)
    with cache.read() as conn:
        n = conn.exec_driver_sql("SELECT count(*) FROM assignments").scalar_one()
    print(
        f"cache: {args.guides} guides x {args.per_guide} assignments = {n} over {WEEKS} weeks,"
        f" built through apply_pull_page in {time.perf_counter() - t0:.1f} s"
    )
    first, mondays = window(WEEKS, TODAY)
    last = mondays[-1] + timedelta(days=6)  # the window ends with this week's Sunday
    raw = sqlite3.connect(cache.path)
    reader = TaskBoard(cache)

    raw_ms, service_ms, widget_ms = [], [], []
    for _ in range(args.runs):
        t = time.perf_counter()
        rows = raw.execute(RAW_SQL, (STORE, first.isoformat(), last.isoformat())).fetchall()
        raw_ms.append((time.perf_counter() - t) * 1000)
        assert len(rows) == args.guides
        t = time.perf_counter()
        board = reader.store_board(STORE, WEEKS, TODAY)
        service_ms.append((time.perf_counter() - t) * 1000)
        assert len(board.by_guide) == args.guides
        assert sum(r.due for r in board.by_guide) == n, "every generated assignment is counted"

    from ui.pages.review.store_board import StoreBoardTab

    tab = StoreBoardTab(reader, STORE)
    tab.today = TODAY
    tab.weeks.blockSignals(True)
    tab.weeks.setValue(WEEKS)
    tab.weeks.blockSignals(False)
    tab.resize(1200, 800)
    tab.show()
    app.processEvents()

    def ready() -> float:
        """Read the board, draw both charts, paint the tab: ms."""
        t = time.perf_counter()
        tab.show_board(reader.store_board(STORE, WEEKS, TODAY))
        tab.grab()
        return (time.perf_counter() - t) * 1000

    first_ms = ready()  # imports pyqtgraph
    assert tab.bars.labels and len(tab.bars.labels) == args.guides
    for _ in range(args.runs):
        widget_ms.append(ready())

    # the asynchronous road the page takes (worker read, drawn on the GUI thread)
    async_ms: list[float] = []
    tab.sig_shown.connect(async_ms.append)
    for _ in range(min(args.runs, 10)):
        before = len(async_ms)
        tab.refresh()
        deadline = time.monotonic() + 10
        while len(async_ms) == before and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.001)
    tab.close()
    wait_for_background(10000)
    raw.close()
    cache.close()

    print(f"runs: {args.runs}")
    print(f"raw SQL (by guide, baseline)      {stats(raw_ms)}")
    print(f"service (TaskBoard.store_board)   {stats(service_ms)}")
    print(f"widget: data + charts + paint     {stats(widget_ms)}   (target p95 <= 200 ms)")
    print(f"widget via refresh() (worker)     {stats(async_ms)}")
    print(f"first draw (imports pyqtgraph)    {first_ms:7.2f} ms")
    print(
        f"service / raw SQL: {statistics.median(service_ms) / statistics.median(raw_ms):.1f}x"
        f" (two grouped scans + names vs one)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
