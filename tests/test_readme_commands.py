"""README command 1 (`bash scripts/demo.sh`) on a fresh machine: installs, explains, opens.

The window itself is checked by ``--self-test`` (offscreen, signs in to the demo
server, loads every page); what the script must do on a machine that lacks
system packages or a screen is checked with stand-ins for ``id``/``sudo``/
``dpkg-query`` on PATH (the only parts that cannot run for real here).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _first_command() -> str:
    blocks = re.findall(
        r"```bash\n(.*?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S
    )
    return blocks[0].strip()


def _shims(tmp_path: Path, **scripts: str) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in scripts.items():
        path = bin_dir / name
        path.write_text("#!/bin/sh\n" + body + "\n")
        path.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}


def test_readme_command_one_is_the_demo_script():
    assert _first_command() == "bash scripts/demo.sh"


def test_without_root_or_sudo_the_missing_packages_are_named_and_nothing_starts(tmp_path):
    env = _shims(tmp_path, id="echo 1000", sudo="exit 1", **{"dpkg-query": "exit 1"})
    done = subprocess.run(
        ["bash", "scripts/demo.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert "apt-get install" in done.stderr
    for package in ("libxcb-icccm4", "libxcb-keysyms1", "libxcb-xinerama0", "fonts-noto-cjk"):
        assert package in done.stderr
    assert "xvfb" not in done.stderr.split("apt-get install", 1)[1]  # the app does not need it


def test_without_a_screen_it_says_so_instead_of_aborting(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        ["bash", "scripts/demo.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 1
    assert "DISPLAY" in done.stderr and "xvfb-run" in done.stderr


def test_the_demo_opens_signed_in(tmp_path):
    """The whole command, installing into the checkout's venv, with the window offscreen."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        ["bash", "scripts/demo.sh", "--self-test", "--data-dir", str(tmp_path / "app")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test OK" in done.stdout
