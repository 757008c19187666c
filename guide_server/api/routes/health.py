"""``/health``: is this process up and can it reach its database."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from guide_app.sync.protocol import PROTOCOL_VERSION
from guide_server.api.deps import StateDep

router = APIRouter(tags=["health"])


@router.get("/health")
def health(state: StateDep) -> dict:
    with state.db.read() as session:
        session.execute(text("SELECT 1"))
    return {"status": "ok", "protocol": PROTOCOL_VERSION, "epoch": state.keys.epoch}
