"""Staff of the user's store (owners, reassignment targets) from the cache."""

from __future__ import annotations

import orjson

from guide_app.cache.database import Cache
from guide_core.protocol import UserData, UserInfo


class UserService:
    def __init__(self, cache: Cache, user: UserInfo) -> None:
        self._cache = cache
        self._user = user

    def store_staff(self, store_id: str | None = None, active_only: bool = True) -> list[UserData]:
        """Guides and supervisors of a store (default: the user's), by name."""
        sid = store_id or self._user.store_id
        sql = "SELECT data FROM users WHERE store_id = ? AND role IN ('guide', 'supervisor')"
        if active_only:
            sql += " AND active = 1"
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(sql + " ORDER BY display_name, id", (sid,)).all()
        return [UserData.model_validate(orjson.loads(r[0])) for r in rows]

    def name_of(self, user_id: str | None) -> str:
        """Display name, or '' when unknown (a user of another store, not cached)."""
        if not user_id:
            return ""
        if user_id == self._user.id:
            return self._user.display_name
        with self._cache.read() as conn:
            return (
                conn.exec_driver_sql(
                    "SELECT display_name FROM users WHERE id = ?", (user_id,)
                ).scalar()
                or ""
            )
