"""What every library service shares: refusals with their HTTP status, the sensitive-word
matcher, audit and the one-transaction wrapper the admin routes use.

Services refuse with :class:`~guide_server.services.rejection.Rejected` (the push path's
exception), so one function serves a push handler, an admin route and an import; an
admin route answers it with :func:`http_status` and ``{"detail": reason}``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guide_core.rules import Code, Refusal
from guide_core.sensitive import Matcher
from guide_server.audit import record
from guide_server.db import Database
from guide_server.models import SensitiveWord, SyncRow
from guide_server.reader import Reader
from guide_server.services.rejection import Rejected

T = TypeVar("T")


class NotFound(Rejected):
    """The row a request's path names does not exist (or is not the caller's to see): 404."""

    status = 404


#: HTTP status of a refusal by its code (anything else: 422, the request's content).
_STATUS = {
    Code.FORBIDDEN: 403,
    Code.NOT_OWNER: 403,
    Code.OTHER_STORE: 403,
    Code.ALREADY_EXISTS: 409,
    Code.ALREADY_DECIDED: 409,
    Code.GROUP_NOT_EMPTY: 409,
}


def http_status(exc: Rejected) -> int:
    return getattr(exc, "status", None) or _STATUS.get(exc.code, 422)


def refuse_if(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise Rejected(refusal)


def not_found(code: Code, item_id: str) -> NotFound:
    return NotFound(Refusal(code, item_id))


def audit(session: Session, reader: Reader | None, action: str, detail: str) -> None:
    record(session, reader, action, detail, username="" if reader else "import")


def run(db: Database, reader: Reader, what: str, work: Callable[[Session], T]) -> T:
    """``work`` in one write transaction; a permission refusal is audited in its own."""
    try:
        with db.write() as session:
            return work(session)
    except Rejected as exc:
        if exc.denied:
            with db.write() as session:
                audit(session, reader, "denied", f"{what}: {exc.code} {exc.reason}")
        raise


def read(db: Database, work: Callable[[Session], T]) -> T:
    with db.read() as session:
        return work(session)


# --------------------------------------------------------------------------- sensitive words

_lock = threading.Lock()
_cached: dict[str, tuple[tuple[int, int], Matcher]] = {}


def word_list_version(session: Session) -> tuple[int, int]:
    """Changes whenever a sensitive word is added, edited or removed (its change index)."""
    row = session.execute(
        select(func.count(), func.coalesce(func.max(SyncRow.version), 0)).where(
            SyncRow.entity == "sensitive_word"
        )
    ).one()
    return int(row[0]), int(row[1])


def sensitive_matcher(session: Session) -> Matcher:
    """One :class:`Matcher` over the ``sensitive_word`` table, rebuilt when the list changes.

    Cached per database (the key is the engine's URL) and list version, so a request
    costs one small query, not an automaton build.
    """
    key = str(session.get_bind().url)
    version = word_list_version(session)
    with _lock:
        hit = _cached.get(key)
        if hit is not None and hit[0] == version:
            return hit[1]
    words = session.execute(select(SensitiveWord.word, SensitiveWord.severity)).all()
    matcher = Matcher((w, s) for w, s in words)
    with _lock:
        _cached[key] = (version, matcher)
    return matcher
