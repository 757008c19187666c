"""Two app instances (two data folders) never share, interleave or rotate one log file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import logging, sys, time
from pathlib import Path
from ui.logs import current_log_file, setup_logging
data = None if sys.argv[1] == "-" else Path(sys.argv[1])
setup_logging(data_dir=data)
for n in range(200):
    logging.getLogger("probe").info("line %d of %s", n, sys.argv[1])
print(current_log_file())
"""


def _run(env: dict[str, str], data: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", PROBE, data], env=env, stdout=subprocess.PIPE, text=True
    )


def test_each_data_folder_logs_to_its_own_file(tmp_path):
    env = {
        **os.environ,
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    env.pop("GUIDE_DATA_DIR", None)
    folders = ["-", str(tmp_path / "counter-a"), str(tmp_path / "counter-b")]
    procs = {data: _run(env, data) for data in folders}  # all three at once
    files = {}
    for data, proc in procs.items():
        out, _ = proc.communicate(timeout=60)
        assert proc.returncode == 0
        files[data] = (Path(out.strip().splitlines()[-1]), proc.pid)
    assert files["-"][0].name == "guide-app.log"  # the usual folder keeps the usual name
    assert len({path for path, _ in files.values()}) == 3
    for data, (path, pid) in files.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        assert len(lines) == 200
        assert all(f"[{pid}]" in line and line.endswith(f"of {data}") for line in lines)
