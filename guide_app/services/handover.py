"""离职继承 on the supervisor's PC: preview, queue (offline too), undo until the next sync.

- :meth:`HandoverService.preview`: who gets whom, from the cache's customers, by the
  plan functions the server's rule shares (``guide_core.rules.handover``).
- :meth:`HandoverService.queue`: the same check the server runs
  (``handover_refusal`` over the cache's rows), then ``user.handover`` mutations (one,
  or several of at most ``MAX_HANDOVER_CUSTOMERS`` for a very large book, the last one
  deactivating) go into the outbox in ONE local transaction; the overlay gives the
  customers their new owners in the cache at once. The leaving account stays active in
  the cache until the server says otherwise; :meth:`pending` tells the page.
- :meth:`HandoverService.undo`: while the edit is still in the outbox (not yet sent), it
  is removed and the customers get their owner back, in one transaction. Once the sync
  has sent it (or is sending it now) there is nothing to take back: the undo says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field

import orjson

from guide_app.cache.database import Cache
from guide_app.cache.outbox import enqueue, json_safe
from guide_app.cache.overlay import LocalEdit, apply_edit, now_iso, reapply_pending
from guide_app.cache.rows import read_row, read_rows
from guide_app.domain import permissions as perm
from guide_app.domain.errors import ValidationFailed, raise_if
from guide_app.domain.validation import checked_fields
from guide_app.sync.api import ApiClient
from guide_core.handover_api import HandoverReport
from guide_core.protocol import Role, UserData, UserInfo
from guide_core.rules import Code
from guide_core.rules import handover as rules

#: The modes of the page (平均分配 / 按标签 / 手动选择).
MODES = (rules.MODE_EVEN, rules.MODE_TAG, rules.MODE_HAND)


@dataclass(frozen=True)
class HandoverCustomer:
    id: str
    name: str
    tag_ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class HandoverPreview:
    """Who gets whom: ``plan`` customer id → receiver id; ``left_out``: customers of the
    leaving guide the plan gives to no one (a tag rule without a rest, a hand choice)."""

    leaving_id: str
    leaving: UserData | None  # None: not on this PC (another store's: the rule says so)
    plan: dict[str, str]
    customers: dict[str, HandoverCustomer]
    names: dict[str, str]  # receiver id → display name
    left_out: list[str] = field(default_factory=list)

    @property
    def leaving_name(self) -> str:
        return (self.leaving.display_name or self.leaving.username) if self.leaving else ""

    def counts(self) -> dict[str, int]:
        return rules.counts(self.plan)

    def rows(self) -> list[tuple[str, str, str]]:
        """(customer name, receiver name, customer id), by receiver then customer name."""
        out = [
            (self.customers[cid].name, self.names.get(rid, rid), cid)
            for cid, rid in self.plan.items()
        ]
        return sorted(out, key=lambda r: (r[1], r[0], r[2]))

    def summary(self) -> str:
        """The confirmation's plain words."""
        who = "、".join(f"{self.names.get(r, r)} {n} 位" for r, n in self.counts().items())
        name = self.leaving_name
        return (
            f"{name} 的 {len(self.plan)} 位客户将转给：{who}。\n"
            f"{name} 的账号将停用、所有登录会话撤销，未完成的任务撤回。\n"
            "客户的备注、标签、跟进记录和订单随客户一起转交。\n"
            "同步之前可以撤销。"
        )


@dataclass(frozen=True)
class PendingHandover:
    leaving_id: str
    customers: int
    mutation_ids: tuple[str, ...]


