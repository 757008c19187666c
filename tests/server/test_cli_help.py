"""The command line explains itself and starts quietly."""

from __future__ import annotations

import re
import subprocess
import sys


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "guide_server", *args], capture_output=True, text=True, timeout=120
    )


def test_demo_help_names_every_option_with_its_default():
    done = _cli("demo", "--help")
    assert done.returncode == 0
    text = " ".join(done.stdout.split())
    for flag, default in [
        ("--stores", "3"),
        ("--customers", "200"),
        ("--orders", "800"),
        ("--guides", "3"),
        ("--seed", "1"),
        ("--host", "127.0.0.1"),
        ("--port", "8765"),
        ("--workers", "1"),
    ]:
        described = re.search(re.escape(flag) + r" [A-Z_]+ ([^-]*?\(默认: ([^)]*)\))", text)
        assert described, f"{flag} has no help text with its default:\n{done.stdout}"
        assert described.group(2) == default, flag
    assert "demo1234" in text  # the description says how to sign in


def test_init_db_prints_one_line_not_alembics_narration(tmp_path):
    done = _cli("init-db", "--database-url", f"sqlite:///{tmp_path / 'g.db'}")
    assert done.returncode == 0, done.stderr
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert [line for line in lines if "alembic" in line.lower()] == []
    assert len(lines) == 1 and "数据库已就绪" in lines[0]
