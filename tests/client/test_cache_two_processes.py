"""Two app processes on one cache file: the second waits or is told, the file never breaks.

Process A (``cache_writer.py``, a real child process signed in with the real
client code) creates customers without pause. Meanwhile this process (B)
signs in on the same account and data folder again and again, as a second
window would (sync started), retrying in the same process. B must be refused
with :class:`~guide_app.cache.owner_lock.CacheInUse` (never "database is
locked"), keep nothing open after a refusal, and get the cache once A has
closed it; the file must pass ``PRAGMA integrity_check`` and hold every row A
and B ever committed, round after round on the same file.

Before the owner lock (12 rounds): B opened the file 34 times while A wrote,
failed 29 times with "database is locked", left its connections open after
each failure, and the file was found damaged ("malformed", "file is not a
database", "disk I/O error") and moved aside in 7 rounds, losing A's rows.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest

import guide_app.session  # noqa: F401 - loaded before the rounds: B's first try is as quick as the rest
from guide_app import paths
from guide_app.auth import sign_in
from guide_app.cache import owner_lock
from tests.file_probes import open_files

from .conftest import DEMO_PASSWORD

WRITER = Path(__file__).with_name("cache_writer.py")
#: Rounds on one file. The suite runs 4 (each ~10 s: A's start, 2.5 s of writes, B's
#: waits); ``GUIDE_TWO_PROCESS_ROUNDS=12`` repeats the run the figures above come from.
#: Before the owner lock every round saw "database is locked", so 4 still catch it.
ROUNDS = int(os.environ.get("GUIDE_TWO_PROCESS_ROUNDS", "4"))
#: How long A writes in each round (B tries throughout).
WRITE_SECONDS = 2.5


def _start_writer(server_url: str, data_dir: Path, tag: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    return subprocess.Popen(
        [sys.executable, str(WRITER), server_url, str(data_dir), str(WRITE_SECONDS), tag],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).parents[2],
    )


class _Reader(threading.Thread):
    """Collects A's stdout lines (so B never blocks on the pipe)."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        super().__init__(daemon=True)
        self.proc = proc
        self.lines: list[str] = []
        self.ready = threading.Event()

    def run(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.strip())
            if line.startswith(("READY", "FAILED")):
                self.ready.set()
        self.ready.set()


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc to list open files")
def test_second_process_waits_or_is_told_and_the_cache_never_breaks(
    server, tmp_path, test_keyring, monkeypatch
):
    # B gives up quickly, so it tries many times while A writes.
    monkeypatch.setattr(owner_lock, "OWNER_WAIT_S", 0.2)
    outcomes: Counter[str] = Counter()
    problems: list[str] = []
    data_dir = tmp_path / "data"
    cache_file = paths.cache_path(server.url, "s001-g1", data_dir)
    rows: list[str] = []  # every customer A and B created, all rounds
    for round_no in range(ROUNDS):
        proc = _start_writer(server.url, data_dir, f"r{round_no}")
        reader = _Reader(proc)
        reader.start()
        assert reader.ready.wait(60), "writer never started"
        assert "READY" in reader.lines, reader.lines[:3]
        refused = 0
        while proc.poll() is None:
            try:
                session = sign_in(
                    server.url, "s001-g1", DEMO_PASSWORD, data_dir=data_dir, start_sync=True
                )
            except Exception as exc:  # noqa: BLE001 - every way it fails is counted
                kind = type(exc).__name__
                outcomes[kind if kind == "CacheInUse" else f"{kind}: {exc}"[:100]] += 1
                refused += 1
                left = open_files(cache_file)
                if left:
                    problems.append(f"round {round_no}: after {kind} still open: {left}")
                continue
            outcomes["opened"] += 1
            try:
                rows.append(session.customers.create(name=f"进程B r{round_no}"))
            except Exception as exc:  # noqa: BLE001
                outcomes[f"B write {type(exc).__name__}: {exc}"[:100]] += 1
            finally:
                session.close()
        reader.join(30)
        rows.extend(line.split()[1] for line in reader.lines if line.startswith("ROW "))
        if proc.wait(30) != 0 or not reader.lines[-1].startswith("DONE"):
            problems.append(f"round {round_no}: writer {reader.lines[-1][:100]}")
        if refused == 0:
            problems.append(f"round {round_no}: B never tried while A held the cache")
        # A has closed: B gets the cache now and sees every row.
        try:
            session = sign_in(
                server.url, "s001-g1", DEMO_PASSWORD, data_dir=data_dir, start_sync=True
            )
            try:
                missing = [c for c in rows if session.customers.get(c) is None]
            finally:
                session.close()
        except Exception as exc:  # noqa: BLE001
            problems.append(f"round {round_no}: final sign-in {type(exc).__name__}: {exc}")
            missing = []
        con = sqlite3.connect(cache_file)
        try:
            check = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        except sqlite3.DatabaseError as exc:
            check = [str(exc)]
        finally:
            con.close()
        aside = list(cache_file.parent.glob("*.corrupt-*"))
        if check != ["ok"] or missing or aside:
            problems.append(
                f"round {round_no}: integrity {check[:2]}, {len(missing)} of "
                f"{len(rows)} rows missing, {len(aside)} files moved aside"
            )
    print(f"B's attempts: {dict(outcomes)}; {len(rows)} rows written; problems: {problems}")
    assert not problems, problems
    assert set(outcomes) <= {"CacheInUse", "opened"}, outcomes
