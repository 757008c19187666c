"""Dependencies: the server state and the signed-in reader."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

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


StateDep = Annotated[ServerState, Depends(state_of)]
ReaderDep = Annotated[Reader, Depends(current_reader)]
