"""Start the demo server (``guide-server demo``) as a child process on a stable loopback port.

Used by ``guide-app --demo`` and ``--self-test``: its data lives under the user
data dir, it is ready once ``/api/v1/health`` answers, and it is stopped when
this process exits. Plain Python (no Qt), so it works in the bundle too: there
the bundle's own executable runs the server (``--run-guide-server``, dispatched
by ``scripts/bundle_entry.py`` before the app is imported). The app never
imports ``guide_server``: the server is always another process.

The address stays the same from one start to the next, because the client's
cache is named after it: a new address would mean a new, empty cache (edits
made offline in the old one are still found and sent, see
:mod:`guide_app.cache.adopt`, but the whole demo chain would be pulled again).
The port used is remembered in ``<demo data>/address.json`` with the server's
id (:data:`DEFAULT_PORT` the first time). Next start: that port if it is free;
if our demo server is still answering there (left over from a process that was
killed), that server; if something else holds it, a free port, remembered.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from guide_app import paths
from guide_core.protocol import API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION, HealthResponse

log = logging.getLogger(__name__)

DEMO_USERNAME = "s001-g1"
DEMO_PASSWORD = "demo1234"
#: The demo server's first port (not ``guide-server run``'s 8765, so both can run).
DEFAULT_PORT = 18765
#: In the demo data folder: ``{"port": …, "server_id": …}`` of the last start.
ADDRESS_FILE = "address.json"
#: Flag the bundled executable understands as "be the server, not the app".
SERVER_FLAG = "--run-guide-server"


class DemoServerError(RuntimeError):
    """The demo server did not start; the message says why (and where its log is)."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_free(port: int) -> bool:
    """Whether a server could listen on ``127.0.0.1:port`` now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        if os.name != "nt":  # as uvicorn binds: a port in TIME_WAIT is free (on Windows
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # this would share it)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def remembered_address(data_dir: Path) -> tuple[int | None, str | None]:
    """``(port, server_id)`` of the demo server's last start in ``data_dir`` (None if unknown)."""
    try:
        data = json.loads((Path(data_dir) / ADDRESS_FILE).read_text(encoding="utf-8"))
        port, server_id = data.get("port"), data.get("server_id")
    except (OSError, ValueError, AttributeError):
        return None, None
    if not isinstance(port, int) or not 0 < port < 65536:
        return None, None
    return port, server_id if isinstance(server_id, str) else None


def remember_address(data_dir: Path, port: int, server_id: str | None) -> None:
    """Write ``address.json`` atomically (a half-written file would lose the port)."""
    path = Path(data_dir) / ADDRESS_FILE
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"port": port, "server_id": server_id}), encoding="utf-8")
    os.replace(tmp, path)


def server_id_at(url: str, timeout_s: float = 1.0) -> str | None:
    """The server id a guide server at ``url`` reports, or None (nothing there, or not ours)."""
    try:
        reply = httpx.get(
            f"{url}{API_PREFIX}/health",
            headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)},
            timeout=timeout_s,
        )
        if reply.status_code != 200:
            return None
        return HealthResponse.model_validate(reply.json()).server_id
    except (httpx.HTTPError, ValueError):
        return None


def choose_port(data_dir: Path) -> tuple[int, bool]:
    """The port for the demo server in ``data_dir``, and whether it is already running there.

    See the module doc: the remembered port (or :data:`DEFAULT_PORT`) when it
    is free or our server answers there; otherwise a free one.
    """
    port, server_id = remembered_address(data_dir)
    port = port or DEFAULT_PORT
    if port_is_free(port):
        return port, False
    if server_id is not None and server_id_at(f"http://127.0.0.1:{port}") == server_id:
        return port, True
    moved = free_port()
    log.warning("端口 %d 已被其他程序占用，演示服务器改用端口 %d", port, moved)
    return moved, False


def server_command(args: list[str]) -> list[str]:
    """The ``guide-server <args>`` command line, for a child process.

    From a checkout or an installed package: the server's own ``__main__`` under
    this interpreter (works whether or not the console scripts are on PATH). In the
    bundle: its executable with :data:`SERVER_FLAG` (see ``scripts/bundle_entry.py``).
    """
    if getattr(sys, "frozen", False):
        return [sys.executable, SERVER_FLAG, *args]
    return [sys.executable, "-m", "guide_server", *args]


class DemoServer:
    """A running ``guide-server demo``; ``url`` once started, ``stop()`` to end it.

    ``port=None``: the remembered port (see the module doc), chosen by :meth:`start`.
    """

    def __init__(
        self, data_dir: Path | None = None, port: int | None = None, stores: int = 2
    ) -> None:
        self.stores = stores
        self.data_dir = Path(data_dir) if data_dir else paths.data_dir() / "demo-server"
        self.port = port
        self.url = f"http://127.0.0.1:{port}" if port else ""
        self.process: subprocess.Popen | None = None
        #: True when start() found our demo server already running (stop() leaves it).
        self.reused = False
        self.log_path = self.data_dir / "demo-server.log"

    def start(self, timeout_s: float = 60.0) -> str:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.port is None:
            self.port, self.reused = choose_port(self.data_dir)
        self.url = f"http://127.0.0.1:{self.port}"
        if self.reused:
            log.info("演示服务器已在运行 %s (数据 %s)", self.url, self.data_dir)
            return self.url
        args = [
            "demo",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--data-dir",
            str(self.data_dir),
            "--stores",
            str(self.stores),
            "--quiet",
        ]
        log_file = self.log_path.open("ab")
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            server_command(args), stdout=log_file, stderr=subprocess.STDOUT, env=env
        )
        log_file.close()
        atexit.register(self.stop)
        self._wait_ready(timeout_s)
        remember_address(self.data_dir, self.port, server_id_at(self.url))
        log.info("演示服务器已启动 %s (数据 %s)", self.url, self.data_dir)
        return self.url

    def _wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise DemoServerError(
                    f"演示服务器启动失败 (退出码 {self.process.returncode})，日志: {self.log_path}"
                )
            try:
                reply = httpx.get(f"{self.url}{API_PREFIX}/health", headers=headers, timeout=1.0)
                if reply.status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise DemoServerError(f"演示服务器 {timeout_s:.0f} 秒内未就绪，日志: {self.log_path}")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def start_demo_server(data_dir: Path | None = None) -> DemoServer:
    """Start one and return it (raises :class:`DemoServerError` with the reason)."""
    server = DemoServer(data_dir)
    server.start()
    return server
