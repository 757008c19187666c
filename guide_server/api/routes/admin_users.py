"""``/admin/users``: list, create, deactivate, reset password (HQ; a supervisor for own guides).

Thin: each route hands the signed-in reader to :mod:`guide_server.services.users`, which
checks :mod:`guide_core.rules.users`, writes, audits and bumps the row's sync
version in one transaction; a refusal comes back as its status and ``{"detail": …}``.
The service functions block (argon2, the database), so the routes are plain ``def``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request

from guide_core.protocol import PasswordReset, UserCreate, UserData, UserList
from guide_server.api.client_address import client_address
from guide_server.api.deps import AdminDep, StateDep
from guide_server.api.openapi import BEARER, errors
from guide_server.services import users
from guide_server.services.users import UserServiceError

router = APIRouter(prefix="/admin/users", tags=["admin"])

UserId = Annotated[str, Path(min_length=1, max_length=64, description="账号 id")]
E403 = "无权管理此账号: 仅总部, 或店长管理本店导购 (forbidden)"


def _address(request: Request, state) -> str:
    return client_address(request, state.settings.trusted_proxies)


def _refused(exc: UserServiceError) -> HTTPException:
    return HTTPException(exc.status, exc.message)


# First, so that it (and not whichever of GET/POST Starlette finds first) answers the
# other methods: the ``Allow`` header names both.
@router.api_route(
    "", methods=["DELETE", "OPTIONS", "PATCH", "PUT", "TRACE"], include_in_schema=False
)
def other_methods(request: Request) -> None:
    raise HTTPException(
        405,
        f"不支持 {request.method}, 只能 GET 或 POST (method not allowed)",
        {"Allow": "GET, POST"},
    )


@router.get(
    "",
    response_model=UserList,
    responses=errors(401, 403, 422, e403=E403),
    openapi_extra=BEARER,
)
def list_users(
    request: Request,
    reader: AdminDep,
    state: StateDep,
    store_id: Annotated[
        str | None, Query(min_length=1, max_length=64, description="只列此门店 (总部可选)")
    ] = None,
) -> UserList:
    """The accounts the caller may manage: HQ all (or one store's), a supervisor own guides."""
    try:
        found = users.list_users(state.db, reader, store_id, address=_address(request, state))
    except UserServiceError as exc:
        raise _refused(exc) from None
    return UserList(users=found)


@router.post(
    "",
    response_model=UserData,
    status_code=201,
    responses=errors(
        401,
        403,
        404,
        409,
        422,
        e403=E403,
        e404="门店不存在 (no such store)",
        e409="账号已存在 (username taken)",
        e422="字段不符合要求, detail 说明哪个字段 (e.g. store_id required for guide/supervisor)",
    ),
    openapi_extra=BEARER,
)
def create_user(body: UserCreate, request: Request, reader: AdminDep, state: StateDep) -> UserData:
    """Create an active account; it reaches its store's counter apps with the next pull."""
    try:
        made = users.create_user(
            state.db,
            reader,
            username=body.username,
            role=body.role,
            password=body.password,
            store_id=body.store_id,
            display_name=body.display_name,
            address=_address(request, state),
        )
    except UserServiceError as exc:
        raise _refused(exc) from None
    state.counters.invalidate()  # this process's next pull sees the new version
    return made


@router.post(
    "/{user_id}/deactivate",
    response_model=UserData,
    responses=errors(401, 403, 404, 422, e403=E403, e404="账号不存在 (no such user)"),
    openapi_extra=BEARER,
)
def deactivate_user(
    user_id: UserId, request: Request, reader: AdminDep, state: StateDep
) -> UserData:
    """Stop an account: sign-in refused, its tokens revoked (other worker processes within
    ``token_cache_seconds``)."""
    try:
        change = users.deactivate_user(state.db, reader, user_id, address=_address(request, state))
    except UserServiceError as exc:
        raise _refused(exc) from None
    state.auth.forget(change.revoked)
    state.counters.invalidate()
    return change.user


@router.post(
    "/{user_id}/reset-password",
    response_model=UserData,
    responses=errors(401, 403, 404, 422, e403=E403, e404="账号不存在 (no such user)"),
    openapi_extra=BEARER,
)
def reset_password(
    user_id: UserId, body: PasswordReset, request: Request, reader: AdminDep, state: StateDep
) -> UserData:
    """Set a new password; every device of the account signs in again."""
    try:
        change = users.reset_password(
            state.db, reader, user_id, body.password, address=_address(request, state)
        )
    except UserServiceError as exc:
        raise _refused(exc) from None
    state.auth.forget(change.revoked)
    return change.user
