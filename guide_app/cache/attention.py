"""Edits the server refused: shown to the guide to retry or discard."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

from guide_app.cache.overlay import LocalEdit, apply_edit, now_iso
from guide_app.cache.rows import read_row
from guide_app.domain.errors import NotFound
from guide_app.domain.labels import ENTITIES, OPS, label
from guide_core.rules import text_of

if TYPE_CHECKING:
    from guide_app.cache.database import Cache

#: How the reasons this client writes itself begin (the server never answered the
#: edit: it kept failing on it, or refused the request that carried it). Such an
#: edit may have been applied before the server failed, so its retry keeps its
#: ``mutation_id`` (the server answers ``duplicate`` if it has it), unlike a
#: rejected edit, whose stored rejection would come back for the same id.
SERVER_FAILED = "服务器多次无法处理此修改"
SERVER_REFUSED = "服务器拒收此修改"
DEPENDS_FAILED = "所依赖的修改未能上传"
#: The ``code`` of such an edit (the server's codes are ``guide_core.rules.Code``).
UNANSWERED_CODE = "unanswered"


@dataclass(frozen=True)
class AttentionItem:
    id: int
    entity: str
    op: str
    entity_id: str
    fields: dict[str, Any]
    reason: str
    created_at: str
    #: One Chinese line for the list, e.g. ``修改客户「张三」未成功: 只能操作自己负责的客户或任务``
    summary: str
    server_row: dict[str, Any] | None = None
    #: Why, for programs: a ``guide_core.rules.Code`` value, :data:`UNANSWERED_CODE`, or
    #: None (an older server gave no code)
    code: str | None = None


def edit_label(entity: str, op: str, fields: dict[str, Any], customer_name: str = "") -> str:
    """An edit in a few Chinese words, e.g. ``新建客户「张三」``."""
    name = fields.get("name") or fields.get("title") or customer_name
    return f"{label(OPS, op)}{label(ENTITIES, entity)}{f'「{name}」' if name else ''}"


def reason_text(reason: str, code: str | None) -> str:
    """The reason as shown: the server's Chinese as it is; an older server's reason
    (English first, no code) stays as it came."""
    return reason or text_of(code) or code or ""


class Attention:
    """``cache.attention``: the needs-attention list."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache

    def _subject(self, entity: str, entity_id: str, fields: dict[str, Any]) -> str:
        cid = entity_id if entity == "customer" else fields.get("customer_id")
        name = fields.get("name") or fields.get("title")
        if not name and cid:
            with self._cache.read() as conn:
                got = read_row(conn, "customer", cid)
            name = got[1]["name"] if got else ""
        return f"「{name}」" if name else ""

    def list(self) -> list[AttentionItem]:
        """Every refused edit, oldest first."""
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT id, entity, op, entity_id, fields, reason, created_at, server_row, code "
                "FROM attention ORDER BY id"
            ).all()
        items = []
        for rid, entity, op, entity_id, fields, reason, created_at, server_row, code in rows:
            f = orjson.loads(fields)
            what = f"{label(OPS, op)}{label(ENTITIES, entity)}{self._subject(entity, entity_id, f)}"
            items.append(
                AttentionItem(
                    id=rid,
                    entity=entity,
                    op=op,
                    entity_id=entity_id,
                    fields=f,
                    reason=reason,
                    created_at=created_at,
                    summary=f"{what}未成功: {reason_text(reason, code)}",
                    server_row=orjson.loads(server_row) if server_row else None,
                    code=code,
                )
            )
        return items

    def count(self) -> int:
        with self._cache.read() as conn:
            return int(conn.exec_driver_sql("SELECT count(*) FROM attention").scalar_one())

    def retry(self, item_id: int) -> None:
        """Send the edit again (new seq), applied locally again.

        A refused edit goes out as a NEW mutation (the server would answer its
        old id with the stored rejection). An edit the server never answered
        (``code`` :data:`UNANSWERED_CODE`) keeps its id: the server may have applied
        it before failing, and then answers ``duplicate`` instead of applying it
        twice.
        """
        from guide_app.cache.outbox import enqueue

        with self._cache.write() as conn:
            got = conn.exec_driver_sql(
                "SELECT entity, op, entity_id, fields, user_id, mutation_id, code "
                "FROM attention WHERE id = ?",
                (item_id,),
            ).first()
            if got is None:
                raise NotFound(f"待处理项 {item_id} 不存在")
            entity, op, entity_id, fields, user_id, mutation_id, code = got
            edit = LocalEdit(entity, op, entity_id, orjson.loads(fields), user_id, now_iso())
            current = read_row(conn, entity, entity_id)
            changed = apply_edit(conn, edit) | {entity, "attention"}
            base = current[0] if current and current[0] > 0 and op != "create" else None
            same_id = mutation_id if code == UNANSWERED_CODE else None
            enqueue(self._cache, conn, edit, base, mutation_id=same_id)
            conn.exec_driver_sql("DELETE FROM attention WHERE id = ?", (item_id,))
        self._cache.notify_local_edit(changed)

    def discard(self, item_id: int) -> None:
        """Drop the refused edit for good (the local row already shows the server's state)."""
        with self._cache.write() as conn:
            conn.exec_driver_sql("DELETE FROM attention WHERE id = ?", (item_id,))