class HandoverService:
    """``between_cycles``: the sync engine's (a context manager yielding False while a
    sync cycle runs), so an undo never races a push of the same edit."""

    def __init__(
        self,
        cache: Cache,
        user: UserInfo,
        between_cycles: Callable[[], AbstractContextManager[bool]] | None = None,
    ) -> None:
        self._cache = cache
        self._user = user
        self._between_cycles = between_cycles or (lambda: nullcontext(True))

    # ------------------------------------------------------------------ reads

    def _staff(self) -> list[UserData]:
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT data FROM users WHERE store_id = ? AND role IN ('guide', 'supervisor') "
                "ORDER BY display_name, id",
                (self._user.store_id,),
            ).all()
        return [UserData.model_validate(orjson.loads(r[0])) for r in rows]

    def leaving_candidates(self) -> list[UserData]:
        """Guides of the store (HQ-only accounts and supervisors are HQ's to hand over)."""
        return [u for u in self._staff() if u.role == Role.GUIDE and u.id != self._user.id]

    def receivers_for(self, leaving_id: str) -> list[UserData]:
        """Active guides and supervisors of the store, but the leaving one and anyone
        whose own handover is waiting to be sent."""
        waiting = {p.leaving_id for p in self.pending()}
        return [u for u in self._staff() if u.active and u.id != leaving_id and u.id not in waiting]

    def customers_of(self, leaving_id: str) -> list[HandoverCustomer]:
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT id, name FROM customers WHERE owner_id = ? AND store_id = ? "
                "ORDER BY name, id",
                (leaving_id, self._user.store_id),
            ).all()
            tags: dict[str, set[str]] = {}
            ids = [r[0] for r in rows]
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join("?" for _ in chunk)
                for cid, tid in conn.exec_driver_sql(
                    f"SELECT customer_id, tag_id FROM customer_tags WHERE customer_id IN ({marks})",
                    tuple(chunk),
                ):
                    tags.setdefault(cid, set()).add(tid)
        return [HandoverCustomer(cid, name, frozenset(tags.get(cid, ()))) for cid, name in rows]

    def _user_row(self, user_id: str) -> UserData | None:
        with self._cache.read() as conn:
            got = read_row(conn, "user", user_id)
        return UserData.model_validate(got[1]) if got else None

    def explicit(self, leaving_id: str, plan: Mapping[str, str]) -> HandoverPreview:
        """A preview of a plan made elsewhere (customer id → receiver id), as held here."""
        with self._cache.read() as conn:
            held = read_rows(conn, "customer", list(plan))
        return HandoverPreview(
            leaving_id=leaving_id,
            leaving=self._user_row(leaving_id),
            plan=dict(plan),
            customers={cid: HandoverCustomer(cid, d.get("name", "")) for cid, d in held.items()},
            names={u.id: u.display_name or u.username for u in self._staff()},
        )

    def preview(
        self,
        leaving_id: str,
        mode: str,
        receivers: Sequence[str] = (),
        *,
        tag_rules: Sequence[tuple[str, str]] = (),
        by_hand: Mapping[str, str | None] | None = None,
    ) -> HandoverPreview:
        """The plan for ``mode``: ``even`` over ``receivers``; ``tag``: ``tag_rules``
        (tag id, receiver) first, the rest evenly over ``receivers``; ``hand``: ``by_hand``."""
        leaving = self._user_row(leaving_id)
        if leaving is None:
            raise ValidationFailed("请选择离职的导购", field="leaving", code=Code.UNKNOWN_OWNER)
        customers = self.customers_of(leaving_id)
        ids = [c.id for c in customers]
        if mode == rules.MODE_EVEN:
            plan = rules.plan_even(ids, list(receivers))
        elif mode == rules.MODE_TAG:
            tags_of = {c.id: c.tag_ids for c in customers}
            plan = rules.plan_by_tag(ids, tags_of, list(tag_rules), list(receivers))
        elif mode == rules.MODE_HAND:
            chosen = rules.plan_by_hand(by_hand or {})
            plan = {cid: chosen[cid] for cid in ids if cid in chosen}
        else:
            raise ValidationFailed(f"未知的分配方式: {mode}", field="mode", code=Code.INVALID_FIELD)
        names = {u.id: u.display_name or u.username for u in self._staff()}
        return HandoverPreview(
            leaving_id=leaving_id,
            leaving=leaving,
            plan=plan,
            customers={c.id: c for c in customers},
            names=names,
            left_out=[cid for cid in ids if cid not in plan],
        )

    def refusal(self, preview: HandoverPreview) -> rules.Refusal | None:
        """The server's rule over what this PC holds (None: it may be queued)."""

        def staff(u: UserData | None) -> rules.Staff | None:
            if u is None:
                return None
            return rules.Staff(u.id, str(u.role), u.store_id, u.active, u.display_name)

        waiting = {p.leaving_id for p in self.pending()}
        receivers = {}
        for rid in set(preview.plan.values()):
            u = self._user_row(rid)
            if u is not None and rid in waiting:  # leaving too, once this PC syncs
                u = u.model_copy(update={"active": False})
            receivers[rid] = staff(u)
        with self._cache.read() as conn:
            held = read_rows(conn, "customer", list(preview.plan))
        customers = {
            cid: rules.HandedCustomer(cid, d["store_id"], d.get("owner_id"), d.get("name", ""))
            if (d := held.get(cid))
            else None
            for cid in preview.plan
        }
        return rules.handover_refusal(
            perm.actor_of(self._user), staff(preview.leaving), receivers, preview.plan, customers
        )

    # ------------------------------------------------------------------ writes

    def queue(self, preview: HandoverPreview, deactivate: bool = True) -> list[str]:
        """Check, then queue the handover and apply it here; returns the mutation ids.

        ``deactivate=False``: the customers only (the account stays as it is)."""
        if preview.leaving_id in {p.leaving_id for p in self.pending()}:
            raise ValidationFailed("该导购的交接已在等待同步", field="leaving")
        raise_if(self.refusal(preview), field="receivers")
        parts = rules.pieces(preview.plan)
        at = now_iso()
        ids: list[str] = []
        with self._cache.write() as conn:
            for n, receivers in enumerate(parts):
                fields = {"receivers": receivers, "deactivate": deactivate and n == len(parts) - 1}
                checked_fields("user", "handover", fields)
                edit = LocalEdit(
                    "user", "handover", preview.leaving_id, json_safe(fields), self._user.id, at
                )
                apply_edit(conn, edit)
                got = read_row(conn, "user", preview.leaving_id)
                ids.append(enqueue(self._cache, conn, edit, got[0] if got and got[0] else None))
        self._cache.notify_local_edit({"customer", "user"})
        return ids

    def pending(self) -> list[PendingHandover]:
        """Handovers queued on this PC and not yet sent."""
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT mutation_id, entity_id, fields FROM outbox "
                "WHERE entity = 'user' AND op = 'handover' ORDER BY seq"
            ).all()
        out: dict[str, PendingHandover] = {}
        for mid, leaving, raw in rows:
            n = sum(len(c) for c in orjson.loads(raw)["receivers"].values())
            got = out.get(leaving)
            out[leaving] = PendingHandover(
                leaving,
                n + (got.customers if got else 0),
                (*(got.mutation_ids if got else ()), mid),
            )
        return list(out.values())

    def undo(self, leaving_id: str) -> int:
        """Take back a handover not yet sent; returns the customers given back.

        Refused (``ValidationFailed``) when it was sent already or is being sent now.
        """
        with self._between_cycles() as free:
            if not free:
                raise ValidationFailed("正在同步，请稍候再撤销", field="undo")
            with self._cache.write() as conn:
                rows = conn.exec_driver_sql(
                    "SELECT mutation_id, fields FROM outbox "
                    "WHERE entity = 'user' AND op = 'handover' AND entity_id = ?",
                    (leaving_id,),
                ).all()
                if not rows:
                    raise ValidationFailed(
                        "交接已同步到服务器，无法撤销（客户已转给接收人）", field="undo"
                    )
                touched: set[tuple[str, str]] = set()
                given_back = 0
                for mid, raw in rows:
                    conn.exec_driver_sql("DELETE FROM outbox WHERE mutation_id = ?", (mid,))
                    for receiver, cids in orjson.loads(raw)["receivers"].items():
                        for cid in cids:
                            got = read_row(conn, "customer", cid)
                            if got is None or got[1].get("owner_id") != receiver:
                                continue
                            _put_owner(conn, cid, got, leaving_id)
                            touched.add(("customer", cid))
                            given_back += 1
                reapply_pending(conn, touched)  # other edits still waiting on those rows
        self._cache.notify_local_edit({"customer", "user"})
        return given_back


