"""Publishing tasks (任务发布) and the HQ board, for HQ and a store's supervisor.

Two roads, as the contract (``/work`` notes, ``guide_core.tasks_api``) has them:

- HQ publishes, edits and withdraws through the admin API ``/api/v1/admin/tasks``
  (online only: without the server every call raises :class:`AdminOffline` with
  :data:`OFFLINE_MESSAGE`); a refused publish answers the whole ``PublishReport``
  (422, ``problems``: nothing written), returned here as it is. The HQ board and the
  ranking are online reads of the same area.
- A supervisor makes a store task for chosen guides of the store with the push
  operation ``task.create`` (:meth:`TaskAdmin.create_store_task`): checked with the
  server's own rule and queued through the outbox, so it works offline and goes
  out with the next sync.

Calls of the first kind block on the network: the UI runs them on a worker.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar
from urllib.parse import quote

import orjson
from pydantic import BaseModel, ValidationError

from guide_app.cache.database import Cache
from guide_app.cache.outbox import record_edits
from guide_app.domain.errors import raise_if
from guide_app.domain.permissions import actor_of
from guide_app.domain.validation import checked_fields
from guide_app.services.library_admin import (
    AdminError,
    AdminOffline,
    AdminRefused,
    _json_or_none,
    _parsed,
    _send_raw,
)
from guide_app.sync.api import ApiClient
from guide_app.sync.errors import Rejected4xx, ReplyCut, ServerError, SyncError, Unreachable
from guide_core import protocol
from guide_core import tasks_api as api_
from guide_core.rules import Target, check
from guide_core.rules import tasks as rules

#: What publishing says without the server (a supervisor's store task works offline).
OFFLINE_MESSAGE = "总部发布任务需要连接服务器"
#: What the HQ board says without the server.
BOARD_OFFLINE_MESSAGE = "总部看板需要连接服务器"
PREFIX = "/admin/tasks"

M = TypeVar("M", bound=BaseModel)

__all__ = [
    "BOARD_OFFLINE_MESSAGE",
    "OFFLINE_MESSAGE",
    "AdminError",
    "AdminOffline",
    "AdminRefused",
    "Choice",
    "TaskAdmin",
]


class Choice(BaseModel):
    """Something to pick in the publish form: its id and what people call it."""

    id: str
    name: str
    detail: str = ""


class TaskAdmin:
    """Publishing for one signed-in HQ user or supervisor."""

    def __init__(self, api: ApiClient, cache: Cache, user: protocol.UserInfo) -> None:
        self.api = api
        self.user = user
        self._cache = cache

    # ------------------------------------------------------------------ who may

    @property
    def is_hq(self) -> bool:
        return actor_of(self.user).is_hq

    def may_publish(self) -> bool:
        """HQ any targets; a supervisor their store's tasks (the shared rule)."""
        actor = actor_of(self.user)
        if actor.is_hq:
            return rules.may_publish(actor, "hq", []) is None
        return rules.may_publish(actor, "store", [self.user.store_id or ""]) is None

    def may_manage(self, task: protocol.TaskData) -> bool:
        facts = rules.TaskFacts(
            scope=str(task.scope),
            store_id=task.store_ids[0] if task.store_ids else None,
            status=str(task.status),
        )
        return rules.may_manage(actor_of(self.user), facts) is None

    # ------------------------------------------------------------------ cached choices

    def _rows(self, sql: str, args: tuple = ()) -> list[tuple]:
        if self._cache.closed:
            return []
        with self._cache.read() as conn:
            return list(conn.exec_driver_sql(sql, args).all())

    def stores(self) -> list[Choice]:
        rows = self._rows("SELECT data FROM stores")
        stores = [orjson.loads(r[0]) for r in rows]
        return sorted(
            (
                Choice(id=s["id"], name=s.get("name") or s["id"], detail=s.get("code", ""))
                for s in stores
            ),
            key=lambda c: (c.detail, c.id),
        )

    def regions(self) -> list[Choice]:
        seen: dict[str, str] = {}
        for (raw,) in self._rows("SELECT data FROM stores"):
            s = orjson.loads(raw)
            if s.get("region_id"):
                seen[s["region_id"]] = s.get("region_name") or s["region_id"]
        return sorted((Choice(id=k, name=v) for k, v in seen.items()), key=lambda c: c.name)

    def guides(self, store_id: str | None = None) -> list[Choice]:
        """Active guides (and supervisors) of ``store_id`` (default: the user's store)."""
        store_id = store_id or self.user.store_id or ""
        rows = self._rows(
            "SELECT id, display_name, data FROM users WHERE store_id = ? AND active"
            " AND role IN ('guide', 'supervisor') ORDER BY role DESC, display_pinyin, id",
            (store_id,),
        )
        return [
            Choice(id=i, name=n or "", detail=orjson.loads(d).get("username", ""))
            for i, n, d in rows
        ]

    def all_guides(self) -> list[Choice]:
        """Every active guide this PC knows (HQ: every store's), for naming guides."""
        rows = self._rows(
            "SELECT u.id, u.display_name, u.data, coalesce(s.name, '') FROM users u"
            " LEFT JOIN stores s ON s.id = u.store_id WHERE u.active AND u.role = 'guide'"
            " ORDER BY s.name, u.display_pinyin, u.id"
        )
        return [
            Choice(
                id=i, name=n or "", detail=f"{store} {orjson.loads(d).get('username', '')}".strip()
            )
            for i, n, d, store in rows
        ]

    def scripts(self) -> list[Choice]:
        rows = self._rows(
            "SELECT id, title FROM scripts WHERE json_extract(data, '$.scope') != 'personal'"
            " ORDER BY title, id"
        )
        return [Choice(id=i, name=t or "") for i, t in rows]

    def materials(self) -> list[Choice]:
        rows = self._rows("SELECT id, json_extract(data, '$.title') FROM materials ORDER BY 2, id")
        return [Choice(id=i, name=t or "") for i, t in rows]

    def tags(self) -> list[Choice]:
        rows = self._rows(
            "SELECT t.id, json_extract(t.data, '$.name'), json_extract(g.data, '$.name')"
            " FROM tags t LEFT JOIN tag_groups g ON g.id = json_extract(t.data, '$.group_id')"
            " ORDER BY 3, 2, t.id"
        )
        return [Choice(id=i, name=n or "", detail=g or "") for i, n, g in rows]

    # ------------------------------------------------------------------ offline: store task

    def create_store_task(
        self,
        *,
        title: str,
        kind: str,
        due_at: datetime,
        guide_ids: Sequence[str],
        items: Sequence[protocol.TaskItemSpec | dict[str, Any]],
        description: str = "",
        start_at: datetime | None = None,
        recurrence: str | None = None,
        until: date | None = None,
    ) -> str:
        """Queue ``task.create`` for guides of the user's store; the new task's id.

        Checked first (fields, who may, schedule) with the server's own code, so a
        refusal comes at once (``ValidationFailed`` naming the field); then one local
        transaction writes the outbox row, which the next sync sends.
        """
        specs = []
        for spec in items:
            data = spec.model_dump(mode="json") if isinstance(spec, BaseModel) else dict(spec)
            data["id"] = data.get("id") or str(uuid.uuid4())
            specs.append(data)
        raw = {
            "title": title,
            "kind": kind,
            "description": description,
            "start_at": start_at,
            "due_at": due_at,
            "recurrence": recurrence or None,
            "until": until,
            "guide_ids": list(guide_ids),
            "items": specs,
        }
        fields = checked_fields("task", "create", raw)
        target = Target(store_id=self._store_of(fields["guide_ids"]))
        refusal = check("task", "create", actor_of(self.user), target, fields)
        field = "guide_ids" if refusal and refusal.code != "invalid_schedule" else "due_at"
        raise_if(refusal, field=field)
        task_id = str(uuid.uuid4())
        record_edits(self._cache, self.user.id, [("task", "create", task_id, fields, None)])
        return task_id

    def _store_of(self, guide_ids: Sequence[str]) -> str | None:
        """The one store every chosen guide belongs to (None: unknown or several)."""
        if not guide_ids:
            return None
        marks = ",".join("?" * len(guide_ids))
        rows = self._rows(
            f"SELECT DISTINCT store_id FROM users WHERE id IN ({marks})", tuple(guide_ids)
        )
        known = self._rows(f"SELECT count(*) FROM users WHERE id IN ({marks})", tuple(guide_ids))
        if len(rows) != 1 or known[0][0] != len(set(guide_ids)):
            return None
        return rows[0][0]

    def queued_store_tasks(self) -> list[str]:
        """Titles of store tasks made here and not yet sent (the page lists them offline)."""
        rows = self._rows(
            "SELECT fields FROM outbox WHERE entity = 'task' AND op = 'create' ORDER BY seq"
        )
        return [orjson.loads(r[0]).get("title", "") for r in rows]

    # ------------------------------------------------------------------ online: publish

    def publish(self, body: api_.TaskPublish) -> api_.PublishReport:
        """Publish (or check, ``dry_run``); a refused publish returns its report
        (``published`` false, ``problems`` saying where and what)."""
        return self._report("POST", PREFIX, body)

    def tasks(self) -> list[protocol.TaskData]:
        return self._get("", api_.TaskList).tasks

    def detail(self, task_id: str) -> api_.TaskDetail:
        return self._get(f"/{_q(task_id)}", api_.TaskDetail)

    def edit(self, task_id: str, body: api_.TaskEdit) -> api_.TaskDetail:
        return self._write("PATCH", f"/{_q(task_id)}", body, api_.TaskDetail)

    def withdraw(self, task_id: str, reason: str = "") -> api_.TaskDetail:
        body = api_.TaskWithdraw(reason=reason)
        return self._write("POST", f"/{_q(task_id)}/withdraw", body, api_.TaskDetail)

    # ------------------------------------------------------------------ online: board

    def board(
        self,
        *,
        store_id: str | None = None,
        region_id: str | None = None,
        weeks: int = api_.DEFAULT_BOARD_WEEKS,
    ) -> api_.Board:
        params: dict[str, Any] = {"weeks": max(1, min(int(weeks), api_.MAX_BOARD_WEEKS))}
        if store_id:
            params["store_id"] = store_id
        if region_id:
            params["region_id"] = region_id
        return self._get("/board", api_.Board, params=params, offline=BOARD_OFFLINE_MESSAGE)

    def ranking(
        self,
        by: str = "store",
        *,
        store_id: str | None = None,
        region_id: str | None = None,
        weeks: int = api_.DEFAULT_BOARD_WEEKS,
    ) -> api_.Ranking:
        params: dict[str, Any] = {
            "by": by,
            "weeks": max(1, min(int(weeks), api_.MAX_BOARD_WEEKS)),
        }
        if store_id:
            params["store_id"] = store_id
        if region_id:
            params["region_id"] = region_id
        return self._get("/ranking", api_.Ranking, params=params, offline=BOARD_OFFLINE_MESSAGE)

    # ------------------------------------------------------------------ plumbing

    def _get(
        self,
        path: str,
        model: type[M],
        *,
        params: dict | None = None,
        offline: str = OFFLINE_MESSAGE,
    ) -> M:
        where = PREFIX + path
        resp = _call(lambda: self.api._send("GET", where, params=params or {}), offline)
        return _parsed(self.api._json(resp, where), model, where)

    def _write(self, method: str, path: str, body: BaseModel, model: type[M]) -> M:
        where = PREFIX + path
        payload = body.model_dump_json(exclude_unset=method == "PATCH").encode()
        headers = {"Content-Type": "application/json"}
        resp = _call(
            lambda: self.api._send(method, where, content=payload, headers=headers),
            OFFLINE_MESSAGE,
        )
        return _parsed(self.api._json(resp, where), model, where)

    def _report(self, method: str, where: str, body: BaseModel) -> api_.PublishReport:
        payload = body.model_dump_json().encode()
        headers = {"Content-Type": "application/json"}

        def send() -> api_.PublishReport:
            resp = _send_raw(self.api, method, where, content=payload, headers=headers)
            if resp.status_code == 422:
                report = _publish_report(_json_or_none(resp.content))
                if report is not None:
                    return report
            self.api._check(resp, where)
            return _parsed(self.api._json(resp, where), api_.PublishReport, where)

        return _call(send, OFFLINE_MESSAGE)


def _q(row_id: str) -> str:
    return quote(row_id, safe="")


def _call(fn: Callable[[], Any], offline: str) -> Any:
    try:
        return fn()
    except (Unreachable, ReplyCut) as exc:
        raise AdminOffline(offline) from exc
    except ServerError as exc:
        if exc.status_code in (502, 503, 504):
            raise AdminOffline(offline, exc.status_code) from exc
        raise AdminError(f"服务器出错, 请稍后再试: {exc.detail}", exc.status_code) from exc
    except Rejected4xx as exc:
        detail = exc.detail if isinstance(exc.detail, str) else exc.message
        raise AdminRefused(detail or exc.message, exc.status_code) from exc
    except SyncError as exc:
        raise AdminError(exc.message) from exc


def _publish_report(data: Any) -> api_.PublishReport | None:
    """The PublishReport a refused publish (422) carries, however it was wrapped."""
    if isinstance(data, dict) and "problems" not in data and isinstance(data.get("detail"), dict):
        data = data["detail"]
    if isinstance(data, dict) and "problems" in data:
        try:
            return api_.PublishReport.model_validate(data)
        except ValidationError:
            return None
    return None
