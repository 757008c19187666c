"""The server app with the ``/admin/settings``, ``/admin/tag-rules`` and report routers,
in this process (uvicorn on a loopback port in a thread), over a fresh copy of the demo
template of the test's database kind. Until ``guide_server.app`` includes those routers,
they are added here (a router already included is not added twice).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import uvicorn

from guide_core.protocol import API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION
from guide_server.api.openapi import EVERY_OPERATION
from guide_server.app import create_app
from guide_server.config import Settings
from guide_server.db import Database
from tests.support.server import drop_pg_database_later, free_port

PASSWORD = "demo1234"


def _routers():
    from guide_server.api.routes import admin_reports, admin_settings, admin_tag_rules

    return (admin_settings, admin_reports, admin_tag_rules)


class ThreadServer:
    """The server app on a loopback port, in this process."""

    def __init__(self, url: str, data_dir) -> None:
        app = create_app(Settings(database_url=url, data_dir=data_dir))
        paths = {getattr(r, "path", "") for r in app.routes}
        for module in _routers():
            if not any(p in paths for p in (f"{API_PREFIX}{r.path}" for r in module.router.routes)):
                app.include_router(module.router, prefix=API_PREFIX, responses=EVERY_OPERATION)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db = Database(url)
        self._clients: list[httpx.Client] = []
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.02)

    def client(self, username: str) -> httpx.Client:
        """An HTTP client signed in as ``username`` (Bearer token, protocol header)."""
        c = httpx.Client(
            base_url=self.url + API_PREFIX, headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
        )
        r = c.post(
            "/auth/login",
            json={"username": username, "password": PASSWORD, "device_id": f"test-{username}"},
        )
        assert r.status_code == 200, r.text
        self._clients.append(c)
        c.headers["Authorization"] = f"Bearer {r.json()['token']}"
        return c

    def stop(self) -> None:
        for c in self._clients:
            c.close()
        self.server.should_exit = True
        self.thread.join(10)
        assert not self.thread.is_alive(), "server did not stop"
        self.db.dispose()
        if self.db.url.startswith("postgresql"):
            drop_pg_database_later(self.db.url)


def serve(demo_template, tmp_path) -> Iterator[ThreadServer]:
    """For a module's fixture: ``yield from serve(demo_template, tmp_path)``."""
    url, data_dir = demo_template.fresh_copy(tmp_path)
    server = ThreadServer(url, data_dir)
    yield server
    server.stop()
