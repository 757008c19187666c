"""Dependencies: the server state, the signed-in reader, and who may use the admin area."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from guide_core.rules.users import may_use_admin
from guide_server.api.client_address import client_address
from guide_server.api.state import ServerState, state_of
from guide_server.auth import AuthFailed
from guide_server.reader import Reader


def bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(
            401, "需要登录: 缺少 Authorization: Bearer <token>", {"WWW-Authenticate": "Bearer"}
        )
    return token.strip()


def current_reader(request: Request) -> Reader:
    state = state_of(request)
    try:
        return state.auth.check(bearer_token(request))
    except AuthFailed as exc:
        raise HTTPException(401, exc.message, {"WWW-Authenticate": "Bearer"}) from None


def push_reader(request: Request) -> Reader:
    """``/sync/push`` only: the signed-in reader, or the leaving guide's token a handover
    revoked while it may still push its last edits (``services.handover``: 离职继承)."""
    state = state_of(request)
    token = bearer_token(request)
    try:
        return state.auth.check(token)
    except AuthFailed as exc:
        from guide_server.services.handover import grace_reader

        grace = grace_reader(state.db, token)
        if grace is None:
            raise HTTPException(401, exc.message, {"WWW-Authenticate": "Bearer"}) from None
        return grace


StateDep = Annotated[ServerState, Depends(state_of)]
ReaderDep = Annotated[Reader, Depends(current_reader)]
PushReaderDep = Annotated[Reader, Depends(push_reader)]


def audit_denial(request: Request, reader: Reader, reason: str) -> None:
    """Record a refused request ("denied": who, what, from where) in the audit log."""
    state = state_of(request)
    address = client_address(request, state.settings.trusted_proxies)
    state.auth.deny(reader, f"{request.method} {request.url.path}: {reason}", address)


def deny(request: Request, reader: Reader, reason: str) -> HTTPException:
    """Audit a denial and make its 403 (every route's refusal of a caller)."""
    audit_denial(request, reader, reason)
    return HTTPException(403, f"forbidden: {reason}")


def admin_reader(request: Request, reader: ReaderDep) -> Reader:
    """HQ or a store's supervisor (each admin route narrows further, by the target)."""
    if not may_use_admin(reader.role):
        raise deny(request, reader, "仅总部和店长可用 (HQ or supervisor only)")
    return reader


def hq_reader(request: Request, reader: ReaderDep) -> Reader:
    """HQ only (chain-wide writes: content, order import, task publishing)."""
    if not reader.is_hq:
        raise deny(request, reader, "仅总部可用 (HQ only)")
    return reader


#: The admin area: HQ or a supervisor.
AdminDep = Annotated[Reader, Depends(admin_reader)]
#: HQ-only admin routes.
HqDep = Annotated[Reader, Depends(hq_reader)]
