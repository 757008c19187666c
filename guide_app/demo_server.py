"""Start the demo server (``guide-server demo``) as a child process on a free loopback port.

Used by ``guide-app --demo`` and ``--self-test``: its data lives under the user
data dir, it is ready once ``/api/v1/health`` answers, and it is stopped when
this process exits. Plain Python (no Qt), so it works in the bundle too: there
the bundle's own executable runs the server (``--run-guide-server``).
"""

from __future__ import annotations

import atexit
import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from guide_app import paths
from guide_app.sync.protocol import API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION

log = logging.getLogger(__name__)

DEMO_USERNAME = "s001-g1"
DEMO_PASSWORD = "demo1234"
#: Flag the bundled executable understands as "be the server, not the app".
SERVER_FLAG = "--run-guide-server"


class DemoServerError(RuntimeError):
    """The demo server did not start; the message says why (and where its log is)."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_command(args: list[str]) -> list[str]:
    """``guide-server <args>`` from this interpreter, or from the bundle's executable."""
    if getattr(sys, "frozen", False):
        return [sys.executable, SERVER_FLAG, *args]
    return [sys.executable, "-m", "guide_server", *args]


class DemoServer:
    """A running ``guide-server demo``; ``url`` once started, ``stop()`` to end it."""

    def __init__(
        self, data_dir: Path | None = None, port: int | None = None, stores: int = 2
    ) -> None:
        self.stores = stores
        self.data_dir = Path(data_dir) if data_dir else paths.data_dir() / "demo-server"
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.log_path = self.data_dir / "demo-server.log"

    def start(self, timeout_s: float = 60.0) -> str:
        self.data_dir.mkdir(parents=True, exist_ok=True)
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