def _put_owner(conn, cid: str, got: tuple[int, dict], owner: str) -> None:
    from guide_app.cache.overlay import _store

    version, data = got
    _store(conn, "customer", version, {**data, "owner_id": owner})


def tags_in_use(customers: Iterable[HandoverCustomer]) -> dict[str, int]:
    """tag id → how many of these customers carry it (the 按标签 mode's choices)."""
    out: dict[str, int] = {}
    for c in customers:
        for t in c.tag_ids:
            out[t] = out.get(t, 0) + 1
    return out


INTRO_WORDS = ("交接", "接手")


def intro_script(cache: Cache) -> tuple[str, str] | None:
    """(id, title) of the library script a receiving guide introduces themselves with:
    the first whose title or keywords hold 交接 or 接手 (None: the library has none)."""
    with cache.read() as conn:
        rows = conn.exec_driver_sql("SELECT id, data FROM scripts ORDER BY id").all()
    for sid, raw in rows:
        data = orjson.loads(raw)
        words = [data.get("title", ""), *(data.get("keywords") or [])]
        if any(w in text for w in INTRO_WORDS for text in words):
            return sid, data.get("title", "")
    return None


#: What the handover record says without the server.
REPORT_OFFLINE_MESSAGE = "交接记录需要连接服务器"


def handover_report(api: ApiClient, store_id: str | None = None) -> HandoverReport:
    """``GET /admin/reports/handovers`` (HQ: every store; a supervisor: their own);
    raises ``AdminError`` (``AdminOffline`` without the server). Blocks: run it on a worker."""
    from guide_app.services.library_admin import _parsed
    from guide_app.services.task_admin import _call

    where = "/admin/reports/handovers"
    params = {"store_id": store_id} if store_id else {}
    resp = _call(lambda: api._send("GET", where, params=params), REPORT_OFFLINE_MESSAGE)
    return _parsed(api._json(resp, where), HandoverReport, where)
