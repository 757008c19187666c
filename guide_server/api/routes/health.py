"""``/health``: is this process up, can it reach its database, and which server is it."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from guide_core.protocol import PROTOCOL_VERSION, HealthResponse
from guide_server.api.deps import StateDep
from guide_server.models import ServerMeta

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthResponse)
def health(state: StateDep) -> HealthResponse:
    # Reading the server id is also the database check. It is read on each call
    # (not at start-up) so it is the database's id, whichever process answers.
    with state.db.read() as session:
        server_id = session.scalar(select(ServerMeta.value).where(ServerMeta.key == "server_id"))
    return HealthResponse(
        status="ok", protocol=PROTOCOL_VERSION, epoch=state.keys.epoch, server_id=server_id
    )
