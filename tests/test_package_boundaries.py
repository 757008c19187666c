"""What ships and who imports whom: the app never loads the server, no package carries the test harness.

The app (``ui``, ``guide_app``) and the server (``guide_server``) are installed
from one distribution but run as separate processes: the counter app starts the
demo server as a command (``guide_app.demo_server.server_command``), never as an
import. The test harness (``tests/support``) runs from a checkout only.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from setuptools import find_namespace_packages

ROOT = Path(__file__).resolve().parents[1]


def _imported_names(path: Path) -> set[str]:
    """Every module name an ``import`` in ``path`` names, at any depth (lazy imports too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def _is_under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _shipped_packages() -> list[str]:
    """The packages ``pip install`` / a wheel would carry, per pyproject.toml's find settings."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    find = config["tool"]["setuptools"]["packages"]["find"]
    return sorted(
        find_namespace_packages(
            where=str(ROOT), include=find.get("include", ["*"]), exclude=find.get("exclude", [])
        )
    )


def test_no_ui_module_imports_the_server_not_even_lazily():
    offenders = sorted(
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / "ui").rglob("*.py")
        for name in _imported_names(path)
        if _is_under(name, "guide_server")
    )
    assert offenders == []


def test_importing_every_ui_module_loads_no_server_module():
    """Also what ``guide_app`` pulls in on the way (the client core must not need the server)."""
    probe = """
import json, pkgutil, importlib, sys
import ui
for info in pkgutil.walk_packages(ui.__path__, "ui."):
    if info.name != "ui.__main__":  # that one runs the app
        importlib.import_module(info.name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("ui", "guide_app", "guide_server"))
print(json.dumps(loaded))
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert "ui.main" in loaded and "ui.main_window" in loaded  # the probe did import the app
    assert [m for m in loaded if _is_under(m, "guide_server")] == []


def test_shipped_packages_carry_no_test_harness():
    packages = _shipped_packages()
    assert "guide_server" in packages and "guide_app" in packages and "ui" in packages
    assert [p for p in packages if _is_under(p, "tests") or _is_under(p, "bench")] == []
    modules = {
        ".".join((*package.split("."), path.stem))
        for package in packages
        for path in (ROOT / package.replace(".", "/")).glob("*.py")
    }
    assert "guide_server.testing" not in modules
    assert "guide_server.pytest_plugin" not in modules
    test_only = ("pytest", "tests", "bench")
    offenders = sorted(
        f"{package}/{path.name}: {name}"
        for package in packages
        for path in (ROOT / package.replace(".", "/")).glob("*.py")
        for name in _imported_names(path)
        if any(_is_under(name, top) for top in test_only)
    )
    assert offenders == []


def test_bundle_entry_runs_the_server_without_loading_the_app():
    """The bundle's ``--run-guide-server`` path (scripts/bundle_entry.py) reaches the server CLI only."""
    probe = """
import json, runpy, sys
sys.argv = ["guide-app", "--run-guide-server", "--help"]
try:
    runpy.run_path("scripts/bundle_entry.py", run_name="__main__")
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "ui": sorted(m for m in sys.modules if m.split(".")[0] == "ui")}))
"""
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "guide-server" in done.stdout  # the server CLI's own usage text
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"code": 0, "ui": []}
    # and it is what PyInstaller builds the executable from
    assert 'ROOT / "scripts" / "bundle_entry.py"' in (ROOT / "build.spec").read_text(
        encoding="utf-8"
    )


def _imports_under(folder: str) -> list[tuple[str, str]]:
    return [
        (str(path.relative_to(ROOT)), name)
        for path in (ROOT / folder).rglob("*.py")
        for name in _imported_names(path)
    ]


def test_guide_core_imports_neither_client_nor_server():
    """The shared package sits at the bottom: standard library and pydantic only."""
    allowed_third_party = {"pydantic", "pydantic_core", "ahocorasick"}  # sensitive.py
    offenders = [
        f"{where}: {name}"
        for where, name in _imports_under("guide_core")
        if not _is_under(name, "guide_core")
        and name.split(".")[0] not in sys.stdlib_module_names
        and name.split(".")[0] not in allowed_third_party
    ]
    assert offenders == []


def test_the_server_never_imports_the_client_or_qt():
    """A server deployment needs guide_core, not guide_app, ui or Qt."""
    offenders = [
        f"{where}: {name}"
        for where, name in _imports_under("guide_server")
        if any(_is_under(name, pkg) for pkg in ("guide_app", "ui", "PySide6"))
    ]
    assert offenders == []
