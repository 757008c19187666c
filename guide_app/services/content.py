"""Scripts (话术), materials (素材) and the sensitive-word check, from the cache."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson

from guide_app.cache.database import Cache
from guide_app.cache.outbox import record_edit
from guide_app.cache.rows import read_row
from guide_app.domain.errors import not_found, raise_if
from guide_app.domain.permissions import actor_of
from guide_app.domain.script_vars import fill, variables_for
from guide_app.domain.sensitive import SensitiveCheck, check_text
from guide_app.domain.validation import checked_fields
from guide_core.protocol import MaterialData, ScriptData, ScriptGroupData, UserInfo
from guide_core.rules import Code, Target, check

_VALID = (
    "(json_extract(data, '$.valid_from') IS NULL OR json_extract(data, '$.valid_from') <= :today)"
    " AND (json_extract(data, '$.valid_to') IS NULL OR json_extract(data, '$.valid_to') >= :today)"
)


@dataclass(frozen=True)
class RenderedScript:
    text: str
    check: SensitiveCheck


def _page_args(limit: int, offset: int) -> dict[str, Any]:
    return {"lim": max(1, min(int(limit), 1000)), "off": max(0, int(offset))}


class ScriptService:
    def __init__(self, cache: Cache, user: UserInfo) -> None:
        self._cache = cache
        self._user = user

    def groups(self) -> list[ScriptGroupData]:
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql("SELECT data FROM script_groups ORDER BY sort, id").all()
        return [ScriptGroupData.model_validate(orjson.loads(r[0])) for r in rows]

    def list(
        self, group_id: str | None = None, limit: int = 200, offset: int = 0
    ) -> list[ScriptData]:
        """Scripts valid today, most used first (optionally one group's)."""
        from sqlalchemy import text

        params = {"today": date.today().isoformat(), "gid": group_id, **_page_args(limit, offset)}
        where = _VALID + (" AND group_id = :gid" if group_id else "")
        sql = (
            f"SELECT data FROM scripts WHERE {where} ORDER BY "
            "json_extract(data, '$.use_count') DESC, title LIMIT :lim OFFSET :off"
        )
        with self._cache.read() as conn:
            rows = conn.execute(text(sql), params).all()
        return [ScriptData.model_validate(orjson.loads(r[0])) for r in rows]

    def get(self, script_id: str) -> ScriptData | None:
        with self._cache.read() as conn:
            got = read_row(conn, "script", script_id)
        return ScriptData.model_validate(got[1]) if got else None

    def render(
        self, script_id: str, customer: Any = None, guide_name: str = "", store_name: str = ""
    ) -> RenderedScript:
        """The body with variables filled from ``customer``, checked against sensitive words."""
        script = self.get(script_id)
        if script is None:
            raise not_found(Code.UNKNOWN_SCRIPT, script_id, field="script_id")
        body = fill(
            script.body,
            variables_for(customer or {}, guide_name or self._user.display_name, store_name),
        )
        return RenderedScript(body, SensitiveWords(self._cache).check(body))

    def record_use(self, script_id: str) -> None:
        """Count a use (copied to WeCom); the server adds it up across devices."""
        if self.get(script_id) is None:
            raise not_found(Code.UNKNOWN_SCRIPT, script_id, field="script_id")
        record_edit(self._cache, self._user.id, "script", "use", script_id, {}, None)

    def create_personal(
        self, title: str, body: str, keywords: list[str] | None = None, group_id: str | None = None
    ) -> str:
        """A personal script (only this user sees it); returns its id."""
        raw: dict[str, Any] = {"title": title, "body": body, "keywords": keywords or []}
        if group_id:
            raw["group_id"] = group_id
        fields = checked_fields("script", "create", raw)
        self._check_group(group_id)
        sid = str(uuid.uuid4())
        record_edit(self._cache, self._user.id, "script", "create", sid, fields, None)
        return sid

    def _own(self, script_id: str, op: str) -> int:
        with self._cache.read() as conn:
            got = read_row(conn, "script", script_id)
        if got is None:
            raise not_found(Code.UNKNOWN_SCRIPT, script_id, field="script_id")
        d = got[1]
        target = Target(store_id=d.get("store_id"), owner_id=d.get("owner_id"), scope=d["scope"])
        raise_if(check("script", op, actor_of(self._user), target))
        return got[0]

    def _check_group(self, group_id: str | None) -> None:
        """A group named must be one this user has (the cache holds only visible ones)."""
        if group_id is None:
            return
        with self._cache.read() as conn:
            if read_row(conn, "script_group", group_id) is None:
                raise not_found(Code.UNKNOWN_SCRIPT_GROUP, group_id, field="group_id")

    def update_personal(self, script_id: str, **fields: Any) -> None:
        fields = checked_fields("script", "update", fields)
        version = self._own(script_id, "update")
        if "group_id" in fields:
            self._check_group(fields["group_id"])
        record_edit(
            self._cache, self._user.id, "script", "update", script_id, fields, version or None
        )

    def delete_personal(self, script_id: str) -> None:
        version = self._own(script_id, "delete")
        record_edit(self._cache, self._user.id, "script", "delete", script_id, {}, version or None)


class MaterialService:
    def __init__(self, cache: Cache, user: UserInfo) -> None:
        self._cache = cache
        self._user = user

    def list(
        self, kind: str | None = None, limit: int = 200, offset: int = 0
    ) -> list[MaterialData]:
        """Materials valid today, most used first."""
        from sqlalchemy import text

        params = {"today": date.today().isoformat(), "kind": kind, **_page_args(limit, offset)}
        where = _VALID + (" AND kind = :kind" if kind else "")
        sql = (
            f"SELECT data FROM materials WHERE {where} ORDER BY "
            "json_extract(data, '$.use_count') DESC, title LIMIT :lim OFFSET :off"
        )
        with self._cache.read() as conn:
            rows = conn.execute(text(sql), params).all()
        return [MaterialData.model_validate(orjson.loads(r[0])) for r in rows]

    def get(self, material_id: str) -> MaterialData | None:
        with self._cache.read() as conn:
            got = read_row(conn, "material", material_id)
        return MaterialData.model_validate(got[1]) if got else None

    def record_use(self, material_id: str) -> None:
        if self.get(material_id) is None:
            raise not_found(Code.UNKNOWN_MATERIAL, material_id, field="material_id")
        record_edit(self._cache, self._user.id, "material", "use", material_id, {}, None)


class SensitiveWords:
    """The cached HQ list; :meth:`check` before a text is copied out."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache

    def words(self) -> list[tuple[str, str]]:
        with self._cache.read() as conn:
            return [
                (w, s)
                for w, s in conn.exec_driver_sql("SELECT word, severity FROM sensitive_words")
            ]

    def check(self, text: str) -> SensitiveCheck:
        return check_text(text, self.words())
