"""Member import (会员导入) time and memory: a generated member file of N rows.

On a freshly seeded demo chain (2 stores) per database, each phase runs the real
importer (``guide_server.member_import.import_members``) in its own subprocess, which
reports wall time, CPU time and peak RSS:

- ``broken``: N rows with a bad phone every 100th row and a repeated member no. every
  250th: every problem reported, nothing written;
- ``import``: the same N rows without them: every row a new customer with two tags,
  spread over the store's guides, in one transaction;
- ``again``: the same file again: every row matched, unchanged, nothing written.

    python bench/member_import.py --rows 20000 --db sqlite   # quick
    python bench/member_import.py                            # 100,000 rows, SQLite and PostgreSQL
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _seed(kind: str, tmp: Path) -> str:
    from tests.support.server import create_pg_database, seed_demo

    if kind == "sqlite":
        url = f"sqlite:///{tmp / ('db-' + uuid.uuid4().hex[:8] + '.db')}"
    else:
        url = create_pg_database()
    seed_demo(url, None, stores=2, customers=200, orders=10, guides=3)
    return url


def _drop(kind: str, url: str) -> None:
    if kind == "postgres":
        from sqlalchemy.engine import make_url

        from tests.support.server import drop_pg_database

        drop_pg_database(make_url(url).database)


def _peak_rss_mib() -> float:
    """This process's peak RSS since it started: ``VmHWM`` (``ru_maxrss`` would also
    count the parent's RSS at the fork, which exec does not reset)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _phase(url: str, path: str) -> None:
    """Child process: one import, its figures as JSON on stdout."""
    from guide_server.db import Database
    from guide_server.member_import import import_members

    db = Database(url)
    wall, cpu = time.perf_counter(), time.process_time()
    report = import_members(db, path)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    db.dispose()
    rss = _peak_rss_mib()
    print(
        json.dumps(
            {
                "wall": wall,
                "cpu": cpu,
                "rss_mib": rss,
                "rows": report.rows,
                "created": report.created,
                "unchanged": report.unchanged,
                "problems": report.problem_count,
            }
        )
    )


def _run(url: str, path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", url, str(path)], capture_output=True, text=True
    )
    if out.returncode != 0:
        raise SystemExit(f"import failed (exit {out.returncode}):\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _phase(*args.child)
        return
    from tests.server.member_samples import write_generated_csv

    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    with tempfile.TemporaryDirectory(prefix="member-bench-") as tmp_name:
        tmp = Path(tmp_name)
        broken = write_generated_csv(
            tmp / "broken.csv", args.rows, broken_every=100, duplicate_every=250
        )
        clean = write_generated_csv(tmp / "clean.csv", args.rows)
        size = clean.stat().st_size / (1024 * 1024)
        print(f"member file: {args.rows:,} rows, {size:.1f} MiB (UTF-8 BOM CSV)")
        for kind in kinds:
            url = _seed(kind, tmp)
            try:
                for phase, path in (("broken", broken), ("import", clean), ("again", clean)):
                    r = _run(url, path)
                    print(
                        f"{kind:8} {phase:7} {r['wall']:6.1f} s  {r['rows'] / r['wall']:8,.0f} rows/s"
                        f" (cpu {r['rows'] / max(r['cpu'], 1e-9):8,.0f} rows/s)"
                        f"  peak RSS {r['rss_mib']:5.0f} MiB  created {r['created']:,}"
                        f"  unchanged {r['unchanged']:,}  problems {r['problems']:,}"
                    )
            finally:
                _drop(kind, url)


if __name__ == "__main__":
    main()
