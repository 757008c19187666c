"""An unexpected server error still answers in the protocol's form and keeps the connection.

The failure is a real one: a table the pull needs is renamed away underneath the running
server (as a broken migration or an operator's mistake would), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import httpx
from sqlalchemy import create_engine, text

from guide_core.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.server.api import Api


def _rename(database_url: str, old: str, new: str) -> None:
    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text(f"ALTER TABLE {old} RENAME TO {new}"))
    engine.dispose()


def _client_port(response: httpx.Response) -> int:
    """The local port of the connection that carried ``response``."""
    return response.extensions["network_stream"].get_extra_info("client_addr")[1]


def test_internal_error_is_a_json_500_with_the_header_on_a_kept_connection(live_server):
    api = Api(live_server, "s001-g1")
    first = api.http.get("/sync/pull", params={"limit": 10})
    assert first.status_code == 200
    port = _client_port(first)
    _rename(live_server.database_url, "sync_row", "sync_row_gone")
    try:
        broken = api.http.get("/sync/pull", params={"limit": 10})
        assert broken.status_code == 500, broken.text
        assert broken.headers.get(PROTOCOL_HEADER) == str(PROTOCOL_VERSION)
        assert broken.headers.get("content-type", "").startswith("application/json")
        detail = broken.json()["detail"]
        assert detail.startswith("服务器内部错误 (internal error"), detail
        assert "sync_row" not in detail  # no SQL or schema text leaks out
        assert broken.headers.get("connection", "").lower() != "close"
        # the same keep-alive connection serves the next request
        after = api.http.get("/health")
        assert after.status_code == 200 and after.headers.get(PROTOCOL_HEADER)
        assert _client_port(broken) == port and _client_port(after) == port
    finally:
        _rename(live_server.database_url, "sync_row_gone", "sync_row")
    assert api.http.get("/sync/pull", params={"limit": 10}).status_code == 200
