"""Run sync cycles for one cache file from the command line, without a window.

For support (``python -m guide_app.sync.oneshot --server URL --cache FILE``,
token in ``GUIDE_TOKEN``) and for the crash tests, which start it as a child
process and ``kill -9`` it at a point named by ``GUIDE_SYNC_TEST_PAUSE``.
Prints ``SYNC OK pending=<n>`` or ``SYNC FAILED <message>``; exit code 0/1.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

from guide_app.cache.database import CacheInUse, open_cache
from guide_app.sync.api import ApiClient
from guide_app.sync.engine import TEST_PAUSE_ENV, SyncEngine


def start_child(
    server: str, cache: Path, token: str, *, pause: str | None = None, pull_limit: int = 1000
) -> subprocess.Popen[str]:
    """This module as a child process (crash tests); ``pause`` = ``"<point>:<seconds>"``."""
    env = {**os.environ, "GUIDE_TOKEN": token}
    env.pop(TEST_PAUSE_ENV, None)
    if pause:
        env[TEST_PAUSE_ENV] = pause
    cmd = [
        sys.executable,
        "-m",
        "guide_app.sync.oneshot",
        "--server",
        server,
        "--cache",
        str(cache),
        "--pull-limit",
        str(pull_limit),
    ]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)


def wait_for_line(proc: subprocess.Popen[str], prefix: str, timeout: float = 30.0) -> str | None:
    """The first stdout line starting with ``prefix``, or None if the child ended first."""
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            return None
        if line.startswith(prefix):
            return line.strip()
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="One sync cycle for a cache file")
    parser.add_argument("--server", required=True)
    parser.add_argument("--cache", required=True, type=Path)
    parser.add_argument("--pull-limit", type=int, default=1000)
    parser.add_argument("--cycles", type=int, default=1)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    token = os.environ.get("GUIDE_TOKEN")
    if not token:
        print("SYNC FAILED GUIDE_TOKEN not set", flush=True)
        return 1
    try:
        cache = open_cache(args.cache)
    except CacheInUse as exc:  # the app (or another run) has this cache open
        print(f"SYNC FAILED {exc.message}", flush=True)
        return 1
    api = ApiClient(args.server, token=token)
    engine = SyncEngine(cache, api, pull_limit=args.pull_limit)
    try:
        for _ in range(args.cycles):
            if not engine.sync_once():
                print(f"SYNC FAILED {engine.status.error}", flush=True)
                return 1
        print(f"SYNC OK pending={engine.status.pending}", flush=True)
        return 0
    finally:
        engine.stop()
        cache.close()
        api.close()


if __name__ == "__main__":
    sys.exit(main())
