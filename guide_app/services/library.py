"""The script and material library (话术素材) as the screens see it: ``session.library``.

Reads come from the cache (valid today by this PC's clock; what the server
removed is gone); writes are outbox edits, so everything works offline:
uses (``script.use``/``material.use`` with time and customer) also feed the
local 最近使用 list, favourites are ``favorite.add/remove``, personal scripts
``script.create/update/delete``, a suggestion to HQ ``script_suggestion.create``.
Every write asks ``guide_core.rules`` first, as the server will.

Favourites and suggestions not yet sent are read from the outbox over the
pulled rows, so a star or a suggestion shows at once and a refused one
disappears with the server's answer.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

import orjson

from guide_app.cache.database import Cache
from guide_app.cache.outbox import record_edit
from guide_app.cache.rows import read_row, read_rows
from guide_app.changes import ChangeStream
from guide_app.domain.errors import ValidationFailed, not_found, raise_if
from guide_app.domain.permissions import actor_of
from guide_app.domain.validation import checked_fields
from guide_core.protocol import (
    MaterialData,
    ScriptData,
    ScriptGroupData,
    ScriptSuggestionData,
    UserInfo,
    favorite_id,
)
from guide_core.rules import Code, Target, check
from guide_core.rules.content import text_refusal
from guide_core.sensitive import SensitiveCheck

from . import library_search
from .library_render import RenderedScript, WordList, render_script
from .library_search import LibraryHit

__all__ = ["LibraryHit", "LibraryService", "RenderedScript"]

KINDS = ("script", "material")
_TABLE = {"script": "scripts", "material": "materials"}
_MODEL: dict[str, Any] = {"script": ScriptData, "material": MaterialData}
_UNKNOWN = {"script": Code.UNKNOWN_SCRIPT, "material": Code.UNKNOWN_MATERIAL}
_VALID = "(valid_from IS NULL OR valid_from <= :today) AND (valid_to IS NULL OR valid_to >= :today)"
MAX_PAGE = 1000


def _page(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(int(limit), MAX_PAGE)), max(0, int(offset))


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValidationFailed(
            f"未知的类型: {kind}（应为话术或素材）", field="kind", code=Code.INVALID_FIELD
        )
    return kind


class LibraryService:
    """Scripts, materials, favourites, recent uses, personal scripts and suggestions."""

    def __init__(
        self,
        cache: Cache,
        user: UserInfo,
        changes: ChangeStream | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        """``today``: the client's own date (content outside its validity is hidden)."""
        self._cache = cache
        self._user = user
        self._today = today
        self.words = WordList(cache, changes)

    def _today_iso(self) -> str:
        return self._today().isoformat()

    # ------------------------------------------------------------------ reading

    def groups(self) -> list[ScriptGroupData]:
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql("SELECT data FROM script_groups ORDER BY sort, id").all()
        return [ScriptGroupData.model_validate(orjson.loads(r[0])) for r in rows]

    def script(self, script_id: str) -> ScriptData | None:
        return self._get("script", script_id)

    def material(self, material_id: str) -> MaterialData | None:
        return self._get("material", material_id)

    def _get(self, kind: str, item_id: str) -> Any:
        with self._cache.read() as conn:
            got = read_row(conn, kind, item_id)
        return _MODEL[kind].model_validate(got[1]) if got else None

    def scripts(
        self, group_id: str | None = None, view: str = "all", limit: int = 200, offset: int = 0
    ) -> list[ScriptData]:
        """Scripts valid today: ``all`` (most used first), ``favorites``, ``recent``
        (newest first) or ``mine`` (personal); optionally one group's."""
        extra, params = "", {}
        if group_id is not None:
            extra, params = " AND group_id = :gid", {"gid": group_id}
        if view == "mine":
            extra += " AND scope = 'personal' AND owner_id = :me"
            params["me"] = self._user.id
        return self._list("script", view, extra, params, limit, offset)

    def materials(
        self, kind: str | None = None, view: str = "all", limit: int = 200, offset: int = 0
    ) -> list[MaterialData]:
        """Materials valid today: ``all`` (most used first), ``favorites`` or ``recent``."""
        extra, params = "", {}
        if kind is not None:
            extra, params = " AND kind = :kind", {"kind": kind}
        return self._list("material", view, extra, params, limit, offset)

    def _list(
        self, kind: str, view: str, extra: str, params: dict, limit: int, offset: int
    ) -> list[Any]:
        from sqlalchemy import text

        lim, off = _page(limit, offset)
        params = {**params, "today": self._today_iso()}
        table = _TABLE[kind]
        if view in ("all", "mine") and (view == "all" or kind == "script"):
            sql = (
                f"SELECT data FROM {table} WHERE {_VALID}{extra} "
                "ORDER BY use_count DESC, title, id LIMIT :lim OFFSET :off"
            )
            with self._cache.read() as conn:
                rows = conn.execute(text(sql), {**params, "lim": lim, "off": off}).all()
            return [_MODEL[kind].model_validate(orjson.loads(r[0])) for r in rows]
        if view == "favorites":
            ids = self._favorite_ids(kind)
        elif view == "recent":
            ids = [i for k, i in self.recent(limit=200) if k == kind]
        else:
            raise ValidationFailed(f"未知的视图: {view}", field="view", code=Code.INVALID_FIELD)
        order = {item_id: n for n, item_id in enumerate(ids)}
        out: list[Any] = []
        with self._cache.read() as conn:
            for start in range(0, len(ids), 500):
                chunk = {f"i{n}": i for n, i in enumerate(ids[start : start + 500])}
                marks = ", ".join(f":{k}" for k in chunk)
                sql = f"SELECT data FROM {table} WHERE id IN ({marks}) AND {_VALID}{extra}"
                out.extend(
                    _MODEL[kind].model_validate(orjson.loads(r[0]))
                    for r in conn.execute(text(sql), {**params, **chunk})
                )
        out.sort(key=lambda m: order[m.id])
        return out[off : off + lim]

    # ------------------------------------------------------------------ search

    def search(self, text: str, limit: int = 50) -> list[LibraryHit]:
        """Scripts and materials as the guide types: substring of title, keywords or
        body, pinyin and initials of title and keywords; spans say what to highlight."""
        with self._cache.read() as conn:
            db = conn.connection.driver_connection
            return library_search.search(db, text, self._today_iso(), limit)  # type: ignore[arg-type]

    def answers(self, message: str, limit: int = 10) -> list[LibraryHit]:
        """Scripts that answer a customer's pasted message, best first (FTS5 bm25)."""
        with self._cache.read() as conn:
            db = conn.connection.driver_connection
            return library_search.answers(db, message, self._today_iso(), limit)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ rendering and words

    def render(
        self,
        script_id: str,
        customer_id: str | None = None,
        customer: Mapping[str, Any] | None = None,
    ) -> RenderedScript:
        """The script filled for a customer of the cache (``customer_id``) or one read
        online (``customer``, a ``CustomerData``-shaped mapping), checked for sensitive words."""
        return render_script(self._cache, self._user, self.words, script_id, customer_id, customer)

    def check_text(self, text: str) -> SensitiveCheck:
        """Sensitive words in ``text`` (the cached list's matcher, built once per list)."""
        return self.words.check(text)

    # ------------------------------------------------------------------ uses and recent

    def record_use(self, kind: str, item_id: str, customer_id: str | None = None) -> None:
        """Count a use (copied out), with the time and customer; queued, so offline too.
        Also puts the item first in :meth:`recent`."""
        _kind(kind)
        if self._get(kind, item_id) is None:
            raise not_found(_UNKNOWN[kind], item_id, field="item_id")
        at = datetime.now().astimezone()
        raw: dict[str, Any] = {"at": at}
        if customer_id is not None:
            raw["customer_id"] = customer_id
        fields = checked_fields(kind, "use", raw)
        raise_if(check(kind, "use", actor_of(self._user), Target(), fields))
        with self._cache.write() as conn:
            conn.exec_driver_sql(
                "INSERT INTO library_recent (user_id, kind, item_id, at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (user_id, kind, item_id) DO UPDATE SET at = excluded.at",
                (self._user.id, kind, item_id, at.isoformat()),
            )
        record_edit(self._cache, self._user.id, kind, "use", item_id, fields, None)

    def recent(self, limit: int = 20) -> list[tuple[str, str]]:
        """``(kind, id)`` of the items this user used last, newest first, each once
        (items since removed or expired are left out)."""
        lim, _ = _page(limit, 0)
        today = self._today_iso()
        exists = " OR ".join(
            f"(r.kind = '{k}' AND EXISTS (SELECT 1 FROM {t} x WHERE x.id = r.item_id AND "
            "(x.valid_from IS NULL OR x.valid_from <= ?) AND (x.valid_to IS NULL OR x.valid_to >= ?)))"
            for k, t in _TABLE.items()
        )
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(
                f"SELECT r.kind, r.item_id FROM library_recent r WHERE r.user_id = ? AND ({exists}) "
                "ORDER BY r.at DESC LIMIT ?",
                (self._user.id, today, today, today, today, lim),
            ).all()
        return [(k, i) for k, i in rows]

    # ------------------------------------------------------------------ favourites

    def _pending(self, conn: Any, entity: str) -> list[tuple[str, str, dict[str, Any], str]]:
        """``(op, entity_id, fields, created_at)`` of this user's unsent edits of ``entity``."""
        return [
            (op, eid, orjson.loads(fields), at)
            for op, eid, fields, at in conn.exec_driver_sql(
                "SELECT op, entity_id, fields, created_at FROM outbox "
                "WHERE entity = ? AND user_id = ? ORDER BY seq",
                (entity, self._user.id),
            )
        ]

    def is_favorite(self, kind: str, item_id: str) -> bool:
        fid = favorite_id(self._user.id, _kind(kind), item_id)
        with self._cache.read() as conn:
            last = conn.exec_driver_sql(
                "SELECT op FROM outbox WHERE entity = 'favorite' AND entity_id = ? "
                "ORDER BY seq DESC LIMIT 1",
                (fid,),
            ).first()
            if last is not None:
                return last[0] == "add"
            return read_row(conn, "favorite", fid) is not None

    def _favorite_ids(self, kind: str) -> list[str]:
        """Ids of this user's favourites of ``kind``, newest first (unsent ones included)."""
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT item_id, coalesce(json_extract(data, '$.created_at'), '') FROM favorites "
                "WHERE user_id = ? AND kind = ?",
                (self._user.id, kind),
            ).all()
            at = {item_id: when for item_id, when in rows}
            for op, _eid, fields, created in self._pending(conn, "favorite"):
                if fields.get("kind") != kind:
                    continue
                if op == "add":
                    at.setdefault(fields["item_id"], created)
                else:
                    at.pop(fields["item_id"], None)
        return sorted(at, key=lambda i: at[i], reverse=True)

    def set_favorite(self, kind: str, item_id: str, on: bool) -> None:
        """Star or unstar a script or material (收藏); nothing happens if it already is so."""
        _kind(kind)
        if on and self._get(kind, item_id) is None:
            raise not_found(_UNKNOWN[kind], item_id, field="item_id")
        if self.is_favorite(kind, item_id) == on:
            return
        op = "add" if on else "remove"
        fields = checked_fields("favorite", op, {"kind": kind, "item_id": item_id})
        raise_if(
            check("favorite", op, actor_of(self._user), Target(owner_id=self._user.id), fields)
        )
        fid = favorite_id(self._user.id, kind, item_id)
        record_edit(self._cache, self._user.id, "favorite", op, fid, fields, None)

    # ------------------------------------------------------------------ personal scripts

    def _refuse_words(self, title: str | None, body: str | None) -> None:
        """A blocking sensitive word in the title or body is refused (the server does too)."""
        matcher = self.words.matcher()
        for name, value in (("title", title), ("body", body)):
            if value:
                raise_if(text_refusal(matcher, value), field=name)

    def _check_group(self, group_id: str | None) -> None:
        if group_id is None:
            return
        with self._cache.read() as conn:
            if read_row(conn, "script_group", group_id) is None:
                raise not_found(Code.UNKNOWN_SCRIPT_GROUP, group_id, field="group_id")

    def create_personal(
        self, title: str, body: str, keywords: list[str] | None = None, group_id: str | None = None
    ) -> str:
        """A personal script (only this user has it, on every PC); returns its id."""
        raw: dict[str, Any] = {"title": title, "body": body, "keywords": keywords or []}
        if group_id:
            raw["group_id"] = group_id
        fields = checked_fields("script", "create", raw)
        raise_if(check("script", "create", actor_of(self._user), Target(), fields))
        self._check_group(group_id)
        self._refuse_words(fields["title"], fields["body"])
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

    def update_personal(self, script_id: str, **fields: Any) -> None:
        """Change a personal script (title, body, keywords, group_id)."""
        fields = checked_fields("script", "update", fields)
        version = self._own(script_id, "update")
        if "group_id" in fields:
            self._check_group(fields["group_id"])
        self._refuse_words(fields.get("title"), fields.get("body"))
        record_edit(
            self._cache, self._user.id, "script", "update", script_id, fields, version or None
        )

    def delete_personal(self, script_id: str) -> None:
        version = self._own(script_id, "delete")
        record_edit(self._cache, self._user.id, "script", "delete", script_id, {}, version or None)

    # ------------------------------------------------------------------ suggestions

    def suggest(self, script_id: str) -> str:
        """Suggest one's personal script to HQ (建议加入总部话术库); returns the suggestion's
        id. A suggestion of the same script still waiting for HQ is not sent again."""
        with self._cache.read() as conn:
            got = read_row(conn, "script", script_id)
        if got is None:
            raise not_found(Code.UNKNOWN_SCRIPT, script_id, field="script_id")
        d = got[1]
        fields = checked_fields("script_suggestion", "create", {"script_id": script_id})
        target = Target(store_id=d.get("store_id"), owner_id=d.get("owner_id"), scope=d["scope"])
        raise_if(check("script_suggestion", "create", actor_of(self._user), target, fields))
        for s in self.suggestions():
            if s.script_id == script_id and s.status == "pending":
                return s.id
        suggestion_id = str(uuid.uuid4())
        record_edit(
            self._cache, self._user.id, "script_suggestion", "create", suggestion_id, fields, None
        )
        return suggestion_id

    def suggestions(self) -> list[ScriptSuggestionData]:
        """This user's suggestions, newest first: unsent ones (待处理) and HQ's answers
        (``status``, ``reason``, ``accepted_script_id``)."""
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT data FROM script_suggestions WHERE owner_id = ? "
                "ORDER BY created_at DESC, id",
                (self._user.id,),
            ).all()
            pulled = [ScriptSuggestionData.model_validate(orjson.loads(r[0])) for r in rows]
            known = {s.id for s in pulled}
            pending = [p for p in self._pending(conn, "script_suggestion") if p[1] not in known]
            scripts = read_rows(conn, "script", [p[2]["script_id"] for p in pending])
        unsent = []
        for _op, sid, fields, created in reversed(pending):
            script = scripts.get(fields["script_id"], {})
            unsent.append(
                ScriptSuggestionData(
                    id=sid,
                    script_id=fields["script_id"],
                    owner_id=self._user.id,
                    store_id=self._user.store_id,
                    title=script.get("title", ""),
                    body=script.get("body", ""),
                    keywords=script.get("keywords", []),
                    created_at=created,
                )
            )
        return unsent + pulled
