"""Keystroke → search results painted, in the real window over a big cache.

Builds (or reuses) the cache of ``bench/search.py`` — 100,000 customers,
500,000 orders, 20,000 scripts/materials applied through ``Cache.apply_pull_page``
— opens the real ``MainWindow`` over a ``Session`` on it (offline: no server
needed for a local search), then types queries into the search box with QTest,
one key at a time at a person's pace (160 ms apart), timing each keystroke
until the result list has painted the answer for the text now in the box.

Baseline in the same run: ``session.search`` called directly for the same
texts (the service layer without Qt). Prints medians, p95 and the ratio.
Target: keystroke → painted p95 ≤ 50 ms.

    .venv/bin/python bench/ui_search.py                 # reuse/build the 100k/500k cache
    .venv/bin/python bench/ui_search.py --customers 10000 --orders 50000 --content 2000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

KEY_GAP_S = 0.16


def cache_file(customers: int, orders: int, content: int) -> tuple[Path, dict]:
    """The big cache file and its query samples (built by bench/search.py's generator)."""
    import search as search_bench  # bench/search.py

    path, samples_path = search_bench.cache_paths(customers, orders, content)
    if not (path.exists() and samples_path.exists()):
        print(f"building {path.name} (one-off, a few minutes at full size)…", flush=True)
        search_bench.build_cache(customers, orders, content)
    return path, json.loads(samples_path.read_text())


def offline_session(path: Path, data_dir: Path):
    """A Session over an existing cache, signed in offline as the bench guide (no sync)."""
    import search as search_bench  # imported here: bench/startup.py times this call

    from guide_app.cache.database import open_cache
    from guide_app.session import Session
    from guide_app.sync.api import ApiClient

    return Session(
        server_url="http://127.0.0.1:9",
        user=search_bench.USER,
        api=ApiClient("http://127.0.0.1:9"),
        cache=open_cache(path),
        data_dir=data_dir,
        offline=True,
        keyring_available=False,
    )


def ascii_queries(samples: dict, n: int, rng: random.Random) -> dict[str, list[str]]:
    """Queries a keyboard types directly (Chinese arrives through an IME, not QTest keys)."""
    from guide_app.cache.pinyin_index import pinyin_of

    names = samples["names"]
    return {
        "initials": [pinyin_of(rng.choice(names))[1][:3] for _ in range(n)],
        "full pinyin": [pinyin_of(rng.choice(names))[0][:8] for _ in range(n)],
        "phone last 4": [rng.choice(samples["phones"]) for _ in range(n)],
        "member no.": [rng.choice(samples["members"]) for _ in range(n)],
        "order no.": [rng.choice(samples["orders"]) for _ in range(n)],
    }


def main() -> int:
    import search as search_bench
    from search import pct

    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    search_bench.add_size_args(ap)
    ap.add_argument("--queries", type=int, default=12, help="queries per kind")
    args = ap.parse_args()
    path, samples = cache_file(args.customers, args.orders, args.content)

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    tmp = Path(tempfile.mkdtemp(prefix="guide-ui-bench-"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp))
    from ui.app import make_app
    from ui.main_window import MainWindow

    app = make_app(lang="zh")
    session = offline_session(path, tmp)
    window = MainWindow(session)
    window.show()
    window.start()
    box, results = window.search_box, window.results
    painted: dict[str, float] = {}
    results.sig_painted.connect(
        lambda: (
            painted.setdefault(results.shown_text, time.perf_counter())
            if results.isVisible()
            else None
        )
    )

    def pump_until(predicate, timeout_s: float = 5.0) -> bool:
        deadline = time.perf_counter() + timeout_s
        while time.perf_counter() < deadline:
            app.processEvents()
            if predicate():
                return True
            time.sleep(0.0005)
        return False

    pump_until(lambda: window.contacts.model.rowCount() > 0, 30)
    rng = random.Random(5)
    per_kind: dict[str, list[float]] = {}
    service: dict[str, list[float]] = {}
    for kind, texts in ascii_queries(samples, args.queries, rng).items():
        for text in texts:
            box.clear()
            results.hide()
            painted.clear()
            window.focus_search()
            pump_until(lambda: False, KEY_GAP_S)
            for i, ch in enumerate(text):
                typed = text[: i + 1]
                start = time.perf_counter()
                QTest.keyClick(box, ch)
                ok = pump_until(lambda t=typed: t in painted, 5.0)
                if not ok:
                    print(f"  no paint for {typed!r}", file=sys.stderr)
                    continue
                per_kind.setdefault(kind, []).append((painted[typed] - start) * 1000)
                rest = KEY_GAP_S - (time.perf_counter() - start)
                if rest > 0:
                    pump_until(lambda: False, rest)
                a = time.perf_counter()
                session.search(typed, limit_per_kind=8)
                service.setdefault(kind, []).append((time.perf_counter() - a) * 1000)
    QTest.keyClick(box, Qt.Key.Key_Escape)
    print(
        f"cache: {path.name}  ({args.customers} customers, {args.orders} orders, {args.content} content)"
    )
    print(
        f"{'query kind':<14} {'keys':>5} {'painted p50':>11} {'p95':>8} {'service p50':>11} {'p95':>8} {'ratio p50':>9}"
    )
    all_ui: list[float] = []
    all_sv: list[float] = []
    for kind, times in per_kind.items():
        sv = service[kind]
        all_ui += times
        all_sv += sv
        print(
            f"{kind:<14} {len(times):>5} {statistics.median(times):>9.1f}ms {pct(times, 0.95):>6.1f}ms"
            f" {statistics.median(sv):>9.1f}ms {pct(sv, 0.95):>6.1f}ms"
            f" {statistics.median(times) / max(statistics.median(sv), 0.001):>9.2f}"
        )
    print(
        f"\nall keystrokes: painted p50 {statistics.median(all_ui):.1f} ms, p95 {pct(all_ui, 0.95):.1f} ms, "
        f"max {max(all_ui):.1f} ms; service-only p50 {statistics.median(all_sv):.1f} ms, "
        f"p95 {pct(all_sv, 0.95):.1f} ms; ratio of medians "
        f"{statistics.median(all_ui) / statistics.median(all_sv):.2f} (target: painted p95 ≤ 50 ms)"
    )
    window.close()
    session.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
