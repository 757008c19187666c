"""When a failing push is one edit's fault, and what the attention list then says.

No single edit may stall the outbox. The engine sends it in batches; a 5xx or
a reply that is not a valid push reply is first taken for a passing server
problem: the cycle fails, the engine backs off (``status.Backoff``) and sends
the same batch again, with the same mutation ids (the server applies an id
once and answers ``duplicate`` after that, so whatever it applied before
failing is not applied twice).

From the :data:`ISOLATE_AFTER`-th failure in a row of a batch with the same
first edit (at once for a 400/413/422: the server refused the request as a
whole, and sending it again cannot help), the engine splits the batch: first
an empty push, which must succeed (a server that fails every push is down, and
no edit is to blame), then halves in ``seq`` order, down to single edits. Every
piece that goes through is stored as usual. An edit that fails on its own is
held back for the rest of the cycle together with the later edits that depend
on it (``store.outbox.Holds``); once it has failed on its own in
:data:`QUARANTINE_AFTER` separate cycles, it moves to the attention list (with
its dependents when it creates a row), where the guide retries or discards it.

Network failures (``Unreachable``, a reply cut off mid-body), 401, 409 resync,
426, 429 and "unavailable" (502/503/504: a busy database, a gateway before a
stopped server) are never blamed on an edit: they stop the cycle as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from guide_app.cache.attention import SERVER_FAILED, SERVER_REFUSED
from guide_app.sync.errors import BadReply, Rejected4xx, ReplyCut, ServerError, SyncError
from guide_core.protocol import Mutation

#: Failures in a row of a batch (same first edit) before it is split: with the
#: default backoff the third comes ~6 s after the first, so a server restart or
#: a passing database error never splits anything.
ISOLATE_AFTER = 3
#: Separate cycles in which an edit must fail on its own before it is moved, by
#: kind of failure: a 5xx might be a coincidence once; a refusal is the answer.
QUARANTINE_AFTER = {"server": 2, "refused": 1}
#: 4xx answers to a push that refuse the request's content (too large, unreadable).
REFUSED_CODES = frozenset({400, 413, 422})
#: 5xx answers that say the server (or the gateway before it) is unavailable, not
#: that it failed on what was sent: the server answers 503 while its database is
#: busy or unreachable (``guide_server.db_errors``), a proxy 502/504 while the
#: server is down. Like a network error, they never blame an edit.
UNAVAILABLE_CODES = frozenset({502, 503, 504})
_DETAIL_CHARS = 200


def blame(exc: SyncError) -> str | None:
    """``"server"`` or ``"refused"`` when the batch's content may cause ``exc``, else None."""
    if isinstance(exc, ReplyCut):
        return None
    if isinstance(exc, ServerError) and exc.status_code in UNAVAILABLE_CODES:
        return None
    if isinstance(exc, (ServerError, BadReply)):
        return "server"
    if isinstance(exc, Rejected4xx) and exc.status_code in REFUSED_CODES:
        return "refused"
    return None


def attention_reason(exc: SyncError) -> str:
    """What the attention list says about an edit moved there for ``exc``."""
    if isinstance(exc, Rejected4xx):
        detail = _short(exc.detail)
        return f"{SERVER_REFUSED}（HTTP {exc.status_code}：{detail}），已移到待处理列表"
    if isinstance(exc, ServerError):
        what = f"HTTP {exc.status_code}：{_short(exc.detail)}"
    else:
        what = _short(exc.message)
    return f"{SERVER_FAILED}（{what}），已移到待处理列表"


def _short(detail: object) -> str:
    text = str(detail or "").strip() or "无详情"
    return text if len(text) <= _DETAIL_CHARS else text[:_DETAIL_CHARS] + "…"


class PushFailures:
    """The engine's memory of failing pushes (in memory: a restart only starts counting anew)."""

    def __init__(self) -> None:
        self._head: UUID | None = None
        self._in_a_row = 0
        self._strikes: dict[UUID, int] = {}

    def split_now(self, batch: list[Mutation], exc: SyncError) -> bool:
        """Record that ``batch`` failed with ``exc``; True when it is to be split now."""
        kind = blame(exc)
        if kind is None or not batch:
            return False
        head = batch[0].mutation_id
        if head != self._head:
            self._head, self._in_a_row = head, 0
        self._in_a_row += 1
        return (
            kind == "refused"
            or self._in_a_row >= ISOLATE_AFTER
            or any(m.mutation_id in self._strikes for m in batch)
        )

    def delivered(self, mutation_ids: Iterable[UUID]) -> None:
        """The server answered these: forget their failures."""
        for mid in mutation_ids:
            self._strikes.pop(mid, None)
            if mid == self._head:
                self._head, self._in_a_row = None, 0

    def strike(self, m: Mutation, exc: SyncError) -> bool:
        """``m`` failed on its own (the server answered other pushes): True when it is to move."""
        kind = blame(exc) or "server"
        n = self._strikes.get(m.mutation_id, 0) + 1
        if n >= QUARANTINE_AFTER[kind]:
            self._strikes.pop(m.mutation_id, None)
            return True
        self._strikes[m.mutation_id] = n
        return False
