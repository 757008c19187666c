"""Writing audit log rows (sign-ins, failures, denials, handovers, reviews)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from guide_server.models import AuditLog
from guide_server.reader import Reader


def record(
    session: Session,
    reader: Reader | None,
    action: str,
    detail: str = "",
    *,
    username: str = "",
    address: str = "",
) -> None:
    """Add one audit row to the caller's transaction."""
    session.add(
        AuditLog(
            user_id=reader.user_id if reader else None,
            username=reader.username if reader else username,
            action=action,
            detail=detail[:2000],
            address=address,
        )
    )
