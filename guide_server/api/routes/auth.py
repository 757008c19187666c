"""``/auth/login``, ``/auth/logout``, ``/me``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from guide_core.protocol import LoginRequest, LoginResponse, MeResponse, UserInfo
from guide_server.api.client_address import client_address
from guide_server.api.deps import ReaderDep, StateDep, bearer_token
from guide_server.api.openapi import BEARER, errors
from guide_server.auth import AuthFailed, TooManyAttempts
from guide_server.reader import Reader

router = APIRouter(tags=["auth"])


def throttled_detail(retry_after: int) -> str:
    """The 429 message: whole minutes, rounded up (seconds when under a minute)."""
    wait = f"{-(-retry_after // 60)}分钟" if retry_after >= 60 else f"{retry_after}秒"
    return f"尝试次数过多, 请{wait}后再试 (too many attempts, retry in {retry_after}s)"


def user_info(reader: Reader) -> UserInfo:
    return UserInfo(
        id=reader.user_id,
        username=reader.username,
        display_name=reader.display_name,
        role=reader.role,
        store_id=reader.store_id,
    )


@router.post(
    "/auth/login",
    response_model=LoginResponse,
    responses=errors(
        401, 422, 429, e401="用户名或密码错误, 或账号已停用 (wrong username or password)"
    ),
)
def login(body: LoginRequest, request: Request, state: StateDep):
    """Sign in with username and password; returns a bearer token."""
    try:
        result = state.auth.login(
            body.username,
            body.password,
            body.device_id,
            client_address(request, state.settings.trusted_proxies),
        )
    except AuthFailed as exc:
        return JSONResponse({"detail": exc.message}, status_code=401)
    except TooManyAttempts as exc:
        return JSONResponse(
            {"detail": throttled_detail(exc.retry_after)},
            status_code=429,
            headers={"Retry-After": str(exc.retry_after)},
        )
    return LoginResponse(
        token=result.token, user=user_info(result.reader), expires_at=result.expires_at
    )


@router.post("/auth/logout", responses=errors(401), openapi_extra=BEARER)
def logout(request: Request, reader: ReaderDep, state: StateDep) -> dict:
    """Revoke the token this request carries."""
    state.auth.logout(bearer_token(request), reader)
    return {"detail": "已退出登录"}


@router.get("/me", response_model=MeResponse, responses=errors(401), openapi_extra=BEARER)
def me(reader: ReaderDep) -> MeResponse:
    """The signed-in user and the scopes their token grants."""
    return MeResponse(user=user_info(reader), scopes=reader.scopes())
