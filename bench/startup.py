"""Cold start to a usable window over the big cache, in a fresh process each time.

"Usable" = the main window is shown, the customer list shows its first rows,
and the search box answers (a search over the cache has been painted). The
child process is timed from just before ``exec`` to its "ready" line, so
interpreter start and every import count. Baseline in the same run: a child
that only imports PySide6 and shows an empty QWidget (Qt's own floor on this
machine). Prints medians and the ratio. Target: ≤ 1.5 s.

After saying "ready" the child closes its session as the app does on quit, so
the next start finds a cleanly closed cache (the full integrity check then runs
in the background, not at open). ``--after-crash`` skips that close: every
start then follows a killed session and runs ``PRAGMA quick_check`` at open.

    .venv/bin/python bench/startup.py                  # cache of bench/search.py (100k/500k)
    .venv/bin/python bench/startup.py --runs 5 --customers 10000 --orders 50000 --content 2000
    .venv/bin/python bench/startup.py --after-crash      # the start after a killed session
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BASELINE = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication, QWidget\n"
    "app = QApplication(sys.argv[:1]); w = QWidget(); w.resize(1200, 760); w.show()\n"
    "app.processEvents(); print('ready', flush=True)\n"
)


def child(cache_path: str, tmp: str, close: bool) -> None:
    """Runs in the timed process: open the window over the cache and say when usable."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    # The app's own order: ui.app loads the client core, then Qt (see ui/app.py).
    from ui.app import make_app

    # isort: split
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
    import search  # noqa: F401 - bench/search.py (the bench user), imported before timing the open
    from ui_search import offline_session

    from ui.main_window import MainWindow

    app = make_app(lang="zh")
    opening = time.perf_counter()
    session = offline_session(Path(cache_path), Path(tmp))
    opening = time.perf_counter() - opening
    window = MainWindow(session)
    window.show()
    window.start()
    model = window.contacts.model
    deadline = time.monotonic() + 30
    while model.rowCount() == 0 or model.row_at(0) is None:
        app.processEvents()
        time.sleep(0.001)
        if time.monotonic() > deadline:
            print("timeout", flush=True)
            return
    window.search_box.setText("zs")
    window.search_box.textEdited.emit("zs")
    while window.results.shown_text != "zs":
        app.processEvents()
        time.sleep(0.001)
    print(f"ready {opening:.3f}", flush=True)
    # The measurement ends here. Quit as the app does (records the clean close),
    # or, with --after-crash, vanish as a killed process would.
    if close:
        session.close()
    os._exit(0)


def timed(cmd: list[str], env: dict[str, str], parts: list[float] | None = None) -> float:
    """Wall time until the child prints ``ready``; its cache-open time goes to ``parts``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, env=env, text=True)
    line = proc.stdout.readline().split()
    elapsed = time.perf_counter() - start
    proc.wait(timeout=60)
    if not line or line[0] != "ready":
        raise SystemExit(f"child did not become ready: {line!r}")
    if parts is not None and len(line) > 1:
        parts.append(float(line[1]))
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--orders", type=int, default=500_000)
    ap.add_argument("--content", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument(
        "--after-crash",
        action="store_true",
        help="never close the cache: each start follows a killed session (full check at open)",
    )
    ap.add_argument(
        "--compile-each-start",
        action="store_true",
        help="keep the environment's bytecode setting (PYTHONDONTWRITEBYTECODE: sources "
        "compiled at every start, unlike an installed app)",
    )
    ap.add_argument("--child", nargs=2, metavar=("CACHE", "TMP"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child, close=not args.after_crash)
        return 0
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import tempfile

    from ui_search import cache_file

    path, _ = cache_file(args.customers, args.orders, args.content)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    if not args.compile_each_start:
        # An installed app runs from compiled bytecode (pip and PyInstaller both
        # compile it); a checkout run with PYTHONDONTWRITEBYTECODE=1 would compile
        # every module of guide_app and ui at each start. Keep the bytecode in a
        # private folder (nothing is written into the checkout).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="guide-startup-pyc-")
    extra = ["--after-crash"] if args.after_crash else []
    timed([sys.executable, "-c", BASELINE], env)
    timed(
        [sys.executable, __file__, "--child", str(path), tempfile.mkdtemp(), *extra], env
    )  # warm the OS file cache and the bytecode (and leave the cache closed cleanly, or not)
    app_times, base_times, opening = [], [], []
    for _ in range(args.runs):
        base_times.append(timed([sys.executable, "-c", BASELINE], env))
        app_times.append(
            timed(
                [sys.executable, __file__, "--child", str(path), tempfile.mkdtemp(), *extra],
                env,
                opening,
            )
        )
    app_med, base_med = statistics.median(app_times), statistics.median(base_times)
    notes = [
        "each start after a killed session" if args.after_crash else "",
        "sources compiled at each start" if args.compile_each_start else "",
    ]
    print(f"cache: {path.name}" + "".join(f" ({n})" for n in notes if n))
    print(
        f"guide-app window usable: median {app_med:.2f} s (runs: {', '.join(f'{t:.2f}' for t in app_times)})"
    )
    print(
        f"  of which open_cache + Session() (cheap checks; PRAGMA quick_check only after an "
        f"unclean close): "
        f"median {statistics.median(opening):.2f} s; the rest {app_med - statistics.median(opening):.2f} s"
    )
    print(f"baseline empty Qt window: median {base_med:.2f} s")
    print(
        f"ratio {app_med / base_med:.2f}; target ≤ 1.5 s: {'met' if app_med <= 1.5 else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
