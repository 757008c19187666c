"""Who is asking: the signed-in user, their store and region, and their scopes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from guide_core.protocol import Role
from guide_core.rules import Actor


def store_scope(store_id: str) -> str:
    return f"store:{store_id}"


def user_scope(user_id: str) -> str:
    return f"user:{user_id}"


GLOBAL = "global"
#: HQ's view of every store's staff: the account rows of ``store:*`` scopes, walked by
#: their chain-wide ``sync_row.staff_version`` (see ``guide_server.sync.versions``), so
#: HQ's cursor holds three scopes however many stores the chain has.
STAFF = "staff"


@dataclass(frozen=True)
class Reader:
    """A signed-in user as every permission and visibility rule needs it."""

    user_id: str
    username: str
    display_name: str
    role: str
    store_id: str | None
    region_id: str | None
    #: HQ only: every store id at the time the token was checked (not a pull scope: HQ
    #: reads store data online, ``/admin/customers``).
    all_store_ids: tuple[str, ...] = field(default=())
    #: Set only for a token a handover revoked, on the push route, while it may still push
    #: its last edits (until then; ``guide_server.services.handover``): nothing else.
    handover_grace_until: datetime | None = None

    @property
    def actor(self) -> Actor:
        """This reader as the shared rules (``guide_core.rules``) see it."""
        return Actor(self.role, self.user_id, self.store_id, self.region_id)

    @property
    def is_hq(self) -> bool:
        return self.role == Role.HQ

    @property
    def is_supervisor(self) -> bool:
        return self.role == Role.SUPERVISOR

    def scopes(self) -> list[str]:
        """The scopes this user's pull walks (the server decides, never the client).

        A guide or supervisor: ``global``, their store, themselves. HQ: ``global``,
        ``staff`` (every store's accounts) and themselves; no store's customers, orders
        or tasks (a chain's stores would not fit in one counter-PC cache).
        """
        if self.is_hq:
            return [GLOBAL, STAFF, user_scope(self.user_id)]
        stores = [store_scope(self.store_id)] if self.store_id else []
        return [GLOBAL, *stores, user_scope(self.user_id)]

    def can_see_store(self, store_id: str | None) -> bool:
        return self.is_hq or (store_id is not None and store_id == self.store_id)
