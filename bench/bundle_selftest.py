"""Build the one-folder bundle with PyInstaller and run its self-test.

    .venv/bin/python bench/bundle_selftest.py            # build + self-test
    .venv/bin/python bench/bundle_selftest.py --no-build # self-test an existing dist/

Prints the build time, the bundle size and the self-test's time and result
(``dist/guide-app/guide-app --self-test`` opens the main window offscreen
against the demo server it starts from the bundle itself, then exits 0).
Baseline in the same run: the same self-test from the source tree.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "guide-app" / "guide-app"


def run_self_test(cmd: list[str]) -> tuple[int, float, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    data = tempfile.mkdtemp(prefix="guide-selftest-")
    start = time.perf_counter()
    proc = subprocess.run(
        [*cmd, "--self-test", "--data-dir", data],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    elapsed = time.perf_counter() - start
    lines = (proc.stdout + proc.stderr).strip().splitlines()
    tail = [ln for ln in lines if "self-test" in ln or "Error" in ln][-3:]
    return proc.returncode, elapsed, " | ".join(tail)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    if not args.no_build:
        start = time.perf_counter()
        pyinstaller = Path(sys.executable).parent / "pyinstaller"
        proc = subprocess.run(
            [str(pyinstaller), "--noconfirm", "--log-level", "WARN", "build.spec"], cwd=ROOT
        )
        print(f"pyinstaller: exit {proc.returncode} in {time.perf_counter() - start:.0f} s")
        if proc.returncode != 0:
            return 1
    print(f"bundle: {BUNDLE.parent} ({folder_size(BUNDLE.parent) / 2**20:.0f} MiB)")
    code, bundled_s, tail = run_self_test([str(BUNDLE)])
    print(f"bundle self-test: exit {code} in {bundled_s:.1f} s — {tail}")
    src_code, src_s, src_tail = run_self_test([sys.executable, "-m", "ui"])
    print(f"source self-test (baseline): exit {src_code} in {src_s:.1f} s — {src_tail}")
    print(f"ratio bundle/source: {bundled_s / src_s:.2f}")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
