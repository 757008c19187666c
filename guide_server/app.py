"""Building the FastAPI application for one server process."""

from __future__ import annotations

import logging

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from guide_core.protocol import API_PREFIX
from guide_server.api.errors import install_error_handlers
from guide_server.api.limits import RequestLimits
from guide_server.api.middleware import ProtocolMiddleware
from guide_server.api.openapi import EVERY_OPERATION, install_openapi
from guide_server.api.routes import (
    admin_customers,
    admin_library,
    admin_library_io,
    admin_members,
    admin_orders,
    admin_reports,
    admin_settings,
    admin_tag_rules,
    admin_tasks,
    admin_users,
    auth,
    blobs,
    health,
    orders_lookup,
    sync,
)
from guide_server.api.state import ServerState
from guide_server.auth import Authenticator
from guide_server.blobs import BlobStore
from guide_server.config import Settings
from guide_server.db import Database
from guide_server.migrate import read_meta
from guide_server.sync import live, versions
from guide_server.sync.pull import CounterCache, ServerKeys
from guide_server.throttle import ThrottleRules

log = logging.getLogger("guide_server")


def build_state(settings: Settings) -> ServerState:
    """Open the database (already migrated) and everything that hangs off it."""
    db = Database(settings.resolved_database_url())
    meta = read_meta(db)
    if "epoch" not in meta:
        raise RuntimeError("数据库未初始化: 先运行 guide-server init-db (database not initialised)")
    versions.VERSION_SOURCE["value"] = settings.version_source
    counters = CounterCache(settings.counter_cache_seconds)
    return ServerState(
        settings=settings,
        db=db,
        auth=Authenticator(
            db,
            ttl_days=settings.token_ttl_days,
            cache_seconds=settings.token_cache_seconds,
            throttle=ThrottleRules.from_settings(settings),
        ),
        keys=ServerKeys(epoch=meta["epoch"], secret=bytes.fromhex(meta["cursor_secret"])),
        counters=counters,
        blobs=BlobStore(settings.blob_dir(), settings.max_blob_bytes),
        live=live.ChangeHub(db.url, on_change=counters.invalidate),
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    """The ASGI app over ``settings``' database (which must already be migrated)."""
    settings = settings or Settings()
    # /docs and /redoc with their scripts served from the package (a store's intranet has no CDN)
    app = FastAPIOffline(
        static_url="/docs-assets",
        title="Guide Workstation server (导购工作台)",
        version="1",
        description="Sign-in, sync (pull/push) and blobs for the counter app.",
    )
    app.state.guide = state = build_state(settings)
    app.router.lifespan_context = lambda _app: live.lifespan(state.live)
    install_error_handlers(app)
    for module in (
        health,
        auth,
        sync,
        blobs,
        admin_users,
        admin_customers,
        admin_members,
        admin_orders,
        admin_settings,
        admin_tag_rules,
        admin_reports,
        admin_library_io,  # before admin_library: its /scripts/import is no script id
        admin_library,
        admin_tasks,
        orders_lookup,
    ):
        app.include_router(module.router, prefix=API_PREFIX, responses=EVERY_OPERATION)
    install_openapi(app)
    # Inside ProtocolMiddleware (added last = outermost), so a 413/431 carries its header.
    app.add_middleware(RequestLimits)
    app.add_middleware(ProtocolMiddleware, access_log=settings.access_log)
    return app


def app_from_env() -> FastAPI:
    """Factory for uvicorn workers: settings come from ``GUIDE_SERVER_*`` variables."""
    return create_app(Settings())
